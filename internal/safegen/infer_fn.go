package safegen

import (
	"fmt"
	"regexp"
	"strings"

	"ferry/internal/config"
	"ferry/internal/ir"
)

// errName() matches out-parameters describing a failure (json_error_t *error).
var errName = lazyRegexp(`^(error|err|errinfo|error_info)$`)

var outName = lazyRegexp(`^(p[A-Z]|pn[A-Z]|pp[A-Z]|out_|ret_)|^(out|ret|res|result)$|(Out|_out|Ret|_ret|Result|_result)$`)

// hasLooseLength reports whether f has an integer parameter, not already
// paired with a pointer, whose name has a length word (png_sig_cmp's
// num_to_check): a pointer next to it may be a buffer, not a string.
func (in *inferer) hasLooseLength(f *ir.Function, taken []bool) bool {
	for i, p := range f.Type.Params {
		if taken[i] || !in.isInt(p.Type) {
			continue
		}
		if isLengthName(p.Name) {
			return true
		}
		for _, w := range words(p.Name) {
			if lengthWord().MatchString(w) || countWord[w] {
				return true
			}
		}
	}
	return false
}

// function infers one function's rule. The reasons go into Why, one per
// decision, for ferry suggest's comments.
func (in *inferer) function(f *ir.Function, order int) *config.Func {
	fr := &config.Func{Order: order, Params: map[string]*config.Param{}}
	var why []string
	ft := f.Type
	if ft == nil {
		return fr
	}
	if ft.Variadic {
		fr.Skip = true
		fr.Why = "variadic: C varargs cannot be checked"
		return fr
	}
	if strings.HasPrefix(f.Name, "_") {
		// _sodium_runtime_get_cpu_features writes globals unlocked.
		fr.Skip = true
		fr.Why = "a reserved name (leading underscore): internal to the library, with no public contract"
		return fr
	}
	if f.Attrs.NoReturn || hasWord(stripPrefix(f.Name, []string{in.prefix}), noReturnWord()) && in.ts.pointee(ft.Result) == nil {
		fr.Unsafe = config.Bool(true)
		why = append(why, "may not return normally (noreturn, or its name says error/exit/longjmp)")
	}
	if hasWord(stripPrefix(f.Name, []string{in.prefix}), lockWord()) {
		fr.Unsafe = config.Bool(true)
		why = append(why, "a locking primitive: unbalanced or repeated use is undefined behaviour in most libraries")
	}
	if hasWord(f.Name, envWord()) {
		fr.Unsafe = config.Bool(true)
		why = append(why, "changes the process environment, which is unsound while other threads read it")
	}
	np := len(ft.Params)
	name := func(i int) string { return paramName(f, i) }
	taken := make([]bool, np)
	base := stripPrefix(f.Name, []string{in.prefix})
	isCtor := hasWord(base, ctorWord())

	// Method: the first parameter points to a handle type.
	var self *handleCand
	if np > 0 {
		if r := in.recordOfPtr(ft.Params[0].Type); r != nil {
			self = in.handleFor(r, f.Name)
			if self != nil {
				if w, stack := in.stack[r]; stack {
					fr.Unsafe = config.Bool(true)
					why = append(why, w)
				}
				if self.value && !containsFn(self.ctors, f) && isCtor {
					fr.Unsafe = config.Bool(true)
					why = append(why, "re-initialises a live "+self.c)
				}
				if !self.value && isCtor && !in.knownCtor(f) {
					fr.Unsafe = config.Bool(true)
					why = append(why, "its name says it creates or initialises something ferry found no owner type for")
				}
				fr.Method = self.name
				fr.Params[name(0)] = &config.Param{As: "self"}
				taken[0] = true
				if self.value && containsFn(self.ctors, f) {
					fr.Constructor = true
					why = append(why, "initialises a "+self.name)
				}
			}
		}
	}
	// Annotations: access(mode, ptr, size) and the size parameters they name.
	for i, p := range ft.Params {
		if taken[i] || p.Attrs.SizeParam < 0 || p.Attrs.SizeParam >= np || taken[p.Attrs.SizeParam] || p.Attrs.SizeParam == i {
			continue
		}
		if !in.isBuffer(p.Type) || !in.isInt(ft.Params[p.Attrs.SizeParam].Type) {
			continue
		}
		as := "mut_slice"
		if p.Attrs.Access == ir.ReadOnly || in.ts.constElem(in.ts.pointee(p.Type)) {
			as = "slice"
		}
		fr.Params[name(i)] = &config.Param{As: as, Len: name(p.Attrs.SizeParam), Why: "access attribute gives its size"}
		fr.Params[name(p.Attrs.SizeParam)] = &config.Param{As: "len"}
		taken[i], taken[p.Attrs.SizeParam] = true, true
		why = append(why, fmt.Sprintf("%s/%s: access attribute", name(i), name(p.Attrs.SizeParam)))
	}
	// Conventions: (T *p, integer n) with a length-like name.
	for i := 0; i+1 < np; i++ {
		if taken[i] || taken[i+1] {
			continue
		}
		p, n := ft.Params[i], ft.Params[i+1]
		if !in.isBuffer(p.Type) || in.hiddenPointer(p.Type) || !in.isInt(n.Type) || !isLengthOf(n.Name, p.Name) {
			continue
		}
		as := "mut_slice"
		if in.ts.constElem(in.ts.pointee(p.Type)) || p.Attrs.Access == ir.ReadOnly {
			as = "slice"
		}
		fr.Params[name(i)] = &config.Param{As: as, Len: name(i + 1)}
		fr.Params[name(i+1)] = &config.Param{As: "len"}
		taken[i], taken[i+1] = true, true
		why = append(why, fmt.Sprintf("(%s, %s): pointer and length", name(i), name(i+1)))
	}
	in.spreadPairs(f, fr, taken, &why)
	in.inOutLengths(f, fr, taken, &why)
	// Callbacks with user data.
	for i, p := range ft.Params {
		if taken[i] || in.ts.isFuncPtr(p.Type) == nil {
			continue
		}
		for j, q := range ft.Params {
			if taken[j] || j == i {
				continue
			}
			if e := in.ts.pointee(q.Type); e != nil && in.ts.isVoid(e) && (j == i+1 || j == i-1 || userDataWord().MatchString(strings.ToLower(q.Name))) {
				fr.Params[name(i)] = &config.Param{As: "callback", UserData: name(j),
					Why: "a callback with user data; add scope = \"call\" if the library calls it only before returning"}
				fr.Params[name(j)] = &config.Param{As: "user_data"}
				taken[i], taken[j] = true, true
				break
			}
		}
	}
	// Everything else, one parameter at a time.
	for i, p := range ft.Params {
		if taken[i] {
			continue
		}
		pr := in.param(f, i, p, isCtor, taken, &why)
		if pr != nil {
			fr.Params[name(i)] = pr
		}
	}
	// Free functions whose name says they release global state.
	if self == nil && hasWord(base, destructorWord()) {
		fr.Unsafe = config.Bool(true)
		why = append(why, "its name says it releases something other calls may still use")
	}
	in.result(f, fr, self, isCtor, &why)
	if fr.Constructor && self != nil && !self.value {
		// A method of another handle constructing a child (prepare on a db).
		why = append(why, "constructs a child object of "+self.name)
		if adopts(name(0), base) && !hasWord(base, copyWord()) {
			fr.Unsafe = config.Bool(true)
			why = append(why, fmt.Sprintf("the new object may take over %s and free it itself (xmlNewTextReader frees its input, CTLOG_new takes its key): set unsafe = false if it only borrows it", name(0)))
		}
	}
	// Constructors may take no handle besides self: the new object could
	// keep a pointer to it.
	if fr.Constructor {
		for pn, pr := range fr.Params {
			if pr.As == "handle" {
				fr.Unsafe = config.Bool(true)
				why = append(why, "the new object may keep a pointer to "+pn)
			}
		}
	}
	in.soundness(f, fr, self, &why)
	// Drop the default "value" entries: they are what the planner assumes.
	for k, p := range fr.Params {
		if p.As == "value" && p.Why == "" {
			delete(fr.Params, k)
		}
	}
	fr.Why = strings.Join(why, "; ")
	return fr
}

