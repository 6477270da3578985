package rustfront

import (
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// ffiPrims are the C type aliases of core::ffi / std::os::raw / libc.
var ffiPrims = map[string]ir.Prim{
	"c_char": ir.Char, "c_schar": ir.SChar, "c_uchar": ir.UChar,
	"c_short": ir.Short, "c_ushort": ir.UShort, "c_int": ir.Int, "c_uint": ir.UInt,
	"c_long": ir.Long, "c_ulong": ir.ULong, "c_longlong": ir.LongLong, "c_ulonglong": ir.ULongLong,
	"c_float": ir.Float, "c_double": ir.Double, "c_void": ir.Void,
	"c_size_t": ir.USize, "c_ssize_t": ir.ISize, "c_ptrdiff_t": ir.ISize,
}

// libcTypes are libc crate aliases for the usual C typedefs (Linux).
var libcTypes = map[string]ir.Prim{
	"size_t": ir.USize, "ssize_t": ir.ISize, "ptrdiff_t": ir.ISize,
	"intptr_t": ir.ISize, "uintptr_t": ir.USize,
	"int8_t": ir.I8, "int16_t": ir.I16, "int32_t": ir.I32, "int64_t": ir.I64,
	"uint8_t": ir.U8, "uint16_t": ir.U16, "uint32_t": ir.U32, "uint64_t": ir.U64,
	"off_t": ir.I64, "off64_t": ir.I64, "time_t": ir.I64, "pid_t": ir.I32,
	"uid_t": ir.U32, "gid_t": ir.U32, "mode_t": ir.U32, "wchar_t": ir.I32,
	"socklen_t": ir.U32, "clock_t": ir.I64, "dev_t": ir.U64, "ino_t": ir.U64,
	"suseconds_t": ir.I64, "blksize_t": ir.I64, "blkcnt_t": ir.I64, "nlink_t": ir.U64,
}

var rustPrims = map[string]ir.Prim{
	"i8": ir.I8, "u8": ir.U8, "i16": ir.I16, "u16": ir.U16, "i32": ir.I32, "u32": ir.U32,
	"i64": ir.I64, "u64": ir.U64, "isize": ir.ISize, "usize": ir.USize,
	"i128": ir.Int128, "u128": ir.UInt128, "bool": ir.Bool, "char": ir.RustChar,
	"f32": ir.Float, "f64": ir.Double, "f16": ir.Float16, "f128": ir.Float128,
}

// ffiModules are the paths whose c_* names are the C types.
var ffiModules = map[string]bool{
	"core::ffi": true, "std::ffi": true, "std::os::raw": true, "core::os::raw": true,
	"libc": true, "::core::ffi": true, "::std::ffi": true, "::std::os::raw": true, "::libc": true,
}

// typ converts a type node in unit u.
func (l *loader) typ(n *sitter.Node, u *unit) *ir.Type {
	if n == nil {
		return ir.PrimType(ir.Void)
	}
	f := u.f
	switch n.Kind() {
	case "primitive_type":
		s := f.text(n)
		if p, ok := rustPrims[s]; ok {
			return ir.PrimType(p)
		}
		if s == "str" {
			return &ir.Type{Kind: ir.KindRust, Text: ir.RustStr}
		}
		return rustPath(s)
	case "unit_type":
		return ir.PrimType(ir.Void)
	case "never_type":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustNever}
	case "type_identifier":
		if t := l.substParam(f.text(n)); t != nil {
			return t
		}
		return l.named(f.text(n), nil, u)
	case "scoped_type_identifier":
		return l.named(f.text(n), nil, u)
	case "generic_type":
		return l.named(f.text(n.ChildByFieldName("type")), n.ChildByFieldName("type_arguments"), u)
	case "pointer_type":
		mut := childOfKind(n, "mutable_specifier") != nil
		elem := l.typ(n.ChildByFieldName("type"), u)
		if !mut {
			elem = elem.WithConst(true)
		}
		return &ir.Type{Kind: ir.KindPointer, Elem: elem, Flavor: ir.Raw, Mut: mut}
	case "reference_type":
		mut := childOfKind(n, "mutable_specifier") != nil
		elem := l.typ(n.ChildByFieldName("type"), u)
		if !mut {
			elem = elem.WithConst(true)
		}
		return &ir.Type{Kind: ir.KindPointer, Elem: elem, Flavor: ir.Ref, Null: ir.NonNull, Mut: mut}
	case "array_type":
		elem := l.typ(n.ChildByFieldName("element"), u)
		ln := n.ChildByFieldName("length")
		if ln == nil {
			return &ir.Type{Kind: ir.KindRust, Text: ir.RustSlice, Elem: elem}
		}
		v, ok := l.evalInt(ln, u)
		if !ok {
			return &ir.Type{Kind: ir.KindOpaque, Text: f.text(n)}
		}
		return ir.ArrayOf(elem, v.i)
	case "tuple_type":
		t := &ir.Type{Kind: ir.KindRust, Text: ir.RustTuple}
		for i := uint(0); i < n.NamedChildCount(); i++ {
			t.Args = append(t.Args, l.typ(n.NamedChild(i), u))
		}
		return t
	case "function_type":
		return &ir.Type{Kind: ir.KindPointer, Elem: &ir.Type{Kind: ir.KindFunc, Func: l.funcType(n, u)}, Null: ir.NonNull}
	case "dynamic_type", "abstract_type":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustDyn}
	case "bracketed_type", "qualified_type":
		return rustPath(f.text(n))
	}
	return rustPath(f.text(n))
}

