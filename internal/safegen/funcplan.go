package safegen

import (
	"fmt"
	"strings"

	"ferry/internal/config"
	"ferry/internal/ir"
)

// indexWords are parameter name words that usually mean an index, a
// position or a count the library might use without checking.
var indexWords = map[string]bool{
	"i": true, "j": true, "k": true, "n": true, "idx": true, "index": true, "pos": true, "position": true,
	"offset": true, "off": true, "top": true, "narg": true, "nargs": true, "nresults": true, "nres": true,
	"col": true, "icol": true, "column": true, "row": true, "slot": true, "nth": true, "fromidx": true,
	"toidx": true, "objindex": true,
}

// destructorWord() matches name words of functions that release an object.
var destructorWord = lazyRegexp(`^(free|destroy|close|delete|release|finalize|finish|end|unref|dispose|deinit|cleanup|shutdown|dealloc|kill|drop|uninit|term|terminate)$`)

// reservedLocal are the local names wrappers use for themselves.
var reservedLocal = map[string]bool{"rc": true, "obj": true, "cap": true, "ptr": true, "text": true, "bytes": true,
	"n": true, "value": true, "err": true, "self_": true}

// isFdName reports whether an integer parameter names a file descriptor.
func isFdName(name string) bool {
	for _, w := range words(name) {
		if w == "fd" || w == "fildes" || w == "filedes" || w == "sock" || w == "socket" || strings.HasSuffix(w, "fd") && len(w) <= 4 {
			return true
		}
	}
	return false
}

// isFdFunc reports whether a function name says it takes a descriptor
// (json_dumpfd, magic_descriptor, gzdopen's fd is caught by its name).
func isFdFunc(name string) bool {
	for _, w := range words(name) {
		if w == "descriptor" || w == "fileno" || w == "fd" || strings.HasSuffix(w, "fd") && len(w) > 2 && len(w) <= 8 {
			return true
		}
	}
	return false
}

// isFlagsName reports whether an integer parameter names flags or a mode.
func isFlagsName(name string) bool {
	for _, w := range words(name) {
		switch w {
		case "flags", "flag", "mode", "options", "opts":
			return true
		}
	}
	return false
}

// isIndexLike reports whether an integer parameter name looks like an
// index or count.
func isIndexLike(name string) bool {
	for _, w := range words(name) {
		if indexWords[w] {
			return true
		}
		if strings.HasPrefix(w, "n") && len(w) > 1 && indexWords[w[1:]] {
			return true
		}
	}
	return false
}

// hasDestructorWord reports whether a function name says it releases
// something (sqlite3_close_v2, deflateEnd).
func hasDestructorWord(name string) bool {
	return hasWord(name, destructorWord())
}

