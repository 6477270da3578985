package safegen

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
	"ferry/internal/rustgen"
)

// wellKnown are the typedefs the raw module maps straight to Rust
// primitives; the safe module must spell them the same way.
var wellKnown = map[string]string{
	"size_t": "usize", "ssize_t": "isize", "uintptr_t": "usize", "intptr_t": "isize", "ptrdiff_t": "isize",
	"int8_t": "i8", "int16_t": "i16", "int32_t": "i32", "int64_t": "i64",
	"uint8_t": "u8", "uint16_t": "u16", "uint32_t": "u32", "uint64_t": "u64",
}

// types spells ir types as Rust, the way the raw module declares them.
type types struct {
	ix  *ir.Index
	raw string // path of the raw module, e.g. "super::raw"
	use map[string]bool
	m   *ir.Module
	sp  *rustgen.Spelling // rustgen's names, computed on first use
}

func newTypes(m *ir.Module, ix *ir.Index) *types {
	return &types{ix: ix, raw: "raw", use: map[string]bool{}, m: m}
}

// spelling returns rustgen's names for the module: the raw module renames
// clashing declarations, and the safe one must refer to them by those names.
func (ts *types) spelling() *rustgen.Spelling {
	if ts.sp == nil && ts.m != nil {
		ts.sp = rustgen.Spell(ts.m)
	}
	return ts.sp
}

// typeName is the raw module's name of a declared type, or "" when it
// declares none of its own (an elided typedef).
func (ts *types) typeName(ref ir.TypeRef, fallback string) string {
	if sp := ts.spelling(); sp != nil {
		return sp.Type(ref)
	}
	return rawIdent(fallback)
}

// fn is the raw module's path of a C function, or "" when the raw module
// does not declare it.
func (ts *types) fn(name string) string {
	n := rawIdent(name)
	if sp := ts.spelling(); sp != nil {
		n = sp.Func(name)
	}
	if n == "" {
		return ""
	}
	return ts.raw + "::" + n
}

// scalar classifies a type after typedefs: its Rust primitive spelling
// and whether it is an integer; ok is false for anything else.
func (ts *types) scalar(t *ir.Type) (rust string, integer, ok bool) {
	for i := 0; t != nil && i < 50; i++ {
		switch t.Kind {
		case ir.KindPrim:
			r, found := ir.RustPrimName(t.Prim)
			if !found || t.Prim == ir.Void {
				return "", false, false
			}
			return ts.short(r), t.Prim.IsInteger(), true
		case ir.KindNamed:
			if t.Ref.Kind == ir.RefTypedef {
				if r, found := wellKnown[t.Ref.Name]; found {
					return r, true, true
				}
				td := ts.ix.Typedefs[t.Ref.Name]
				if td == nil {
					return "", false, false
				}
				t = td.Type
				continue
			}
			return "", false, false
		default:
			return "", false, false
		}
	}
	return "", false, false
}

// short records a core::ffi import and returns the short name.
func (ts *types) short(path string) string {
	// Full paths: the planner spells types for wrappers that may never be
	// emitted, so imports could not be kept exact.
	return path
}

// prim returns the integer type's primitive kind after typedefs, for
// width and signedness questions.
func (ts *types) prim(t *ir.Type) ir.Prim {
	for i := 0; t != nil && i < 50; i++ {
		switch t.Kind {
		case ir.KindPrim:
			return t.Prim
		case ir.KindNamed:
			if t.Ref.Kind != ir.RefTypedef {
				if e := ts.ix.Enum(t); e != nil {
					return e.Underlying
				}
				return ir.PrimInvalid
			}
			switch wellKnown[t.Ref.Name] {
			case "usize":
				return ir.USize
			case "isize":
				return ir.ISize
			case "i8":
				return ir.I8
			case "u8":
				return ir.U8
			case "i16":
				return ir.I16
			case "u16":
				return ir.U16
			case "i32":
				return ir.I32
			case "u32":
				return ir.U32
			case "i64":
				return ir.I64
			case "u64":
				return ir.U64
			}
			td := ts.ix.Typedefs[t.Ref.Name]
			if td == nil {
				return ir.PrimInvalid
			}
			t = td.Type
		default:
			return ir.PrimInvalid
		}
	}
	return ir.PrimInvalid
}