func rustPath(name string) *ir.Type {
	return &ir.Type{Kind: ir.KindRust, Text: ir.RustPath, Ref: ir.TypeRef{Name: name}}
}

// abiOf returns the ABI of a function_modifiers node ("Rust" without extern).
func abiOf(f *file, mods *sitter.Node) string {
	if mods == nil {
		return "Rust"
	}
	em := childOfKind(mods, "extern_modifier")
	if em == nil {
		return "Rust"
	}
	if s := namedChildOfKind(em, "string_literal"); s != nil {
		return unquote(f.text(s))
	}
	return "C"
}

// funcType converts a function_type, function_item or function_signature_item.
func (l *loader) funcType(n *sitter.Node, u *unit) *ir.FuncType {
	f := u.f
	ft := &ir.FuncType{ABI: abiOf(f, childOfKind(n, "function_modifiers"))}
	if n.Kind() == "function_type" && childOfKind(n, "function_modifiers") == nil {
		ft.ABI = "Rust"
	}
	if ps := n.ChildByFieldName("parameters"); ps != nil {
		for i := uint(0); i < ps.NamedChildCount(); i++ {
			p := ps.NamedChild(i)
			switch p.Kind() {
			case "parameter":
				ft.Params = append(ft.Params, ir.Param{Name: patternName(f, p.ChildByFieldName("pattern")), Type: l.typ(p.ChildByFieldName("type"), u), Attrs: ir.ParamAttrs{SizeParam: -1}, Pos: f.pos(p)})
			case "variadic_parameter":
				ft.Variadic = true
			case "self_parameter", "attribute_item", "line_comment", "block_comment":
			default: // a bare type in a fn pointer type
				ft.Params = append(ft.Params, ir.Param{Type: l.typ(p, u), Attrs: ir.ParamAttrs{SizeParam: -1}, Pos: f.pos(p)})
			}
		}
	}
	ft.Result = ir.PrimType(ir.Void)
	if r := n.ChildByFieldName("return_type"); r != nil {
		ft.Result = l.typ(r, u)
	}
	return ft
}

func patternName(f *file, p *sitter.Node) string {
	if p == nil {
		return ""
	}
	switch p.Kind() {
	case "identifier":
		return f.text(p)
	case "mut_pattern", "ref_pattern":
		if c := p.NamedChild(p.NamedChildCount() - 1); c != nil {
			return patternName(f, c)
		}
	}
	return ""
}