var countWord = map[string]bool{"byte": true, "char": true, "chars": true, "elem": true, "item": true, "items": true, "data": true, "buf": true}

// knownCtor reports whether f constructs one of the inferred types.
func (in *inferer) knownCtor(f *ir.Function) bool {
	for _, hs := range in.handles {
		for _, h := range hs {
			if containsFn(h.ctors, f) {
				return true
			}
		}
	}
	return false
}

func containsFn(fs []*ir.Function, f *ir.Function) bool {
	for _, g := range fs {
		if g == f {
			return true
		}
	}
	return false
}

// isLengthOf reports whether integer parameter n is the length of the
// pointer parameter ptr: a bare length word (len, n, nByte), or a
// compound one whose other words start the pointer's name (sourceLen,
// dictLength) — stream_size is not the length of version.
func isLengthOf(n, ptr string) bool {
	if !isLengthName(n) {
		return false
	}
	ws := words(n)
	if len(ws) < 2 {
		return true
	}
	if ws[0] == "n" || ws[0] == "cb" || len(ws[0]) == 1 {
		rest := strings.Join(ws[1:], "")
		return lengthWord().MatchString(rest) || countWord[rest] || len(rest) >= 3 && strings.HasPrefix(strings.Join(words(ptr), ""), rest[:3])
	}
	pw := strings.Join(words(ptr), "")
	for _, w := range ws[:len(ws)-1] {
		if len(w) >= 3 && (strings.HasPrefix(pw, w[:3]) || strings.HasPrefix(w, pw)) {
			return true
		}
	}
	return false
}

