package cfront

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ferry/internal/diag"
)

// cc/v4's include depth limit does not take effect (its level counter is
// decremented as soon as the included file is pushed), so a header that
// includes itself without a guard recursed until the expansion limit:
// minutes and gigabytes, then a panic inside cc/v4. checkRecursion runs
// first: it follows the quoted includes reachable from the primaries the
// way the preprocessor takes them, on the directives alone, and reports an
// input error at the #include that would nest more than gcc's 200 levels.
//
// The simulation tracks which macros are defined (and plain integer
// values) from the predefined sources, #define and #undef, and evaluates
// #ifdef, #ifndef and #if/#elif over defined(), integers and operators, so
// an include guard or `#pragma once` stops a cycle at its second entry and
// an X-macro list that includes itself only under `#if defined(NEVER)`
// (fribidi-bidi-types-list.h) is not followed. A condition it cannot
// evaluate (a function-like macro, __has_include, a macro from a header it
// does not read) counts as true: a self-include under such a condition is
// followed and, if nothing it can see stops it, rejected at depth 200. Angle
// includes are not followed (their macros count as undefined).

// maxIncludeDepth is gcc's include nesting limit.
const maxIncludeDepth = 200

// maxSimSteps bounds the simulation (directives processed); past it the
// check gives up and cc/v4's own limits apply.
const maxSimSteps = 2_000_000

// directive is one preprocessing directive of a file.
type directive struct {
	name string // "include", "define", "if", ...
	arg  string // the rest of the line, comments removed
	line int
	col  int
}

// recSim is the state of one simulation.
type recSim struct {
	includeDirs []string
	files       map[string][]directive
	macros      map[string]string // defined macros: name → body
	once        map[string]bool
	steps       int
	stack       []string
}

// checkRecursion returns a diagnostic for an #include nested more than
// maxIncludeDepth levels from primaries, or nil. predefined holds the
// #define lines in effect before the primaries; includeDirs are searched
// after the including file's directory, as for #include "...".
func checkRecursion(primaries, includeDirs []string, predefined string) *diag.Diagnostic {
	s := &recSim{includeDirs: includeDirs, files: map[string][]directive{}, macros: map[string]string{}, once: map[string]bool{}}
	for _, d := range parseDirectives([]byte(predefined)) {
		s.define(d)
	}
	for _, p := range primaries {
		if d, _ := s.run(p, nil); d != nil {
			return d
		}
	}
	return nil
}

func (s *recSim) define(d directive) {
	switch d.name {
	case "define":
		name, body := splitDefine(d.arg)
		if name != "" {
			s.macros[name] = body
		}
	case "undef":
		delete(s.macros, strings.TrimSpace(d.arg))
	}
}

// fnMacroBody stands for the body of a function-like macro, which the
// simulation never expands.
const fnMacroBody = "\x00fn"

// splitDefine splits a #define's argument into the name and the body
// (fnMacroBody for a function-like macro).
func splitDefine(arg string) (string, string) {
	arg = strings.TrimSpace(arg)
	i := 0
	for i < len(arg) && (isIdentStart(arg[i]) || i > 0 && arg[i] >= '0' && arg[i] <= '9') {
		i++
	}
	if i == 0 {
		return "", ""
	}
	if i < len(arg) && arg[i] == '(' {
		return arg[:i], fnMacroBody
	}
	return arg[:i], strings.TrimSpace(arg[i:])
}

// run simulates the preprocessing of file p, included from inc (nil for a
// primary). stop reports that the step budget ran out.
func (s *recSim) run(p string, inc *directive) (d *diag.Diagnostic, stop bool) {
	if s.once[p] {
		return nil, false
	}
	ds, ok := s.files[p]
	if !ok {
		b, err := os.ReadFile(p)
		if err == nil {
			ds = parseDirectives(b)
		}
		s.files[p] = ds // unreadable: empty, the translation reports it
	}
	s.stack = append(s.stack, p)
	defer func() { s.stack = s.stack[:len(s.stack)-1] }()
	// cond is the #if stack: taking (this group is processed), done (a
	// branch of this #if was taken), outer (the enclosing group is taken).
	type cond struct{ taking, done, outer bool }
	var conds []cond
	active := func() bool { return len(conds) == 0 || conds[len(conds)-1].taking }
	for i := range ds {
		d := &ds[i]
		if s.steps++; s.steps > maxSimSteps {
			return nil, true
		}
		switch d.name {
		case "if", "ifdef", "ifndef":
			outer := active()
			t := false
			if outer {
				t = s.condition(d)
			}
			conds = append(conds, cond{taking: outer && t, done: t, outer: outer})
			continue
		case "elif", "elifdef", "elifndef":
			if n := len(conds); n > 0 {
				c := &conds[n-1]
				t := c.outer && !c.done && s.condition(d)
				c.taking, c.done = t, c.done || t
			}
			continue
		case "else":
			if n := len(conds); n > 0 {
				c := &conds[n-1]
				c.taking, c.done = c.outer && !c.done, true
			}
			continue
		case "endif":
			if n := len(conds); n > 0 {
				conds = conds[:n-1]
			}
			continue
		}
		if !active() {
			continue
		}
		switch d.name {
		case "define", "undef":
			s.define(*d)
		case "pragma":
			if strings.TrimSpace(d.arg) == "once" {
				s.once[p] = true
			}
		case "include":
			t := s.resolve(p, d.arg)
			if t == "" {
				continue
			}
			if len(s.stack) >= maxIncludeDepth {
				return &diag.Diagnostic{Severity: diag.Error, Code: codeSyntax,
					Pos:     diag.Pos{File: p, Line: d.line, Col: d.col},
					Message: fmt.Sprintf("#include nested %d levels deep: %s includes itself without an include guard that stops it", maxIncludeDepth, filepath.Base(t))}, true
			}
			if r, stop := s.run(t, d); r != nil || stop {
				return r, stop
			}
		}
	}
	return nil, false
}

