package rustgen

import (
	"strings"
)

// doc writes a C doc comment as `///` lines at indent ind.
func (e *emitter) doc(ind int, text string) { writeDoc(&e.b, ind, text) }

func (e *emitter) doc4(b *strings.Builder, text string) { writeDoc(b, 4, text) }

// writeDoc writes text as `///` lines that rustc, rustdoc and rustfmt
// accept unchanged: valid UTF-8, no CR, tabs or bidi controls, no trailing
// blanks, and no accidental doctests (C examples in ``` fences are marked
// `text`, and indented blocks are pulled to three spaces).
func writeDoc(b *strings.Builder, ind int, text string) {
	text = strings.TrimSpace(text)
	if text == "" {
		return
	}
	text = strings.ToValidUTF8(text, "\uFFFD")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	text = strings.ReplaceAll(text, "\t", "    ")
	lines := strings.Split(text, "\n")
	// Remove the indentation common to all non-blank lines.
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " "))
		if common < 0 || n < common {
			common = n
		}
	}
	inFence := false
	item := 0 // content column of the list item being continued, or 0
	for _, l := range lines {
		l = strings.TrimRight(l, " ")
		if len(l) >= common && common > 0 {
			l = l[common:]
		}
		l = cleanDocLine(l)
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			if !inFence && strings.TrimSpace(t[3:]) == "" {
				l = t[:3] + "text"
			} else if !inFence {
				l = t[:3] + "text," + strings.TrimSpace(t[3:])
			} else {
				l = t[:3]
			}
			inFence = !inFence
		} else if !inFence {
			if n := len(l) - len(t); n > 3 {
				l = "   " + t
			}
			l, item = lazyContinuation(l, item)
		}
		indent(b, ind)
		if l == "" {
			b.WriteString("///\n")
			continue
		}
		b.WriteString("/// ")
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if inFence {
		indent(b, ind)
		b.WriteString("/// ```\n")
	}
}

// lazyContinuation keeps Markdown from reading C prose differently than
// written (clippy's doc_lazy_continuation): a line continuing a list item
// is indented to the item's content column, and a line starting with `>`
// (C: "must be\n> 0") is escaped rather than becoming a block quote. item
// is the content column of the list item being continued, or 0; it
// returns the line and the new item column.
func lazyContinuation(l string, item int) (string, int) {
	t := strings.TrimLeft(l, " ")
	n := len(l) - len(t)
	switch {
	case t == "":
		return l, 0
	case strings.HasPrefix(t, ">"):
		l = l[:n] + `\` + t
	}
	if w := listMarker(t); w > 0 {
		return l, n + w
	}
	if item > 0 && n < item {
		l = strings.Repeat(" ", item-n) + l
	}
	return l, item
}

// listMarker returns the width of a list item marker and its spaces at the
// start of t ("- ", "* ", "+ ", "1. ", "2) "), or 0.
func listMarker(t string) int {
	i := 0
	for i < len(t) && i < 9 && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	switch {
	case i > 0 && i < len(t) && (t[i] == '.' || t[i] == ')'):
		i++
	case i == 0 && len(t) > 0 && (t[0] == '-' || t[0] == '*' || t[0] == '+'):
		i = 1
	default:
		return 0
	}
	j := i
	for j < len(t) && t[j] == ' ' {
		j++
	}
	if j == i || j == len(t) || j-i > 4 {
		return 0 // "-1", "-" alone, or a code block after the marker
	}
	return j
}

// cleanDocLine drops characters rustc rejects in comments (bidi controls)
// and other control characters.
func cleanDocLine(l string) string {
	ascii := true
	for i := 0; i < len(l); i++ {
		if c := l[i]; c < 0x20 || c >= 0x7f {
			ascii = false
			break
		}
	}
	if ascii {
		return l
	}
	clean := true
	for _, r := range l {
		if r < 0x20 || r == 0x7f || isBidi(r) {
			clean = false
			break
		}
	}
	if clean {
		return l
	}
	var b strings.Builder
	for _, r := range l {
		if r < 0x20 || r == 0x7f || isBidi(r) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

func isBidi(r rune) bool {
	return (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) || r == 0x200E || r == 0x200F || r == 0x061C
}

// deprecated writes #[deprecated] at indent ind into the body.
func (e *emitter) deprecated(ind int, msg string) { depAttr(&e.b, ind, msg) }

func depAttr(b *strings.Builder, ind int, msg string) {
	if msg == "" {
		indent(b, ind)
		b.WriteString("#[deprecated]\n")
		return
	}
	writeAttr(b, ind, "deprecated", "note = "+strLit(msg))
}

// strLit is a Rust string literal for s.
func strLit(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f || isBidi(r):
			b.WriteString(`\u{`)
			b.WriteString(strings.ToLower(hex(uint64(r))))
			b.WriteString(`}`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// bytesLit writes data as the body of a c"..." or b"..." literal: printable
// ASCII as is, everything else as \xNN.
func bytesLit(prefix string, data []byte) string {
	var b strings.Builder
	b.Grow(len(data) + 4)
	b.WriteString(prefix)
	b.WriteByte('"')
	for _, c := range data {
		switch {
		case c == '"':
			b.WriteString(`\"`)
		case c == '\\':
			b.WriteString(`\\`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\r':
			b.WriteString(`\r`)
		case c >= 0x20 && c < 0x7f:
			b.WriteByte(c)
		default:
			const digits = "0123456789abcdef"
			b.WriteString(`\x`)
			b.WriteByte(digits[c>>4])
			b.WriteByte(digits[c&15])
		}
	}
	b.WriteByte('"')
	return b.String()
}

func hex(u uint64) string {
	const digits = "0123456789ABCDEF"
	if u == 0 {
		return "0"
	}
	var buf [16]byte
	i := len(buf)
	for u > 0 {
		i--
		buf[i] = digits[u&15]
		u >>= 4
	}
	return string(buf[i:])
}
