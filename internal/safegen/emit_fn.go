package safegen

import (
	"fmt"
	"strings"
)

// fnGen accumulates one safe wrapper.
type fnGen struct {
	e        *emitter
	fp       *FuncPlan
	sig      []string
	pre      []string
	args     []string
	after    []string // right after the call
	checks   []string // status checks
	conv     []string // result conversions
	oks      []okVal
	fallible bool
	retry    *ParamPlan
	rcType   string
	hasSelf  bool
	ind      string
}

type okVal struct{ expr, typ string }

func (g *fnGen) tooLong(dst, rustT, expr, what string) {
	if rustT == "usize" {
		g.pre = append(g.pre, fmt.Sprintf("let %s = %s;", dst, expr))
		return
	}
	g.e.need("too_long")
	g.fallible = true
	g.pre = append(g.pre, fmt.Sprintf("let %s = %s::try_from(%s).map_err(|_| Error::too_long(%q))?;", dst, rustT, expr, what))
}

// bare drops a raw-identifier prefix, for names derived from an identifier.
func bare(name string) string { return strings.TrimPrefix(name, "r#") }

func toUsize(expr, t string) string {
	if t == "usize" {
		return expr
	}
	return "usize::try_from(" + expr + ").unwrap_or(0)"
}

// ptrArg adapts a Rust pointer expression to the raw parameter type.
func ptrArg(expr string, fromMut bool, rawType string) string {
	toMut := strings.HasPrefix(rawType, "*mut")
	switch {
	case fromMut && !toMut:
		return expr + ".cast_const().cast()"
	case !fromMut && toMut:
		return expr + ".cast_mut().cast()"
	}
	return expr + ".cast()"
}

// fn writes one wrapper (safe or unsafe).
func (e *emitter) fn(fp *FuncPlan, ind string) {
	if fp.Unsafe {
		e.unsafeFn(fp, ind)
		return
	}
	g := &fnGen{e: e, fp: fp, ind: ind}
	g.build()
	g.write()
}

