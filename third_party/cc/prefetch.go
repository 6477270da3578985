// Copyright 2026 The ferry Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cc // import "modernc.org/cc/v4"

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// prefetcher reads and scans, ahead of the preprocessor and in a goroutine
// of its own, the files that the #include directives of the files read so
// far name literally (Config.Concurrent). A file's scan has no effect but
// its group and its errors; the preprocessor takes them over when it
// includes the file, reporting the errors then, so the result is the same
// as scanning it at that moment. Directives in branches that turn out not
// to be taken cost a wasted scan, nothing else.
type prefetcher struct {
	cfg  *Config
	fset *fset

	mu      sync.Mutex
	wake    *sync.Cond
	work    []prefetchJob // a stack: the last file's includes first
	results map[string]*prefetched
	stopped bool
	done    chan struct{}

	predefined map[string]bool // the configuration's predefined macros
}

type prefetchJob struct {
	candidates []string // paths to try in order; the first that opens is the file
}

type prefetched struct {
	ready chan struct{}
	g     group
	err   error
	errs  []string // scan errors, reported when the file is included
	panic any      // a panic of the scan, raised again when it is included
}

func newPrefetcher(cfg *Config, fset *fset) *prefetcher {
	p := &prefetcher{cfg: cfg, fset: fset, results: map[string]*prefetched{}, done: make(chan struct{})}
	p.predefined = map[string]bool{}
	for _, ln := range strings.Split(cfg.Predefined, "\n") {
		if f := strings.Fields(ln); len(f) >= 2 && f[0] == "#define" {
			nm, _, _ := strings.Cut(f[1], "(")
			p.predefined[nm] = true
		}
	}
	p.wake = sync.NewCond(&p.mu)
	go p.run()
	return p
}

// seed schedules the files among sources, in order, so that the first is
// read while the preprocessor works through the pseudo sources before it.
// Sources with an FS of their own are left to the preprocessor.
func (p *prefetcher) seed(sources []Source) {
	var jobs []prefetchJob
	for _, src := range sources {
		if src.Value == nil && src.FS == nil {
			jobs = append(jobs, prefetchJob{candidates: []string{src.Name}})
		}
	}
	p.mu.Lock()
	for i := len(jobs) - 1; i >= 0; i-- {
		p.work = append(p.work, jobs[i])
	}
	p.wake.Signal()
	p.mu.Unlock()
}

// stop ends the goroutine and waits for it.
func (p *prefetcher) stop() {
	p.mu.Lock()
	p.stopped = true
	p.wake.Broadcast()
	p.mu.Unlock()
	<-p.done
}

// take returns the prefetch of name, waiting for it if under way, or nil
// when it was not asked for: then the caller reads the file itself and the
// prefetcher will not.
func (p *prefetcher) take(name string) *prefetched {
	p.mu.Lock()
	r, ok := p.results[name]
	if !ok {
		p.results[name] = nil // claimed by the preprocessor
	}
	p.mu.Unlock()
	if r == nil {
		return nil
	}
	<-r.ready
	return r
}

// enqueue schedules the literal includes of g, a group of the file name.
func (p *prefetcher) enqueue(name string, g group) {
	var jobs []prefetchJob
	p.collect(name, g, &jobs)
	if len(jobs) == 0 {
		return
	}
	p.mu.Lock()
	// Push in reverse so that the first include is taken first.
	for i := len(jobs) - 1; i >= 0; i-- {
		p.work = append(p.work, jobs[i])
	}
	p.wake.Signal()
	p.mu.Unlock()
}

func (p *prefetcher) collect(name string, g group, jobs *[]prefetchJob) {
	for _, part := range g {
		switch x := part.(type) {
		case controlLine:
			if j, ok := p.job(name, x); ok {
				*jobs = append(*jobs, j)
			}
		case *ifSection:
			// Branches known not to be taken are left out (see cond);
			// the rest, taken or not, are read ahead.
			taken := false
			branch := func(line []Token, g group) {
				if taken {
					return
				}
				switch p.cond(line) {
				case condFalse:
					return
				case condTrue:
					taken = true
				}
				p.collect(name, g, jobs)
			}
			if x.ifGroup != nil {
				branch(x.ifGroup.line, x.ifGroup.group)
			}
			for _, e := range x.elifGroups {
				branch(e.line, e.group)
			}
			if x.elseGroup != nil && !taken {
				p.collect(name, x.elseGroup.group, jobs)
			}
		}
	}
}

// job returns the candidate paths of `#include <x>`, `#include "x"` or
// their #include_next forms, found as cpp.include and cpp.includeNext
// search.
func (p *prefetcher) job(name string, ln controlLine) (prefetchJob, bool) {
	if len(ln) != 4 {
		return prefetchJob{}, false
	}
	verb, raw := ln[1].SrcStr(), ln[2].SrcStr()
	if verb != "include" && verb != "include_next" || len(raw) < 3 {
		return prefetchJob{}, false
	}
	nm := raw[1 : len(raw)-1]
	quoted := raw[0] == '"' && raw[len(raw)-1] == '"'
	if !quoted && !(raw[0] == '<' && raw[len(raw)-1] == '>' && !strings.ContainsAny(nm, "<>\"")) {
		return prefetchJob{}, false
	}
	var paths []string
	switch {
	case verb == "include_next":
		// The paths after the one the file was found in, guessed as
		// the first that holds it.
		paths = p.cfg.SysIncludePaths
		for i, v := range paths {
			if strings.HasPrefix(name, filepath.Clean(v)+string(filepath.Separator)) {
				paths = paths[i+1:]
				break
			}
		}
	case quoted:
		paths = p.cfg.IncludePaths
	default:
		paths = p.cfg.SysIncludePaths
	}
	var j prefetchJob
	for _, v := range paths {
		if quoted && verb == "include" && (v == "" || v == "@") {
			// cpp.include takes the directory of the directive's
			// position; it is the file's own unless a #line says
			// otherwise, and then this guess only costs a scan.
			v, _ = filepath.Split(name)
			v = filepath.Clean(v)
		}
		j.candidates = append(j.candidates, filepath.Join(v, nm))
	}
	return j, len(j.candidates) != 0
}

