package cgen

import (
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// declare renders t as a C declarator around inner (a name, possibly with
// pointer stars or array suffixes already applied), e.g. declare(int[4],
// "*p") is "int (*p)[4]". It records the standard headers the type needs.
func (g *gen) declare(t *ir.Type, inner string) string {
	if t == nil {
		return g.join("void", inner)
	}
	switch t.Kind {
	case ir.KindPrim:
		if h := primHeader(t.Prim); h != "" {
			g.headers[h] = true
		}
		return g.join(qual(t)+PrimName(t.Prim), inner)
	case ir.KindNamed:
		return g.join(qual(t)+g.typeName(t.Ref), inner)
	case ir.KindPointer:
		star := "*"
		if t.Const {
			star = "*const "
			if inner == "" {
				star = "*const"
			}
		}
		switch {
		case t.Elem != nil && t.Elem.Kind == ir.KindFunc:
			return g.declare(t.Elem, "("+star+inner+")")
		case t.Elem != nil && t.Elem.Kind == ir.KindArray:
			return g.declare(t.Elem, "("+star+inner+")")
		}
		return g.declare(t.Elem, star+inner)
	case ir.KindArray:
		n := ""
		if t.Len >= 0 {
			n = strconv.FormatInt(t.Len, 10)
		}
		elem := t.Elem
		if t.Const && elem != nil && !elem.Const {
			// C qualifies an array through its elements.
			elem = elem.WithConst(true)
		}
		return g.declare(elem, inner+"["+n+"]")
	case ir.KindFunc:
		// A bare function type in a value position is a Rust fn pointer
		// (`extern "C" fn(..)`), which is already a pointer.
		if !strings.HasPrefix(inner, "(") || !strings.HasSuffix(inner, ")") {
			inner = "(*" + inner + ")"
		}
		return g.declare(t.Func.Result, inner+"("+g.params(t.Func, nil)+")")
	}
	// Opaque or Rust-only types never reach cgen from export; degrade to an
	// untyped pointer-sized slot rather than printing nonsense.
	return g.join("void", "*"+inner)
}

func qual(t *ir.Type) string {
	s := ""
	if t.Const {
		s += "const "
	}
	if t.Volatile {
		s += "volatile "
	}
	return s
}

func (g *gen) join(base, inner string) string {
	if inner == "" {
		return base
	}
	return base + " " + inner
}

// params renders a parameter list; names may be nil for an abstract one.
func (g *gen) params(f *ir.FuncType, names []string) string {
	if len(f.Params) == 0 {
		if f.Variadic {
			return "..."
		}
		return "void"
	}
	parts := make([]string, 0, len(f.Params)+1)
	for i, p := range f.Params {
		n := ""
		if names != nil {
			n = names[i]
		}
		parts = append(parts, g.declare(p.Type, n))
	}
	if f.Variadic {
		parts = append(parts, "...")
	}
	return strings.Join(parts, ", ")
}

// typeName is the C name of a declared type: every record and enum is also
// typedef'd to its own name, so references never need a tag keyword.
func (g *gen) typeName(r ir.TypeRef) string {
	return r.Name
}
