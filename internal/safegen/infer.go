package safegen

import (
	"fmt"
	"regexp"
	"strings"

	"ferry/internal/config"
	"ferry/internal/ir"
)

// ctorWord() and the destructor words pair create/destroy functions.
var ctorWord = lazyRegexp(`^(new|create|open|alloc|allocate|init|initialize|make|prepare|connect|dup|clone|newstate|construct)$`)

// parseWord() matches parsers returning a new object (cJSON_Parse, json_loads).
var parseWord = lazyRegexp(`^(parse|loads|loadb)$`)

// lengthWord() matches names of length parameters.
var lengthWord = lazyRegexp(`^(n|len|length|size|sz|count|cnt|num|nbyte|nbytes|bytes|nelem|nelems|cb|nmemb|elems|nchars|nchar|capacity|cap|maxlen)$`)

// userDataWord() matches names of void* parameters handed back to callbacks.
var userDataWord = lazyRegexp(`^(arg|data|user|userdata|ud|ctx|context|p|parg|opaque|cls|closure|udata|cookie|baton|priv|param)$`)

// noReturnWord() matches function names that may not return normally
// (longjmp, exit): never safe.
var noReturnWord = lazyRegexp(`^(error|throw|raise|abort|exit|longjmp|jmp|panic|yield|yieldk|fatal|die)$`)

var versionWord = lazyRegexp(`^(v\d+|ex|\d+|internal)$`)

// lockWord() matches locking primitives: unbalanced or repeated use is
// undefined in most libraries (pthread's default mutex, sqlite3_mutex_leave),
// and a mutex constructor may hand out a static mutex that Drop must not
// free (sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_MAIN)).
var lockWord = lazyRegexp(`lock|mutex|^(enter|leave|acquire|wait|trywait|timedwait|signal|broadcast)$`)

// envWord() matches functions that change the process environment, which is
// unsound while other threads read it (Rust's own set_var is unsafe).
var envWord = lazyRegexp(`^(setenv|unsetenv|putenv|clearenv)$`)

// reservedType are names the safe module uses itself or takes from the
// prelude; a generated type must not shadow them.
var reservedType = map[string]bool{"Error": true, "ErrorKind": true, "CStrArg": true, "Box": true, "Vec": true,
	"String": true, "Option": true, "Result": true, "Some": true, "None": true, "Ok": true, "Err": true,
	"Drop": true, "Send": true, "Sync": true, "Copy": true, "Clone": true, "Self": true, "Default": true}

// inferer holds the module being read.
type inferer struct {
	m    *ir.Module
	ix   *ir.Index
	ts   *types
	out  *config.Safe
	fns  []*ir.Function
	errs bool
	// types by C record
	handles map[*ir.Record][]*handleCand
	enumOf  map[*ir.Enum]string
	stack   map[*ir.Record]string // records that look like stack machines, with why
	prefix  string
	// isErrType is the Rust type the is_error checker takes ("usize").
	isErrType string
}

type handleCand struct {
	name  string
	rec   *ir.Record
	c     string
	stem  string
	value bool
	ctors []*ir.Function
	drop  *ir.Function
}

// Infer derives rules from the module alone: annotations first, then
// naming and typing conventions. cfg only limits the scope (include,
// exclude, strip_prefix); pass nil for none. With cfg.Infer = false it
// returns an empty rule set.
func Infer(m *ir.Module, cfg *config.Safe) *config.Safe {
	out := &config.Safe{Types: map[string]*config.Type{}, Funcs: map[string]*config.Func{},
		Enums: map[string]*config.Enum{}, Flags: map[string]*config.Flags{}}
	if cfg != nil && !cfg.InferEnabled() {
		return out
	}
	if cfg == nil {
		cfg = &config.Safe{}
	}
	ix := ir.NewIndex(m)
	in := &inferer{m: m, ix: ix, ts: newTypes(m, ix), out: out,
		handles: map[*ir.Record][]*handleCand{}, enumOf: map[*ir.Enum]string{}, stack: map[*ir.Record]string{}}
	pl := newPlanner(m, cfg, nil)
	in.fns = pl.inScope()
	in.prefix = in.commonPrefix(cfg)
	if len(cfg.StripPrefix) == 0 && in.prefix != "" {
		out.StripPrefix = []string{in.prefix}
	}
	in.enums()
	in.handleTypes()
	in.stackMachines()
	in.errorConvention()
	for i, f := range in.fns {
		out.Funcs[f.Name] = in.function(f, i)
	}
	return out
}

