package check

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// rustSpell spells a Rust-side type as Rust source would.
func rustSpell(t *ir.Type) string {
	if t == nil {
		return "()"
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			return "()"
		}
		if s, ok := shortPrim(t.Prim); ok {
			return s
		}
		return t.Prim.String()
	case ir.KindPointer:
		if t.Elem != nil && t.Elem.Kind == ir.KindFunc {
			s := fnSpell(t.Elem.Func, rustSpell)
			if t.Null != ir.NonNull {
				return "Option<" + s + ">"
			}
			return s
		}
		inner := pointeeSpell(t.Elem)
		switch t.Flavor {
		case ir.Ref:
			return ref(t.Mut) + inner
		case ir.OptRef:
			return "Option<" + ref(t.Mut) + inner + ">"
		case ir.NonNullP:
			return "NonNull<" + inner + ">"
		case ir.OptNonNul:
			return "Option<NonNull<" + inner + ">>"
		case ir.BoxP:
			return "Box<" + inner + ">"
		case ir.OptBox:
			return "Option<Box<" + inner + ">>"
		}
		if t.Mut {
			return "*mut " + inner
		}
		return "*const " + inner
	case ir.KindArray:
		if t.Len < 0 {
			return "[" + rustSpell(t.Elem) + "]"
		}
		return fmt.Sprintf("[%s; %d]", rustSpell(t.Elem), t.Len)
	case ir.KindFunc:
		return fnSpell(t.Func, rustSpell)
	case ir.KindNamed:
		return t.Ref.Name
	case ir.KindRust:
		switch t.Text {
		case ir.RustSlice:
			return "[" + rustSpell(t.Elem) + "]"
		case ir.RustVec:
			return "Vec<" + rustSpell(t.Elem) + ">"
		case ir.RustOption:
			return "Option<" + rustSpell(t.Elem) + ">"
		case ir.RustResult:
			return "Result<...>"
		case ir.RustTuple:
			var parts []string
			for _, a := range t.Args {
				parts = append(parts, rustSpell(a))
			}
			return "(" + strings.Join(parts, ", ") + ")"
		case ir.RustDyn:
			return "dyn Trait"
		case ir.RustPath:
			return t.Ref.Name
		}
		return t.Text
	}
	return t.String()
}

func pointeeSpell(t *ir.Type) string {
	if t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Void {
		return "c_void"
	}
	return rustSpell(t)
}

func ref(mut bool) string {
	if mut {
		return "&mut "
	}
	return "&"
}

func fnSpell(f *ir.FuncType, spell func(*ir.Type) string) string {
	if f == nil {
		return "fn()"
	}
	var ps []string
	for _, p := range f.Params {
		ps = append(ps, spell(p.Type))
	}
	if f.Variadic {
		ps = append(ps, "...")
	}
	s := "fn(" + strings.Join(ps, ", ") + ")"
	if f.ABI != "Rust" {
		s = "unsafe extern \"" + abiName(f.ABI) + "\" " + s
	}
	if f.Result != nil && !f.Result.IsVoid() {
		s += " -> " + spell(f.Result)
	}
	return s
}

func abiName(a string) string {
	if a == "" {
		return "C"
	}
	return a
}

// cSpell spells a C-side type; typedef names are kept.
func cSpell(t *ir.Type) string {
	if t == nil {
		return "void"
	}
	if t.Kind == ir.KindPointer && t.Elem != nil && t.Elem.Kind == ir.KindFunc {
		f := t.Elem.Func
		var ps []string
		for _, p := range f.Params {
			ps = append(ps, cSpell(p.Type))
		}
		if f.Variadic {
			ps = append(ps, "...")
		}
		return cSpell(f.Result) + " (*)(" + strings.Join(ps, ", ") + ")"
	}
	if t.Kind == ir.KindPointer {
		s := cSpell(t.Elem)
		if !strings.HasSuffix(s, "*") {
			s += " "
		}
		s += "*"
		if t.Const {
			s += "const"
		}
		return s
	}
	return t.String()
}

// cToRust spells the Rust type that binds C type t (for help text).
func cToRust(t *ir.Type, top bool) string {
	if t == nil {
		return "()"
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			if top {
				return "()"
			}
			return "core::ffi::c_void"
		}
		s, ok := ir.RustPrimName(t.Prim)
		if !ok {
			return t.Prim.String()
		}
		return s
	case ir.KindPointer:
		if t.Elem != nil && t.Elem.Kind == ir.KindFunc {
			s := fnSpell(t.Elem.Func, func(x *ir.Type) string { return cToRust(x, true) })
			if t.Null != ir.NonNull {
				return "Option<" + s + ">"
			}
			return s
		}
		if t.Elem != nil && t.Elem.Const {
			return "*const " + cToRust(t.Elem, false)
		}
		return "*mut " + cToRust(t.Elem, false)
	case ir.KindArray:
		if !top {
			return fmt.Sprintf("[%s; %d]", cToRust(t.Elem, false), t.Len)
		}
		return "*mut " + cToRust(t.Elem, false)
	case ir.KindNamed:
		return t.Ref.Name
	}
	return t.String()
}

// intDesc is "32-bit signed" for an integer prim.
func (p *Pass) intDesc(pr ir.Prim) string {
	l, _ := p.Target.PrimLayout(pr)
	s := "unsigned"
	if pr.IsSigned(p.Target) {
		s = "signed"
	}
	return fmt.Sprintf("%d-bit %s", l.Size*8, s)
}

// shortPrim spells a scalar as it is usually imported: c_int, u32, f64.
func shortPrim(p ir.Prim) (string, bool) {
	s, ok := ir.RustPrimName(p)
	return strings.TrimPrefix(s, "core::ffi::"), ok
}
