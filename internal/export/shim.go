package export

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// shimParam is one parameter of a generated extern "C" function.
type shimParam struct {
	name  string
	rtype string   // Rust spelling in the shim signature
	ctype *ir.Type // C type for the prototype
}

// shim is one planned extern "C" wrapper around an idiomatic Rust fn.
type shim struct {
	fn     *ir.Function
	name   string // exported symbol
	target string // crate::path::fn
	params []shimParam
	convs  []string // conversion statements, one per converted parameter
	args   []string // arguments passed to target
	checks []string // invariants the shim checks (for its doc)
	needs  []string // invariants the caller must keep (# Safety)

	ptrRet   bool     // returns an owned pointer (NULL on any failure)
	retR     string   // Rust return type of the shim
	retC     *ir.Type // C return type
	body     string   // closure body: statements ending in a Result<X, c_int> expression
	tail     string   // the Ok(v) arm
	frees    []*freeFn
	resultOK bool // Result<..>: document PREFIX_ERR_RESULT
}

// freeFn is a generated deallocation function.
type freeFn struct {
	name   string
	params []shimParam
	body   string
	doc    string
}

// planShim maps fn's signature; it returns a problem when a type has no
// shim mapping.
func (l *lowerer) planShim(fn *ir.Function, cname string) (*shim, problem) {
	s := &shim{fn: fn, name: cname, target: "crate::" + path(&fn.Common)}
	slices := 0
	for _, p := range fn.Type.Params {
		if p.Type != nil && p.Type.Kind == ir.KindPointer && p.Type.Elem != nil && p.Type.Elem.IsRust(ir.RustSlice) {
			slices++
		}
	}
	used := map[string]bool{}
	for i, p := range fn.Type.Params {
		name := p.Name
		if name == "" || name == "_" || name == "self" {
			name = fmt.Sprintf("arg%d", i)
		}
		name = strings.TrimPrefix(name, "r#")
		for used[name] {
			name += "_"
		}
		used[name] = true
		if pr := l.shimParam(s, name, p.Type, slices == 1); pr != "" {
			return nil, problem(fmt.Sprintf("parameter %s: %s", paramLabel(p, i), pr))
		}
	}
	if pr := l.shimResult(s, fn.Type.Result, used); pr != "" {
		return nil, problem("result: " + string(pr))
	}
	return s, ""
}

// rtype spells a C-compatible type in Rust for the shim signature.
func (l *lowerer) rtype(t *ir.Type) string {
	if t == nil {
		return "()"
	}
	switch t.Kind {
	case ir.KindPrim:
		switch t.Prim {
		case ir.Void:
			return "core::ffi::c_void"
		case ir.Char:
			return "c_char"
		case ir.Int:
			return "c_int"
		}
		return rustPrim(t.Prim)
	case ir.KindPointer:
		if t.Elem != nil && t.Elem.Kind == ir.KindFunc {
			s := l.fnPtrType(t.Elem.Func)
			if t.Null == ir.Nullable {
				return "Option<" + s + ">"
			}
			return s
		}
		m := "*mut "
		if !t.Mut && t.Flavor != ir.BoxP && t.Flavor != ir.OptBox && t.Flavor != ir.NonNullP && t.Flavor != ir.OptNonNul {
			m = "*const "
		}
		return m + l.rtype(t.Elem)
	case ir.KindArray:
		return fmt.Sprintf("[%s; %d]", l.rtype(t.Elem), t.Len)
	case ir.KindNamed:
		if d := l.ix.Lookup(t.Ref); d != nil {
			return "crate::" + path(d.DeclCommon())
		}
		return t.Ref.Name
	case ir.KindRust:
		if t.Text == ir.RustPath {
			return t.Ref.Name
		}
	}
	return rustSpelling(t)
}

func (l *lowerer) fnPtrType(f *ir.FuncType) string {
	var ps []string
	for _, p := range f.Params {
		ps = append(ps, l.rtype(p.Type))
	}
	s := "unsafe extern \"C\" fn(" + strings.Join(ps, ", ") + ")"
	if f.Result != nil && !f.Result.IsVoid() {
		s += " -> " + l.rtype(f.Result)
	}
	return s
}

// plainValue reports whether t crosses unchanged: a scalar, a repr(C)
// value, a raw or function pointer.
func (l *lowerer) plainValue(t *ir.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case ir.KindPrim:
		return t.Prim != ir.Void && t.Prim != ir.RustChar
	case ir.KindPointer:
		if t.Flavor == ir.Raw || t.Flavor == ir.NonNullP || t.Flavor == ir.OptNonNul {
			_, p := l.ctype(t, true)
			return p == ""
		}
		return false
	case ir.KindNamed:
		if e, ok := l.ix.Lookup(t.Ref).(*ir.Enum); ok && e.RustEnum {
			return false // checked separately: C may pass any integer
		}
		_, p := l.ctype(t, true)
		return p == ""
	}
	return false
}

