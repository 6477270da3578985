package export

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// nonZero maps core::num::NonZero* to their integer: repr(transparent), so
// C sees the integer (and Option<NonZero*> has the same layout).
var nonZero = map[string]ir.Prim{
	"NonZeroU8": ir.U8, "NonZeroU16": ir.U16, "NonZeroU32": ir.U32, "NonZeroU64": ir.U64,
	"NonZeroUsize": ir.USize, "NonZeroI8": ir.I8, "NonZeroI16": ir.I16, "NonZeroI32": ir.I32,
	"NonZeroI64": ir.I64, "NonZeroIsize": ir.ISize, "NonZeroU128": ir.UInt128, "NonZeroI128": ir.Int128,
}

func lastSeg(p string) string {
	if i := strings.LastIndex(p, "::"); i >= 0 {
		return p[i+2:]
	}
	return p
}

// ctype lowers a Rust-side type to its C form. byValue is false behind a
// pointer, where any type may appear as an opaque declaration.
func (l *lowerer) ctype(t *ir.Type, byValue bool) (*ir.Type, problem) {
	if t == nil {
		return ir.PrimType(ir.Void), ""
	}
	switch t.Kind {
	case ir.KindPrim:
		u := *t
		if u.Prim == ir.RustChar {
			u.Prim = ir.U32
		}
		return &u, ""
	case ir.KindPointer:
		return l.pointer(t)
	case ir.KindArray:
		e, p := l.ctype(t.Elem, true)
		if p != "" {
			return nil, p
		}
		return &ir.Type{Kind: ir.KindArray, Elem: e, Len: t.Len, Const: t.Const}, ""
	case ir.KindFunc:
		return l.funcPtr(t.Func, ir.NonNull)
	case ir.KindNamed:
		return l.named(t, byValue)
	case ir.KindRust:
		if t.Text == ir.RustPath {
			if p, ok := nonZero[lastSeg(t.Ref.Name)]; ok {
				return &ir.Type{Kind: ir.KindPrim, Prim: p, Const: t.Const}, ""
			}
		}
		if t.Text == ir.RustOption && t.Elem != nil && t.Elem.Text == ir.RustPath {
			if p, ok := nonZero[lastSeg(t.Elem.Ref.Name)]; ok {
				return &ir.Type{Kind: ir.KindPrim, Prim: p, Const: t.Const}, ""
			}
		}
		if t.Text == ir.RustOption && t.Elem != nil && t.Elem.Kind == ir.KindNamed {
			// Option of an alias of a non-null pointer (`type Cb = extern
			// "C" fn(); Option<Cb>`): the same pointer, nullable.
			if r := l.ix.Resolve(t.Elem); r != nil && r.Kind == ir.KindPointer && r.Null == ir.NonNull {
				ct, p := l.ctype(t.Elem, byValue)
				if p != "" {
					return nil, p
				}
				return ct, ""
			}
		}
		if t.Text == ir.RustTuple && len(t.Args) == 0 {
			return ir.PrimType(ir.Void), ""
		}
		return nil, problem(fmt.Sprintf("`%s` is a Rust-only type with no C layout", rustSpelling(t)))
	}
	return nil, problem(fmt.Sprintf("`%s` has no C equivalent", t.Text))
}

func (l *lowerer) pointer(t *ir.Type) (*ir.Type, problem) {
	out := &ir.Type{Kind: ir.KindPointer, Null: t.Null, Flavor: t.Flavor, Mut: t.Mut, Const: t.Const}
	e := t.Elem
	if e != nil && e.Kind == ir.KindFunc {
		return l.funcPtr(e.Func, t.Null)
	}
	if e != nil && e.Kind == ir.KindRust {
		switch e.Text {
		case ir.RustSlice, ir.RustStr, ir.RustDyn:
			return nil, problem(fmt.Sprintf("`%s` is a fat pointer (address plus length or vtable), which C cannot receive as one value", rustSpelling(t)))
		}
	}
	ce, p := l.ctype(e, false)
	if p != "" {
		// Anything else behind a pointer is opaque to C.
		ce = l.opaqueFor(e)
	}
	if ce.Kind == ir.KindPrim && ce.Prim == ir.Void {
		ce = ir.PrimType(ir.Void)
	}
	switch t.Flavor {
	case ir.BoxP, ir.OptBox, ir.NonNullP, ir.OptNonNul:
		ce = ce.WithConst(false)
	default:
		ce = ce.WithConst(e != nil && (e.Const || (!t.Mut && (t.Flavor == ir.Ref || t.Flavor == ir.OptRef))))
	}
	out.Elem = ce
	return out, ""
}