func (g *fnGen) build() {
	e, fp := g.e, g.fp
	ts := e.ts
	g.args = make([]string, len(fp.Params))
	g.rcType = ""
	if !ts.isVoid(fp.Fn.Type.Result) {
		g.rcType, _ = ts.rust(fp.Fn.Type.Result)
	}
	// Pass 1: Rust parameters and argument conversions.
	for _, pp := range fp.Params {
		switch pp.As {
		case "value":
			r, _, _ := ts.scalar(pp.C.Type)
			g.sig = append(g.sig, pp.Name+": "+r)
			g.args[pp.Index] = pp.Name
		case "self":
			g.hasSelf = true
			if fp.Ctor && fp.Method.Value {
				g.hasSelf = false
				g.pre = append(g.pre, fmt.Sprintf("// SAFETY: every field of %s may be zero (checked by ferry).", fp.Method.C))
				g.pre = append(g.pre, fmt.Sprintf("let mut obj: Box<%s> = Box::new(unsafe { core::mem::zeroed() });", fp.Method.Rust))
				g.args[pp.Index] = "&mut *obj"
				continue
			}
			if len(fp.Fields) > 0 {
				g.args[pp.Index] = "obj"
			} else {
				g.args[pp.Index] = "self.ptr.as_ptr()"
			}
		case "handle":
			g.sig = append(g.sig, pp.Name+": &"+pp.Handle.Anon())
			g.args[pp.Index] = pp.Name + ".ptr.as_ptr()"
		case "slice", "mut_slice", "str":
			typ := "&[" + pp.ElemRust + "]"
			if pp.As == "mut_slice" {
				typ = "&mut [" + pp.ElemRust + "]"
				g.args[pp.Index] = ptrArg(pp.Name+".as_mut_ptr()", true, pp.RawType)
			} else {
				g.args[pp.Index] = ptrArg(pp.Name+".as_ptr()", false, pp.RawType)
			}
			if pp.As == "str" {
				typ = "&str"
			}
			g.sig = append(g.sig, pp.Name+": "+typ)
			lt, _, _ := ts.scalar(pp.LenParam.C.Type)
			g.tooLong(pp.LenParam.Name, lt, pp.Name+".len()", pp.CName)
			g.args[pp.LenParam.Index] = pp.LenParam.Name
		case "cstr":
			e.need("cstrarg")
			g.fallible = true
			g.sig = append(g.sig, pp.Name+": &(impl CStrArg + ?Sized)")
			g.pre = append(g.pre, fmt.Sprintf("let %s = %s.to_c_str()?;", pp.Name, pp.Name))
			g.args[pp.Index] = ptrArg(pp.Name+".as_ptr()", false, pp.RawType)
		case "opt_cstr":
			e.need("cstrarg")
			g.fallible = true
			g.sig = append(g.sig, pp.Name+": Option<&(impl CStrArg + ?Sized)>")
			g.pre = append(g.pre, fmt.Sprintf("let %s = %s.map(|s| s.to_c_str()).transpose()?;", pp.Name, pp.Name))
			g.args[pp.Index] = ptrArg(fmt.Sprintf("%s.as_ref().map_or(core::ptr::null(), |s| s.as_ptr())", pp.Name), false, pp.RawType)
		case "enum":
			g.sig = append(g.sig, pp.Name+": "+pp.Enum.Name)
			g.args[pp.Index] = pp.Name + ".into()"
		case "flags":
			g.sig = append(g.sig, pp.Name+": "+pp.Enum.Name)
			g.args[pp.Index] = pp.Name + ".bits()"
			if pp.Enum.RawEnum != "" {
				g.args[pp.Index] = pp.Name + ".into()"
			}
		case "const":
			v, _ := e.pl.constExpr(pp)
			g.args[pp.Index] = v
		case "null":
			if ts.isFuncPtr(pp.C.Type) != nil {
				g.args[pp.Index] = "None"
			} else {
				g.args[pp.Index] = "core::ptr::null_mut()"
			}
		}
	}
	// Pass 2: buffers, out values, callbacks (they may use converted lengths).
	for _, pp := range fp.Params {
		switch pp.As {
		case "bytes_out":
			lt, _, _ := ts.scalar(ts.pointee(pp.LenParam.C.Type))
			lenVar := pp.LenParam.Name
			g.args[pp.LenParam.Index] = "&mut " + lenVar
			if pp.Capacity == "" {
				g.sig = append(g.sig, pp.Name+": &mut ["+pp.ElemRust+"]")
				g.args[pp.Index] = ptrArg(pp.Name+".as_mut_ptr()", true, pp.RawType)
				g.tooLong("mut "+lenVar, lt, pp.Name+".len()", pp.CName)
				g.conv = append(g.conv, fmt.Sprintf("let %s = %s.min(%s.len());", lenVar, toUsize(lenVar, lt), pp.Name))
				g.oks = append(g.oks, okVal{lenVar, "usize"})
				continue
			}
			buf := bare(pp.Name) + "_buf"
			g.pre = append(g.pre, fmt.Sprintf("let mut %s: Vec<%s> = vec![%s; %s];", buf, pp.ElemRust, zeroOf(pp.ElemRust), e.capacity(g, pp)))
			g.args[pp.Index] = ptrArg(buf+".as_mut_ptr()", true, pp.RawType)
			if len(pp.RetryOn) > 0 {
				g.retry = pp
			} else {
				g.tooLong("mut "+lenVar, lt, buf+".len()", pp.CName)
			}
			g.conv = append(g.conv, fmt.Sprintf("%s.truncate(%s);", buf, toUsize(lenVar, lt)))
			g.oks = append(g.oks, okVal{buf, "Vec<" + pp.ElemRust + ">"})
		case "out":
			et := ts.pointee(pp.C.Type)
			if pp.Handle != nil {
				g.pre = append(g.pre, fmt.Sprintf("let mut %s: *mut %s = core::ptr::null_mut();", pp.Name, pp.Handle.Rust))
				g.args[pp.Index] = "&mut " + pp.Name
				continue
			}
			r, _, ok := ts.scalar(et)
			if !ok {
				r, _ = ts.rust(et)
				g.pre = append(g.pre, fmt.Sprintf("// SAFETY: every field of %s may be zero (checked by ferry).", r),
					fmt.Sprintf("let mut %s: %s = unsafe { core::mem::zeroed() };", pp.Name, r))
				g.args[pp.Index] = "&mut " + pp.Name
				g.oks = append(g.oks, okVal{pp.Name, r})
				continue
			}
			g.pre = append(g.pre, fmt.Sprintf("let mut %s: %s = %s;", pp.Name, r, zeroOf(r)))
			g.args[pp.Index] = "&mut " + pp.Name
			g.oks = append(g.oks, okVal{pp.Name, r})
		case "callback":
			g.callback(pp)
		}
	}
	if len(fp.Fields) > 0 {
		g.fields()
	}
	g.result()
}

