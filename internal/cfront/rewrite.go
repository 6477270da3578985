package cfront

import (
	"bytes"
	"strings"
)

// Markers left in the separator before a rewritten `_Nonnull` token. cc/v4
// keeps a token's preceding whitespace (also through macro expansion), so the
// kind of nullability survives the rewrite without moving any column.
const (
	markNullable    = '\f' // `_Nullable` → "\f_Nonnull"
	markUnspecified = '\v' // `_Null_unspecified` → "\v\v\v\v\v\v\v\v\v_Nonnull"
	packPrefix      = "ferry-pack:"
)

// rewriteSource rewrites what cc/v4 cannot parse, keeping every line in
// place (and every column, outside #define and #pragma lines):
//   - `_Nullable`, `_Null_unspecified` → `_Nonnull` plus a marker;
//   - C23 `[[attr, ...]]` → `/*attr, ...*/` (read back from token
//     separators), or `__attribute__((...))` inside #define lines so the
//     attribute reaches every expansion;
//   - `#pragma pack(...)` → `_Static_assert(1, "ferry-pack:...");`, which keeps
//     the pragma's place among the parsed tokens (cc/v4 ignores pragmas);
//     so does `_Pragma("pack(...)")`, in #define bodies too, so that its
//     expansions carry the marker (a _Static_assert may stand at file scope
//     and among struct members, where pack pragmas go).
//
// It also returns the names of the file's `#include "..."` directives.
func rewriteSource(src []byte) (out []byte, quoted []string, changed bool) {
	needRewrite := bytes.Contains(src, []byte("_Null")) || bytes.Contains(src, []byte("[[")) || bytes.Contains(src, []byte("ragma")) ||
		bytes.Contains(src, []byte("enum __attribute"))
	if !needRewrite {
		return src, quotedIncludes(src), false
	}
	w := &rewriter{src: src, out: make([]byte, 0, len(src)+64)}
	w.run()
	return w.out, w.quoted, !bytes.Equal(w.out, src)
}

// quotedIncludes is the fast path of rewriteSource: only the includes.
func quotedIncludes(src []byte) (r []string) {
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("include"))
		if j < 0 {
			return r
		}
		j += i
		i = j + 7
		// The directive must start its line: only blanks and '#' before.
		k := j - 1
		for k >= 0 && (src[k] == ' ' || src[k] == '\t') {
			k--
		}
		if k < 0 || src[k] != '#' {
			continue
		}
		k--
		for k >= 0 && (src[k] == ' ' || src[k] == '\t') {
			k--
		}
		if k >= 0 && src[k] != '\n' {
			continue
		}
		if name, ok := quotedName(src[i:]); ok {
			r = append(r, name)
		}
	}
}

// quotedName parses ` "name"` at the start of b.
func quotedName(b []byte) (string, bool) {
	b = bytes.TrimLeft(b, " \t")
	if len(b) == 0 || b[0] != '"' {
		return "", false
	}
	e := bytes.IndexAny(b[1:], "\"\n")
	if e < 0 || b[1+e] != '"' {
		return "", false
	}
	return string(b[1 : 1+e]), true
}

