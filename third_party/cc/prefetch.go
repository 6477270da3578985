// Copyright 2026 The ferry Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package cc // import "modernc.org/cc/v4"

import (
	"fmt"
	"path/filepath"
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
}

type prefetchJob struct {
	candidates []string // paths to try in order; the first that opens is the file
}

type prefetched struct {
	ready chan struct{}
	g     group
	err   error
	errs  []string // scan errors, reported when the file is included
}

func newPrefetcher(cfg *Config, fset *fset) *prefetcher {
	p := &prefetcher{cfg: cfg, fset: fset, results: map[string]*prefetched{}, done: make(chan struct{})}
	p.wake = sync.NewCond(&p.mu)
	go p.run()
	return p
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
			if x.ifGroup != nil {
				p.collect(name, x.ifGroup.group, jobs)
			}
			for _, e := range x.elifGroups {
				p.collect(name, e.group, jobs)
			}
			if x.elseGroup != nil {
				p.collect(name, x.elseGroup.group, jobs)
			}
		}
	}
}

// job returns the candidate paths of `#include <x>` or `#include "x"`,
// found as cpp.include searches.
func (p *prefetcher) job(name string, ln controlLine) (prefetchJob, bool) {
	if len(ln) != 4 || ln[1].SrcStr() != "include" {
		return prefetchJob{}, false
	}
	raw := ln[2].SrcStr()
	if len(raw) < 3 {
		return prefetchJob{}, false
	}
	var j prefetchJob
	switch nm := raw[1 : len(raw)-1]; {
	case raw[0] == '"' && raw[len(raw)-1] == '"':
		for _, v := range p.cfg.IncludePaths {
			if v == "" || v == "@" {
				// cpp.include takes the directory of the directive's
				// position; it is the file's own unless a #line says
				// otherwise, and then this guess only costs a scan.
				v, _ = filepath.Split(name)
				v = filepath.Clean(v)
			}
			j.candidates = append(j.candidates, filepath.Join(v, nm))
		}
	case raw[0] == '<' && raw[len(raw)-1] == '>' && !strings.ContainsAny(nm, "<>\""):
		for _, v := range p.cfg.SysIncludePaths {
			j.candidates = append(j.candidates, filepath.Join(v, nm))
		}
	default:
		return prefetchJob{}, false
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

	r.g, r.err = scanGroup(p.cfg, p.fset, Source{Name: name}, func(msg string, args ...interface{}) {
		r.errs = append(r.errs, fmt.Sprintf(msg, args...))
	})
	close(r.ready)
	if r.err == nil {
		p.enqueue(name, r.g)
	}
	return r
}