func zeroOf(r string) string {
	switch r {
	case "f32", "f64":
		return "0.0"
	case "bool":
		return "false"
	}
	return "0"
}

// capacity renders a bytes_out buffer's initial size.
func (e *emitter) capacity(g *fnGen, pp *ParamPlan) string {
	if n, ok := e.pl.intValue(pp.Capacity); ok {
		return fmt.Sprint(n)
	}
	fn, arg, _ := e.pl.capacityExpr(g.fp, pp.Capacity)
	f := e.ts.ix.Functions[fn]
	pt, _ := e.ts.rust(f.Type.Params[0].Type)
	at, _, _ := e.ts.scalar(arg.C.Type)
	rt, _, _ := e.ts.scalar(f.Type.Result)
	a := arg.Name
	if pt != at {
		a = arg.Name + ".try_into().unwrap_or(0)"
	}
	g.pre = append(g.pre, "// SAFETY: a pure size computation on an integer.")
	g.pre = append(g.pre, fmt.Sprintf("let cap = unsafe { %s(%s) };", e.ts.fn(fn), a))
	return toUsize("cap", rt)
}

func (g *fnGen) callback(pp *ParamPlan) {
	e := g.e
	ft := pp.Cb
	udIdx := -1
	var cargs, ctypes, names []string
	for i, cp := range ft.Params {
		t, _ := e.ts.rust(cp.Type)
		if udIdx < 0 {
			if el := e.ts.pointee(cp.Type); el != nil && e.ts.isVoid(el) {
				udIdx = i
				cargs = append(cargs, fmt.Sprintf("ud: %s", t))
				continue
			}
		}
		n := fmt.Sprintf("a%d", i)
		cargs = append(cargs, n+": "+t)
		ctypes = append(ctypes, t)
		names = append(names, n)
	}
	ret, retSuffix := "()", ""
	onPanic := ""
	if !e.ts.isVoid(ft.Result) {
		ret, _ = e.ts.rust(ft.Result)
		retSuffix = " -> " + ret
		onPanic = fmt.Sprint(pp.OnPanic)
	}
	alias := camel(g.fp.Name) + camel(pp.CName)
	e.cbs = append(e.cbs, fmt.Sprintf("/// The closure type of `%s`'s `%s` callback: it gets the C arguments\n/// (pointers stay raw: reading them needs the C contract and `unsafe`).\npub type %s<'a> = dyn FnMut(%s)%s + 'a;\n",
		g.fp.Fn.Name, pp.CName, alias, strings.Join(ctypes, ", "), retSuffix))
	st, tr := "State"+camel(pp.CName), "trampoline_"+bare(pp.Name)
	typ := "&mut " + alias + "<'_>"
	if pp.Optional {
		typ = "Option<" + typ + ">"
	}
	g.sig = append(g.sig, pp.Name+": "+typ)
	body := []string{
		fmt.Sprintf("struct %s<'a> {", st),
		fmt.Sprintf("    f: &'a mut %s<'a>,", alias),
		"    panic: Option<Box<dyn core::any::Any + Send>>,",
		"}",
		fmt.Sprintf("unsafe extern \"C\" fn %s(%s)%s {", tr, strings.Join(cargs, ", "), retSuffix),
		"    // SAFETY: ud is the state passed with this call; the callback runs",
		"    // only during the call (scope = \"call\").",
		fmt.Sprintf("    let st = unsafe { &mut *ud.cast::<%s<'_>>() };", st),
	}
	if onPanic != "" {
		body = append(body,
			"    if st.panic.is_some() {",
			"        return "+onPanic+";",
			"    }",
			fmt.Sprintf("    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (st.f)(%s))) {", strings.Join(names, ", ")),
			"        Ok(r) => r,",
			"        Err(p) => {",
			"            st.panic = Some(p);",
			"            "+onPanic,
			"        }",
			"    }",
			"}")
	} else {
		body = append(body,
			"    if st.panic.is_some() {",
			"        return;",
			"    }",
			fmt.Sprintf("    if let Err(p) = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (st.f)(%s))) {", strings.Join(names, ", ")),
			"        st.panic = Some(p);",
			"    }",
			"}")
	}
	g.pre = append(g.pre, body...)
	ud := pp.UserData
	if pp.Optional {
		g.pre = append(g.pre, fmt.Sprintf("let mut %s = %s.map(|f| %s { f, panic: None });", pp.Name, pp.Name, st))
		g.args[pp.Index] = fmt.Sprintf("if %s.is_some() { Some(%s) } else { None }", pp.Name, tr)
		g.args[ud.Index] = fmt.Sprintf("%s.as_mut().map_or(core::ptr::null_mut(), |s| core::ptr::from_mut(s).cast())", pp.Name)
		g.after = append(g.after, fmt.Sprintf("if let Some(p) = %s.and_then(|s| s.panic) {", pp.Name), "    std::panic::resume_unwind(p);", "}")
	} else {
		g.pre = append(g.pre, fmt.Sprintf("let mut %s = %s { f: %s, panic: None };", pp.Name, st, pp.Name))
		g.args[pp.Index] = "Some(" + tr + ")"
		g.args[ud.Index] = fmt.Sprintf("core::ptr::from_mut(&mut %s).cast()", pp.Name)
		g.after = append(g.after, fmt.Sprintf("if let Some(p) = %s.panic {", pp.Name), "    std::panic::resume_unwind(p);", "}")
	}
}