// planFunc resolves one function rule.
func (p *planner) planFunc(id string, rule *config.Func, f *ir.Function, isDrop bool) *FuncPlan {
	p.pos = f.Pos
	fp := &FuncPlan{ID: id, Fn: f, Why: rule.Why, Doc: rule.Doc, KeepCode: rule.KeepCode, Free: rule.Free, LenFn: rule.LenFn}
	raw := func(why string) *FuncPlan {
		fp.Raw = true
		fp.Reasons = append(fp.Reasons, why)
		return fp
	}
	unsafeWhy := func(format string, args ...any) {
		fp.Unsafe = true
		fp.Reasons = append(fp.Reasons, fmt.Sprintf(format, args...))
	}
	if rule.Skip {
		return raw("skipped by configuration")
	}
	ft := f.Type
	if ft == nil || ft.Variadic || (ft.NoProto && len(ft.Params) > 0) {
		return raw("variadic or unprototyped")
	}
	if f.Attrs.Inline || f.Attrs.Static {
		return raw("static inline: not exported by the library")
	}
	if f.Attrs.Deprecated {
		// A wrapper would trip the deprecated lint, and new code should not
		// reach for it.
		return raw("deprecated in the header")
	}
	if isDrop {
		return raw("released only by Drop")
	}
	if p.ts.fn(f.Name) == "" {
		return raw("not declared by the raw module (its types cannot cross the ABI)")
	}
	// Every raw type must be spellable, safe or not.
	for _, prm := range ft.Params {
		if _, ok := p.ts.rust(prm.Type); !ok {
			return raw("a parameter type the safe layer cannot spell")
		}
	}
	if !p.ts.isVoid(ft.Result) {
		if _, ok := p.ts.rust(ft.Result); !ok {
			return raw("a result type the safe layer cannot spell")
		}
	}
	fp.Name = rule.Name
	if fp.Name == "" {
		base := id
		if rule.C != "" && rule.C != id {
			base = id
		}
		fp.Name = snake(stripPrefix(base, p.r.StripPrefix))
	} else {
		fp.Name = ident(fp.Name)
	}
	if rule.Method != "" {
		fp.Method = p.byName[rule.Method]
		if fp.Method == nil {
			p.warn(CodeUnknownName, "fn %s: method of %s, which is not a [safe.type]", id, rule.Method)
			return raw("method of an unknown type")
		}
	}
	fp.Ctor = rule.Constructor
	if len(ft.Params) > 7 && (rule.IsUnsafe() || rule.Skip) {
		return raw("more than 7 parameters")
	}
	if rule.IsUnsafe() {
		if rule.Why != "" {
			unsafeWhy("%s", rule.Why)
		} else {
			unsafeWhy("configured unsafe")
		}
	}
	// Parameters.
	byName := map[string]*ParamPlan{}
	rustNames := map[string]bool{}
	for i, prm := range ft.Params {
		cn := paramName(f, i)
		rn := snake(cn)
		// Unique, and clear of the wrappers' own temporaries.
		for reservedLocal[rn] || rustNames[rn] {
			rn = strings.TrimPrefix(rn, "r#") + "_"
		}
		rustNames[rn] = true
		pp := &ParamPlan{C: prm, Index: i, CName: cn, Name: rn, As: "value"}
		pp.RawType, _ = p.ts.rust(prm.Type)
		if r := rule.Params[cn]; r != nil {
			pp.As, pp.Value, pp.Capacity, pp.OnPanic, pp.Optional, pp.Scope = r.As, r.Value, r.Capacity, r.OnPanic, r.Optional, r.Scope
		}
		fp.Params = append(fp.Params, pp)
		byName[cn] = pp
	}
	for pn := range rule.Params {
		if byName[pn] == nil {
			p.warn(CodeUnknownName, "fn %s: no parameter %s", id, pn)
			unsafeWhy("a rule names parameter %s, which does not exist", pn)
		}
	}
	if fp.Unsafe {
		return fp
	}
	lenUsers := map[*ParamPlan]*ParamPlan{}
	udUsers := map[*ParamPlan]*ParamPlan{}
	selfCount := 0
	for _, pp := range fp.Params {
		r := rule.Params[pp.CName]
		if r == nil {
			r = &config.Param{}
		}
		if r.Len != "" {
			pp.LenParam = byName[r.Len]
			if pp.LenParam == nil || pp.LenParam == pp {
				unsafeWhy("parameter %s: length %s is not another parameter", pp.CName, r.Len)
				continue
			}
			if u := lenUsers[pp.LenParam]; u != nil {
				unsafeWhy("length %s is used by two parameters", r.Len)
				continue
			}
			lenUsers[pp.LenParam] = pp
		}
		if r.UserData != "" {
			pp.UserData = byName[r.UserData]
			if pp.UserData == nil {
				unsafeWhy("callback %s: user data %s is not a parameter", pp.CName, r.UserData)
				continue
			}
			udUsers[pp.UserData] = pp
		}
		if r.Type != "" {
			pp.Enum = p.enums[r.Type]
			pp.Handle = p.byName[r.Type]
		}
		for _, s := range r.RetryOn {
			v, ok := p.intValue(s)
			if !ok {
				unsafeWhy("retry_on value %s is not an integer constant", s)
			}
			pp.RetryOn = append(pp.RetryOn, v)
		}
		if why := p.checkParam(fp, pp); why != "" {
			unsafeWhy("parameter %s: %s", pp.CName, why)
		}
		if pp.As == "self" {
			selfCount++
		}
	}
	for _, pp := range fp.Params {
		switch pp.As {
		case "len":
			if lenUsers[pp] == nil {
				unsafeWhy("parameter %s is a length no slice uses", pp.CName)
			} else if (lenUsers[pp].As == "bytes_out") == p.isInteger(pp.C.Type) {
				unsafeWhy("parameter %s: bytes_out takes its length through a pointer, slices by value", pp.CName)
			}
		case "user_data":
			if udUsers[pp] == nil {
				unsafeWhy("parameter %s is user data no callback uses", pp.CName)
			}
		}
		if u := lenUsers[pp]; u != nil && pp.As != "len" {
			unsafeWhy("parameter %s is the length of %s but is mapped as %s", pp.CName, u.CName, pp.As)
		}
		if u := udUsers[pp]; u != nil && pp.As != "user_data" {
			unsafeWhy("parameter %s is the user data of %s but is mapped as %s", pp.CName, u.CName, pp.As)
		}
	}
	if selfCount > 1 {
		unsafeWhy("two self parameters")
	}
	if selfCount == 1 && fp.Method == nil {
		unsafeWhy("a self parameter but no method type")
	}
	if selfCount == 1 && hasDestructorWord(f.Name) && !fp.Ctor {
		unsafeWhy("its name says it releases the object, which only Drop may do")
	}
	// A file descriptor handed to C may be closed or kept by it: I/O safety.
	for _, pp := range fp.Params {
		if pp.As == "value" && p.isInteger(pp.C.Type) && isFdName(pp.CName) {
			unsafeWhy("integer %s looks like a file descriptor the library may close or keep (I/O safety)", pp.CName)
		}
	}
	// json_dumpfd(json, flags, fd), magic_descriptor(cookie, int): the
	// function's name says an integer is a descriptor.
	if isFdFunc(f.Name) {
		for _, pp := range fp.Params {
			if pp.As == "value" && p.isInteger(pp.C.Type) && !isFdName(pp.CName) && !isFlagsName(pp.CName) {
				unsafeWhy("its name says it works on a file descriptor, and %s may be one the caller does not own (I/O safety)", pp.CName)
				break
			}
		}
	}
	// Index-like integers on a handle are only safe on the library's word,
	// and so are lengths no buffer parameter bounds: they measure
	// something the library holds (XML_ParseBuffer(parser, len, final)
	// reads len bytes of its own buffer without checking).
	if (selfCount == 1 || fp.hasAs("handle")) && !p.r.CheckedIntArgs {
		for _, pp := range fp.Params {
			if pp.As == "value" && p.isInteger(pp.C.Type) && isIndexLike(pp.CName) {
				unsafeWhy("integer %s looks like an index or count the library may not check (set checked_int_args if it does)", pp.CName)
			} else if pp.As == "value" && p.isInteger(pp.C.Type) && isLengthName(pp.CName) {
				unsafeWhy("integer %s is a length no buffer parameter bounds: of memory the library holds (set checked_int_args if it checks it)", pp.CName)
			}
		}
	}
	// A free function returning nothing has no use for a lone length but
	// to act on memory of that size (sodium_stackzero(len) clears len
	// bytes of the stack).
	if selfCount == 0 && !fp.hasAs("handle") && p.ts.isVoid(ft.Result) && !p.r.CheckedIntArgs {
		for _, pp := range fp.Params {
			if pp.As == "value" && p.isInteger(pp.C.Type) && isLengthName(pp.CName) {
				unsafeWhy("integer %s is a length no buffer parameter bounds, and the function returns nothing: it acts on memory of that size", pp.CName)
			}
		}
	}
	p.planReturn(fp, rule, unsafeWhy)
	if len(rule.Fields) > 0 {
		p.planFields(fp, rule, unsafeWhy)
	}
	fp.Recv = ""
	if selfCount == 1 {
		fp.Recv = "ref"
		if rule.Receiver == "mut" || len(fp.Fields) > 0 {
			fp.Recv = "mut"
		}
	}
	// clippy::too_many_arguments allows at most 7; the module has no allows.
	if !fp.Unsafe && fp.rustArity() > 7 {
		unsafeWhy("more than 7 Rust parameters")
	}
	if fp.Unsafe && len(fp.Params) > 7 {
		return raw("more than 7 parameters")
	}
	fp.Checks = p.checks(fp)
	if fp.Unsafe {
		fp.Checks = nil
	}
	return fp
}