func (l *lowerer) shimParam(s *shim, name string, t *ir.Type, singleSlice bool) problem {
	add := func(rt string, ct *ir.Type) { s.params = append(s.params, shimParam{name, rt, ct}) }
	conv := func(helper, call string) {
		l.useHelper(helper)
		s.convs = append(s.convs, fmt.Sprintf("let %s = match unsafe { %s } {\n    Ok(v) => v,\n    Err(status) => return FAIL,\n};", name, call))
	}
	switch {
	case l.plainValue(t):
		ct, _ := l.ctype(t, true)
		add(l.rtype(t), ct)
		s.args = append(s.args, name)
		return ""
	case t.Kind == ir.KindPrim && t.Prim == ir.RustChar:
		add("u32", ir.PrimType(ir.U32))
		s.convs = append(s.convs, fmt.Sprintf("let Some(%s) = char::from_u32(%s) else {\n    return FAIL_UTF8;\n};", name, name))
		s.checks = append(s.checks, fmt.Sprintf("`%s` is a Unicode scalar value (else PREFIX_ERR_UTF8)", name))
		s.args = append(s.args, name)
		return ""
	case t.Kind == ir.KindNamed:
		e, ok := l.ix.Lookup(t.Ref).(*ir.Enum)
		if !ok || !ffiEnum(e) {
			return problem(fmt.Sprintf("`%s` has no C layout", t.Ref.Name))
		}
		ct, _ := l.ctype(t, true)
		under := l.rtype(ir.PrimType(e.Underlying))
		add(under, ct)
		var arms []string
		for _, v := range e.Values {
			arms = append(arms, fmt.Sprintf("    %d => crate::%s::%s,", v.Value, path(&e.Common), v.Name))
		}
		s.convs = append(s.convs, fmt.Sprintf("let %s = match %s {\n%s\n    _ => return FAIL_ENUM,\n};", name, name, strings.Join(arms, "\n")))
		s.checks = append(s.checks, fmt.Sprintf("`%s` is one of the variants of `%s` (else PREFIX_ERR_ENUM)", name, e.Name))
		s.args = append(s.args, name)
		return ""
	case t.Kind == ir.KindRust && t.Text == ir.RustString:
		add("*const c_char", ir.PointerTo(ir.PrimType(ir.Char).WithConst(true)))
		conv("ferry_str", "ferry_str("+name+")")
		s.args = append(s.args, name+".to_owned()")
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL) and valid UTF-8 (else PREFIX_ERR_UTF8)", name))
		s.needs = append(s.needs, fmt.Sprintf("`%s` points to a NUL-terminated string valid for the call", name))
		return ""
	case t.Kind != ir.KindPointer:
		return problem(fmt.Sprintf("`%s` has no shim mapping", rustSpelling(t)))
	}
	e := t.Elem
	switch {
	case e.IsRust(ir.RustSlice) && (t.Flavor == ir.Ref):
		et, p := l.ctype(e.Elem, true)
		if p != "" {
			return problem("slice element: " + string(p))
		}
		lenName := name + "_len"
		if singleSlice {
			lenName = "len"
		}
		rt := l.rtype(e.Elem)
		helper, ptr := "ferry_slice", "*const "
		if t.Mut {
			helper, ptr = "ferry_slice_mut", "*mut "
		} else {
			et = et.WithConst(true)
		}
		s.params = append(s.params, shimParam{name, ptr + rt, ir.PointerTo(et)}, shimParam{lenName, "usize", ir.PrimType(ir.USize)})
		conv(helper, fmt.Sprintf("%s(%s, %s)", helper, name, lenName))
		s.args = append(s.args, name)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null unless `%s` is 0 (else PREFIX_ERR_NULL), aligned (else PREFIX_ERR_ALIGN), and `%s` elements fit in isize::MAX bytes (else PREFIX_ERR_LEN)", name, lenName, lenName))
		access := "readable"
		if t.Mut {
			access = "readable and writable, and not accessed by anything else during the call"
		}
		s.needs = append(s.needs, fmt.Sprintf("`%s` points to `%s` initialized elements, %s", name, lenName, access))
		return ""
	case e.IsRust(ir.RustStr) && t.Flavor == ir.Ref:
		add("*const c_char", ir.PointerTo(ir.PrimType(ir.Char).WithConst(true)))
		conv("ferry_str", "ferry_str("+name+")")
		s.args = append(s.args, name)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL) and valid UTF-8 (else PREFIX_ERR_UTF8)", name))
		s.needs = append(s.needs, fmt.Sprintf("`%s` points to a NUL-terminated string valid for the call", name))
		return ""
	case e.IsRust(ir.RustCStr) && t.Flavor == ir.Ref:
		add("*const c_char", ir.PointerTo(ir.PrimType(ir.Char).WithConst(true)))
		conv("ferry_cstr", "ferry_cstr("+name+")")
		s.args = append(s.args, name)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL)", name))
		s.needs = append(s.needs, fmt.Sprintf("`%s` points to a NUL-terminated string valid for the call", name))
		return ""
	}
	ct, p := l.ctype(t, true)
	if p != "" {
		return p
	}
	rt := l.rtype(e)
	switch t.Flavor {
	case ir.Ref, ir.OptRef:
		helper, ptr := "ferry_ref", "*const "
		if t.Mut {
			helper, ptr = "ferry_mut", "*mut "
		}
		if t.Flavor == ir.OptRef {
			helper = strings.Replace(helper, "ferry_", "ferry_opt_", 1)
			s.checks = append(s.checks, fmt.Sprintf("`%s` is NULL or aligned (else PREFIX_ERR_ALIGN)", name))
		} else {
			s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL) and aligned (else PREFIX_ERR_ALIGN)", name))
		}
		add(ptr+rt, ct)
		conv(helper, fmt.Sprintf("%s(%s)", helper, name))
		s.args = append(s.args, name)
		s.needs = append(s.needs, fmt.Sprintf("a non-null `%s` points to a valid value for the duration of the call", name))
		return ""
	case ir.BoxP:
		add("*mut "+rt, ct)
		conv("ferry_box", "ferry_box("+name+")")
		s.args = append(s.args, name)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL)", name))
		s.needs = append(s.needs, fmt.Sprintf("`%s` came from this library and is not used after the call (ownership moves to Rust)", name))
		return ""
	}
	return problem(fmt.Sprintf("`%s` has no shim mapping", rustSpelling(t)))
}