func (g *fnGen) fields() {
	e := g.e
	g.pre = append(g.pre, "let obj = self.ptr.as_ptr();")
	var set, reset, read []string
	for _, f := range g.fp.Fields {
		pt := "&[" + f.Elem + "]"
		ptr := ptrArg(f.Name+".as_ptr()", false, map[bool]string{true: "*const", false: "*mut"}[f.ConstP])
		if f.Mut {
			pt = "&mut [" + f.Elem + "]"
			ptr = f.Name + ".as_mut_ptr().cast()"
		}
		g.sig = append(g.sig, f.Name+": "+pt)
		lenVar := bare(f.Name) + "_len"
		g.tooLong(lenVar, f.LenType, f.Name+".len()", f.Name)
		p, l := rawIdent(f.Ptr), rawIdent(f.Len)
		set = append(set, fmt.Sprintf("    (*obj).%s = %s;", p, ptr), fmt.Sprintf("    (*obj).%s = %s;", l, lenVar))
		reset = append(reset, fmt.Sprintf("    (*obj).%s = core::ptr::null_mut();", p), fmt.Sprintf("    (*obj).%s = 0;", l))
		b := bare(f.Name)
		read = append(read, fmt.Sprintf("let %s_left = unsafe { (*obj).%s };", b, l))
		g.conv = append(g.conv, fmt.Sprintf("let %s_used = %s;", b, toUsize(fmt.Sprintf("%s.saturating_sub(%s_left)", lenVar, b), f.LenType)))
		g.oks = append(g.oks, okVal{b + "_used", "usize"})
	}
	_ = e
	g.pre = append(g.pre, "// SAFETY: obj is live and exclusively borrowed; the buffers outlive the call", "// and the pointers are cleared right after it.", "unsafe {")
	g.pre = append(g.pre, set...)
	g.pre = append(g.pre, "}")
	g.after = append(g.after, read...)
	g.after = append(g.after, "// SAFETY: as above; the library must not keep pointers into the buffers.", "unsafe {")
	g.after = append(g.after, reset...)
	g.after = append(g.after, "}")
}