// rustArity counts the safe wrapper's parameters, self included.
func (fp *FuncPlan) rustArity() int {
	n := len(fp.Fields)
	for _, pp := range fp.Params {
		switch pp.As {
		case "value", "handle", "slice", "mut_slice", "str", "cstr", "opt_cstr", "enum", "flags", "callback":
			n++
		case "self":
			if !(fp.Ctor && fp.Method != nil && fp.Method.Value) {
				n++
			}
		case "bytes_out":
			if pp.Capacity == "" {
				n++
			}
		}
	}
	return n
}

func (fp *FuncPlan) hasAs(as string) bool {
	for _, pp := range fp.Params {
		if pp.As == as {
			return true
		}
	}
	return false
}

func (p *planner) isInteger(t *ir.Type) bool {
	_, integer, ok := p.ts.scalar(t)
	return ok && integer
}

// elemRust is the Rust element type of a buffer pointer: u8 for void and
// char-like elements, the scalar otherwise; "" if not a scalar buffer.
func (p *planner) elemRust(t *ir.Type) string {
	e := p.ts.pointee(t)
	if e == nil {
		return ""
	}
	if p.ts.isVoid(e) || p.ts.isCharLike(e) {
		return "u8"
	}
	if p.ts.resolve(e).Kind == ir.KindPointer {
		return ""
	}
	r, _, ok := p.ts.scalar(e)
	if !ok || r == "bool" {
		return ""
	}
	return r
}