// resolve returns the file a quoted #include names, or "".
func (s *recSim) resolve(from, arg string) string {
	arg = strings.TrimSpace(arg)
	if !strings.HasPrefix(arg, `"`) {
		return ""
	}
	name, _, ok := strings.Cut(arg[1:], `"`)
	if !ok || name == "" {
		return ""
	}
	if filepath.IsAbs(name) {
		return regular(name)
	}
	for _, d := range append([]string{filepath.Dir(from)}, s.includeDirs...) {
		if d == "" || d == "@" {
			continue
		}
		if r := regular(filepath.Join(d, name)); r != "" {
			return r
		}
	}
	return ""
}

func regular(p string) string {
	if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
		return ""
	}
	if a, err := filepath.Abs(p); err == nil {
		p = a
	}
	return filepath.Clean(p)
}

// condition evaluates an #if, #ifdef, ... directive; what it cannot
// evaluate is true.
func (s *recSim) condition(d *directive) bool {
	name := strings.TrimSpace(d.arg)
	switch d.name {
	case "ifdef", "elifdef":
		_, ok := s.macros[name]
		return ok
	case "ifndef", "elifndef":
		_, ok := s.macros[name]
		return !ok
	}
	e := &ppExpr{src: d.arg, macros: s.macros}
	v, known := e.cond()
	return !known || v != 0
}

// parseDirectives returns the directives of a source: backslash-newlines
// joined and comments removed.
func parseDirectives(b []byte) []directive {
	var out []directive
	line := 1
	bol := true // only blanks since the start of the line
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\n':
			line++
			bol = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			i++
		case c == '/' && i+1 < len(b) && b[i+1] == '*':
			j := strings.Index(string(b[i+2:]), "*/")
			end := len(b)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			line += strings.Count(string(b[i:end]), "\n")
			i = end
		case c == '/' && i+1 < len(b) && b[i+1] == '/':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '#' && bol:
			col := i - lastNL(b, i)
			start := line
			var text strings.Builder
			i++
			for i < len(b) && b[i] != '\n' {
				switch {
				case b[i] == '\\' && i+1 < len(b) && b[i+1] == '\n':
					line++
					i += 2
				case b[i] == '\\' && i+2 < len(b) && b[i+1] == '\r' && b[i+2] == '\n':
					line++
					i += 3
				case b[i] == '/' && i+1 < len(b) && b[i+1] == '*':
					j := strings.Index(string(b[i+2:]), "*/")
					end := len(b)
					if j >= 0 {
						end = i + 2 + j + 2
					}
					line += strings.Count(string(b[i:end]), "\n")
					text.WriteByte(' ')
					i = end
				case b[i] == '/' && i+1 < len(b) && b[i+1] == '/':
					for i < len(b) && b[i] != '\n' {
						i++
					}
				case b[i] == '"' || b[i] == '\'':
					q := b[i]
					text.WriteByte(q)
					i++
					for i < len(b) && b[i] != q && b[i] != '\n' {
						if b[i] == '\\' && i+1 < len(b) {
							text.WriteByte(b[i])
							i++
						}
						text.WriteByte(b[i])
						i++
					}
					if i < len(b) && b[i] == q {
						text.WriteByte(q)
						i++
					}
				default:
					text.WriteByte(b[i])
					i++
				}
			}
			t := strings.TrimLeft(text.String(), " \t")
			n := 0
			for n < len(t) && (isIdentStart(t[n]) || t[n] >= '0' && t[n] <= '9') {
				n++
			}
			if n > 0 {
				out = append(out, directive{name: t[:n], arg: t[n:], line: start, col: col})
			}
			bol = false
		default:
			bol = false
			if c == '"' || c == '\'' {
				i++
				for i < len(b) && b[i] != c && b[i] != '\n' {
					if b[i] == '\\' {
						i++
					}
					i++
				}
			}
			i++
		}
	}
	return out
}

// lastNL returns the offset of the newline before i, or -1.
func lastNL(b []byte, i int) int {
	for j := i - 1; j >= 0; j-- {
		if b[j] == '\n' {
			return j
		}
	}
	return -1
}