// commonPrefix finds the prefix most functions share (sqlite3_, uv_).
func (in *inferer) commonPrefix(cfg *config.Safe) string {
	if len(cfg.StripPrefix) > 0 {
		return cfg.StripPrefix[0]
	}
	count := map[string]int{}
	for _, f := range in.fns {
		if i := strings.IndexByte(f.Name, '_'); i > 0 {
			count[f.Name[:i+1]]++
		}
	}
	best, n := "", 0
	for _, k := range sortedKeys(count) {
		if count[k] > n {
			best, n = k, count[k]
		}
	}
	if n*10 >= len(in.fns)*4 && n >= 2 {
		return best
	}
	return ""
}

func (in *inferer) rustName(c string) string {
	return camel(stripPrefix(c, []string{in.prefix}))
}

// typeSuffix are the last words of C type names that only say "type"
// (json_t, uv_loop_s, ZSTD_CCtx_s, LZ4_stream_u).
var typeSuffix = map[string]bool{"t": true, "s": true, "st": true, "u": true, "struct": true, "type": true}

// typeName names a Rust type after a C type: without the type suffix and
// the library prefix (json_t → Json, ZSTD_CCtx_s → CCtx, uv_loop_s → Loop).
func (in *inferer) typeName(c string) string {
	ws := words(c)
	for len(ws) > 1 && typeSuffix[ws[len(ws)-1]] {
		ws = ws[:len(ws)-1]
	}
	n := strings.Join(ws, "_")
	if in.prefix != "" {
		n = stripPrefix(n, []string{strings.Join(words(in.prefix), "_") + "_"})
	}
	return camel(n)
}

// handleName names a handle type: after a typedef of a pointer to it
// (gzFile for struct gzFile_s), else after the record.
func (in *inferer) handleName(r *ir.Record, c string) string {
	for _, d := range in.m.Decls {
		if td, ok := d.(*ir.Typedef); ok && td.Origin != ir.FromSystem {
			if t := in.ts.resolve(td.Type); t != nil && t.Kind == ir.KindPointer && in.ix.Record(t.Elem) == r {
				return in.typeName(td.Name)
			}
		}
	}
	return in.typeName(c)
}

func (in *inferer) enums() {
	used := map[string]bool{}
	for _, d := range in.m.Decls {
		e, ok := d.(*ir.Enum)
		if !ok || !e.Complete || e.Origin == ir.FromSystem || len(e.Values) == 0 {
			continue
		}
		c := e.Name
		if e.Anonymous {
			if e.TypedefName == "" {
				continue
			}
			c = e.TypedefName
		}
		if _, done := in.enumOf[e]; done {
			continue
		}
		name := in.rustName(c)
		if used[name] || reservedType[name] {
			name += "Value"
		}
		used[name] = true
		in.enumOf[e] = name
		// The C enum's own name, as the raw module spells it.
		cref := c
		if !e.Anonymous && in.ix.Typedefs[c] == nil {
			cref = e.Name
		}
		if isFlagsEnum(e) {
			in.out.Flags[name] = &config.Flags{C: cref, Why: fmt.Sprintf("C enum %s: every value is a distinct bit", c)}
		} else {
			in.out.Enums[name] = &config.Enum{C: cref, Why: "C enum " + c}
		}
	}
}