// readOnly reports whether the C function promises not to write through
// parameter pp: a pointer to const, or access(read_only).
func (p *planner) readOnly(pp *ParamPlan) bool {
	e := p.ts.pointee(pp.C.Type)
	return e != nil && p.ts.constElem(e) || pp.C.Attrs.Access == ir.ReadOnly
}

// checkParam validates one mapping; it returns why it is unsound, or "".
func (p *planner) checkParam(fp *FuncPlan, pp *ParamPlan) string {
	t := pp.C.Type
	switch pp.As {
	case "value":
		if ft := p.ts.isFuncPtr(t); ft != nil {
			return "a function pointer with no callback mapping"
		}
		if e := p.ix.Enum(t); e != nil {
			return "a C enum with no safe enum (add [safe.enum] with c = \"" + e.Name + "\")"
		}
		if _, _, ok := p.ts.scalar(t); !ok {
			if p.ts.pointee(t) != nil {
				return "a pointer with no safe mapping"
			}
			return "a by-value aggregate"
		}
	case "self":
		if fp.Method == nil || !p.pointsTo(t, fp.Method) {
			return "self must be a pointer to the method's type"
		}
		pp.Handle = fp.Method
	case "handle":
		if pp.Handle == nil {
			pp.Handle = p.typeOfPointer(t)
		}
		if pp.Handle == nil || !p.pointsTo(t, pp.Handle) {
			return "not a pointer to a [safe.type]"
		}
	case "slice", "mut_slice", "str":
		pp.ElemRust = p.elemRust(t)
		if pp.ElemRust == "" {
			return "not a pointer to a scalar buffer"
		}
		if pp.As == "str" && pp.ElemRust != "u8" {
			return "str needs a char pointer"
		}
		if pp.As != "mut_slice" && !p.readOnly(pp) {
			return "the C function may write through it (not const): map it as mut_slice"
		}
		if pp.LenParam == nil {
			return "a slice needs len"
		}
		if !p.isInteger(pp.LenParam.C.Type) {
			return "its length is not an integer"
		}
	case "bytes_out":
		pp.ElemRust = p.elemRust(t)
		if pp.ElemRust == "" {
			return "not a pointer to a scalar buffer"
		}
		if pp.LenParam == nil {
			return "bytes_out needs len"
		}
		le := p.ts.pointee(pp.LenParam.C.Type)
		if le == nil || !p.isInteger(le) || p.ts.constElem(le) {
			return "the length of bytes_out must be a pointer to a mutable integer"
		}
		if pp.Capacity != "" {
			if _, _, ok := p.capacityExpr(fp, pp.Capacity); !ok {
				return "capacity " + pp.Capacity + " is neither an integer nor FN(PARAM) over a slice length"
			}
		}
	case "cstr", "opt_cstr":
		e := p.ts.pointee(t)
		if e == nil || !p.ts.isCharLike(e) {
			return "not a char pointer"
		}
		if !p.readOnly(pp) {
			return "the C function may write into the string (not const)"
		}
	case "out":
		e := p.ts.pointee(t)
		if e == nil || p.ts.constElem(e) {
			return "out needs a pointer to a mutable value"
		}
		tp := p.typeOfPointer(e)
		if fp.Method != nil && p.pointsTo(e, fp.Method) {
			tp = fp.Method
		}
		if tp != nil && p.ts.resolve(e).Kind == ir.KindPointer {
			if !fp.Ctor {
				return "an out handle from a function that is not a constructor (borrowed handles are not supported)"
			}
			pp.Handle = tp
			return ""
		}
		if _, _, ok := p.ts.scalar(e); !ok {
			// A plain struct the function fills in (json_error_t): made
			// zeroed, which ferry checks is a valid value, and returned.
			if rec := p.ix.Record(e); rec != nil && rec.Complete && p.ts.zeroable(e, 0) && p.typeOfPointer(pp.C.Type) == nil {
				return ""
			}
			return "out needs a pointer to a scalar, a handle or a struct whose fields may all be zero"
		}
	case "len", "user_data":
		if pp.As == "len" && !p.isInteger(t) {
			if e := p.ts.pointee(t); e == nil || !p.isInteger(e) || p.ts.constElem(e) {
				return "a length must be an integer (or, for bytes_out, a pointer to one)"
			}
		}
		if pp.As == "user_data" && (p.ts.pointee(t) == nil || !p.ts.isVoid(p.ts.pointee(t))) {
			return "user data must be void*"
		}
	case "const":
		if _, ok := p.constExpr(pp); !ok {
			return "const value " + pp.Value + " does not fit the parameter"
		}
	case "null":
		if p.ts.pointee(t) == nil {
			return "null needs a pointer"
		}
	case "enum", "flags":
		if pp.Enum == nil || pp.Enum.Flags != (pp.As == "flags") {
			return pp.As + " needs type = the name of a [safe." + pp.As + "]"
		}
		if pp.Enum.RawEnum != "" {
			if rt, _ := p.ts.rust(t); rt != pp.Enum.RawEnum {
				return "the parameter's type is not the enum's C type"
			}
		} else if r, integer, ok := p.ts.scalar(t); !ok || !integer || r != pp.Enum.Repr {
			return "the parameter's C type is not the " + pp.As + "'s type " + pp.Enum.Repr
		}
	case "callback":
		ft := p.ts.isFuncPtr(t)
		if ft == nil {
			return "not a function pointer"
		}
		if pp.UserData == nil {
			return "a callback needs user_data (the void* passed back to it)"
		}
		if pp.Scope != "call" {
			return "the library may keep the callback after the call returns (set scope = \"call\" if it does not)"
		}
		pp.Cb = ft
		ud := -1
		for i, cp := range ft.Params {
			if e := p.ts.pointee(cp.Type); e != nil && p.ts.isVoid(e) {
				ud = i
				break
			}
		}
		if ud < 0 {
			return "the callback has no void* parameter for the user data"
		}
		if !p.ts.isVoid(ft.Result) {
			if _, integer, ok := p.ts.scalar(ft.Result); !ok || !integer {
				return "the callback returns something other than an integer"
			}
		}
	default:
		return "unknown mapping " + pp.As
	}
	return ""
}

