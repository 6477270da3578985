package rustgen

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// rustKeywords are the strict and reserved keywords of editions 2015–2024;
// a C name equal to one is written as a raw identifier.
var rustKeywords = map[string]bool{
	"as": true, "break": true, "const": true, "continue": true, "crate": true, "else": true,
	"enum": true, "extern": true, "false": true, "fn": true, "for": true, "if": true,
	"impl": true, "in": true, "let": true, "loop": true, "match": true, "mod": true,
	"move": true, "mut": true, "pub": true, "ref": true, "return": true, "self": true,
	"Self": true, "static": true, "struct": true, "super": true, "trait": true, "true": true,
	"type": true, "unsafe": true, "use": true, "where": true, "while": true, "async": true,
	"await": true, "dyn": true, "abstract": true, "become": true, "box": true, "do": true,
	"final": true, "macro": true, "override": true, "priv": true, "typeof": true,
	"unsized": true, "virtual": true, "yield": true, "try": true, "gen": true,
}

// noRaw are keywords that cannot be raw identifiers; they get a suffix.
var noRaw = map[string]bool{"self": true, "Self": true, "super": true, "crate": true, "_": true}

// primNames are Rust's built-in type names: a user type with one of these
// names would shadow the primitive, so type names avoid them.
var primNames = map[string]bool{
	"bool": true, "char": true, "str": true, "f32": true, "f64": true,
	"i8": true, "i16": true, "i32": true, "i64": true, "i128": true, "isize": true,
	"u8": true, "u16": true, "u32": true, "u64": true, "u128": true, "usize": true,
}

// ident returns name as a Rust identifier: raw for keywords, suffixed for
// the keywords that cannot be raw.
func ident(name string) string {
	name = validIdent(name)
	if noRaw[name] {
		return name + "_"
	}
	if rustKeywords[name] {
		return "r#" + name
	}
	return name
}

// validIdent replaces what a C compiler accepts in identifiers but Rust
// does not (GCC's `$`, stray bytes) with `_`. A changed function or static
// name keeps its symbol through #[link_name], which the emitter adds when
// the Rust name differs from the C one.
func validIdent(name string) string {
	ok := name != ""
	for i, r := range name {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) || r == utf8.RuneError {
			ok = false
			break
		}
	}
	if ok {
		return name
	}
	var b strings.Builder
	for i, r := range name {
		switch {
		case r == '_' || (r != utf8.RuneError && unicode.IsLetter(r)):
			b.WriteRune(r)
		case unicode.IsDigit(r) && r < 128:
			if i == 0 {
				b.WriteByte('_')
			}
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	if b.Len() == 0 {
		return "_unnamed"
	}
	return b.String()
}

// bare strips the raw prefix, for derived names (set_x, x_ptr).
func bare(id string) string { return strings.TrimPrefix(id, "r#") }

// namespace hands out unique Rust names in one namespace, first come first
// served.
type namespace struct{ used map[string]bool }

func newNamespace() *namespace { return &namespace{used: map[string]bool{}} }

// take claims name, or the first free name+"_"+n; it returns the name given.
func (ns *namespace) take(name string) string {
	if !ns.used[name] {
		ns.used[name] = true
		return name
	}
	for i := 1; ; i++ {
		c := name + "_" + itoa(int64(i))
		if !ns.used[c] {
			ns.used[c] = true
			return c
		}
	}
}

// Lint predicates, close to rustc's own (conservative: when in doubt the
// item gets the #[allow]).

func isUpperCamel(s string) bool {
	s = strings.Trim(s, "_")
	if s == "" {
		return true
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return false
	}
	return !strings.Contains(s, "_")
}

func isSnake(s string) bool {
	s = strings.TrimPrefix(s, "r#")
	s = strings.Trim(s, "_")
	if strings.Contains(s, "__") {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return false
		}
	}
	return true
}

func isUpperGlobal(s string) bool {
	s = strings.TrimPrefix(s, "r#")
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'a' && c <= 'z' {
			return false
		}
	}
	return true
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	neg := v < 0
	var b [24]byte
	i := len(b)
	u := uint64(v)
	if neg {
		u = uint64(-v)
	}
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func utoa(u uint64) string {
	if u == 0 {
		return "0"
	}
	var b [24]byte
	i := len(b)
	for u > 0 {
		i--
		b[i] = byte('0' + u%10)
		u /= 10
	}
	return string(b[i:])
}