// isFlagsEnum reports whether every non-zero value is a single distinct
// bit (and there are at least three of them) and the name says so.
func isFlagsEnum(e *ir.Enum) bool {
	n := 0
	var seen uint64
	for _, v := range e.Values {
		if v.Value == 0 {
			continue
		}
		if v.Value < 0 || v.Value&(v.Value-1) != 0 || seen&uint64(v.Value) != 0 {
			return false
		}
		seen |= uint64(v.Value)
		n++
	}
	name := strings.ToLower(e.Name + e.TypedefName)
	return n >= 3 && (strings.Contains(name, "flag") || strings.Contains(name, "mask") || strings.Contains(name, "option"))
}

// recordOfPtr returns the record a pointer parameter points to.
func (in *inferer) recordOfPtr(t *ir.Type) *ir.Record {
	e := in.ts.pointee(t)
	if e == nil || in.ts.resolve(e).Kind == ir.KindPointer {
		return nil
	}
	return in.ix.Record(e)
}

// recordOfPtrPtr returns R for a parameter of type R**.
func (in *inferer) recordOfPtrPtr(t *ir.Type) *ir.Record {
	e := in.ts.pointee(t)
	if e == nil || in.ts.constElem(e) {
		return nil
	}
	return in.recordOfPtr(e)
}

// cName is how the safe layer names a record: the typedef naming it, or its tag.
func (in *inferer) cName(r *ir.Record) string {
	if r.Anonymous {
		return r.TypedefName
	}
	if in.ix.Structs[r.Name] == r || in.ix.Unions[r.Name] == r {
		return r.Name
	}
	return r.TypedefName
}

// stem is a function name without prefix and without its create/destroy
// word and version suffixes (sqlite3_open_v2 → "", deflateInit_ → deflate).
func (in *inferer) stem(name string, word *regexp.Regexp) string {
	var keep []string
	for _, w := range words(stripPrefix(name, []string{in.prefix})) {
		if versionWord().MatchString(w) || word.MatchString(strings.TrimRight(w, "0123456789")) {
			continue
		}
		if wordMatches(w, word) {
			for _, suf := range []string{"open", "new", "create", "close", "free", "destroy"} {
				if strings.HasSuffix(w, suf) {
					w = strings.TrimSuffix(w, suf)
					break
				}
			}
		}
		keep = append(keep, w)
	}
	return strings.Join(keep, "_")
}

func hasWord(name string, re *regexp.Regexp) bool {
	for _, w := range words(name) {
		if wordMatches(w, re) {
			return true
		}
	}
	return false
}

// wordMatches matches one name word, ignoring a version digit (init2) and
// a short prefix glued to a verb (gzopen, gzclose).
func wordMatches(w string, re *regexp.Regexp) bool {
	w = strings.TrimRight(w, "0123456789")
	if re.MatchString(w) {
		return true
	}
	for _, suf := range []string{"open", "new", "create", "close", "free", "destroy"} {
		if strings.HasSuffix(w, suf) && len(w) >= len(suf)+2 && len(w) <= len(suf)+3 && re.MatchString(suf) {
			return true
		}
	}
	return false
}