// capacityExpr renders a bytes_out capacity: an integer or FN(PARAM).
func (p *planner) capacityExpr(fp *FuncPlan, s string) (fn string, arg *ParamPlan, ok bool) {
	if _, isInt := p.intValue(s); isInt {
		return "", nil, true
	}
	name, an, ok := parseCall(s)
	if !ok {
		return "", nil, false
	}
	f := p.rawFn(name)
	if f == nil || len(f.Type.Params) != 1 || !p.isInteger(f.Type.Params[0].Type) || !p.isInteger(f.Type.Result) {
		return "", nil, false
	}
	for _, pp := range fp.Params {
		if pp.CName == an && pp.As == "len" {
			return name, pp, true
		}
	}
	return "", nil, false
}

func (p *planner) planReturn(fp *FuncPlan, rule *config.Func, unsafeWhy func(string, ...any)) {
	res := fp.Fn.Type.Result
	ret := rule.Returns
	if ret == "" {
		switch {
		case p.ts.isVoid(res):
			ret = "void"
		default:
			ret = "value"
		}
	}
	fp.Ret = ret
	switch {
	case ret == "void":
	case ret == "value":
		if p.ix.Enum(res) != nil {
			return // the raw enum newtype: any value is valid to hold
		}
		if _, _, ok := p.ts.scalar(res); !ok {
			unsafeWhy("returns a pointer or aggregate with no safe mapping")
		}
	case ret == "status":
		if p.plan.Err == nil {
			unsafeWhy("returns status but [safe.error] is missing")
			return
		}
		if rt, _ := p.ts.rust(res); p.plan.Err.IsError != "" && rt == p.plan.Err.IsErrorType {
			break // checked with the is_error function
		}
		if !p.statusType(res) {
			unsafeWhy("a status must be a signed integer of at most 64 bits or unsigned of at most 32")
		}
	case ret == "bool":
		if !p.isInteger(res) && p.ts.prim(res) != ir.Bool {
			unsafeWhy("returns bool but the result is not an integer")
		}
	case ret == "string" || ret == "cstring" || ret == "static_cstr":
		e := p.ts.pointee(res)
		if e == nil || !p.ts.isCharLike(e) {
			unsafeWhy("returns %s but the result is not a char pointer", ret)
		}
		if ret == "static_cstr" && fp.Free != "" {
			unsafeWhy("a static string cannot be freed")
		}
	case ret == "bytes":
		if p.elemRust(res) != "u8" {
			unsafeWhy("returns bytes but the result is not a byte pointer")
		}
		lf := p.rawFn(fp.LenFn)
		if lf == nil || !p.isInteger(lf.Type.Result) || len(lf.Type.Params) != len(fp.Fn.Type.Params) {
			unsafeWhy("returns bytes but len_fn %q is not a function of the same parameters returning an integer", fp.LenFn)
		} else {
			for i := range lf.Type.Params {
				a, _ := p.ts.rust(lf.Type.Params[i].Type)
				b, _ := p.ts.rust(fp.Fn.Type.Params[i].Type)
				if a != b {
					unsafeWhy("len_fn %s takes different parameters", fp.LenFn)
					break
				}
			}
		}
	case ret == "handle":
		tp := p.typeOfPointer(res)
		if fp.Method != nil && p.pointsTo(res, fp.Method) {
			tp = fp.Method // one of several types over the record (ZSTD_CCtx, ZSTD_CStream)
		}
		if tp == nil || p.ts.resolve(res).Kind != ir.KindPointer {
			unsafeWhy("returns handle but the result is not a pointer to a [safe.type]")
			return
		}
		if !fp.Ctor {
			unsafeWhy("returns a handle it does not create (borrowed handles are not supported)")
			return
		}
		fp.RetType = tp
	case strings.HasPrefix(ret, "enum:") || strings.HasPrefix(ret, "flags:"):
		kind, name, _ := strings.Cut(ret, ":")
		ep := p.enums[name]
		if ep == nil || ep.Flags != (kind == "flags") {
			unsafeWhy("returns %s, which is not a [safe.%s]", ret, kind)
			return
		}
		if ep.RawEnum != "" {
			if rt, _ := p.ts.rust(res); rt != ep.RawEnum {
				unsafeWhy("returns %s but the result is not that enum's C type", ret)
			}
		} else if r, integer, ok := p.ts.scalar(res); !ok || !integer || r != ep.Repr {
			unsafeWhy("returns %s but the result is not of its type %s", ret, ep.Repr)
		}
		fp.RetEnum = ep
	}
	if fp.Free != "" {
		ff := p.rawFn(fp.Free)
		if ff == nil || len(ff.Type.Params) != 1 || p.ts.pointee(ff.Type.Params[0].Type) == nil {
			unsafeWhy("free %s is not a function of one pointer", fp.Free)
		}
	}
	// A constructor's object: the result, an out parameter, or self.
	if fp.Ctor {
		var made *TypePlan
		n := 0
		if fp.RetType != nil {
			made, n = fp.RetType, n+1
		}
		for _, pp := range fp.Params {
			if pp.As == "out" && pp.Handle != nil {
				made, n = pp.Handle, n+1
			}
		}
		if n == 0 && fp.Method != nil && fp.Method.Value {
			for _, pp := range fp.Params {
				if pp.As == "self" {
					made, n = fp.Method, 1
				}
			}
		}
		if n != 1 {
			unsafeWhy("a constructor must create exactly one object")
			return
		}
		if made.Value && made != fp.Method {
			unsafeWhy("value types are created through their own self parameter")
		}
		if made.Parent != nil {
			ok := false
			for _, pp := range fp.Params {
				if pp.As == "self" && fp.Method == made.Parent {
					ok = true
				}
			}
			if !ok {
				unsafeWhy("%s must not outlive its %s, so it is made only by a method of %s", made.Name, made.Parent.Name, made.Parent.Name)
			}
		}
		if made.Drop == "" {
			unsafeWhy("%s has no drop function, so what the constructor returns would leak or dangle", made.Name)
		}
	}
}