type rewriter struct {
	src    []byte
	out    []byte
	i      int
	quoted []string
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

func (w *rewriter) run() {
	lineStart := true
	for w.i < len(w.src) {
		c := w.src[w.i]
		switch {
		case c == '\n':
			lineStart = true
			w.out = append(w.out, c)
			w.i++
			continue
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			w.out = append(w.out, c)
			w.i++
			continue
		case c == '#' && lineStart:
			w.directive()
			continue
		}
		lineStart = false
		w.token(false)
	}
}

// token copies or rewrites one token (or comment) at w.i. inDefine selects
// the #define form of the C23 attribute rewrite.
func (w *rewriter) token(inDefine bool) {
	src, i := w.src, w.i
	c := src[i]
	switch {
	case c == '/' && i+1 < len(src) && src[i+1] == '*':
		e := bytes.Index(src[i+2:], []byte("*/"))
		end := len(src)
		if e >= 0 {
			end = i + 2 + e + 2
		}
		w.out = append(w.out, src[i:end]...)
		w.i = end
	case c == '/' && i+1 < len(src) && src[i+1] == '/':
		e := bytes.IndexByte(src[i:], '\n')
		end := len(src)
		if e >= 0 {
			end = i + e
		}
		w.out = append(w.out, src[i:end]...)
		w.i = end
	case c == '"' || c == '\'':
		end := skipQuoted(src, i)
		w.out = append(w.out, src[i:end]...)
		w.i = end
	case isIdentStart(c):
		j := i + 1
		for j < len(src) && isIdentChar(src[j]) {
			j++
		}
		switch id := string(src[i:j]); id {
		case "_Nullable":
			w.out = append(w.out, markNullable)
			w.out = append(w.out, "_Nonnull"...)
		case "_Null_unspecified":
			w.out = append(w.out, "\v\v\v\v\v\v\v\v\v_Nonnull"...)
		case "enum":
			w.out = append(w.out, id...)
			w.i = j
			w.enumAttr()
			return
		case "_Pragma":
			if end, args, ok := pragmaPack(src, j); ok {
				w.out = append(w.out, `_Static_assert(1, "`+packPrefix+args+`");`...)
				// Keep the lines of spliced continuations in place.
				for range bytes.Count(src[j:end], []byte{'\n'}) {
					w.out = append(w.out, " \\\n"...)
				}
				w.i = end
				return
			}
			w.out = append(w.out, id...)
		default:
			w.out = append(w.out, src[i:j]...)
		}
		w.i = j
	case c >= '0' && c <= '9':
		j := i + 1
		for j < len(src) && (isIdentChar(src[j]) || src[j] == '.' || (src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E' || src[j-1] == 'p' || src[j-1] == 'P')) {
			j++
		}
		w.out = append(w.out, src[i:j]...)
		w.i = j
	case c == '[' && i+1 < len(src) && src[i+1] == '[':
		if end, inner, ok := c23Attr(src, i); ok {
			if inDefine {
				if g := translateC23(inner); g != "" {
					w.out = append(w.out, "__attribute__(("+g+"))"...)
				} else {
					w.out = append(w.out, bytes.Repeat([]byte{' '}, end-i)...)
				}
			} else {
				w.out = append(w.out, "/*"...)
				w.out = append(w.out, strings.ReplaceAll(inner, "*/", "**")...)
				w.out = append(w.out, "*/"...)
			}
			w.i = end
			return
		}
		w.out = append(w.out, c)
		w.i++
	default:
		w.out = append(w.out, c)
		w.i++
	}
}

// enumAttr turns `__attribute__((...))` right after `enum`, which cc/v4
// cannot parse, into a comment of the same length that gapAttrs reads back:
// `/*attribute__((packed*/`.
func (w *rewriter) enumAttr() {
	src := w.src
	j := w.i
	for j < len(src) && (src[j] == ' ' || src[j] == '\t' || src[j] == '\n') {
		j++
	}
	k := j
	for k < len(src) && isIdentChar(src[k]) {
		k++
	}
	if id := string(src[j:k]); id != "__attribute__" && id != "__attribute" {
		return
	}
	depth, e := 0, k
	for ; e < len(src); e++ {
		if src[e] == '(' {
			depth++
		} else if src[e] == ')' {
			depth--
			if depth == 0 {
				break
			}
		} else if src[e] == '"' {
			e = skipQuoted(src, e) - 1
		} else if depth == 0 && src[e] != ' ' && src[e] != '\t' {
			return
		}
	}
	if e >= len(src) || e-j < 6 || bytes.Contains(src[j:e+1], []byte("*/")) {
		return
	}
	w.out = append(w.out, src[w.i:j]...)
	w.out = append(w.out, "/*"...)
	w.out = append(w.out, src[j+2:e-1]...)
	w.out = append(w.out, "*/"...)
	w.i = e + 1
}

// skipQuoted returns the end of the string or character literal at i.
func skipQuoted[T string | []byte](src T, i int) int {
	q := src[i]
	j := i + 1
	for j < len(src) {
		switch src[j] {
		case '\\':
			j += 2
			continue
		case q:
			return j + 1
		case '\n':
			return j
		}
		j++
	}
	return len(src)
}

// c23Attr recognizes `[[ ident ... ]]` at i and returns the end offset and
// the text between the brackets.
func c23Attr(src []byte, i int) (end int, inner string, ok bool) {
	j := i + 2
	for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
		j++
	}
	if j >= len(src) || !isIdentStart(src[j]) {
		return 0, "", false
	}
	depth := 0
	for j < len(src) {
		switch c := src[j]; c {
		case '"', '\'':
			j = skipQuoted(src, j)
			continue
		case '(', '[':
			depth++
		case ')':
			depth--
		case ']':
			if depth == 0 && j+1 < len(src) && src[j+1] == ']' {
				return j + 2, string(src[i+2 : j]), true
			}
			depth--
		case ';', '{', '}':
			return 0, "", false
		}
		j++
	}
	return 0, "", false
}

// directive handles a preprocessing directive line starting at w.i ('#').
func (w *rewriter) directive() {
	src := w.src
	// Find the logical line end (backslash continuations).
	end := w.i
	for {
		e := bytes.IndexByte(src[end:], '\n')
		if e < 0 {
			end = len(src)
			break
		}
		end += e
		if end > 0 && src[end-1] == '\\' || end > 1 && src[end-1] == '\r' && src[end-2] == '\\' {
			end++
			continue
		}
		break
	}
	line := src[w.i:end]
	j := 1
	for j < len(line) && (line[j] == ' ' || line[j] == '\t') {
		j++
	}
	k := j
	for k < len(line) && isIdentChar(line[k]) {
		k++
	}
	switch string(line[j:k]) {
	case "include":
		if name, ok := quotedName(line[k:]); ok {
			w.quoted = append(w.quoted, name)
		}
	case "pragma":
		rest := bytes.TrimLeft(line[k:], " \t")
		if bytes.HasPrefix(rest, []byte("pack")) {
			args := packArgs(rest[4:])
			w.out = append(w.out, `_Static_assert(1, "`+packPrefix+args+`");`...)
			w.out = append(w.out, bytes.Repeat([]byte{'\n'}, bytes.Count(line, []byte{'\n'}))...)
			w.i = end
			return
		}
	case "define":
		w.out = append(w.out, line[:k]...)
		w.i += k
		for w.i < end {
			c := src[w.i]
			if c == ' ' || c == '\t' || c == '\\' || c == '\n' || c == '\r' {
				w.out = append(w.out, c)
				w.i++
				continue
			}
			w.token(true)
		}
		return
	}
	// Other directives: copy, but still rewrite nullability keywords.
	for w.i < end {
		c := src[w.i]
		if c == ' ' || c == '\t' || c == '\\' || c == '\n' || c == '\r' || c == '#' {
			w.out = append(w.out, c)
			w.i++
			continue
		}
		w.token(false)
	}
}

// pragmaPack recognizes `("pack(...)")` after a `_Pragma` ending at i and
// returns its end and the pack arguments. Blanks and backslash-newlines (in
// a #define) may separate the tokens; the string may not span lines.
func pragmaPack(src []byte, i int) (end int, args string, ok bool) {
	skip := func(i int) int {
		for i < len(src) {
			switch {
			case src[i] == ' ' || src[i] == '\t':
				i++
			case src[i] == '\\' && i+1 < len(src) && src[i+1] == '\n':
				i += 2
			case src[i] == '\\' && i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n':
				i += 3
			default:
				return i
			}
		}
		return i
	}
	i = skip(i)
	if i >= len(src) || src[i] != '(' {
		return 0, "", false
	}
	i = skip(i + 1)
	if i >= len(src) || src[i] != '"' {
		return 0, "", false
	}
	e := skipQuoted(src, i)
	if e <= i+1 || src[e-1] != '"' {
		return 0, "", false
	}
	body := bytes.TrimSpace(src[i+1 : e-1])
	if !bytes.HasPrefix(body, []byte("pack")) || len(body) > 4 && isIdentChar(body[4]) {
		return 0, "", false
	}
	j := skip(e)
	if j >= len(src) || src[j] != ')' {
		return 0, "", false
	}
	return j + 1, packArgs(body[4:]), true
}

// packArgs returns the arguments of a pack pragma, blanks removed, e.g.
// "push,2" for `pack(push, 2)`.
func packArgs(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '(' {
		return ""
	}
	e := bytes.IndexByte(b, ')')
	if e < 0 {
		return ""
	}
	var s strings.Builder
	for _, c := range b[1:e] {
		if isIdentChar(c) || c == ',' {
			s.WriteByte(c)
		}
	}
	return s.String()
}

// translateC23 maps a C23 attribute list to the GNU attribute list that
// means the same, dropping attributes without a GNU meaning ferry uses.
func translateC23(inner string) string {
	var out []string
	for _, a := range splitTop(inner) {
		name, args := splitAttr(a)
		if g := c23ToGNU(name); g != "" {
			if g != "deprecated" && g != "nonnull" && g != "format" && g != "access" && g != "alloc_size" && g != "malloc" && g != "aligned" && g != "visibility" {
				args = ""
			}
			out = append(out, g+args)
		}
	}
	return strings.Join(out, ", ")
}

// c23ToGNU maps one C23 attribute name (possibly namespaced) to its GNU
// spelling, or "" when ferry has no use for it.
func c23ToGNU(name string) string {
	if ns, n, ok := strings.Cut(name, "::"); ok {
		ns = strings.TrimSpace(ns)
		if ns != "gnu" && ns != "__gnu__" {
			return ""
		}
		return strings.Trim(strings.TrimSpace(n), "_")
	}
	switch strings.Trim(name, "_") {
	case "deprecated":
		return "deprecated"
	case "nodiscard":
		return "warn_unused_result"
	case "noreturn", "Noreturn":
		return "noreturn"
	case "maybe_unused":
		return "unused"
	}
	return ""
}

// splitTop splits s at commas outside parentheses and strings.
func splitTop(s string) (r []string) {
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"', '\'':
			i = skipQuoted(s, i) - 1
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case ',':
			if depth == 0 {
				r = append(r, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		r = append(r, t)
	}
	return r
}

// splitAttr splits `name(args)` into "name" and "(args)".
func splitAttr(a string) (name, args string) {
	if p := strings.IndexByte(a, '('); p >= 0 {
		return strings.TrimSpace(a[:p]), strings.TrimSpace(a[p:])
	}
	return strings.TrimSpace(a), ""
}
