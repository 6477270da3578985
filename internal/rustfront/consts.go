package rustfront

import (
	"math"
	"strconv"
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// cval is the value of a constant expression.
type cval struct {
	kind ir.ConstKind
	i    int64 // ConstInt, ConstChar (two's complement bits)
	f    float64
	s    []byte
	// unsigned is set when the expression's own type (a suffix or a cast) is
	// unsigned; the declared type decides in the end.
	unsigned bool
}

func (l *loader) evalInt(n *sitter.Node, u *unit) (cval, bool) {
	v, ok := l.eval(n, u)
	if !ok || (v.kind != ir.ConstInt && v.kind != ir.ConstChar) {
		return cval{}, false
	}
	return v, true
}

// eval evaluates the constant expressions bindings use: literals, unary and
// binary operators, casts, parentheses, other consts, MIN/MAX and newtype
// constructors.
func (l *loader) eval(n *sitter.Node, u *unit) (cval, bool) {
	if n == nil {
		return cval{}, false
	}
	f := u.f
	switch n.Kind() {
	case "integer_literal":
		return parseIntLit(f.text(n))
	case "float_literal":
		s := strings.ReplaceAll(f.text(n), "_", "")
		s = strings.TrimSuffix(strings.TrimSuffix(s, "f32"), "f64")
		x, err := strconv.ParseFloat(s, 64)
		return cval{kind: ir.ConstFloat, f: x}, err == nil
	case "boolean_literal":
		if f.text(n) == "true" {
			return cval{i: 1}, true
		}
		return cval{}, true
	case "char_literal":
		r, ok := unescapeChar(f.text(n))
		return cval{kind: ir.ConstChar, i: int64(r)}, ok
	case "string_literal", "raw_string_literal":
		b, ok := unescapeString(f.text(n))
		return cval{kind: ir.ConstString, s: b}, ok
	case "negative_literal":
		v, ok := l.eval(n.NamedChild(0), u)
		return negate(v), ok
	case "parenthesized_expression", "reference_expression":
		return l.eval(n.NamedChild(n.NamedChildCount()-1), u)
	case "unary_expression":
		v, ok := l.eval(n.NamedChild(0), u)
		if !ok {
			return v, false
		}
		switch strings.TrimSpace(f.text(n))[0] {
		case '-':
			return negate(v), true
		case '!':
			if v.kind == ir.ConstFloat {
				return v, false
			}
			v.i = ^v.i
			return v, true
		}
		return v, false
	case "binary_expression":
		a, ok1 := l.eval(n.ChildByFieldName("left"), u)
		b, ok2 := l.eval(n.ChildByFieldName("right"), u)
		if !ok1 || !ok2 {
			return cval{}, false
		}
		return binop(f.text(n.ChildByFieldName("operator")), a, b)
	case "type_cast_expression":
		v, ok := l.eval(n.ChildByFieldName("value"), u)
		if !ok {
			return v, false
		}
		return castTo(v, l.typ(n.ChildByFieldName("type"), u), l.targetOrDefault()), true
	case "identifier":
		return l.constValue(f.text(n))
	case "scoped_identifier":
		return l.scopedValue(f.text(n), u)
	case "field_expression": // N::A.0: a newtype const's one field
		if fl := n.ChildByFieldName("field"); fl != nil && f.text(fl) == "0" {
			return l.eval(n.ChildByFieldName("value"), u)
		}
	case "call_expression": // N(1): a newtype constructor
		args := n.ChildByFieldName("arguments")
		if args != nil && args.NamedChildCount() == 1 {
			return l.eval(args.NamedChild(0), u)
		}
	case "struct_expression": // N { 0: 1 } is rare; N { bits: 1 } likewise
		if body := n.ChildByFieldName("body"); body != nil && body.NamedChildCount() == 1 {
			fi := body.NamedChild(0)
			if v := fi.ChildByFieldName("value"); v != nil {
				return l.eval(v, u)
			}
		}
	case "block", "unsafe_block":
		if n.NamedChildCount() == 1 {
			return l.eval(n.NamedChild(0), u)
		}
	}
	return cval{}, false
}

func (l *loader) targetOrDefault() *ir.Target {
	if l.m != nil && l.m.Target != nil {
		return l.m.Target
	}
	return ir.X86_64Linux()
}

// constValue evaluates a crate const by name, once, guarding against cycles.
func (l *loader) constValue(name string) (cval, bool) {
	ci, ok := l.consts[name]
	if !ok || l.evaluating[name] {
		return cval{}, false
	}
	l.evaluating[name] = true
	defer delete(l.evaluating, name)
	v, ok := l.eval(ci.node.ChildByFieldName("value"), ci.u)
	if !ok {
		return v, false
	}
	return castTo(v, l.typ(ci.node.ChildByFieldName("type"), ci.u), l.targetOrDefault()), true
}

// scopedValue evaluates Type::CONST: u32::MAX, c_int::MIN, N::A of a newtype.
func (l *loader) scopedValue(path string, u *unit) (cval, bool) {
	i := strings.LastIndex(path, "::")
	tyName, item := path[:i], path[i+2:]
	if self := l.substParam("Self"); tyName == "Self" && self != nil && self.Kind == ir.KindNamed {
		tyName = self.Ref.Name // inside an impl block
	}
	if cs, ok := l.newtypes[tyName[strings.LastIndex(tyName, ":")+1:]]; ok {
		for _, c := range cs {
			if c.u.f.text(c.node.ChildByFieldName("name")) == item {
				key := tyName + "::" + item
				if l.evaluating[key] {
					return cval{}, false
				}
				l.evaluating[key] = true
				defer delete(l.evaluating, key)
				return l.eval(c.node.ChildByFieldName("value"), c.u)
			}
		}
	}
	if item == "MAX" || item == "MIN" {
		t := l.named(tyName, nil, u)
		if tt := l.primOf(t); tt != ir.PrimInvalid {
			tg := l.targetOrDefault()
			lay, _ := tg.PrimLayout(tt)
			bits := uint(lay.Size * 8)
			signed := tt.IsSigned(tg)
			switch {
			case item == "MAX" && signed:
				return cval{i: int64(uint64(1)<<(bits-1) - 1)}, bits > 0
			case item == "MAX":
				if bits >= 64 {
					return cval{i: -1, unsigned: true}, true
				}
				return cval{i: int64(uint64(1)<<bits - 1), unsigned: true}, true
			case signed:
				return cval{i: -int64(uint64(1) << (bits - 1))}, bits > 0
			default:
				return cval{unsigned: true}, true
			}
		}
	}
	// A const in a module: crate::consts::X, self::X, ffi::X.
	return l.constValue(item)
}

func (l *loader) primOf(t *ir.Type) ir.Prim {
	for i := 0; t != nil && i < 20; i++ {
		switch t.Kind {
		case ir.KindPrim:
			return t.Prim
		case ir.KindNamed:
			ti := l.types[t.Ref.Name]
			if ti == nil {
				return ir.PrimInvalid
			}
			switch ti.node.Kind() {
			case "type_item":
				t = l.typ(ti.node.ChildByFieldName("type"), ti.u)
				continue
			case "struct_item": // a newtype: its one field
				if body := ti.node.ChildByFieldName("body"); body != nil && body.Kind() == "ordered_field_declaration_list" {
					t = l.typ(body.ChildByFieldName("type"), ti.u)
					continue
				}
			case "enum_item":
				return l.enumUnderlying(ti)
			}
			return ir.PrimInvalid
		default:
			return ir.PrimInvalid
		}
	}
	return ir.PrimInvalid
}

func (l *loader) enumUnderlying(ti *typeInfo) ir.Prim {
	// The attributes are found again from the enum's parent list.
	parent := ti.node.Parent()
	if parent == nil {
		return ir.Int
	}
	for i := uint(0); i < parent.NamedChildCount(); i++ {
		if parent.NamedChild(i).StartByte() == ti.node.StartByte() {
			a := l.attrsBefore(ti.u.f, parent, i)
			if r := a.reprInt(); r != "" {
				return rustPrims[r]
			}
		}
	}
	return ir.Int
}

func negate(v cval) cval {
	if v.kind == ir.ConstFloat {
		v.f = -v.f
	} else {
		v.i = -v.i
	}
	return v
}

func binop(op string, a, b cval) (cval, bool) {
	if a.kind == ir.ConstFloat || b.kind == ir.ConstFloat {
		x, y := a.f, b.f
		if a.kind != ir.ConstFloat {
			x = float64(a.i)
		}
		if b.kind != ir.ConstFloat {
			y = float64(b.i)
		}
		r := cval{kind: ir.ConstFloat}
		switch op {
		case "+":
			r.f = x + y
		case "-":
			r.f = x - y
		case "*":
			r.f = x * y
		case "/":
			r.f = x / y
		default:
			return r, false
		}
		return r, true
	}
	r := cval{unsigned: a.unsigned || b.unsigned}
	x, y := a.i, b.i
	switch op {
	case "+":
		r.i = x + y
	case "-":
		r.i = x - y
	case "*":
		r.i = x * y
	case "/", "%":
		if y == 0 {
			return r, false
		}
		if r.unsigned {
			if op == "/" {
				r.i = int64(uint64(x) / uint64(y))
			} else {
				r.i = int64(uint64(x) % uint64(y))
			}
		} else if op == "/" {
			r.i = x / y
		} else {
			r.i = x % y
		}
	case "<<":
		r.i = x << uint64(y&63)
		r.unsigned = a.unsigned
	case ">>":
		if a.unsigned {
			r.i = int64(uint64(x) >> uint64(y&63))
		} else {
			r.i = x >> uint64(y&63)
		}
		r.unsigned = a.unsigned
	case "&":
		r.i = x & y
	case "|":
		r.i = x | y
	case "^":
		r.i = x ^ y
	case "==", "!=", "<", ">", "<=", ">=", "&&", "||":
		var c bool
		switch op {
		case "==":
			c = x == y
		case "!=":
			c = x != y
		case "<":
			c = x < y
		case ">":
			c = x > y
		case "<=":
			c = x <= y
		case ">=":
			c = x >= y
		case "&&":
			c = x != 0 && y != 0
		case "||":
			c = x != 0 || y != 0
		}
		if c {
			r.i = 1
		}
		r.unsigned = false
	default:
		return r, false
	}
	return r, true
}

// castTo converts v to the integer or float type t (truncating or extending
// like `as`); other types leave v unchanged.
func castTo(v cval, t *ir.Type, tg *ir.Target) cval {
	if t == nil || t.Kind != ir.KindPrim {
		return v
	}
	p := t.Prim
	if p.IsFloat() {
		if v.kind == ir.ConstInt || v.kind == ir.ConstChar {
			x := float64(v.i)
			if v.unsigned {
				x = float64(uint64(v.i))
			}
			return cval{kind: ir.ConstFloat, f: x}
		}
		return v
	}
	if !p.IsInteger() && p != ir.Bool && p != ir.RustChar {
		return v
	}
	if v.kind == ir.ConstFloat {
		v = cval{i: int64(math.Trunc(v.f))}
	}
	if v.kind == ir.ConstString {
		return v
	}
	lay, ok := tg.PrimLayout(p)
	if !ok || lay.Size >= 8 {
		v.unsigned = !p.IsSigned(tg) && p != ir.RustChar
		if p == ir.RustChar {
			v.kind = ir.ConstChar
		}
		return v
	}
	bits := uint(lay.Size * 8)
	mask := uint64(1)<<bits - 1
	x := uint64(v.i) & mask
	if p.IsSigned(tg) && x&(uint64(1)<<(bits-1)) != 0 {
		v.i = int64(x | ^mask)
	} else {
		v.i = int64(x)
	}
	v.unsigned = !p.IsSigned(tg)
	if p == ir.RustChar {
		v.kind = ir.ConstChar
	}
	return v
}

// parseIntLit reads 0x1F_u32, 0o17, 0b1010, 1_000i64.
func parseIntLit(s string) (cval, bool) {
	s = strings.ReplaceAll(s, "_", "")
	v := cval{}
	for _, suf := range []string{"usize", "isize", "u128", "i128", "u64", "i64", "u32", "i32", "u16", "i16", "u8", "i8"} {
		// u and i are not hex digits, so a suffix is never part of 0x digits.
		if strings.HasSuffix(s, suf) {
			s = strings.TrimSuffix(s, suf)
			v.unsigned = suf[0] == 'u'
			break
		}
	}
	base := 10
	switch {
	case strings.HasPrefix(s, "0x"), strings.HasPrefix(s, "0X"):
		base, s = 16, s[2:]
	case strings.HasPrefix(s, "0o"):
		base, s = 8, s[2:]
	case strings.HasPrefix(s, "0b"):
		base, s = 2, s[2:]
	}
	x, err := strconv.ParseUint(s, base, 64)
	if err != nil {
		return v, false
	}
	v.i = int64(x)
	if x > math.MaxInt64 {
		v.unsigned = true
	}
	return v, true
}

func unescapeChar(s string) (rune, bool) {
	s = strings.TrimPrefix(s, "b")
	if len(s) < 3 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return 0, false
	}
	b, ok := unescape(s[1 : len(s)-1])
	if !ok {
		return 0, false
	}
	r := []rune(string(b))
	if len(r) != 1 {
		if len(b) == 1 {
			return rune(b[0]), true
		}
		return 0, false
	}
	return r[0], true
}