func isLengthName(n string) bool {
	ws := words(n)
	if len(ws) == 0 {
		return false
	}
	last := ws[len(ws)-1]
	if lengthWord().MatchString(last) {
		return true
	}
	// nByte, nLen, cbData, sourceLen, bufsize, destLen
	for _, suf := range []string{"len", "size", "bytes", "count", "capacity"} {
		if strings.HasSuffix(strings.ToLower(n), suf) {
			return true
		}
	}
	return len(ws) >= 2 && (ws[0] == "n" || ws[0] == "cb") || strings.HasPrefix(n, "n") && len(n) > 1 && n[1] >= 'A' && n[1] <= 'Z'
}

func (in *inferer) isInt(t *ir.Type) bool {
	_, integer, ok := in.ts.scalar(t)
	return ok && integer
}

// isBuffer reports whether t points to scalars (or void, or chars).
func (in *inferer) isBuffer(t *ir.Type) bool {
	e := in.ts.pointee(t)
	if e == nil || in.ts.isFuncPtr(t) != nil {
		return false
	}
	if in.ts.isVoid(e) || in.ts.isCharLike(e) {
		return true
	}
	r, _, ok := in.ts.scalar(e)
	return ok && r != "bool"
}

// param infers one parameter not covered by a pair or callback.
func (in *inferer) param(f *ir.Function, i int, p ir.Param, isCtor bool, taken []bool, why *[]string) *config.Param {
	t := p.Type
	n := paramName(f, i)
	if e := in.ix.Enum(t); e != nil {
		if name := in.enumOf[e]; name != "" {
			as := "enum"
			if in.out.Flags[name] != nil {
				as = "flags"
			}
			return &config.Param{As: as, Type: name}
		}
		return nil
	}
	el := in.ts.pointee(t)
	if el == nil {
		return nil
	}
	// const char* → a C string: plain char only (unsigned char is bytes),
	// and not when an unpaired length-like integer suggests a buffer.
	if in.hiddenPointer(t) {
		*why = append(*why, fmt.Sprintf("%s is a %s, a typedef'd string the library may give a contract beyond NUL termination", n, t.Ref.Name))
		return nil
	}
	if in.ts.prim(el) == ir.Char && in.ts.constElem(el) && !in.hasLooseLength(f, taken) {
		as := "cstr"
		w := "a const char* is a C string"
		if t.Null == ir.Nullable {
			as, w = "opt_cstr", "a _Nullable const char*"
		}
		return &config.Param{As: as, Why: w}
	}
	// T** out where T is a handle: the constructor's result.
	if r := in.recordOfPtrPtr(t); r != nil && isCtor {
		if h := in.handleFor(r, f.Name); h != nil && containsFn(h.ctors, f) {
			return &config.Param{As: "out", Why: "returns a new " + h.name}
		}
	}
	// Another handle: only borrowed if the library does not keep it.
	if r := in.recordOfPtr(t); r != nil && len(in.handles[r]) > 0 {
		*why = append(*why, fmt.Sprintf("%s is a %s the library may keep a pointer to: map it as { as = \"handle\" } if it does not", n, in.handles[r][0].name))
		return nil
	}
	// A struct the function fills in (json_loads's json_error_t *error).
	if rec := in.ix.Record(el); rec != nil && rec.Complete && !in.ts.constElem(el) && len(in.handles[rec]) == 0 && in.ts.zeroable(el, 0) &&
		(p.Attrs.Access == ir.WriteOnly || outName().MatchString(n) || errName().MatchString(strings.ToLower(n))) {
		return &config.Param{As: "out", Why: "a struct the function fills in, returned by value"}
	}
	// T* out for scalar T, when the name or the annotation says so.
	if !in.ts.constElem(el) && in.ts.resolve(el).Kind != ir.KindPointer {
		if _, _, ok := in.ts.scalar(el); ok && !in.ts.isCharLike(el) {
			if p.Attrs.Access == ir.WriteOnly || outName().MatchString(n) {
				return &config.Param{As: "out", Why: "a pointer to a scalar named like an out-parameter"}
			}
		}
	}
	return nil
}