// boxedHandle reports whether t is a crate type C can only hold by pointer.
func (l *lowerer) boxedHandle(t *ir.Type) bool {
	if t == nil || t.Kind != ir.KindNamed {
		return false
	}
	_, p := l.ctype(t, true)
	return p != ""
}

func (l *lowerer) shimResult(s *shim, r *ir.Type, used map[string]bool) problem {
	call := s.target + "(" + strings.Join(s.args, ", ") + ")"
	out := func(ct *ir.Type, rt string) {
		n := "out"
		for used[n] {
			n += "_"
		}
		used[n] = true
		l.useHelper("ferry_out")
		s.params = append(s.params, shimParam{n, "*mut " + rt, ir.PointerTo(ct)})
		s.convs = append(s.convs, fmt.Sprintf("let %s = match ferry_out(%s) {\n    Ok(v) => v,\n    Err(status) => return status,\n};", n, n))
		s.tail = fmt.Sprintf("Ok(v) => {\n    // SAFETY: checked non-null and aligned before the call.\n    unsafe { %s.write(v) };\n    PREFIX_OK\n}", n)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null (else PREFIX_ERR_NULL) and aligned (else PREFIX_ERR_ALIGN); it is written only on success", n))
	}
	s.retR, s.retC = "c_int", ir.PrimType(ir.Int)
	inner := r
	wrap := "Ok(%s)"
	if r.IsRust(ir.RustResult) {
		l.useHelper("ferry_result")
		s.resultOK = true
		inner = r.Elem
		wrap = "ferry_result(%s)"
	}
	switch {
	case inner == nil || inner.IsVoid() || (inner.IsRust(ir.RustTuple) && len(inner.Args) == 0):
		if s.resultOK {
			s.body = fmt.Sprintf(wrap, call)
		} else {
			s.body = call + ";\nOk(())"
		}
		s.tail = "Ok(()) => PREFIX_OK"
	case l.plainValue(inner):
		ct, _ := l.ctype(inner, true)
		out(ct, l.rtype(inner))
		s.body = fmt.Sprintf(wrap, call)
	case inner.Kind == ir.KindPrim && inner.Prim == ir.RustChar:
		out(ir.PrimType(ir.U32), "u32")
		s.body = fmt.Sprintf(wrap, call) + ".map(u32::from)"
	case inner.Kind == ir.KindNamed && !l.boxedHandle(inner):
		ct, _ := l.ctype(inner, true)
		out(ct, l.rtype(inner))
		s.body = fmt.Sprintf(wrap, call)
	case inner.IsRust(ir.RustString):
		l.useHelper("ferry_c_string")
		ct := ir.PointerTo(ir.PrimType(ir.Char))
		s.frees = append(s.frees, &freeFn{
			name:   s.name + "_free",
			params: []shimParam{{"s", "*mut c_char", ct}},
			body:   "drop(unsafe { std::ffi::CString::from_raw(s) });",
			doc:    "Frees a string returned by `" + s.name + "`. NULL is ignored.",
		})
		if s.resultOK {
			out(ct, "*mut c_char")
			s.body = fmt.Sprintf(wrap, call) + ".and_then(ferry_c_string)"
		} else {
			s.ptrRet, s.retR, s.retC = true, "*mut c_char", ct
			s.body = "ferry_c_string(" + call + ")"
			s.tail = "Ok(v) => v"
		}
	case inner.IsRust(ir.RustVec) && !s.resultOK:
		et, p := l.ctype(inner.Elem, true)
		if p != "" {
			return problem("Vec element: " + string(p))
		}
		rt := l.rtype(inner.Elem)
		n := "out_len"
		used[n] = true
		l.useHelper("ferry_out")
		s.params = append(s.params, shimParam{n, "*mut usize", ir.PointerTo(ir.PrimType(ir.USize))})
		s.convs = append(s.convs, fmt.Sprintf("let %s = match ferry_out(%s) {\n    Ok(v) => v,\n    Err(_) => return FAIL,\n};\n// SAFETY: checked non-null and aligned.\nunsafe { %s.write(0) };", n, n, n))
		s.ptrRet, s.retR, s.retC = true, "*mut "+rt, ir.PointerTo(et)
		s.body = "Ok(" + call + ".into_boxed_slice())"
		s.tail = fmt.Sprintf("Ok(v) => {\n    // SAFETY: checked non-null and aligned before the call.\n    unsafe { %s.write(v.len()) };\n    Box::into_raw(v).cast()\n}", n)
		s.checks = append(s.checks, fmt.Sprintf("`%s` is non-null and aligned (else the result is NULL); it receives the element count", n))
		s.frees = append(s.frees, &freeFn{
			name:   s.name + "_free",
			params: []shimParam{{"ptr", "*mut " + rt, ir.PointerTo(et)}, {"len", "usize", ir.PrimType(ir.USize)}},
			body:   "drop(unsafe { Box::from_raw(core::ptr::slice_from_raw_parts_mut(ptr, len)) });",
			doc:    "Frees an array returned by `" + s.name + "`; `len` is the count it reported. NULL is ignored.",
		})
	case inner.Kind == ir.KindPointer && (inner.Flavor == ir.BoxP || inner.Flavor == ir.OptBox), l.boxedHandle(inner):
		elem := inner
		conv := ""
		if inner.Kind == ir.KindPointer {
			elem = inner.Elem
		} else {
			conv = ".map(Box::new)"
		}
		ct, p := l.ctype(&ir.Type{Kind: ir.KindPointer, Elem: elem, Flavor: ir.BoxP, Mut: true}, true)
		if p != "" {
			return p
		}
		rt := "*mut " + l.rtype(elem)
		into := ".map(Box::into_raw)"
		if inner.Kind == ir.KindPointer && inner.Flavor == ir.OptBox {
			into = ".map(|b| b.map_or(core::ptr::null_mut(), Box::into_raw))"
		}
		if s.resultOK {
			out(ct, rt)
		} else {
			s.ptrRet, s.retR, s.retC = true, rt, ct
			s.tail = "Ok(v) => v"
		}
		s.body = fmt.Sprintf(wrap, call) + conv + into
		l.handleFree(s, elem, ct)
	default:
		return problem(fmt.Sprintf("`%s` has no shim mapping", rustSpelling(r)))
	}
	return ""
}

// handleFree adds the one free function of a boxed handle type.
func (l *lowerer) handleFree(s *shim, elem, ct *ir.Type) {
	name := snake(ct.Elem.Ref.Name) + "_free"
	if ct.Elem.Kind != ir.KindNamed {
		name = s.name + "_free"
	}
	if l.handleFrees[name] {
		return
	}
	l.handleFrees[name] = true
	s.frees = append(s.frees, &freeFn{
		name:   name,
		params: []shimParam{{"ptr", "*mut " + l.rtype(elem), ct}},
		body:   "drop(unsafe { Box::from_raw(ptr) });",
		doc:    "Frees a handle returned by this library. NULL is ignored.",
	})
}

// snake turns CamelCase into snake_case for free-function names.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r >= 'A' && r <= 'Z' {
			if i > 0 && s[i-1] != '_' {
				b.WriteByte('_')
			}
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func (l *lowerer) useHelper(name string) {
	l.helpers[name] = true
	l.helpers["ferry_catch"] = true
	if name == "ferry_opt_ref" {
		l.helpers["ferry_ref"] = true
	}
	if name == "ferry_opt_mut" {
		l.helpers["ferry_mut"] = true
	}
}