func (in *inferer) handleTypes() {
	type group struct {
		ctors []*ir.Function
		value bool
	}
	ctors := map[*ir.Record]map[string]*group{}
	drops := map[*ir.Record]map[string]*ir.Function{}
	var order []*ir.Record
	note := func(r *ir.Record) {
		if ctors[r] == nil && drops[r] == nil {
			order = append(order, r)
		}
	}
	for _, f := range in.fns {
		ft := f.Type
		if ft == nil || ft.Variadic || f.Attrs.Inline {
			continue
		}
		isCtor := hasWord(stripPrefix(f.Name, []string{in.prefix}), ctorWord())
		// Parsers return a new tree (cJSON_Parse, json_loads).
		if !isCtor && in.recordOfPtr(ft.Result) != nil && !in.ts.constElem(in.ts.pointee(ft.Result)) && hasWord(stripPrefix(f.Name, []string{in.prefix}), parseWord()) {
			isCtor = true
		}
		if isCtor {
			var r *ir.Record
			value := false
			if rr := in.recordOfPtr(ft.Result); rr != nil {
				r = rr
			} else {
				for _, p := range ft.Params {
					if rr := in.recordOfPtrPtr(p.Type); rr != nil {
						r = rr
						break
					}
				}
				// Only an initialiser (init, setup) builds a caller's struct
				// in place; yaml_emitter_open works on a live one.
				if r == nil && len(ft.Params) > 0 && hasWord(stripPrefix(f.Name, []string{in.prefix}), valueCtorWord()) {
					if rr := in.recordOfPtr(ft.Params[0].Type); rr != nil && rr.Complete && !in.ts.constElem(in.ts.pointee(ft.Params[0].Type)) {
						r, value = rr, true
					}
				}
			}
			if r != nil {
				note(r)
				if ctors[r] == nil {
					ctors[r] = map[string]*group{}
				}
				st := in.stem(f.Name, ctorWord())
				g := ctors[r][st]
				if g == nil {
					g = &group{value: value}
					ctors[r][st] = g
				}
				if g.value == value {
					g.ctors = append(g.ctors, f)
				}
			}
		}
		// A deprecated destructor would trip the deprecated lint in Drop.
		if len(ft.Params) == 1 && !f.Attrs.Deprecated && hasWord(stripPrefix(f.Name, []string{in.prefix}), destructorWord()) {
			if r := in.recordOfPtr(ft.Params[0].Type); r != nil && !in.ts.constElem(in.ts.pointee(ft.Params[0].Type)) {
				note(r)
				if drops[r] == nil {
					drops[r] = map[string]*ir.Function{}
				}
				st := in.stem(f.Name, destructorWord())
				if drops[r][st] == nil {
					drops[r][st] = f
				}
			}
		}
	}
	used := map[string]bool{}
	for _, r := range order {
		c := in.cName(r)
		if c == "" {
			continue
		}
		cs, ds := ctors[r], drops[r]
		if len(cs) == 0 || len(ds) == 0 {
			continue
		}
		// A record with pointer-returning constructors is a handle; only
		// without any is it a value initialised in place.
		hasHandle := false
		for _, g := range cs {
			if !g.value {
				hasHandle = true
			}
		}
		var cands []*handleCand
		for _, st := range sortedKeys(cs) {
			g := cs[st]
			if g.value == hasHandle {
				continue
			}
			if g.value && !in.ts.zeroable(ir.Named(ir.RefStruct, r.Name), 0) && !in.ts.zeroable(ir.Named(ir.RefUnion, r.Name), 0) {
				continue
			}
			// Pair by name stem; a plain destructor (sqlite3_close, stem "")
			// pairs with any constructor of the record.
			d := ds[st]
			if d == nil {
				// The plain stem (sqlite3_close) pairs with any constructor.
				d = ds[""]
			}
			if d == nil {
				continue
			}
			cands = append(cands, &handleCand{rec: r, c: c, stem: st, value: g.value, ctors: g.ctors, drop: d})
		}
		// Value types with one destructor per stem (deflate/inflate) get one
		// Rust type per stem; everything else is one type per record.
		if len(cands) > 1 {
			distinct := map[*ir.Function]bool{}
			for _, h := range cands {
				distinct[h.drop] = true
			}
			if len(distinct) > 1 && !cands[0].value && ds[""] != nil {
				// One C record, several constructors with their own
				// destructors (archive_read_new/archive_read_free,
				// archive_write_new/archive_write_free): one Drop fits them
				// all only with a plain destructor (archive_free); without
				// one, each pair is its own Rust type (ZSTD_createCCtx/
				// ZSTD_freeCCtx and ZSTD_createCStream/ZSTD_freeCStream).
				for _, h := range cands {
					h.drop = ds[""]
				}
				distinct = map[*ir.Function]bool{ds[""]: true}
			}
			if len(distinct) == 1 {
				merged := cands[0]
				for _, h := range cands[1:] {
					merged.ctors = append(merged.ctors, h.ctors...)
				}
				merged.stem = ""
				cands = cands[:1]
			}
		}
		for _, h := range cands {
			h.name = in.handleName(r, c)
			if (len(cands) > 1 || h.value) && h.stem != "" {
				h.name = camel(h.stem)
			}
			if used[h.name] || reservedType[h.name] || in.out.Enums[h.name] != nil || in.out.Flags[h.name] != nil {
				h.name += "Handle"
			}
			if used[h.name] {
				continue
			}
			used[h.name] = true
			in.handles[r] = append(in.handles[r], h)
			kind := ""
			why := fmt.Sprintf("constructed by %s, released by %s", fnNames(h.ctors), h.drop.Name)
			if h.value {
				kind = "value"
				why = fmt.Sprintf("initialised in place by %s (every field may start zeroed), released by %s", fnNames(h.ctors), h.drop.Name)
			}
			in.out.Types[h.name] = &config.Type{C: c, Kind: kind, Drop: h.drop.Name, Why: why}
		}
	}
	// Parents: a constructor that is a method of another handle.
	for _, r := range order {
		for _, h := range in.handles[r] {
			for _, f := range h.ctors {
				if len(f.Type.Params) == 0 || h.value {
					continue
				}
				if pr := in.recordOfPtr(f.Type.Params[0].Type); pr != nil && pr != r && len(in.handles[pr]) == 1 {
					t := in.out.Types[h.name]
					t.Parent = in.handles[pr][0].name
					t.Why += fmt.Sprintf("; made from a %s by %s, so it borrows it", t.Parent, f.Name)
					break
				}
			}
		}
	}
}