// errExpr picks where the message of a failing status comes from.
func (g *fnGen) errExpr(rc string) string {
	e, fp := g.e, g.fp
	ep := e.p.Err
	if ep.Message != "" && ep.MessageType != nil {
		for _, pp := range fp.Params {
			if pp.As == "out" && pp.Handle == ep.MessageType {
				e.need("handle_error")
				return fmt.Sprintf("unsafe { handle_error(%s, %s) }", pp.Name, rc)
			}
		}
		if g.hasSelf {
			if fp.Method == ep.MessageType {
				e.need("handle_error")
				return fmt.Sprintf("unsafe { handle_error(self.ptr.as_ptr(), %s) }", rc)
			}
			if eh := fp.Method.ErrorHandle; eh != "" {
				f := e.pl.rawFn(eh)
				if f != nil && len(f.Type.Params) == 1 && e.pl.pointsTo(f.Type.Params[0].Type, fp.Method) {
					if rt, _ := e.ts.rust(f.Type.Result); rt == ep.MessageRaw {
						e.need("handle_error")
						return fmt.Sprintf("unsafe { handle_error(%s(self.ptr.as_ptr()), %s) }", e.ts.fn(eh), rc)
					}
				}
			}
		}
		for _, pp := range fp.Params {
			if pp.As == "handle" && pp.Handle == ep.MessageType {
				e.need("handle_error")
				return fmt.Sprintf("unsafe { handle_error(%s.ptr.as_ptr(), %s) }", pp.Name, rc)
			}
		}
	}
	e.need("code_error")
	return "code_error(" + rc + ")"
}

// makeObj renders constructing a safe type from a NonNull named ptr.
func makeObj(t *TypePlan, ptr string) string {
	field := "ptr: " + ptr
	if ptr == "ptr" {
		field = "ptr"
	}
	if t.Lifetime {
		return fmt.Sprintf("%s {\n    %s,\n    _parent: core::marker::PhantomData,\n}", t.Name, field)
	}
	if ptr == "ptr" {
		return t.Name + " { ptr }"
	}
	return fmt.Sprintf("%s { ptr: %s }", t.Name, ptr)
}

