package rustgen

import (
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Where a type is spelled changes its spelling: arrays and functions decay
// in parameters, void is c_void behind a pointer and nothing as a result.
type tctx int

const (
	ctxValue tctx = iota // a field, static, typedef target or array element
	ctxParam
	ctxResult
)

const optionPre = "::core::option::Option<"

// primRust is the Rust spelling of a scalar kind, as an absolute path so
// the output works wherever it is include!d. Rust's char never reaches the
// C side; it is u32-sized, and the kinds stable Rust lacks get helper types.
func primRust(p ir.Prim) string {
	switch p {
	case ir.LongDouble:
		return helperLongDouble
	case ir.Float128:
		return helperFloat128
	case ir.Float16:
		return helperFloat16
	case ir.RustChar:
		return "u32"
	}
	path, ok := ir.RustPrimName(p)
	if !ok || p == ir.Void {
		return "::core::ffi::c_void"
	}
	if strings.HasPrefix(path, "core::") {
		return "::" + path
	}
	return path
}

func (e *emitter) prim(p ir.Prim) string {
	switch p {
	case ir.LongDouble, ir.Float128, ir.Float16:
		e.needHelper[primRust(p)] = true
	}
	return primRust(p)
}

// typ spells t in context c; nil means "no type" (a void result).
func (e *emitter) typ(t *ir.Type, c tctx) *tnode {
	if t == nil {
		return atom("::core::ffi::c_void")
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			if c == ctxResult {
				return nil
			}
			return atom("::core::ffi::c_void")
		}
		return e.atom(e.prim(t.Prim))
	case ir.KindPointer:
		return e.pointer(t.Elem, t.Elem != nil && t.Elem.Const)
	case ir.KindArray:
		if c == ctxParam {
			return e.pointer(t.Elem, t.Elem != nil && t.Elem.Const)
		}
		n := t.Len
		if n < 0 {
			n = 0
		}
		return atom("[" + e.typ(t.Elem, ctxValue).flat() + "; " + itoa(n) + "]")
	case ir.KindFunc:
		fn := e.fnPtr(t.Func)
		if c == ctxParam || c == ctxResult {
			return wrap(optionPre, fn, ">")
		}
		return fn
	case ir.KindNamed:
		return e.atom(e.named(t.Ref))
	case ir.KindOpaque:
		if s := complexType(t.Text); s != "" {
			if strings.Contains(s, helperLongDouble) {
				e.needHelper[helperLongDouble] = true
			}
			return atom(s)
		}
	}
	return atom("::core::ffi::c_void")
}

// complexType spells C's _Complex types as two-element arrays (same layout).
func complexType(text string) string {
	if !strings.Contains(text, "_Complex") && !strings.Contains(text, "complex") {
		return ""
	}
	switch {
	case strings.Contains(text, "long double"):
		return "[" + helperLongDouble + "; 2]"
	case strings.Contains(text, "double"):
		return "[f64; 2]"
	case strings.Contains(text, "float"):
		return "[f32; 2]"
	}
	return ""
}

// pointer spells a pointer to elem. Pointers to functions become
// Option<fn>, since C function pointers may be null.
func (e *emitter) pointer(elem *ir.Type, isConst bool) *tnode {
	if elem != nil && e.isFuncType(elem) {
		if elem.Kind == ir.KindFunc {
			return wrap(optionPre, e.fnPtr(elem.Func), ">")
		}
		return atom(optionPre + e.named(elem.Ref) + ">")
	}
	pre := "*mut "
	if isConst {
		pre = "*const "
	}
	in := e.typ(elem, ctxValue)
	if in.inner != nil {
		return wrap(pre+in.pre, in.inner, in.post)
	}
	k := ptrKey{isConst, in.flat()}
	if n, ok := e.ptrAtoms[k]; ok {
		return n
	}
	n := atom(pre + k.elem)
	e.ptrAtoms[k] = n
	return n
}

// ptrKey names a pointer spelling: `*const elem` or `*mut elem`.
type ptrKey struct {
	isConst bool
	elem    string
}

// atom returns the shared atom spelled s: the same names recur in every
// signature, and an atom is never changed once made (tnode.flatCache of an
// atom is its own text).
func (e *emitter) atom(s string) *tnode {
	if n, ok := e.atoms[s]; ok {
		return n
	}
	n := atom(s)
	e.atoms[s] = n
	return n
}

// isFuncType reports whether t is a function type or a typedef of one.
func (e *emitter) isFuncType(t *ir.Type) bool {
	r := e.ix.Resolve(t)
	return r != nil && r.Kind == ir.KindFunc
}

// fnPtr spells a function type as a Rust fn pointer type.
func (e *emitter) fnPtr(ft *ir.FuncType) *tnode {
	sig := &fnSig{head: "unsafe extern \"" + abiOf(ft) + "\" fn", variadic: ft.Variadic && !ft.NoProto}
	names := newNamespace()
	if len(ft.Params) > 0 {
		sig.params = make([]param, 0, len(ft.Params))
	}
	for _, p := range ft.Params {
		pp := param{typ: e.typ(p.Type, ctxParam)}
		if p.Name != "" {
			pp.name = ident(names.take(p.Name))
		}
		sig.params = append(sig.params, pp)
	}
	if sig.variadic && len(sig.params) == 0 {
		sig.variadic = false // `fn(...)` needs a named parameter in a pointer type
	}
	sig.ret = e.typ(ft.Result, ctxResult)
	return &tnode{fn: sig}
}

// abiOf is the Rust ABI string of a function type.
func abiOf(ft *ir.FuncType) string {
	switch ft.ABI {
	case "C-unwind", "system", "system-unwind", "sysv64", "win64", "efiapi", "cdecl", "stdcall", "fastcall":
		return ft.ABI
	}
	return "C"
}

// named spells a reference to a declared type.
func (e *emitter) named(ref ir.TypeRef) string {
	switch d := e.ix.Lookup(ref).(type) {
	case *ir.Record:
		if n, ok := e.recName[d]; ok {
			return n
		}
	case *ir.Enum:
		if n, ok := e.enumName[d]; ok {
			if n == "" {
				return e.prim(d.Underlying)
			}
			return n
		}
	case *ir.Typedef:
		if t, ok := e.elided[ref.Name]; ok {
			return e.typ(t, ctxValue).flat()
		}
		if n, ok := e.tdName[ref.Name]; ok {
			return n
		}
	}
	return e.stub(ref)
}

// stub names an opaque stand-in for an undeclared type.
func (e *emitter) stub(ref ir.TypeRef) string {
	if n, ok := e.stubs[ref]; ok {
		return n
	}
	if e.half { // naming a stub takes a name from the shared namespace
		e.abort = true
		return "_"
	}
	base := ref.Name
	if ref.Kind != ir.RefTypedef {
		base = ref.Kind.String() + "_" + base
	}
	n := e.takeType(e.typeBase(base, "", false))
	e.stubs[ref] = n
	e.stubOrd = append(e.stubOrd, ref)
	e.warn(diag.Pos{}, codeUnknownType, ref.Name, "%s %s is not declared; emitted as an opaque type %s", ref.Kind, ref.Name, n)
	return n
}