func (p *prefetcher) run() {
	defer close(p.done)
	for {
		p.mu.Lock()
		for len(p.work) == 0 && !p.stopped {
			p.wake.Wait()
		}
		if p.stopped {
			p.mu.Unlock()
			return
		}
		j := p.work[len(p.work)-1]
		p.work = p.work[:len(p.work)-1]
		p.mu.Unlock()
		for _, name := range j.candidates {
			r := p.scan(name)
			if r == nil || r.err == nil {
				break // the preprocessor's, or found
			}
		}
		// Reading ahead is the least urgent of the front end's
		// goroutines: the preprocessor may be waiting for a core.
		runtime.Gosched()
	}
}

// scan prefetches name unless it is claimed or done; it returns the
// result, or nil when the preprocessor has it.
func (p *prefetcher) scan(name string) *prefetched {
	p.mu.Lock()
	if r, ok := p.results[name]; ok {
		p.mu.Unlock()
		if r != nil {
			<-r.ready
		}
		return r
	}
	r := &prefetched{ready: make(chan struct{})}
	p.results[name] = r
	p.mu.Unlock()

	func() {
		// A panic belongs to the preprocessor's goroutine, where the
		// scan would have run (group0 raises it again): on this one it
		// would end the process.
		defer func() {
			if e := recover(); e != nil {
				r.panic, r.err = e, fmt.Errorf("%v", e)
			}
		}()
		r.g, r.err = scanGroup(p.cfg, p.fset, Source{Name: name}, func(msg string, args ...interface{}) {
			r.errs = append(r.errs, fmt.Sprintf(msg, args...))
		})
	}()
	close(r.ready)
	if r.err == nil {
		func() {
			// Reading ahead is only ever a guess: a panic while
			// looking for includes costs the prefetches, nothing else.
			defer func() { recover() }()
			p.enqueue(name, r.g)
		}()
	}
	return r
}

// A guess at a conditional directive, for reading ahead only: a wrong
// guess costs a scan or a missed prefetch, never a different result.
const (
	condUnknown = iota
	condFalse
	condTrue
)

// foreignMacros name other platforms and compilers: no header defines
// them, so unless the configuration predefines one, it is undefined.
var foreignMacros = map[string]bool{
	"_WIN32": true, "_WIN64": true, "WIN32": true, "_MSC_VER": true, "__MINGW32__": true,
	"__MINGW64__": true, "__CYGWIN__": true, "__APPLE__": true, "__MACH__": true,
	"__cplusplus": true, "__ANDROID__": true, "__FreeBSD__": true, "__OpenBSD__": true,
	"__NetBSD__": true, "__DragonFly__": true, "__sun": true, "_AIX": true, "__OS2__": true,
	"__HAIKU__": true, "__MVS__": true, "__EMSCRIPTEN__": true, "__BORLANDC__": true,
	"__WATCOMC__": true, "__INTEL_COMPILER": true, "__clang__": true, "_WIN32_WCE": true,
}

// absent reports whether nm is surely not a defined macro.
func (p *prefetcher) absent(nm string) bool { return foreignMacros[nm] && !p.predefined[nm] }

// zero reports whether nm surely expands to nothing or 0 in #if.
func (p *prefetcher) zero(nm string) bool {
	// glibc's features.h sets it from _FORTIFY_SOURCE.
	if nm == "__USE_FORTIFY_LEVEL" {
		return !p.predefined["_FORTIFY_SOURCE"]
	}
	return p.absent(nm)
}

// cond guesses an #if, #ifdef, #ifndef or #elif line: false when its first
// operand of a chain of && surely is, true for #ifndef of an absent name.
func (p *prefetcher) cond(line []Token) int {
	var t []string
	for _, v := range line {
		switch v.Ch {
		case ' ', '\n':
			continue
		}
		t = append(t, v.SrcStr())
	}
	if len(t) < 3 || t[0] != "#" {
		return condUnknown
	}
	switch t[1] {
	case "ifdef":
		if p.absent(t[2]) {
			return condFalse
		}
	case "ifndef":
		if p.absent(t[2]) {
			return condTrue
		}
	case "if", "elif":
		e := t[2:]
		for _, v := range e {
			if v == "||" || v == "?" {
				return condUnknown
			}
		}
		rest := e
		switch {
		case len(e) >= 4 && e[0] == "defined" && e[1] == "(" && e[3] == ")":
			if !p.absent(e[2]) {
				return condUnknown
			}
			rest = e[4:]
		case len(e) >= 2 && e[0] == "defined":
			if !p.absent(e[1]) {
				return condUnknown
			}
			rest = e[2:]
		case p.zero(e[0]):
			rest = e[1:]
			if len(rest) >= 2 && rest[0] == ">" && rest[1] == "0" {
				rest = rest[2:]
			}
		default:
			return condUnknown
		}
		if len(rest) == 0 || rest[0] == "&&" {
			return condFalse
		}
	}
	return condUnknown
}