func (g *fnGen) result() {
	e, fp := g.e, g.fp
	ts := e.ts
	rc := "rc"
	var lead []okVal
	switch {
	case fp.Ret == "status" && e.p.Err.IsError != "" && g.rcType == e.p.Err.IsErrorType:
		// ZSTD_isError(rc): error codes are values the checker flags; the
		// code keeps its bits as an i64 (-(errno) for zstd).
		g.fallible = true
		e.need("code_error")
		g.checks = append(g.checks, "// SAFETY: the checker only inspects the integer.",
			fmt.Sprintf("if unsafe { %s(rc) } != 0 {", e.ts.fn(e.p.Err.IsError)),
			"    return Err("+g.errExpr("rc as i64")+");", "}")
		if fp.KeepCode {
			lead = append(lead, okVal{rc, g.rcType})
		}
	case fp.Ret == "status":
		e.need("status_ok")
		g.fallible = true
		r64 := e.toI64(rc, g.rcType)
		var cleanup []string
		for _, pp := range fp.Params {
			if pp.As == "out" && pp.Handle != nil && pp.Handle.DropOnError {
				cleanup = append(cleanup, fmt.Sprintf("    if let Some(ptr) = core::ptr::NonNull::new(%s) {", pp.Name),
					"        core::mem::drop("+indentLines(makeObj(pp.Handle, "ptr"), "        ")+");", "    }")
			}
		}
		g.checks = append(g.checks, fmt.Sprintf("if !status_ok(%s) {", r64))
		if len(cleanup) > 0 {
			g.checks = append(g.checks, "    let err = "+g.errExpr(r64)+";")
			g.checks = append(g.checks, cleanup...)
			g.checks = append(g.checks, "    return Err(err);")
		} else {
			g.checks = append(g.checks, "    return Err("+g.errExpr(r64)+");")
		}
		g.checks = append(g.checks, "}")
		if fp.KeepCode {
			lead = append(lead, okVal{rc, g.rcType})
		}
	case fp.Ret == "value":
		lead = append(lead, okVal{rc, g.rcType})
	case fp.Ret == "bool":
		if ts.prim(fp.Fn.Type.Result) == 1 { // ir.Bool
			lead = append(lead, okVal{rc, "bool"})
		} else {
			lead = append(lead, okVal{rc + " != 0", "bool"})
		}
	case fp.Ret == "string" || fp.Ret == "cstring":
		h, typ := "copy_string", "Option<String>"
		if fp.Ret == "cstring" {
			h, typ = "copy_cstring", "Option<std::ffi::CString>"
		}
		// A string result may point into a buffer the caller passed
		// (uv_strerror_r returns buf, unterminated when buf is empty): it
		// is then read within that buffer only.
		var within []string
		for _, pp := range fp.Params {
			if (pp.As == "mut_slice" || pp.As == "bytes_out" && pp.Capacity == "") && pp.ElemRust == "u8" {
				within = append(within, pp.Name)
			}
		}
		if len(within) > 0 {
			h += "_in"
			e.need(h)
			arg := within[0]
			if len(within) > 1 {
				// Read it within whichever buffer it points into; the
				// helper takes one, so the first that contains it wins.
				arg = "[&*" + strings.Join(within, ", &*") + "].into_iter().find(|b| contains(b, rc.cast())).unwrap_or(&[])"
				e.need("contains")
			}
			g.conv = append(g.conv, "// SAFETY: the library returns NULL, a pointer into the buffer (read only within", "// it), or a NUL-terminated string; it is copied before anything else runs.",
				fmt.Sprintf("let text = unsafe { %s(%s.cast(), %s) };", h, rc, arg))
		} else {
			e.need(h)
			g.conv = append(g.conv, "// SAFETY: the library returns NULL or a NUL-terminated string; it is copied", "// before anything else runs.",
				fmt.Sprintf("let text = unsafe { %s(%s.cast()) };", h, rc))
		}
		if fp.Free != "" {
			ff := ts.ix.Functions[fp.Free]
			pt, _ := ts.rust(ff.Type.Params[0].Type)
			g.conv = append(g.conv, "if !rc.is_null() {", "    // SAFETY: the string is owned by the caller and released once, after the copy.",
				fmt.Sprintf("    unsafe { %s(%s) };", e.ts.fn(fp.Free), ptrArg(rc, strings.HasPrefix(g.rcType, "*mut"), pt)), "}")
		}
		lead = append(lead, okVal{"text", typ})
	case fp.Ret == "static_cstr":
		g.conv = append(g.conv, "let text = if rc.is_null() {", "    None", "} else {",
			"    // SAFETY: non-null, NUL-terminated and static by the configuration.",
			"    Some(unsafe { core::ffi::CStr::from_ptr(rc.cast()) })", "};")
		lead = append(lead, okVal{"text", "Option<&'static core::ffi::CStr>"})
	case fp.Ret == "bytes":
		lf := ts.ix.Functions[fp.LenFn]
		lt, _, _ := ts.scalar(lf.Type.Result)
		g.conv = append(g.conv, "// SAFETY: same arguments as the call above.",
			fmt.Sprintf("let n = unsafe { %s(%s) };", e.ts.fn(fp.LenFn), strings.Join(g.args, ", ")),
			fmt.Sprintf("let n = %s;", toUsize("n", lt)),
			"let bytes = if rc.is_null() || n == 0 {", "    Vec::new()", "} else {",
			"    // SAFETY: the library returns a buffer of n bytes, copied at once.",
			"    unsafe { core::slice::from_raw_parts(rc.cast::<u8>(), n) }.to_vec()", "};")
		lead = append(lead, okVal{"bytes", "Vec<u8>"})
	case fp.Ret == "handle":
		e.need("null")
		g.fallible = true
		src := rc
		if strings.HasPrefix(g.rcType, "*const") {
			src = rc + ".cast_mut()"
		}
		g.conv = append(g.conv, fmt.Sprintf("let ptr = core::ptr::NonNull::new(%s).ok_or_else(|| Error::null(%q))?;", src, fp.Fn.Name),
			"let obj = "+makeObj(fp.RetType, "ptr")+";")
		lead = append(lead, okVal{"obj", g.retTypeName(fp.RetType)})
	case strings.HasPrefix(fp.Ret, "enum:"):
		g.fallible = true
		g.conv = append(g.conv, "let value = "+fp.RetEnum.Name+"::try_from(rc)?;")
		lead = append(lead, okVal{"value", fp.RetEnum.Name})
	case strings.HasPrefix(fp.Ret, "flags:"):
		v := fp.RetEnum.Name + "(rc)"
		if fp.RetEnum.RawEnum != "" {
			v = fp.RetEnum.Name + "(rc.0)"
		}
		lead = append(lead, okVal{v, fp.RetEnum.Name})
	}
	// Out handles and value constructors.
	for _, pp := range fp.Params {
		if pp.As == "out" && pp.Handle != nil {
			e.need("null")
			g.fallible = true
			g.conv = append(g.conv, fmt.Sprintf("let %s = core::ptr::NonNull::new(%s).ok_or_else(|| Error::null(%q))?;", pp.Name, pp.Name, fp.Fn.Name),
				fmt.Sprintf("let %s = %s;", pp.Name, makeObj(pp.Handle, pp.Name)))
			g.oks = append([]okVal{{pp.Name, g.retTypeName(pp.Handle)}}, g.oks...)
		}
		if pp.As == "self" && fp.Ctor && fp.Method.Value {
			g.conv = append(g.conv, "let obj = "+makeObj(fp.Method, "core::ptr::NonNull::from(Box::leak(obj))")+";")
			g.oks = append([]okVal{{"obj", "Self"}}, g.oks...)
		}
	}
	g.oks = append(lead, g.oks...)
}

