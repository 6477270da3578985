package export

import (
	"fmt"
	"sort"
	"strings"
)

// builtinCfg maps well-known target predicates to the macros C compilers
// predefine. The config's [export.cfg] table overrides them.
var builtinCfg = map[string]string{
	"unix":                        "defined(__unix__)",
	"windows":                     "defined(_WIN32)",
	`target_os = "linux"`:         "defined(__linux__)",
	`target_os = "macos"`:         "defined(__APPLE__)",
	`target_os = "windows"`:       "defined(_WIN32)",
	`target_os = "android"`:       "defined(__ANDROID__)",
	`target_os = "freebsd"`:       "defined(__FreeBSD__)",
	`target_family = "unix"`:      "defined(__unix__)",
	`target_family = "windows"`:   "defined(_WIN32)",
	`target_arch = "x86_64"`:      "defined(__x86_64__)",
	`target_arch = "x86"`:         "defined(__i386__)",
	`target_arch = "aarch64"`:     "defined(__aarch64__)",
	`target_arch = "arm"`:         "defined(__arm__)",
	`target_pointer_width = "64"`: "(__SIZEOF_POINTER__ == 8)",
	`target_pointer_width = "32"`: "(__SIZEOF_POINTER__ == 4)",
}

// cfgMapper turns #[cfg] predicates into C conditions and remembers the
// predicates it had to guess, so each is reported once.
type cfgMapper struct {
	table    map[string]string
	unmapped map[string]string // predicate → the macro condition guessed
}

func newCfgMapper(user map[string]string) *cfgMapper {
	t := map[string]string{}
	for k, v := range builtinCfg {
		t[k] = v
	}
	for k, v := range user {
		t[normCfg(k)] = v
	}
	return &cfgMapper{table: t, unmapped: map[string]string{}}
}

// normCfg spells a predicate the one way the table uses: `key = "v"`.
func normCfg(s string) string {
	s = strings.TrimSpace(s)
	if k, v, ok := strings.Cut(s, "="); ok && !strings.Contains(k, "(") {
		return strings.TrimSpace(k) + " = " + strings.TrimSpace(v)
	}
	return s
}

// cond translates a cfg expression (the text inside #[cfg(...)]; several
// joined by " && ") to a C condition.
func (m *cfgMapper) cond(expr string) string {
	if strings.TrimSpace(expr) == "" {
		return ""
	}
	var parts []string
	for _, e := range splitTopLevel(expr, "&&") {
		p := &cfgParser{s: e}
		parts = append(parts, m.pred(p.parse()))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts, " && ")
}

type cfgNode struct {
	name string // predicate name, or all/any/not
	val  string // `name = "val"`: the quoted value, with quotes
	args []*cfgNode
	call bool
}

func (m *cfgMapper) pred(n *cfgNode) string {
	if n == nil {
		return "1"
	}
	if n.call {
		var subs []string
		for _, a := range n.args {
			subs = append(subs, m.pred(a))
		}
		switch n.name {
		case "all":
			if len(subs) == 0 {
				return "1"
			}
			return "(" + strings.Join(subs, " && ") + ")"
		case "any":
			if len(subs) == 0 {
				return "0"
			}
			return "(" + strings.Join(subs, " || ") + ")"
		case "not":
			if len(subs) == 1 {
				return "!" + subs[0]
			}
		}
	}
	key := n.name
	if n.val != "" {
		key = n.name + " = " + n.val
	}
	if c, ok := m.table[key]; ok {
		return c
	}
	guess := "defined(" + cfgMacro(key) + ")"
	m.unmapped[key] = guess
	return guess
}

// cfgMacro derives a macro name: `feature = "gzip"` → CFG_FEATURE_GZIP.
func cfgMacro(key string) string {
	var b strings.Builder
	b.WriteString("CFG_")
	last := byte('_')
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case c >= 'a' && c <= 'z':
			c -= 'a' - 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		default:
			c = '_'
		}
		if c == '_' && last == '_' {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return strings.TrimSuffix(b.String(), "_")
}

// unmappedList returns the guessed predicates in a stable order.
func (m *cfgMapper) unmappedList() []string {
	var ks []string
	for k := range m.unmapped {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = fmt.Sprintf("%s)]; guarded by #if %s", k, m.unmapped[k])
	}
	return out
}

// cfgParser reads a cfg predicate: ident | ident = "lit" | ident(list).
type cfgParser struct {
	s string
	i int
}

func (p *cfgParser) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n') {
		p.i++
	}
}

func (p *cfgParser) parse() *cfgNode {
	p.ws()
	start := p.i
	for p.i < len(p.s) && (isWord(p.s[p.i]) || p.s[p.i] == ':') {
		p.i++
	}
	n := &cfgNode{name: p.s[start:p.i]}
	p.ws()
	if p.i < len(p.s) && p.s[p.i] == '=' {
		p.i++
		p.ws()
		if p.i < len(p.s) && p.s[p.i] == '"' {
			j := p.i + 1
			for j < len(p.s) && p.s[j] != '"' {
				if p.s[j] == '\\' {
					j++
				}
				j++
			}
			if j < len(p.s) {
				j++
			}
			n.val = p.s[p.i:j]
			p.i = j
		}
		return n
	}
	if p.i < len(p.s) && p.s[p.i] == '(' {
		p.i++
		n.call = true
		for {
			p.ws()
			if p.i >= len(p.s) {
				break
			}
			if p.s[p.i] == ')' {
				p.i++
				break
			}
			if p.s[p.i] == ',' {
				p.i++
				continue
			}
			before := p.i
			n.args = append(n.args, p.parse())
			if p.i == before {
				p.i++ // skip a character the grammar does not know
			}
		}
	}
	return n
}

func isWord(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// splitTopLevel splits s at sep outside parentheses and string literals.
func splitTopLevel(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	inStr := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case inStr:
			if c == '\\' {
				i++
			} else if c == '"' {
				inStr = false
			}
		case c == '"':
			inStr = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case depth == 0 && strings.HasPrefix(s[i:], sep):
			out = append(out, strings.TrimSpace(s[start:i]))
			i += len(sep) - 1
			start = i + 1
		}
	}
	return append(out, strings.TrimSpace(s[start:]))
}