func fnNames(fs []*ir.Function) string {
	var n []string
	for _, f := range fs {
		n = append(n, f.Name)
	}
	return strings.Join(n, ", ")
}

// stackMachines finds handle types most of whose methods take an integer
// index (Lua's stack): their methods stay unsafe, since any index or push
// may overrun a stack the header does not bound.
func (in *inferer) stackMachines() {
	count := map[*ir.Record]int{}
	for _, f := range in.fns {
		if f.Type == nil || len(f.Type.Params) < 2 {
			continue
		}
		r := in.recordOfPtr(f.Type.Params[0].Type)
		if r == nil || len(in.handles[r]) == 0 {
			continue
		}
		for _, p := range f.Type.Params[1:] {
			if _, integer, ok := in.ts.scalar(p.Type); ok && integer {
				ws := words(p.Name)
				if len(ws) == 1 && (ws[0] == "idx" || ws[0] == "index") {
					count[r]++
					break
				}
			}
		}
	}
	for r, n := range count {
		if n >= 5 {
			in.stack[r] = fmt.Sprintf("%d functions take a stack index on %s: it looks like a stack machine whose bounds the header does not state", n, in.cName(r))
		}
	}
}

func (in *inferer) errorConvention() {
	var okName string
	var okVal int64
	consts := map[string]*ir.Const{}
	var names []string
	for _, d := range in.m.Decls {
		k, ok := d.(*ir.Const)
		if !ok || k.Origin == ir.FromSystem || k.Kind != ir.ConstInt {
			continue
		}
		consts[k.Name] = k
		names = append(names, k.Name)
		if okName == "" && strings.HasSuffix(k.Name, "_OK") && k.Int == 0 {
			okName, okVal = k.Name, k.Int
		}
	}
	_ = okVal
	e := &config.Error{}
	why := []string{}
	if okName != "" {
		e.Success = []string{okName}
		why = append(why, okName+" is 0")
		// zlib: errors are negative, other results positive.
		pre := okName[:len(okName)-2]
		neg, pos := 0, 0
		for _, n := range names {
			if strings.HasPrefix(n, pre) && (strings.Contains(n, "ERR") || strings.Contains(n, "FAIL")) {
				if consts[n].Int < 0 {
					neg++
				} else {
					pos++
				}
			}
		}
		if neg > 0 && pos == 0 {
			e.NonNegative = true
			why = append(why, "every "+pre+"*ERR* constant is negative")
		}
	} else {
		// libuv style: a family of negative error constants, as macros or
		// as the values of an error enum (uv_errno_t).
		neg := 0
		errRE := regexp.MustCompile(`_E[A-Z0-9]+$`)
		for _, n := range names {
			if consts[n].Int < 0 && errRE.MatchString(n) {
				neg++
			}
		}
		for _, d := range in.m.Decls {
			if en, ok := d.(*ir.Enum); ok && en.Origin != ir.FromSystem {
				for _, v := range en.Values {
					if v.Value < 0 && errRE.MatchString(v.Name) {
						neg++
					}
				}
			}
		}
		if neg >= 5 {
			e.NonNegative = true
			why = append(why, fmt.Sprintf("%d negative E* error constants", neg))
		}
	}
	// ZSTD_isError(size_t): results of its parameter's type are checked
	// with it, and a message function over that type names the code.
	for _, f := range in.fns {
		ft := f.Type
		if ft == nil || len(ft.Params) != 1 || !in.isInt(ft.Params[0].Type) || !in.isInt(ft.Result) {
			continue
		}
		if ws := words(f.Name); len(ws) >= 2 && ws[len(ws)-2] == "is" && ws[len(ws)-1] == "error" {
			e.IsError = f.Name + "(code)"
			in.isErrType, _ = in.ts.rust(ft.Params[0].Type)
			why = append(why, f.Name+" tells error results from others")
			for _, g := range in.fns {
				gt := g.Type
				if gt != nil && len(gt.Params) == 1 && in.ts.isCharLike(in.ts.pointee(gt.Result)) && strings.Contains(strings.ToLower(g.Name), "error") {
					if rt, _ := in.ts.rust(gt.Params[0].Type); rt == in.isErrType && e.CodeMessage == "" {
						e.CodeMessage = g.Name + "(code)"
						why = append(why, g.Name+" names an error code")
					}
				}
			}
			break
		}
	}
	for _, f := range in.fns {
		ft := f.Type
		if ft == nil || len(ft.Params) != 1 || !in.ts.isCharLike(in.ts.pointee(ft.Result)) {
			continue
		}
		lname := strings.ToLower(f.Name)
		if !strings.Contains(lname, "err") {
			continue
		}
		if _, integer, ok := in.ts.scalar(ft.Params[0].Type); ok && integer && e.CodeMessage == "" && !strings.Contains(lname, "name") {
			e.CodeMessage = f.Name + "(code)"
			why = append(why, f.Name+" maps a code to a message")
		}
		if r := in.recordOfPtr(ft.Params[0].Type); r != nil && len(in.handles[r]) == 1 && e.Message == "" && strings.Contains(lname, "msg") {
			e.Message = f.Name + "(handle)"
			why = append(why, f.Name+" gives a handle's last message")
		}
	}
	if len(e.Success) == 0 && !e.NonNegative && e.IsError == "" {
		return
	}
	e.Why = strings.Join(why, "; ")
	in.out.Error = e
	in.errs = true
}

// handleFor returns the safe type a function's pointer parameter to r
// belongs to, choosing by name stem when a record has several.
func (in *inferer) handleFor(r *ir.Record, fname string) *handleCand {
	hs := in.handles[r]
	switch len(hs) {
	case 0:
		return nil
	case 1:
		return hs[0]
	}
	base := strings.Join(words(stripPrefix(fname, []string{in.prefix})), "_")
	var best *handleCand
	for _, h := range hs {
		if h.stem != "" && strings.HasPrefix(base, h.stem) && (best == nil || len(h.stem) > len(best.stem)) {
			best = h
		}
	}
	if best == nil && !hs[0].value {
		// Each handle type owns its destructor, so any of them may take
		// a method of the record: the first is as sound as the others.
		best = hs[0]
	}
	return best
}