// opaqueFor names the opaque C type for a Rust type C only sees behind a
// pointer: a crate type keeps its name, anything else is void.
func (l *lowerer) opaqueFor(t *ir.Type) *ir.Type {
	name := ""
	switch {
	case t == nil:
	case t.Kind == ir.KindNamed:
		name = l.refName(t.Ref.Name)
	case t.Kind == ir.KindRust && t.Text == ir.RustPath && !strings.Contains(t.Ref.Name, "<"):
		seg := lastSeg(t.Ref.Name)
		if seg != "_" && !strings.HasPrefix(t.Ref.Name, "std::") && !strings.HasPrefix(t.Ref.Name, "core::") && !strings.HasPrefix(t.Ref.Name, "alloc::") {
			name = seg
		}
	}
	if name == "" {
		return ir.PrimType(ir.Void)
	}
	if _, ok := l.opaque[name]; !ok {
		r := &ir.Record{Common: ir.Common{Name: name, Origin: ir.FromRust}}
		if t.Kind == ir.KindNamed {
			if d := l.ix.Lookup(t.Ref); d != nil {
				c := d.DeclCommon()
				r.Doc, r.Pos, r.Cfg = c.Doc, c.Pos, c.Cfg
			}
		}
		l.opaque[name] = r
	}
	return ir.Named(ir.RefStruct, name)
}

func (l *lowerer) funcPtr(f *ir.FuncType, null ir.Nullability) (*ir.Type, problem) {
	if !cABI(f.ABI) {
		return nil, problem(fmt.Sprintf("function pointer with the %q ABI; C can only call extern \"C\" functions", f.ABI))
	}
	cf, p := l.funcType(f)
	if p != "" {
		return nil, p
	}
	return &ir.Type{Kind: ir.KindPointer, Elem: &ir.Type{Kind: ir.KindFunc, Func: cf}, Null: null}, ""
}

func cABI(abi string) bool {
	switch abi {
	case "C", "C-unwind", "system", "system-unwind", "cdecl", "sysv64":
		return true
	}
	return false
}

// funcType lowers a function's signature: parameters and result by value.
func (l *lowerer) funcType(f *ir.FuncType) (*ir.FuncType, problem) {
	cf := &ir.FuncType{Variadic: f.Variadic, ABI: "C"}
	for i, p := range f.Params {
		if p.Type != nil && p.Type.Kind == ir.KindArray {
			return nil, problem(fmt.Sprintf("parameter %s: an array passed by value (C would pass a pointer)", paramLabel(p, i)))
		}
		ct, pr := l.ctype(p.Type, true)
		if pr != "" {
			return nil, problem(fmt.Sprintf("parameter %s: %s", paramLabel(p, i), pr))
		}
		cf.Params = append(cf.Params, ir.Param{Name: p.Name, Type: ct, Attrs: p.Attrs})
	}
	r := f.Result
	if r.IsRust(ir.RustNever) {
		r = ir.PrimType(ir.Void)
	}
	if r != nil && r.Kind == ir.KindArray {
		return nil, problem("result: an array returned by value")
	}
	ct, pr := l.ctype(r, true)
	if pr != "" {
		return nil, problem("result: " + string(pr))
	}
	cf.Result = ct
	return cf, ""
}

func paramLabel(p ir.Param, i int) string {
	if p.Name != "" && p.Name != "_" {
		return "`" + p.Name + "`"
	}
	return fmt.Sprintf("#%d", i+1)
}