// resolve follows typedefs, stopping at well-known ones.
func (ts *types) resolve(t *ir.Type) *ir.Type {
	for i := 0; t != nil && t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefTypedef && i < 50; i++ {
		if _, ok := wellKnown[t.Ref.Name]; ok {
			return t
		}
		td := ts.ix.Typedefs[t.Ref.Name]
		if td == nil {
			return t
		}
		t = td.Type
	}
	return t
}

// pointee returns the element of a pointer (or array parameter) type
// after typedefs, or nil.
func (ts *types) pointee(t *ir.Type) *ir.Type {
	t = ts.resolve(t)
	if t == nil {
		return nil
	}
	if t.Kind == ir.KindPointer || t.Kind == ir.KindArray {
		return t.Elem
	}
	return nil
}

// isCharLike reports whether t is char, signed or unsigned char (after
// typedefs): the element of a C string.
func (ts *types) isCharLike(t *ir.Type) bool {
	switch ts.prim(t) {
	case ir.Char, ir.SChar, ir.UChar:
		return true
	}
	return false
}

// isVoid reports whether t is void after typedefs.
func (ts *types) isVoid(t *ir.Type) bool {
	t = ts.resolve(t)
	return t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Void
}

// isFuncPtr reports whether t is a pointer to function (after typedefs)
// and returns the function type.
func (ts *types) isFuncPtr(t *ir.Type) *ir.FuncType {
	t = ts.resolve(t)
	if t == nil || t.Kind != ir.KindPointer {
		return nil
	}
	e := ts.resolve(t.Elem)
	if e != nil && e.Kind == ir.KindFunc {
		return e.Func
	}
	return nil
}

// tagOf names the record a pointer points at (tag or typedef name), or "".
func (ts *types) recordName(t *ir.Type) string {
	if t == nil {
		return ""
	}
	// Prefer the typedef name as written, then the record tag.
	if t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefTypedef {
		if r := ts.ix.Record(t); r != nil {
			return t.Ref.Name
		}
		return ""
	}
	if r := ts.ix.Record(t); r != nil {
		return r.Name
	}
	return ""
}