func (p *planner) statusType(t *ir.Type) bool {
	pr := p.ts.prim(t)
	switch pr {
	case ir.Char, ir.SChar, ir.UChar, ir.Short, ir.UShort, ir.Int, ir.UInt, ir.Long, ir.LongLong,
		ir.I8, ir.U8, ir.I16, ir.U16, ir.I32, ir.U32, ir.I64:
		return true
	}
	return false
}

func (p *planner) planFields(fp *FuncPlan, rule *config.Func, unsafeWhy func(string, ...any)) {
	if fp.Method == nil || !fp.Method.Value {
		unsafeWhy("field buffers need a method of a value type")
		return
	}
	rec := p.ix.Record(fp.Method.CType)
	field := func(name string) *ir.Field {
		for i := range rec.Fields {
			if rec.Fields[i].Name == name && !rec.Fields[i].Bitfield {
				return &rec.Fields[i]
			}
		}
		return nil
	}
	for _, n := range sortedKeys(rule.Fields) {
		r := rule.Fields[n]
		pf, lf := field(r.Ptr), field(r.Len)
		if pf == nil || lf == nil {
			unsafeWhy("field buffer %s: %s has no field %s or %s", n, fp.Method.C, r.Ptr, r.Len)
			continue
		}
		fl := &FieldPlan{Name: ident(n), Ptr: r.Ptr, Len: r.Len, Mut: r.As == "mut_slice", PtrType: pf.Type}
		fl.Elem = p.elemRust(pf.Type)
		lt, integer, ok := p.ts.scalar(lf.Type)
		if fl.Elem == "" || !ok || !integer {
			unsafeWhy("field buffer %s: %s must point at scalars and %s be an integer", n, r.Ptr, r.Len)
			continue
		}
		fl.LenType = lt
		fl.ConstP = p.ts.constElem(p.ts.pointee(pf.Type))
		if fl.Mut && fl.ConstP {
			unsafeWhy("field buffer %s: %s points to const", n, r.Ptr)
		}
		fp.Fields = append(fp.Fields, fl)
	}
}