// result infers the return mapping.
func (in *inferer) result(f *ir.Function, fr *config.Func, self *handleCand, isCtor bool, why *[]string) {
	res := f.Type.Result
	if in.ts.isVoid(res) {
		return
	}
	if r := in.recordOfPtr(res); r != nil {
		if h := in.handleFor(r, f.Name); h != nil && containsFn(h.ctors, f) {
			fr.Returns = "handle"
			fr.Constructor = true
			if self != nil && !h.value {
				fr.Method = self.name
			} else {
				fr.Method = h.name
			}
			*why = append(*why, "returns a new "+h.name+" (NULL → Err)")
			return
		}
	}
	if e := in.ix.Enum(res); e != nil {
		if name := in.enumOf[e]; name != "" {
			if in.out.Flags[name] != nil {
				fr.Returns = "flags:" + name
			} else {
				fr.Returns = "enum:" + name
			}
			return
		}
	}
	if el := in.ts.pointee(res); el != nil && in.ts.isCharLike(el) && hasWord(stripPrefix(f.Name, []string{in.prefix}), pointerWord()) {
		*why = append(*why, "returns a char pointer its name calls a pointer or position: it may point into an input that is already freed")
		return
	}
	if el := in.ts.pointee(res); el != nil && in.ts.isCharLike(el) {
		for i, p := range f.Type.Params {
			if e := in.ts.pointee(p.Type); e != nil && in.isInt(e) && !in.ts.constElem(e) && isLengthName(paramName(f, i)) {
				*why = append(*why, fmt.Sprintf("returns a char pointer whose length comes back through %s: a buffer, not a NUL-terminated string", paramName(f, i)))
				return
			}
		}
	}
	if el := in.ts.pointee(res); el != nil && in.ts.isCharLike(el) && !in.hiddenPointer(res) {
		fr.Returns = "string"
		w := "returns a string, copied"
		if f.Attrs.Dealloc != "" {
			fr.Free = f.Attrs.Dealloc
			w += " then freed with " + f.Attrs.Dealloc + " (malloc attribute)"
		}
		*why = append(*why, w)
		return
	}
	// Constructors through an out parameter.
	for pn, p := range fr.Params {
		if p.As == "out" {
			for i := range f.Type.Params {
				if paramName(f, i) == pn && in.recordOfPtrPtr(f.Type.Params[i].Type) != nil {
					fr.Constructor = true
					if self == nil {
						if r := in.recordOfPtrPtr(f.Type.Params[i].Type); r != nil {
							if h := in.handleFor(r, f.Name); h != nil {
								fr.Method = h.name
							}
						}
					}
				}
			}
		}
	}
	if rt, _ := in.ts.rust(res); in.isErrType != "" && rt == in.isErrType && !strings.HasSuffix(f.Name, "isError") && !hasWord(f.Name, regexp.MustCompile(`^is$`)) {
		fr.Returns = "status"
		fr.KeepCode = true
		*why = append(*why, "returns "+rt+": checked with the is_error function, the value is kept")
		return
	}
	if in.errs && in.ts.prim(res) == ir.Int && in.ix.Enum(res) == nil {
		hasOut := false
		for _, p := range fr.Params {
			if p.As == "out" || p.As == "bytes_out" {
				hasOut = true
			}
		}
		if hasOut || fr.Constructor && (self == nil || !self.value || in.ts.prim(res) == ir.Int) {
			fr.Returns = "status"
			*why = append(*why, "returns int with out-parameters: a status")
		}
	}
	// A struct initialised in place is only usable (and only safe to
	// release in Drop) if the initialiser succeeded: its result must be a
	// checked status (uv_barrier_init(0) fails, and uv_barrier_destroy
	// then dereferences NULL).
	if fr.Constructor && self != nil && self.value && fr.Returns == "" {
		fr.Unsafe = config.Bool(true)
		*why = append(*why, "initialises in place but ferry knows no status convention to tell whether it failed (Drop would release an uninitialised object); add [safe.error] and returns = \"status\"")
	}
	if f.Attrs.Dealloc != "" && fr.Returns == "" {
		*why = append(*why, "returns memory to free with "+f.Attrs.Dealloc)
	}
}

