package cfront

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ferry/internal/diag"
)

// cc/v4's include depth limit does not take effect (its level counter is
// decremented as soon as the included file is pushed), so a header that
// includes itself without a guard recursed until the expansion limit:
// minutes and gigabytes, then a panic inside cc/v4. checkRecursion finds
// such cycles before translation, by a textual scan of the quoted includes
// reachable from the primaries: a cycle in which no file has an include
// guard (#pragma once, or #ifndef X / #define X as its first directives) is
// an input error at the #include that closes it. (A cycle with one guarded
// file stops at its second entry, as gcc's does.) A file that includes
// itself on purpose under a changing condition (self-iteration) is rejected
// too; that trick does not occur in headers meant for bindings.

// maxScan bounds the scan: the number of files it reads.
const maxScan = 2000

type incLine struct {
	target string // resolved path
	line   int
	col    int
}

type scanned struct {
	guarded bool
	incs    []incLine
}

// checkRecursion returns a diagnostic for the first unguarded include
// cycle reachable from primaries, or nil. includeDirs are searched after the
// including file's directory, as for #include "...".
func checkRecursion(primaries, includeDirs []string) *diag.Diagnostic {
	files := map[string]*scanned{}
	const (
		white = iota
		grey
		black
	)
	state := map[string]int{}
	var found *diag.Diagnostic
	var stack []string
	var visit func(p string) bool
	visit = func(p string) bool {
		state[p] = grey
		stack = append(stack, p)
		s := files[p]
		if s == nil {
			if len(files) >= maxScan {
				state[p] = black
				return false
			}
			s = scanIncludes(p, includeDirs)
			files[p] = s
		}
		for _, in := range s.incs {
			switch state[in.target] {
			case grey:
				if unguardedCycle(stack, in.target, files) {
					found = &diag.Diagnostic{Severity: diag.Error, Code: codeSyntax,
						Pos:     diag.Pos{File: p, Line: in.line, Col: in.col},
						Message: fmt.Sprintf("recursive #include of %s: no file on the cycle has an include guard", filepath.Base(in.target))}
					return true
				}
			case white:
				if visit(in.target) {
					return true
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[p] = black
		return false
	}
	for _, p := range primaries {
		if state[p] == white && visit(p) {
			return found
		}
	}
	return nil
}

// unguardedCycle reports whether the cycle from target to the top of the
// stack recurses forever: only when none of its files has a guard.
func unguardedCycle(stack []string, target string, files map[string]*scanned) bool {
	for i := len(stack) - 1; i >= 0; i-- {
		if f := files[stack[i]]; f == nil || f.guarded {
			return false
		}
		if stack[i] == target {
			return true
		}
	}
	return false
}

// scanIncludes reads p and returns its guard status and resolved quoted
// includes. Unreadable files scan as empty: the translation reports them.
func scanIncludes(p string, includeDirs []string) *scanned {
	s := &scanned{}
	data, err := os.ReadFile(p)
	if err != nil {
		return s
	}
	dir := filepath.Dir(p)
	var directives []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	inComment := false
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if inComment {
			i := strings.Index(line, "*/")
			if i < 0 {
				continue
			}
			line, inComment = line[i+2:], false
		}
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "/*") && !strings.Contains(t, "*/") {
			inComment = true
			continue
		}
		if !strings.HasPrefix(t, "#") {
			continue
		}
		d := strings.TrimSpace(t[1:])
		if len(directives) < 2 {
			directives = append(directives, d)
		}
		rest, ok := strings.CutPrefix(d, "include")
		if !ok {
			continue
		}
		rest = strings.TrimSpace(rest)
		if !strings.HasPrefix(rest, `"`) {
			continue
		}
		name, _, ok := strings.Cut(rest[1:], `"`)
		if !ok || name == "" {
			continue
		}
		for _, d := range append([]string{dir}, includeDirs...) {
			c := name
			if !filepath.IsAbs(c) {
				c = filepath.Join(d, name)
			}
			if fi, err := os.Stat(c); err == nil && fi.Mode().IsRegular() {
				if a, err := filepath.Abs(c); err == nil {
					c = a
				}
				s.incs = append(s.incs, incLine{target: c, line: n, col: strings.Index(line, "#") + 1})
				break
			}
		}
	}
	s.guarded = isGuard(directives)
	return s
}

// isGuard reports whether a file's first two directives form an include
// guard.
func isGuard(ds []string) bool {
	if len(ds) > 0 && strings.HasPrefix(ds[0], "pragma") && strings.Contains(ds[0], "once") {
		return true
	}
	if len(ds) < 2 {
		return false
	}
	var name string
	switch f := strings.Fields(strings.NewReplacer("(", " ", ")", " ", "!", " ! ").Replace(ds[0])); {
	case len(f) == 2 && f[0] == "ifndef":
		name = f[1]
	case len(f) == 4 && f[0] == "if" && f[1] == "!" && f[2] == "defined":
		name = f[3]
	default:
		return false
	}
	f := strings.Fields(ds[1])
	return len(f) >= 2 && f[0] == "define" && f[1] == name
}