// named lowers a reference to a crate type, emitting its declaration.
func (l *lowerer) named(t *ir.Type, byValue bool) (*ir.Type, problem) {
	d, amb := l.lookup(t.Ref)
	if amb != "" {
		return nil, amb
	}
	if d == nil {
		return nil, problem(fmt.Sprintf("`%s` is not declared in the crate", t.Ref.Name))
	}
	switch d := d.(type) {
	case *ir.Record:
		if !d.Anonymous && (!ffiRecord(d) || l.excluded[d]) {
			if byValue {
				return nil, problem(fmt.Sprintf("`%s` has no #[repr(C)] (its Rust layout is unspecified)", d.Name))
			}
			return l.opaqueFor(t), ""
		}
		ref, p := l.emitRecord(d)
		if p != "" {
			if byValue {
				return nil, p
			}
			return l.opaqueFor(t), ""
		}
		return &ir.Type{Kind: ir.KindNamed, Ref: ref, Const: t.Const}, ""
	case *ir.Enum:
		if !ffiEnum(d) || l.excluded[d] {
			if byValue {
				return nil, problem(fmt.Sprintf("enum `%s` has no #[repr(C)] or #[repr(Int)] (its size is unspecified)", d.Name))
			}
			return l.opaqueFor(t), ""
		}
		l.emitEnum(d)
		return &ir.Type{Kind: ir.KindNamed, Ref: ir.TypeRef{Kind: ir.RefEnum, Name: l.declName(d)}, Const: t.Const}, ""
	case *ir.Typedef:
		if !byValue && l.tdBusy[d.Name+"@"+d.Pos.String()] {
			// A pointer back to an alias being lowered (`type List =
			// Node; struct Node { next: *mut List }`): the alias is on its
			// way out, and a pointer needs only its name.
			return &ir.Type{Kind: ir.KindNamed, Ref: ir.TypeRef{Kind: ir.RefTypedef, Name: l.declName(d)}, Const: t.Const}, ""
		}
		ct, p := l.typedefTarget(d)
		if p != "" {
			if !byValue {
				return ir.PrimType(ir.Void), ""
			}
			return nil, problem(fmt.Sprintf("alias `%s`: %s", d.Name, p))
		}
		_ = ct
		l.emitTypedef(d)
		return &ir.Type{Kind: ir.KindNamed, Ref: ir.TypeRef{Kind: ir.RefTypedef, Name: l.declName(d)}, Const: t.Const}, ""
	}
	return nil, problem(fmt.Sprintf("`%s` is not a type", t.Ref.Name))
}

func (l *lowerer) typedefTarget(d *ir.Typedef) (*ir.Type, problem) {
	// Keyed by position too: #[cfg] variants of one alias share a name.
	key := d.Name + "@" + d.Pos.String()
	if t, ok := l.tdMemo[key]; ok {
		if t == nil {
			return nil, "its target has no C form"
		}
		return t, ""
	}
	if l.tdBusy[key] {
		return nil, "it refers to itself"
	}
	l.tdBusy[key] = true
	defer delete(l.tdBusy, key)
	defer l.inModule(d.Module)()
	t, p := l.ctype(d.Type, true)
	if p != "" {
		l.tdMemo[key] = nil
		return nil, p
	}
	l.tdMemo[key] = t
	return t, ""
}

// rustSpelling renders a type the way Rust writes it, for messages.
func rustSpelling(t *ir.Type) string {
	if t == nil {
		return "()"
	}
	switch t.Kind {
	case ir.KindPrim:
		return rustPrim(t.Prim)
	case ir.KindPointer:
		inner := rustSpelling(t.Elem)
		switch t.Flavor {
		case ir.Ref:
			if t.Mut {
				return "&mut " + inner
			}
			return "&" + inner
		case ir.OptRef:
			if t.Mut {
				return "Option<&mut " + inner + ">"
			}
			return "Option<&" + inner + ">"
		case ir.BoxP:
			return "Box<" + inner + ">"
		case ir.OptBox:
			return "Option<Box<" + inner + ">>"
		case ir.NonNullP:
			return "NonNull<" + inner + ">"
		case ir.OptNonNul:
			return "Option<NonNull<" + inner + ">>"
		}
		if t.Elem != nil && t.Elem.Kind == ir.KindFunc {
			return inner
		}
		if t.Mut {
			return "*mut " + inner
		}
		return "*const " + inner
	case ir.KindArray:
		return fmt.Sprintf("[%s; %d]", rustSpelling(t.Elem), t.Len)
	case ir.KindNamed:
		return t.Ref.Name
	case ir.KindFunc:
		return "fn(..)"
	case ir.KindRust:
		switch t.Text {
		case ir.RustSlice:
			return "[" + rustSpelling(t.Elem) + "]"
		case ir.RustStr, ir.RustString, ir.RustCStr, ir.RustCString:
			return t.Text
		case ir.RustVec, ir.RustOption:
			return t.Text + "<" + rustSpelling(t.Elem) + ">"
		case ir.RustResult:
			e := "_"
			if len(t.Args) > 0 {
				e = rustSpelling(t.Args[0])
			}
			return "Result<" + rustSpelling(t.Elem) + ", " + e + ">"
		case ir.RustTuple:
			var s []string
			for _, a := range t.Args {
				s = append(s, rustSpelling(a))
			}
			return "(" + strings.Join(s, ", ") + ")"
		case ir.RustDyn:
			return "dyn Trait"
		case ir.RustPath:
			return t.Ref.Name
		}
		return t.Text
	}
	return t.Text
}

// rustPrim spells a scalar as Rust does (C kinds via core::ffi).
func rustPrim(p ir.Prim) string {
	switch p {
	case ir.Void:
		return "()"
	case ir.Float16:
		return "f16"
	case ir.Float128:
		return "f128"
	}
	if path, ok := ir.RustPrimName(p); ok {
		return path
	}
	return p.String()
}
