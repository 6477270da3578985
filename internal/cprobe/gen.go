package cprobe

import (
	"fmt"
	"slices"
	"strings"
)

// item is one query in the generated program; id is its index in the
// program's output lines.
type item struct {
	kind  byte // 'T', 'F', 'C'
	index int  // into Query.Types, Fields or Consts
}

// program is the generated C source and which lines belong to which item,
// so that gcc's errors can be pinned on the queries that caused them.
type program struct {
	src       string
	firstLine int   // first line after the prelude
	lineItem  []int // lineItem[line-firstLine] = item id, or -1
	items     []item
}

// The helpers scan a zeroed object for the bits a bitfield store set, and
// print constants by type. Everything is named ferry_probe_* and uses
// builtins, so the prelude may include or define anything else.
const probeHelpers = `
static void ferry_probe_bits(int id, const unsigned char *p, unsigned long n) {
	long first = -1, last = -1;
	for (unsigned long i = 0; i < n * 8; i++)
		if ((p[i / 8] >> (i % 8)) & 1) {
			if (first < 0) first = (long)i;
			last = (long)i;
		}
	__builtin_printf("F %d %ld %ld 0 0\n", id, first, last - first + 1);
}
static void ferry_probe_i(int id, long long v) { __builtin_printf("C %d i %lld\n", id, v); }
static void ferry_probe_u(int id, unsigned long long v) { __builtin_printf("C %d u %llu\n", id, v); }
static void ferry_probe_f(int id, double v) { __builtin_printf("C %d f %a %.17g\n", id, v, v); }
static void ferry_probe_ld(int id, long double v) { __builtin_printf("C %d f %a %.21Lg\n", id, (double)v, v); }
#define ferry_probe_const(id, e) _Generic((e), \
	float: ferry_probe_f, double: ferry_probe_f, long double: ferry_probe_ld, \
	_Bool: ferry_probe_u, unsigned char: ferry_probe_u, unsigned short: ferry_probe_u, \
	unsigned int: ferry_probe_u, unsigned long: ferry_probe_u, unsigned long long: ferry_probe_u, \
	unsigned __int128: ferry_probe_u, \
	default: ferry_probe_i)(id, (e))
`

// generate writes the probe program for q, leaving out the items in skip.
func generate(q *Query, skip map[int]bool) *program {
	var b strings.Builder
	b.WriteString(q.Prelude)
	if !strings.HasSuffix(q.Prelude, "\n") {
		b.WriteByte('\n')
	}
	b.WriteString("/* ferry probe */\n")
	p := &program{}
	p.firstLine = strings.Count(b.String(), "\n") + 1
	line := func(id int, s string) {
		b.WriteString(s)
		b.WriteByte('\n')
		p.lineItem = append(p.lineItem, id)
	}
	for _, l := range strings.Split(strings.TrimPrefix(probeHelpers, "\n"), "\n") {
		line(-1, l)
	}
	line(-1, "int main(void) {")
	// add writes item it's line, made by text from the item's id. The
	// names in shield are protected from macros for that line: headers
	// define members' names as macros (glibc's si_pid is
	// _sifields._kill.si_pid), which would rewrite the member path.
	add := func(it item, text func(id int) string, shield ...string) {
		id := len(p.items)
		p.items = append(p.items, it)
		if skip[id] {
			return
		}
		for _, n := range shield {
			line(id, fmt.Sprintf("#pragma push_macro(%q)", n))
			line(id, "#undef "+n)
		}
		line(id, text(id))
		for i := len(shield) - 1; i >= 0; i-- {
			line(id, fmt.Sprintf("#pragma pop_macro(%q)", shield[i]))
		}
	}
	for i, t := range q.Types {
		add(item{'T', i}, func(id int) string {
			return fmt.Sprintf("\t__builtin_printf(\"T %d %%lu %%lu\\n\", (unsigned long)sizeof(%s), (unsigned long)_Alignof(%s));", id, t.Type, t.Type)
		}, typeNames(t.Type)...)
	}
	for i, f := range q.Fields {
		rec := "__typeof__(" + f.Record + ")"
		var text func(id int) string
		switch f.Kind {
		case Bitfield:
			text = func(id int) string {
				return fmt.Sprintf("\t{ %s ferry_probe_obj; __builtin_memset(&ferry_probe_obj, 0, sizeof ferry_probe_obj); ferry_probe_obj.%s = -1; ferry_probe_bits(%d, (const unsigned char *)&ferry_probe_obj, sizeof ferry_probe_obj); }", rec, f.Path, id)
			}
		case OffsetOnly:
			text = func(id int) string {
				return fmt.Sprintf("\t__builtin_printf(\"F %d %%lu -1 0 0\\n\", (unsigned long)__builtin_offsetof(%s, %s));", id, rec, f.Path)
			}
		default:
			m := fmt.Sprintf("((%s *)0)->%s", rec, f.Path)
			text = func(id int) string {
				return fmt.Sprintf("\t__builtin_printf(\"F %d %%lu -1 %%lu %%lu\\n\", (unsigned long)__builtin_offsetof(%s, %s), (unsigned long)sizeof(%s), (unsigned long)_Alignof(__typeof__(%s)));", id, rec, f.Path, m, m)
			}
		}
		add(item{'F', i}, text, append(typeNames(f.Record), pathNames(f.Path)...)...)
	}
	for i, c := range q.Consts {
		add(item{'C', i}, func(id int) string { return fmt.Sprintf("\tferry_probe_const(%d, (%s));", id, c.Expr) })
	}
	line(-1, "\treturn 0;")
	line(-1, "}")
	p.src = b.String()
	return p
}

// key returns the result-map key of item id.
func (q *Query) key(it item) string {
	switch it.kind {
	case 'T':
		return q.Types[it.index].Type
	case 'F':
		return q.Fields[it.index].Key()
	}
	return q.Consts[it.index].Expr
}

// typeNames returns the tag and typedef names in a type query ("struct
// rpc_createerr"): the IR holds them after macro expansion, and headers
// define macros of the same name (tirpc: `#define rpc_createerr
// (*(__rpc_createerr()))`), which would rewrite the query.
func typeNames(typ string) []string {
	var out []string
	for _, n := range pathNames(typ) {
		switch n {
		case "struct", "union", "enum", "const", "volatile", "unsigned", "signed", "char", "short", "int",
			"long", "float", "double", "void", "_Bool":
			continue
		}
		out = append(out, n)
	}
	return out
}

// pathNames returns the distinct identifiers of a member path "a.b[2].c".
func pathNames(path string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(path, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}) {
		if part[0] >= '0' && part[0] <= '9' || slices.Contains(out, part) {
			continue
		}
		out = append(out, part)
	}
	return out
}