// named resolves a (possibly qualified, possibly generic) type name.
func (l *loader) named(name string, args *sitter.Node, u *unit) *ir.Type {
	name = strings.ReplaceAll(name, " ", "")
	segs := strings.Split(strings.TrimPrefix(name, "::"), "::")
	// Expand a leading `use` alias.
	if full, ok := u.uses[segs[0]]; ok && !(len(segs) == 1 && l.types[segs[0]] != nil && !isForeignPath(full)) {
		segs = append(strings.Split(strings.TrimPrefix(full, "::"), "::"), segs[1:]...)
	}
	last := segs[len(segs)-1]
	prefix := strings.Join(segs[:len(segs)-1], "::")
	var targs []*sitter.Node
	if args != nil {
		for i := uint(0); i < args.NamedChildCount(); i++ {
			if c := args.NamedChild(i); c.Kind() != "lifetime" {
				targs = append(targs, c)
			}
		}
	}
	local := len(segs) == 1 || segs[0] == "crate" || segs[0] == "self" || segs[0] == "super" || l.isLocalModule(segs[0])
	if t := l.moduleEnumRef(segs, u); t != nil {
		return t
	}
	if local {
		if ti := l.types[last]; ti != nil {
			if ti.wrapper && len(targs) == 1 {
				return l.typ(targs[0], u)
			}
			if ti.flex && len(targs) == 1 {
				return ir.ArrayOf(l.typ(targs[0], u), 0)
			}
			if len(targs) > 0 {
				if t := l.instantiate(ti, last, targs, u); t != nil {
					return t
				}
			}
			return ir.Named(ti.kind, last)
		}
	}
	if p, ok := ffiPrims[last]; ok && (prefix == "" || ffiModules[prefix] || strings.HasSuffix(prefix, "ffi") || strings.HasSuffix(prefix, "raw")) {
		return ir.PrimType(p)
	}
	if p, ok := libcTypes[last]; ok && (strings.HasPrefix(prefix, "libc") || (prefix == "" && l.globLibc(u))) {
		return ir.PrimType(p)
	}
	if p, ok := rustPrims[last]; ok && (prefix == "" || prefix == "core::primitive" || prefix == "std::primitive") {
		return ir.PrimType(p)
	}
	arg := func(i int) *ir.Type {
		if i < len(targs) {
			return l.typ(targs[i], u)
		}
		return rustPath("_")
	}
	switch last {
	case "Option":
		if len(targs) == 1 {
			inner := arg(0)
			if n := inner.Nullable(); n != nil {
				return n
			}
			return &ir.Type{Kind: ir.KindRust, Text: ir.RustOption, Elem: inner}
		}
	case "NonNull":
		return &ir.Type{Kind: ir.KindPointer, Elem: arg(0), Flavor: ir.NonNullP, Null: ir.NonNull, Mut: true}
	case "Box":
		return &ir.Type{Kind: ir.KindPointer, Elem: arg(0), Flavor: ir.BoxP, Null: ir.NonNull, Mut: true}
	case "Vec":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustVec, Elem: arg(0)}
	case "String":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustString}
	case "CStr":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustCStr}
	case "CString":
		return &ir.Type{Kind: ir.KindRust, Text: ir.RustCString}
	case "Result":
		t := &ir.Type{Kind: ir.KindRust, Text: ir.RustResult, Elem: arg(0)}
		if len(targs) > 1 {
			t.Args = []*ir.Type{arg(1)}
		}
		return t
	case "MaybeUninit", "ManuallyDrop", "UnsafeCell", "Cell", "Wrapping":
		// repr(transparent) wrappers: the same layout and ABI as their argument.
		if len(targs) == 1 {
			return arg(0)
		}
	case "PhantomData", "PhantomPinned":
		// Text marks the zero-sized marker, which C leaves out (unlike an
		// explicit [u8; 0], which may be a trailing-data member).
		return &ir.Type{Kind: ir.KindArray, Elem: ir.PrimType(ir.U8), Len: 0, Text: last}
	case "NonZero":
		// core::num::NonZero<T>: the same as the NonZeroT alias.
		if len(targs) == 1 {
			if p := arg(0); p.Kind == ir.KindPrim {
				for k, v := range rustPrims {
					if v == p.Prim && k != "bool" && k != "char" && k[0] != 'f' {
						return rustPath("NonZero" + strings.ToUpper(k[:1]) + k[1:])
					}
				}
			}
		}
	case "NonZeroU8", "NonZeroU16", "NonZeroU32", "NonZeroU64", "NonZeroUsize",
		"NonZeroI8", "NonZeroI16", "NonZeroI32", "NonZeroI64", "NonZeroIsize":
		return rustPath(last)
	}
	if ti := l.types[last]; ti != nil && !isForeignPath(prefix) {
		return ir.Named(ti.kind, last)
	}
	return rustPath(strings.Join(segs, "::"))
}

func isForeignPath(p string) bool {
	p = strings.TrimPrefix(p, "::")
	for _, r := range []string{"core", "std", "alloc", "libc"} {
		if p == r || strings.HasPrefix(p, r+"::") {
			return true
		}
	}
	return false
}

func (l *loader) isLocalModule(name string) bool {
	for _, u := range l.units {
		if u.path == name || strings.HasSuffix(u.path, "::"+name) {
			return true
		}
	}
	return false
}

func (l *loader) globLibc(u *unit) bool {
	for _, g := range u.globs {
		if strings.TrimPrefix(g, "::") == "libc" {
			return true
		}
	}
	return false
}