// checks lists the invariants a safe wrapper establishes, for its docs.
func (p *planner) checks(fp *FuncPlan) []string {
	set := map[string]bool{}
	var out []string
	add := func(s string) {
		if !set[s] {
			set[s] = true
			out = append(out, s)
		}
	}
	for _, pp := range fp.Params {
		switch pp.As {
		case "self", "handle":
			add("non-null: handles are valid for the borrow")
		case "slice", "mut_slice", "str", "bytes_out":
			add("length: slice lengths are converted without truncation (too long → Err)")
		case "cstr", "opt_cstr":
			add("NUL: strings are NUL-terminated, an interior NUL → Err")
		case "enum", "flags":
			add("enum range: only declared values reach C")
		case "callback":
			add("unwinding: a panic in the callback is caught and resumed after the call")
		}
	}
	if len(fp.Fields) > 0 {
		add("length: buffer lengths are converted without truncation, and the pointers are cleared after the call")
	}
	switch {
	case fp.Ret == "status":
		add("status: failing codes → Err with the library's message")
	case fp.Ret == "string" || fp.Ret == "cstring":
		add("non-null: a NULL string → None; the text is copied before returning")
	case fp.Ret == "bytes":
		add("non-null: the bytes are copied before returning")
	case strings.HasPrefix(fp.Ret, "enum:"):
		add("enum range: an unknown value → Err")
	}
	if fp.Ctor {
		add("non-null: a NULL object → Err")
		for _, tp := range p.plan.Types {
			if tp.Parent != nil && (fp.RetType == tp || fp.hasOutHandle(tp)) {
				add("lifetime: the object borrows its " + tp.Parent.Name)
			}
		}
	}
	return out
}