// unescapeString reads "..", b"..", c"..", r#".."#, br"..".
func unescapeString(s string) ([]byte, bool) {
	raw := false
	for len(s) > 0 && (s[0] == 'b' || s[0] == 'c' || s[0] == 'r') {
		if s[0] == 'r' {
			raw = true
		}
		s = s[1:]
	}
	if raw {
		s = strings.Trim(s, "#")
		if len(s) < 2 {
			return nil, false
		}
		return []byte(s[1 : len(s)-1]), true
	}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return nil, false
	}
	return unescape(s[1 : len(s)-1])
}

func unescape(s string) ([]byte, bool) {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			out = append(out, c)
			continue
		}
		i++
		if i >= len(s) {
			return nil, false
		}
		switch s[i] {
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case '0':
			out = append(out, 0)
		case '\\', '\'', '"':
			out = append(out, s[i])
		case 'x':
			if i+3 > len(s) {
				return nil, false
			}
			x, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
			if err != nil {
				return nil, false
			}
			out = append(out, byte(x))
			i += 2
		case 'u':
			j := strings.IndexByte(s[i:], '}')
			if j < 0 || i+2 > len(s) {
				return nil, false
			}
			x, err := strconv.ParseUint(s[i+2:i+j], 16, 32)
			if err != nil {
				return nil, false
			}
			out = append(out, string(rune(x))...)
			i += j
		case '\n': // line continuation: skip following whitespace
			for i+1 < len(s) && (s[i+1] == ' ' || s[i+1] == '\t' || s[i+1] == '\n' || s[i+1] == '\r') {
				i++
			}
		default:
			return nil, false
		}
	}
	return out, true
}