func (g *fnGen) retTypeName(t *TypePlan) string {
	if g.fp.Method == t && !t.Lifetime {
		return "Self"
	}
	return t.Anon()
}

func indentLines(s, ind string) string {
	return strings.ReplaceAll(s, "\n", "\n"+ind)
}

// write renders the wrapper.
func (g *fnGen) write() {
	e, fp, ind := g.e, g.fp, g.ind
	var doc strings.Builder
	fmt.Fprintf(&doc, "Safe wrapper of `%s`.\n", fp.Fn.Name)
	if len(fp.Checks) > 0 {
		doc.WriteString("\nChecks:\n")
		for _, c := range fp.Checks {
			doc.WriteString("- " + c + "\n")
		}
	}
	if fp.Ret == "string" {
		doc.WriteString("\nThe returned text is copied; invalid UTF-8 is replaced with U+FFFD.\n")
	}
	if fp.Doc != "" {
		doc.WriteString("\n" + fp.Doc + "\n")
	}
	if d := cDoc(fp.Fn.Doc); d != "" {
		doc.WriteString("\n" + d + "\n")
	}
	docLines(&e.b, ind, doc.String())
	// Return type.
	var ret string
	switch len(g.oks) {
	case 0:
		ret = "()"
	case 1:
		ret = g.oks[0].typ
	default:
		var ts []string
		for _, o := range g.oks {
			ts = append(ts, o.typ)
		}
		ret = "(" + strings.Join(ts, ", ") + ")"
	}
	okExpr := "()"
	switch len(g.oks) {
	case 0:
	case 1:
		okExpr = g.oks[0].expr
	default:
		var xs []string
		for _, o := range g.oks {
			xs = append(xs, o.expr)
		}
		okExpr = "(" + strings.Join(xs, ", ") + ")"
	}
	params := g.sig
	if g.hasSelf {
		recv := "&self"
		if fp.Recv == "mut" {
			recv = "&mut self"
		}
		params = append([]string{recv}, params...)
	}
	sig := fmt.Sprintf("pub fn %s(%s)", fp.Name, strings.Join(params, ", "))
	if g.fallible {
		sig += " -> Result<" + ret + ", Error>"
	} else if ret != "()" {
		sig += " -> " + ret
	}
	e.line("%s%s {", ind, sig)
	body := ind + "    "
	for _, s := range g.pre {
		e.line("%s%s", body, indentLines(s, body))
	}
	call := fmt.Sprintf("%s(%s)", e.ts.fn(fp.Fn.Name), strings.Join(g.args, ", "))
	simple := len(g.after) == 0 && len(g.checks) == 0 && len(g.conv) == 0 && !g.fallible && g.retry == nil
	if simple && len(g.pre) == 0 && (len(g.oks) == 0 && g.rcType == "" || len(g.oks) == 1 && g.oks[0].expr == "rc") {
		e.line("%s// SAFETY: every argument was checked or converted by this wrapper.", body)
		e.line("%sunsafe { %s }", body, call)
		e.line("%s}", ind)
		return
	}
	if g.retry != nil {
		pp := g.retry
		lt, _, _ := e.ts.scalar(e.ts.pointee(pp.LenParam.C.Type))
		buf := bare(pp.Name) + "_buf"
		lenVar := pp.LenParam.Name
		var conds []string
		for _, v := range pp.RetryOn {
			conds = append(conds, fmt.Sprintf("rc == %d", v))
		}
		e.line("%slet (rc, %s) = loop {", body, lenVar)
		in := body + "    "
		if lt == "usize" {
			e.line("%slet mut %s = %s.len();", in, lenVar, buf)
		} else {
			e.need("too_long")
			e.line("%slet mut %s = %s::try_from(%s.len()).map_err(|_| Error::too_long(%q))?;", in, lenVar, lt, buf, pp.CName)
		}
		e.line("%s// SAFETY: every argument was checked or converted by this wrapper.", in)
		e.line("%slet rc = unsafe { %s };", in, call)
		e.line("%sif (%s) && %s.len() <= (usize::MAX >> 2) {", in, strings.Join(conds, " || "), buf)
		e.line("%s    let n = %s.len().saturating_mul(2).max(64);", in, buf)
		e.line("%s    %s.resize(n, %s);", in, buf, zeroOf(pp.ElemRust))
		e.line("%s    continue;", in)
		e.line("%s}", in)
		e.line("%sbreak (rc, %s);", in, lenVar)
		e.line("%s};", body)
	} else if !g.fallible && okExpr == "rc" && len(g.after) == 0 && len(g.checks) == 0 && len(g.conv) == 0 {
		e.line("%s// SAFETY: every argument was checked or converted by this wrapper.", body)
		e.line("%sunsafe { %s }", body, call)
		e.line("%s}", ind)
		return
	} else {
		e.line("%s// SAFETY: every argument was checked or converted by this wrapper.", body)
		if g.rcType == "" {
			e.line("%sunsafe { %s };", body, call)
		} else {
			e.line("%slet rc = unsafe { %s };", body, call)
		}
	}
	// clippy::let_and_return: a final `let x = e;` returned as is becomes the tail.
	tail := ""
	if !g.fallible && len(g.conv) > 0 {
		last := g.conv[len(g.conv)-1]
		if pre := "let " + okExpr + " = "; strings.HasPrefix(last, pre) && strings.HasSuffix(last, ";") {
			tail = strings.TrimSuffix(strings.TrimPrefix(last, pre), ";")
			g.conv = g.conv[:len(g.conv)-1]
		}
	}
	for _, group := range [][]string{g.after, g.checks, g.conv} {
		for _, s := range group {
			e.line("%s%s", body, indentLines(s, body))
		}
	}
	if tail != "" {
		e.line("%s%s", body, indentLines(tail, body))
		e.line("%s}", ind)
		return
	}
	if g.fallible {
		e.line("%sOk(%s)", body, okExpr)
	} else if okExpr != "()" {
		e.line("%s%s", body, okExpr)
	}
	e.line("%s}", ind)
}