// byteLenWord() is the last word of a length measured in bytes or elements.
var byteLenWord = lazyRegexp(`^(size|len|length|capacity|bytes|nbytes)$`)

// spreadPairs pairs buffers with lengths that are not next to them
// (LZ4_compress_default(src, dst, srcSize, dstCapacity)): first by name
// (srcSize is src's), then, when as many lengths as buffers are left and
// every length follows every buffer, in order. One length for two
// buffers (memcpy's n) pairs with neither.
func (in *inferer) spreadPairs(f *ir.Function, fr *config.Func, taken []bool, why *[]string) {
	ft := f.Type
	var bufs, lens []int
	for i, p := range ft.Params {
		if taken[i] {
			continue
		}
		if in.isBuffer(p.Type) && !in.hiddenPointer(p.Type) {
			bufs = append(bufs, i)
		} else if in.isInt(p.Type) && isLengthName(p.Name) && len(words(p.Name)) >= 1 {
			lens = append(lens, i)
		}
	}
	pair := func(b, l int, how string) {
		as := "mut_slice"
		if in.ts.constElem(in.ts.pointee(ft.Params[b].Type)) || ft.Params[b].Attrs.Access == ir.ReadOnly {
			as = "slice"
		}
		fr.Params[paramName(f, b)] = &config.Param{As: as, Len: paramName(f, l)}
		fr.Params[paramName(f, l)] = &config.Param{As: "len"}
		taken[b], taken[l] = true, true
		*why = append(*why, fmt.Sprintf("(%s, %s): pointer and length, %s", paramName(f, b), paramName(f, l), how))
	}
	if len(bufs) == 0 || len(lens) == 0 {
		return
	}
	var restB, restL []int
	usedB := map[int]bool{}
	for _, l := range lens {
		ws := words(ft.Params[l].Name)
		match := -1
		for _, b := range bufs {
			pw := strings.Join(words(ft.Params[b].Name), "")
			if len(ws) >= 2 && !usedB[b] && pw != "" && strings.Join(ws[:len(ws)-1], "") == pw {
				match = b
			}
		}
		if match >= 0 {
			usedB[match] = true
			pair(match, l, "by name")
		} else {
			restL = append(restL, l)
		}
	}
	var allB []int
	for _, b := range bufs {
		// An unnamed const char* is a string, not a buffer, unless a
		// length is left for it (LZ4_decompress_safe's src).
		e := in.ts.pointee(ft.Params[b].Type)
		if !usedB[b] {
			allB = append(allB, b)
			if !(in.ts.prim(e) == ir.Char && in.ts.constElem(e)) {
				restB = append(restB, b)
			}
		}
	}
	if len(restB) != len(restL) {
		restB = allB
	}
	// Order alone is weak evidence (sqlite3_overload_function(db, zName,
	// nArg) is not a buffer and its length): it needs a pair by name in
	// the same function, byte buffers, and lengths named size/len/capacity.
	evidence := len(usedB) > 0
	for _, p := range fr.Params {
		if p.As == "slice" || p.As == "mut_slice" {
			evidence = true
		}
	}
	if !evidence || len(restB) != len(restL) || len(restB) == 0 || restL[0] < restB[len(restB)-1] {
		return
	}
	for k := range restB {
		e := in.ts.pointee(ft.Params[restB[k]].Type)
		ws := words(ft.Params[restL[k]].Name)
		if !(in.ts.isVoid(e) || in.ts.isCharLike(e)) || !byteLenWord().MatchString(ws[len(ws)-1]) {
			return
		}
	}
	for k := range restB {
		pair(restB[k], restL[k], "in order")
	}
}