// rust spells t as the raw module declares it. ok is false for types the
// safe layer will not touch (long double, _Complex, unknown names).
func (ts *types) rust(t *ir.Type) (string, bool) {
	if t == nil {
		return "", false
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			return ts.short("core::ffi::c_void"), true
		}
		r, ok := ir.RustPrimName(t.Prim)
		return ts.short(r), ok
	case ir.KindPointer, ir.KindArray:
		// A pointer to a typedef'd function type is spelled through the
		// typedef, as the raw module does: nested callback types would
		// otherwise be too complex for clippy.
		if el := t.Elem; t.Kind == ir.KindPointer && el != nil && el.Kind == ir.KindNamed && el.Ref.Kind == ir.RefTypedef {
			if r := ts.resolve(el); r != nil && r.Kind == ir.KindFunc {
				if n := ts.typeName(el.Ref, ""); n != "" {
					return "Option<" + ts.raw + "::" + n + ">", true
				}
			}
		}
		if ft := ts.isFuncPtr(t); ft != nil {
			s, ok := ts.fnType(ft)
			return "Option<" + s + ">", ok
		}
		if t.Kind == ir.KindArray && t.Len >= 0 && false {
			return "", false
		}
		elem, ok := ts.rust(t.Elem)
		if !ok {
			return "", false
		}
		if ts.constElem(t.Elem) {
			return "*const " + elem, true
		}
		return "*mut " + elem, true
	case ir.KindNamed:
		if t.Ref.Kind == ir.RefTypedef {
			if r, ok := wellKnown[t.Ref.Name]; ok {
				return r, true
			}
			td := ts.ix.Typedefs[t.Ref.Name]
			if td == nil {
				return "", false
			}
			rt := ts.resolve(t)
			if rt.Kind == ir.KindPrim {
				return ts.rust(rt)
			}
			if rt.Kind == ir.KindPointer {
				return ts.rust(rt)
			}
			if n := ts.typeName(t.Ref, t.Ref.Name); n != "" {
				return ts.raw + "::" + n, true
			}
			return ts.rust(td.Type)
		}
		d := ts.ix.Lookup(t.Ref)
		switch d := d.(type) {
		case *ir.Record, *ir.Enum:
			name, anon, tdName := "", false, ""
			if r, ok := d.(*ir.Record); ok {
				name, anon, tdName = r.Name, r.Anonymous, r.TypedefName
			} else {
				e := d.(*ir.Enum)
				name, anon, tdName = e.Name, e.Anonymous, e.TypedefName
			}
			if anon {
				if tdName == "" {
					return "", false
				}
				name = tdName
			}
			if n := ts.typeName(t.Ref, name); n != "" {
				return ts.raw + "::" + n, true
			}
		}
		return "", false
	}
	return "", false
}

// constElem reports whether a pointee is const-qualified, looking through
// typedefs (typedef const char cc; cc *p).
func (ts *types) constElem(t *ir.Type) bool {
	for i := 0; t != nil && i < 50; i++ {
		if t.Const {
			return true
		}
		if t.Kind != ir.KindNamed || t.Ref.Kind != ir.RefTypedef {
			return false
		}
		td := ts.ix.Typedefs[t.Ref.Name]
		if td == nil {
			return false
		}
		t = td.Type
	}
	return false
}

func (ts *types) fnType(ft *ir.FuncType) (string, bool) {
	var args []string
	for _, p := range ft.Params {
		s, ok := ts.rust(p.Type)
		if !ok {
			return "", false
		}
		args = append(args, s)
	}
	if ft.Variadic || ft.NoProto && len(ft.Params) > 0 {
		return "", false
	}
	s := "unsafe extern \"C\" fn(" + strings.Join(args, ", ") + ")"
	if !ts.isVoid(ft.Result) {
		r, ok := ts.rust(ft.Result)
		if !ok {
			return "", false
		}
		s += " -> " + r
	}
	return s, true
}

// zeroable reports whether the all-zero bit pattern is a valid value of
// t as the raw module declares it: integers, floats, raw pointers,
// Option<fn>, enum newtypes and records/arrays of those. Only such types
// may be created with mem::zeroed.
func (ts *types) zeroable(t *ir.Type, depth int) bool {
	if depth > 20 || t == nil {
		return false
	}
	t = ts.resolve(t)
	switch t.Kind {
	case ir.KindPrim:
		return t.Prim != ir.Void && t.Prim != ir.RustChar
	case ir.KindPointer:
		return true
	case ir.KindArray:
		return ts.zeroable(t.Elem, depth+1)
	case ir.KindNamed:
		if t.Ref.Kind == ir.RefTypedef {
			if _, ok := wellKnown[t.Ref.Name]; ok {
				return true
			}
			return false
		}
		switch d := ts.ix.Lookup(t.Ref).(type) {
		case *ir.Enum:
			return !d.RustEnum
		case *ir.Record:
			if !d.Complete {
				return false
			}
			for i := range d.Fields {
				if !ts.zeroable(d.Fields[i].Type, depth+1) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// lit renders an integer constant for a Rust integer type.
func lit(v int64, unsigned bool) string {
	if unsigned {
		return fmt.Sprintf("%d", uint64(v))
	}
	return fmt.Sprintf("%d", v)
}
