package rustfront

import (
	"strconv"
	"strings"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// attrSet is what ferry reads from an item's outer attributes and doc comments.
type attrSet struct {
	doc           []string
	repr          []string
	link          string // #[link(name = ...)]
	linkName      string // #[link_name = ...]
	exportName    string // #[export_name = ...]
	noMangle      bool
	deprecated    bool
	deprecatedMsg string
	mustUse       bool
	cfg           []string
	path          string // #[path = ...] on a mod
}

// attrsBefore gathers the attribute items and doc comments that precede the
// i-th named child of list.
func (l *loader) attrsBefore(f *file, list *sitter.Node, i uint) attrSet {
	var nodes []*sitter.Node
	for j := int(i) - 1; j >= 0; j-- {
		c := list.NamedChild(uint(j))
		k := c.Kind()
		if k != "attribute_item" && k != "line_comment" && k != "block_comment" {
			break
		}
		nodes = append(nodes, c)
	}
	var a attrSet
	for j := len(nodes) - 1; j >= 0; j-- {
		c := nodes[j]
		switch c.Kind() {
		case "attribute_item":
			if at := namedChildOfKind(c, "attribute"); at != nil {
				a.parse(f.text(at))
			}
		default:
			if d := c.ChildByFieldName("doc"); d != nil && c.ChildByFieldName("outer") != nil {
				a.addDoc(f.text(d))
			}
		}
	}
	return a
}

func (a *attrSet) addDoc(text string) {
	text = strings.TrimSuffix(text, "\n")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimRight(line, " \t\r")
		line = strings.TrimPrefix(line, " ")
		a.doc = append(a.doc, line)
	}
}

// parse reads one attribute's text, e.g. `repr(C, packed(2))`.
func (a *attrSet) parse(s string) {
	name, args, value := splitAttr(s)
	switch name {
	case "unsafe":
		a.parse(args)
	case "repr":
		for _, r := range splitTop(args) {
			a.repr = append(a.repr, strings.ReplaceAll(r, " ", ""))
		}
	case "link":
		for _, kv := range splitTop(args) {
			k, v, ok := strings.Cut(kv, "=")
			if ok && strings.TrimSpace(k) == "name" {
				a.link = unquote(v)
			}
		}
	case "link_name":
		a.linkName = unquote(value)
	case "export_name":
		a.exportName = unquote(value)
		a.noMangle = true
	case "no_mangle":
		a.noMangle = true
	case "deprecated":
		a.deprecated = true
		if value != "" {
			a.deprecatedMsg = unquote(value)
		}
		for _, kv := range splitTop(args) {
			k, v, ok := strings.Cut(kv, "=")
			if ok && strings.TrimSpace(k) == "note" {
				a.deprecatedMsg = unquote(v)
			}
		}
	case "must_use":
		a.mustUse = true
	case "cfg":
		a.cfg = append(a.cfg, strings.TrimSpace(args))
	case "doc":
		if value != "" {
			a.addDoc(unquote(value))
		}
	case "path":
		a.path = unquote(value)
	}
}

// splitAttr splits `name(args)` or `name = value`.
func splitAttr(s string) (name, args, value string) {
	s = strings.TrimSpace(s)
	i := strings.IndexAny(s, "(=")
	if i < 0 {
		return s, "", ""
	}
	name = strings.TrimSpace(s[:i])
	if s[i] == '=' {
		return name, "", strings.TrimSpace(s[i+1:])
	}
	rest := strings.TrimSpace(s[i+1:])
	rest = strings.TrimSuffix(rest, ")")
	return name, rest, ""
}

// splitTop splits s at commas outside parentheses and quotes.
func splitTop(s string) []string {
	var out []string
	depth, start := 0, 0
	inStr := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case inStr && c == '\\':
			i++
		case c == '"':
			inStr = !inStr
		case inStr:
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			out = append(out, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

func unquote(s string) string {
	s = strings.TrimSpace(s)
	// Rust escapes first: bindgen's link names start with "\u{1}" (kept
	// as the byte 1, the linker's verbatim mark; internal/check reads it).
	if b, ok := unescapeString(s); ok {
		return string(b)
	}
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return strings.Trim(s, `"`)
}

func namedChildOfKind(n *sitter.Node, kind string) *sitter.Node {
	for i := uint(0); i < n.NamedChildCount(); i++ {
		if c := n.NamedChild(i); c.Kind() == kind {
			return c
		}
	}
	return nil
}

func childOfKind(n *sitter.Node, kind string) *sitter.Node {
	for i := uint(0); i < n.ChildCount(); i++ {
		if c := n.Child(i); c.Kind() == kind {
			return c
		}
	}
	return nil
}

// reprInt returns the primitive integer of repr(u8..), if any.
func (a *attrSet) reprInt() string {
	for _, r := range a.repr {
		switch r {
		case "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "usize", "isize", "u128", "i128":
			return r
		}
	}
	return ""
}

func (a *attrSet) hasRepr(r string) bool {
	for _, x := range a.repr {
		if x == r {
			return true
		}
	}
	return false
}

// packing returns (packed, packN, alignN) from repr(packed), repr(packed(N)),
// repr(align(N)).
func (a *attrSet) packing() (packed bool, packN, alignN int64) {
	for _, r := range a.repr {
		switch {
		case r == "packed":
			packed = true
		case strings.HasPrefix(r, "packed(") && strings.HasSuffix(r, ")"):
			n, _ := strconv.ParseInt(r[7:len(r)-1], 0, 64)
			if n == 1 {
				packed = true
			} else {
				packN = n
			}
		case strings.HasPrefix(r, "align(") && strings.HasSuffix(r, ")"):
			alignN, _ = strconv.ParseInt(r[6:len(r)-1], 0, 64)
		}
	}
	return
}