// inOutLengths maps (T *buf, size *bufLen) to bytes_out: the length is the
// capacity going in and the count written coming out (compress,
// BZ2_bzBuffToBuffCompress). Only writable buffers with a length-named
// pointer to a mutable integer right after them qualify.
func (in *inferer) inOutLengths(f *ir.Function, fr *config.Func, taken []bool, why *[]string) {
	ft := f.Type
	// The in/out reading of *len holds for transformations, which must be
	// told the room they have (compress). A getter with no input may
	// write what it knows without reading *len first
	// (deflateGetDictionary(strm, dict, &len) writes up to 32 KiB).
	input := false
	for _, p := range fr.Params {
		if p.As == "slice" || p.As == "mut_slice" {
			input = true
		}
	}
	if !input {
		return
	}
	for i := 0; i+1 < len(ft.Params); i++ {
		if taken[i] || taken[i+1] {
			continue
		}
		p, n := ft.Params[i], ft.Params[i+1]
		le := in.ts.pointee(n.Type)
		pe := in.ts.pointee(p.Type)
		if pe == nil || !(in.ts.isVoid(pe) || in.ts.isCharLike(pe)) {
			continue
		}
		if !in.isBuffer(p.Type) || in.hiddenPointer(p.Type) || in.ts.constElem(in.ts.pointee(p.Type)) || le == nil || !in.isInt(le) || in.ts.constElem(le) || !isLengthOf(n.Name, p.Name) {
			continue
		}
		fr.Params[paramName(f, i)] = &config.Param{As: "bytes_out", Len: paramName(f, i+1)}
		fr.Params[paramName(f, i+1)] = &config.Param{As: "len"}
		taken[i], taken[i+1] = true, true
		*why = append(*why, fmt.Sprintf("(%s, *%s): a buffer whose length goes in as the capacity and comes back as the count written", paramName(f, i), paramName(f, i+1)))
	}
}