func (fp *FuncPlan) hasOutHandle(tp *TypePlan) bool {
	for _, pp := range fp.Params {
		if pp.As == "out" && pp.Handle == tp {
			return true
		}
	}
	return false
}

// constExpr renders a const parameter's value as Rust.
func (p *planner) constExpr(pp *ParamPlan) (string, bool) {
	v := strings.TrimSpace(pp.Value)
	t := pp.C.Type
	switch {
	case v == "null":
		if p.ts.isFuncPtr(t) != nil {
			return "None", true
		}
		if p.ts.pointee(t) == nil {
			return "", false
		}
		return "core::ptr::null_mut()", true
	case strings.HasPrefix(v, "fnptr(") && strings.HasSuffix(v, ")"):
		ft := p.ts.isFuncPtr(t)
		n, ok := p.intValue(strings.TrimSuffix(strings.TrimPrefix(v, "fnptr("), ")"))
		if ft == nil || !ok || n == 0 {
			return "", false
		}
		fs, ok := p.ts.fnType(ft)
		if !ok {
			return "", false
		}
		// A sentinel function pointer (SQLITE_TRANSIENT is (fn)-1): never
		// called, only compared by the library. The integer goes through a
		// pointer without provenance, the documented way to make one.
		// It is only ever an argument inside the call's unsafe block.
		return fmt.Sprintf("Some(core::mem::transmute::<*const (), %s>(core::ptr::without_provenance(%d_isize as usize)))", fs, n), true
	case strings.HasPrefix(v, "sizeof(") && strings.HasSuffix(v, ")"):
		name := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "sizeof("), ")"))
		ct := p.namedType(name)
		r, integer, ok := p.ts.scalar(t)
		if ct == nil || !ok || !integer {
			return "", false
		}
		rs, ok := p.ts.rust(ct)
		if !ok {
			return "", false
		}
		if r == "usize" {
			return fmt.Sprintf("core::mem::size_of::<%s>()", rs), true
		}
		return fmt.Sprintf("%s::try_from(core::mem::size_of::<%s>()).unwrap_or(%s::MAX)", r, rs, r), true
	}
	if k := p.ix.Consts[v]; k != nil && k.Kind == ir.ConstString {
		e := p.ts.pointee(t)
		if e == nil || !p.ts.isCharLike(e) {
			return "", false
		}
		return fmt.Sprintf("c%s.as_ptr()", rustStr(k.Str)), true
	}
	if n, ok := p.intValue(v); ok {
		_, integer, ok := p.ts.scalar(t)
		if !ok || !integer || !fits(n, p.ts.prim(t), p.target()) {
			return "", false
		}
		return fmt.Sprintf("%d", n), true
	}
	return "", false
}

// fits reports whether v is representable in integer kind pr.
func fits(v int64, pr ir.Prim, t *ir.Target) bool {
	l, ok := t.PrimLayout(pr)
	if !ok {
		return false
	}
	bits := uint(l.Size * 8)
	if bits >= 64 {
		return pr.IsSigned(t) || v >= 0
	}
	if pr.IsSigned(t) {
		return v >= -(1<<(bits-1)) && v < 1<<(bits-1)
	}
	return v >= 0 && v < 1<<bits
}

// rustStr quotes bytes as a Rust string literal body (for c"..." literals).
func rustStr(b []byte) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, c := range b {
		switch {
		case c == '"' || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			fmt.Fprintf(&sb, "\\x%02x", c)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
