package rustgen

import (
	"strings"

	"ferry/internal/ir"
)

// rl is the Rust layout of t spelled by value in a field: C's layout for
// everything ferry emits, except that a typedef alias carries no aligned(N)
// of its own. ok is false when the size is unknown (opaque stand-ins).
func (e *emitter) rl(t *ir.Type) (size, align int64, ok bool) {
	if t == nil {
		return 0, 1, false
	}
	switch t.Kind {
	case ir.KindPrim:
		if l, ok := e.tgt.PrimLayout(t.Prim); ok {
			return l.Size, l.Align, true
		}
	case ir.KindPointer, ir.KindFunc:
		return e.tgt.Pointer.Size, e.tgt.Pointer.Align, true
	case ir.KindArray:
		s, a, ok := e.rl(t.Elem)
		n := t.Len
		if n < 0 {
			n = 0
		}
		return s * n, a, ok
	case ir.KindOpaque:
		if s := complexType(t.Text); s != "" {
			p := ir.Float
			switch {
			case strings.Contains(s, helperLongDouble):
				p = ir.LongDouble
			case strings.Contains(s, "f64"):
				p = ir.Double
			}
			l, _ := e.tgt.PrimLayout(p)
			return 2 * l.Size, l.Align, true
		}
	case ir.KindNamed:
		switch d := e.ix.Lookup(t.Ref).(type) {
		case *ir.Record:
			if p := e.plan(d); p.mode != planIncomplete {
				return d.Layout.Size, d.Layout.Align, true
			}
		case *ir.Enum:
			return e.rl(ir.PrimType(d.Underlying))
		case *ir.Typedef:
			if el, ok := e.elided[t.Ref.Name]; ok {
				return e.rl(el)
			}
			return e.rl(d.Type)
		}
	}
	return 0, 1, false
}

// walk calls f on every type t holds by value (itself, array elements,
// typedef targets, record members), stopping when f returns true.
func (e *emitter) byValue(t *ir.Type, f func(*ir.Type, *recPlan) bool, depth int) bool {
	if t == nil || depth > 64 {
		return false
	}
	switch t.Kind {
	case ir.KindArray:
		return e.byValue(t.Elem, f, depth+1)
	case ir.KindNamed:
		switch d := e.ix.Lookup(t.Ref).(type) {
		case *ir.Typedef:
			if el, ok := e.elided[t.Ref.Name]; ok {
				return e.byValue(el, f, depth+1)
			}
			return e.byValue(d.Type, f, depth+1)
		case *ir.Record:
			p := e.plan(d)
			if f(t, p) {
				return true
			}
			for _, it := range p.items {
				if it.field != nil && !it.field.Bitfield && e.byValue(it.field.Type, f, depth+1) {
					return true
				}
			}
			return false
		}
	}
	return f(t, nil)
}

// containsAlign reports whether t holds a type emitted with repr(align),
// which Rust forbids inside a packed type.
func (e *emitter) containsAlign(t *ir.Type) bool {
	return e.byValue(t, func(t *ir.Type, p *recPlan) bool {
		if p != nil {
			return p.alignN > 0
		}
		if t.Kind == ir.KindPrim {
			return t.Prim == ir.LongDouble || t.Prim == ir.Float128
		}
		return t.Kind == ir.KindOpaque && strings.Contains(complexType(t.Text), helperLongDouble)
	}, 0)
}

// hasUnion reports whether t holds a union by value (no derive(Debug)).
func (e *emitter) hasUnion(t *ir.Type) bool {
	return e.byValue(t, func(t *ir.Type, p *recPlan) bool {
		return p != nil && p.union
	}, 0)
}

// abiUnsafe reports whether passing t by value would use a different
// calling convention in Rust than in C: long double, _Float128 and
// _Float16 have no Rust type, and a record emitted as bytes loses its
// float members' register class.
func (e *emitter) abiUnsafe(t *ir.Type) bool {
	return e.byValue(t, func(t *ir.Type, p *recPlan) bool {
		if p != nil {
			return p.mode == planBytes
		}
		switch t.Kind {
		case ir.KindPrim:
			return t.Prim == ir.LongDouble || t.Prim == ir.Float128 || t.Prim == ir.Float16
		case ir.KindOpaque:
			c := complexType(t.Text)
			return c == "" || strings.Contains(c, helperLongDouble)
		}
		return false
	}, 0)
}

func alignUp(n, a int64) int64 {
	if a <= 1 {
		return n
	}
	return (n + a - 1) / a * a
}
