package cfront

import (
	"bytes"
	"strings"

	"modernc.org/cc/v4"
)

// comment is one comment found in a token separator or source span.
type comment struct {
	body     []byte // without markers, not yet cleaned (see text)
	doc      bool   // /** */, /*! */, ///, //!
	trailing bool   // /**< */, ///<, ...
	line     bool   // a // comment
}

// text is the comment's text without its decoration. It is worked out on
// demand: a separator often holds a license block or many comments of
// which only the last few can be a declaration's documentation.
func (cm comment) text() string {
	if cm.line {
		return strings.TrimSpace(string(cm.body))
	}
	return cleanBlock(string(cm.body))
}

// comments splits a separator into its comments, in order.
func comments(sep []byte) (r []comment) {
	for i := 0; i < len(sep); {
		if sep[i] != '/' || i+1 >= len(sep) {
			i++
			continue
		}
		switch sep[i+1] {
		case '*':
			e := bytes.Index(sep[i+2:], []byte("*/"))
			if e < 0 {
				return r
			}
			body := sep[i+2 : i+2+e]
			i += e + 4
			cm := comment{}
			switch {
			case hasPrefix(body, "*<"), hasPrefix(body, "!<"):
				cm.doc, cm.trailing, body = true, true, body[2:]
			case hasPrefix(body, "*") && string(body) != "*" && !hasPrefix(body, "**"), hasPrefix(body, "!"):
				cm.doc, body = true, body[1:]
			}
			cm.body = body
			r = append(r, cm)
		case '/':
			e := bytes.IndexByte(sep[i:], '\n')
			end := len(sep)
			if e >= 0 {
				end = i + e
			}
			body := sep[i+2 : end]
			i = end
			cm := comment{line: true}
			switch {
			case hasPrefix(body, "/<"), hasPrefix(body, "!<"):
				cm.doc, cm.trailing, body = true, true, body[2:]
			case hasPrefix(body, "/") && !hasPrefix(body, "//"), hasPrefix(body, "!"):
				cm.doc, body = true, body[1:]
			}
			cm.body = body
			r = append(r, cm)
		default:
			i++
		}
	}
	return r
}

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// cleanBlock strips the decoration of a block comment's lines.
func cleanBlock(body string) string {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "*") && !strings.HasPrefix(l, "*/") {
			l = strings.TrimSpace(l[1:])
		}
		lines[i] = l
	}
	return trimBlank(lines)
}

func trimBlank(lines []string) string {
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// leadingDoc returns the doc comment that ends a separator: a block doc
// comment, or a run of /// lines. C23 attribute comments are skipped.
func leadingDoc(sep []byte) string {
	if !bytes.Contains(sep, []byte("/")) {
		return ""
	}
	cs := comments(sep)
	for len(cs) > 0 && !cs[len(cs)-1].line && isC23Body(strings.TrimSpace(cs[len(cs)-1].text())) && !cs[len(cs)-1].doc {
		cs = cs[:len(cs)-1]
	}
	if len(cs) == 0 {
		return ""
	}
	last := cs[len(cs)-1]
	if !last.doc || last.trailing {
		return ""
	}
	if !last.line {
		return last.text()
	}
	var lines []string
	for i := len(cs) - 1; i >= 0 && cs[i].line && cs[i].doc && !cs[i].trailing; i-- {
		lines = append([]string{cs[i].text()}, lines...)
	}
	return trimBlank(lines)
}

// docBefore returns the leading doc comment of a token, ignoring comments
// that a preprocessing directive separates from it (a macro's doc comment
// must not become the next declaration's): only the part of the separator
// that is contiguous with the token in the file counts.
func (c *conv) docBefore(t cc.Token) string {
	sep := t.Sep()
	if !bytes.Contains(sep, []byte("/")) {
		return ""
	}
	p := t.Position()
	f := c.fs.file(p.Filename)
	if f == nil || p.Offset < 0 || p.Offset > len(f.text) {
		return leadingDoc(sep)
	}
	// Expanded macro tokens carry extra blanks: compare without them.
	sep = bytes.TrimRight(sep, " \t\r\n")
	before := bytes.TrimRight(f.text[:p.Offset], " \t\r\n")
	n := 0
	for n < len(sep) && n < len(before) && sep[len(sep)-1-n] == before[len(before)-1-n] {
		n++
	}
	return leadingDoc(sep[len(sep)-n:])
}

// trailingDoc returns the /**< */ comments of a separator.
func trailingDoc(sep []byte) string {
	if !bytes.Contains(sep, []byte("<")) {
		return ""
	}
	var lines []string
	for _, cm := range comments(sep) {
		if cm.trailing {
			lines = append(lines, cm.text())
		}
	}
	return trimBlank(lines)
}

func joinDoc(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}

// macroDoc returns the doc comment of the #define at 1-based line, read
// from the file text: a doc comment ending just before the line, or a
// trailing /**< */ on the line itself.
func macroDoc(text []byte, lineStart int) string {
	lineEnd := bytes.IndexByte(text[lineStart:], '\n')
	if lineEnd < 0 {
		lineEnd = len(text)
	} else {
		lineEnd += lineStart
	}
	if t := trailingDoc(text[lineStart:lineEnd]); t != "" {
		return t
	}
	before := bytes.TrimRight(text[:lineStart], " \t\r\n")
	if bytes.HasSuffix(before, []byte("*/")) {
		s := bytes.LastIndex(before, []byte("/*"))
		if s < 0 {
			return ""
		}
		return leadingDoc(before[s:])
	}
	// A run of /// lines.
	start := len(before)
	for start > 0 {
		ls := bytes.LastIndexByte(before[:start], '\n') + 1
		l := bytes.TrimSpace(before[ls:start])
		if !bytes.HasPrefix(l, []byte("///")) && !bytes.HasPrefix(l, []byte("//!")) {
			break
		}
		start = ls
		if ls == 0 {
			break
		}
		start = ls - 1
	}
	if start >= len(before) {
		return ""
	}
	return leadingDoc(before[start:])
}