// unsafeFn writes a wrapper that forwards the raw parameters, documenting
// why it could not be made safe.
func (e *emitter) unsafeFn(fp *FuncPlan, ind string) {
	var doc strings.Builder
	fmt.Fprintf(&doc, "Calls `%s` with its raw parameters.\n\n# Safety\n\nThe caller must uphold the C function's whole contract; ferry kept it\nunsafe because:\n", fp.Fn.Name)
	for _, r := range fp.Reasons {
		doc.WriteString("- " + r + "\n")
	}
	if d := cDoc(fp.Fn.Doc); d != "" {
		doc.WriteString("\n" + d + "\n")
	}
	docLines(&e.b, ind, doc.String())
	var params, args []string
	for _, pp := range fp.Params {
		n := pp.Name
		if strings.HasPrefix(n, "r#") {
			n = strings.TrimPrefix(n, "r#") + "_"
		}
		params = append(params, n+": "+pp.RawType)
		args = append(args, n)
	}
	sig := fmt.Sprintf("pub unsafe fn %s(%s)", fp.Name, strings.Join(params, ", "))
	if !e.ts.isVoid(fp.Fn.Type.Result) {
		r, _ := e.ts.rust(fp.Fn.Type.Result)
		sig += " -> " + r
	}
	e.line("%s%s {", ind, sig)
	e.line("%s    // SAFETY: the caller upholds the contract (see # Safety).", ind)
	e.line("%s    unsafe { %s(%s) }", ind, e.ts.fn(fp.Fn.Name), strings.Join(args, ", "))
	e.line("%s}", ind)
}
