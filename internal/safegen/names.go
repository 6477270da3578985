package safegen

import (
	"strings"
	"unicode"
)

var rustKeywords = map[string]bool{
	"as": true, "break": true, "const": true, "continue": true, "crate": true, "else": true, "enum": true,
	"extern": true, "false": true, "fn": true, "for": true, "if": true, "impl": true, "in": true, "let": true,
	"loop": true, "match": true, "mod": true, "move": true, "mut": true, "pub": true, "ref": true,
	"return": true, "self": true, "Self": true, "static": true, "struct": true, "super": true, "trait": true,
	"true": true, "type": true, "unsafe": true, "use": true, "where": true, "while": true, "async": true,
	"await": true, "dyn": true, "abstract": true, "become": true, "box": true, "do": true, "final": true,
	"macro": true, "override": true, "priv": true, "typeof": true, "unsized": true, "virtual": true,
	"yield": true, "try": true, "gen": true,
}

// ident makes s a valid Rust identifier: keywords become raw identifiers
// (self, super, crate and Self cannot, so they get a trailing underscore).
func ident(s string) string {
	switch s {
	case "self", "super", "crate", "Self", "_":
		return s + "_"
	}
	if rustKeywords[s] {
		return "r#" + s
	}
	return s
}

// rawIdent spells a C name the way the raw module does.
func rawIdent(s string) string {
	switch s {
	case "self", "super", "crate", "Self":
		return s + "_"
	}
	if rustKeywords[s] {
		return "r#" + s
	}
	return s
}

// words splits a C identifier into lower-case words at underscores and
// lower→upper case changes (deflateInit_ → deflate, init).
func words(s string) []string {
	var out []string
	var cur []rune
	rs := []rune(s)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = nil
		}
	}
	for i, r := range rs {
		switch {
		case r == '_' || !(unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1]) ||
			(unicode.IsUpper(rs[i-1]) && i+1 < len(rs) && unicode.IsLower(rs[i+1]))):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// snake is s in snake_case, safe as a Rust identifier.
func snake(s string) string {
	w := strings.Join(words(s), "_")
	if w == "" {
		w = "x"
	}
	if w[0] >= '0' && w[0] <= '9' {
		w = "n" + w
	}
	return ident(w)
}

// camel is s in CamelCase.
func camel(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	out := b.String()
	if out == "" {
		out = "X"
	}
	if out[0] >= '0' && out[0] <= '9' {
		out = "N" + out
	}
	if out == "Self" {
		out = "Self_"
	}
	return out
}

// upperSnake is s in UPPER_SNAKE_CASE.
func upperSnake(s string) string {
	w := strings.ToUpper(strings.Join(words(s), "_"))
	if w == "" {
		w = "X"
	}
	if w[0] >= '0' && w[0] <= '9' {
		w = "N" + w
	}
	return w
}

// stripPrefix removes the first matching prefix, keeping s when nothing
// would be left.
func stripPrefix(s string, prefixes []string) string {
	for _, p := range prefixes {
		if p != "" && strings.HasPrefix(s, p) && len(s) > len(p) {
			return s[len(p):]
		}
	}
	return s
}

// commonPrefix returns the longest prefix of all names ending at an
// underscore (Z_OK, Z_BUF_ERROR → "Z_").
func commonPrefix(names []string) string {
	if len(names) < 2 {
		if len(names) == 1 {
			if i := strings.LastIndexByte(names[0], '_'); i >= 0 && i+1 < len(names[0]) {
				return names[0][:i+1]
			}
		}
		return ""
	}
	p := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, p) {
			p = p[:len(p)-1]
		}
	}
	if i := strings.LastIndexByte(p, '_'); i >= 0 {
		return p[:i+1]
	}
	return ""
}
