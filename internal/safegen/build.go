package safegen

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// planner resolves rules against one module.
type planner struct {
	m      *ir.Module
	ix     *ir.Index
	ts     *types
	r      *config.Safe
	diags  *diag.List
	plan   *Plan
	byName map[string]*TypePlan
	enums  map[string]*EnumPlan
	pos    diag.Pos
}

func newPlanner(m *ir.Module, r *config.Safe, diags *diag.List) *planner {
	ix := ir.NewIndex(m)
	raw := r.Raw
	if raw == "" {
		raw = "super::raw"
	}
	return &planner{m: m, ix: ix, ts: newTypes(m, ix), r: r, diags: diags,
		plan: &Plan{}, byName: map[string]*TypePlan{}, enums: map[string]*EnumPlan{}}
}

func (p *planner) warn(code, format string, args ...any) {
	if p.diags != nil {
		p.diags.Warnf(p.pos, code, format, args...)
	}
}

// build resolves everything, in dependency order.
func (p *planner) build() *Plan {
	p.buildEnums()
	p.buildTypes()
	p.buildError()
	p.buildFuncs()
	return p.plan
}

func (p *planner) buildEnums() {
	for _, name := range sortedKeys(p.r.Enums) {
		if ep := p.enumPlan(name, p.r.Enums[name].C, p.r.Enums[name].Consts, p.r.Enums[name].Type, p.r.Enums[name].Strip, false); ep != nil {
			ep.Why = p.r.Enums[name].Why
			p.plan.Enums = append(p.plan.Enums, ep)
			p.enums[name] = ep
		}
	}
	for _, name := range sortedKeys(p.r.Flags) {
		f := p.r.Flags[name]
		if p.enums[name] != nil {
			p.warn(CodeBadRule, "flags %s has the name of an enum", name)
			continue
		}
		if ep := p.enumPlan(name, f.C, f.Consts, f.Type, f.Strip, true); ep != nil {
			ep.Why = f.Why
			p.plan.Enums = append(p.plan.Enums, ep)
			p.enums[name] = ep
		}
	}
}

func (p *planner) enumPlan(name, c, consts, ctype, strip string, flags bool) *EnumPlan {
	ep := &EnumPlan{Name: camel(name), Flags: flags}
	if ep.Name != name || reservedType[name] || p.byName[name] != nil {
		p.warn(CodeBadRule, "enum %s: choose a CamelCase name that does not shadow the prelude or the module's own items", name)
		return nil
	}
	var cnames []string
	if c != "" {
		e := p.ix.Enums[c]
		if e == nil {
			if td := p.ix.Typedefs[c]; td != nil {
				e = p.ix.Enum(td.Type)
			}
		}
		if e == nil {
			p.warn(CodeUnknownName, "enum %s: no C enum %s", name, c)
			return nil
		}
		rt, ok := p.ts.rust(ir.Named(ir.RefTypedef, c))
		if p.ix.Typedefs[c] == nil {
			rt, ok = p.ts.rust(ir.Named(ir.RefEnum, c))
		}
		r, _, ok2 := p.ts.scalar(ir.PrimType(e.Underlying))
		if !ok || !ok2 {
			p.warn(CodeBadRule, "enum %s: cannot spell C enum %s", name, c)
			return nil
		}
		ep.RawEnum, ep.Repr = rt, r
		ep.Unsigned = !e.Underlying.IsSigned(p.target())
		for _, v := range e.Values {
			ep.Variants = append(ep.Variants, Variant{C: v.Name, Value: v.Value, Doc: v.Doc})
			cnames = append(cnames, v.Name)
		}
	} else {
		re, err := regexp.Compile("^(?:" + consts + ")$")
		if err != nil {
			return nil
		}
		if ctype == "" {
			ctype = "int"
		}
		pt := cPrim(ctype)
		r, integer, ok := p.ts.scalar(pt)
		if !ok || !integer {
			p.warn(CodeBadRule, "enum %s: type %q is not a C integer type", name, ctype)
			return nil
		}
		ep.Repr = r
		ep.Unsigned = !p.ts.prim(pt).IsSigned(p.target())
		for _, d := range p.m.Decls {
			k, ok := d.(*ir.Const)
			if !ok || (k.Kind != ir.ConstInt && k.Kind != ir.ConstChar) || !re.MatchString(k.Name) {
				continue
			}
			ep.Variants = append(ep.Variants, Variant{C: k.Name, Value: k.Int, Doc: k.Doc})
			cnames = append(cnames, k.Name)
		}
		if len(ep.Variants) == 0 {
			p.warn(CodeUnknownName, "enum %s: no constant matches %q", name, consts)
			return nil
		}
	}
	if strip == "" {
		strip = commonPrefix(cnames)
	}
	seen := map[int64]bool{}
	names := map[string]bool{}
	var vs []Variant
	for _, v := range ep.Variants {
		if !flags && seen[v.Value] {
			continue // an alias: the first name of a value wins
		}
		seen[v.Value] = true
		n := strings.TrimPrefix(v.C, strip)
		if flags {
			n = upperSnake(n)
		} else {
			n = camel(n)
		}
		if names[n] {
			continue
		}
		names[n] = true
		v.Name = n
		vs = append(vs, v)
	}
	ep.Variants = vs
	return ep
}

func (p *planner) target() *ir.Target {
	if p.m.Target != nil {
		return p.m.Target
	}
	return ir.X86_64Linux()
}

// cPrim parses a C integer type name.
func cPrim(s string) *ir.Type {
	switch strings.Join(strings.Fields(s), " ") {
	case "int", "signed", "signed int":
		return ir.PrimType(ir.Int)
	case "unsigned", "unsigned int":
		return ir.PrimType(ir.UInt)
	case "long", "long int":
		return ir.PrimType(ir.Long)
	case "unsigned long":
		return ir.PrimType(ir.ULong)
	case "long long":
		return ir.PrimType(ir.LongLong)
	case "unsigned long long":
		return ir.PrimType(ir.ULongLong)
	case "short":
		return ir.PrimType(ir.Short)
	case "unsigned short":
		return ir.PrimType(ir.UShort)
	case "char":
		return ir.PrimType(ir.Char)
	case "unsigned char":
		return ir.PrimType(ir.UChar)
	}
	return ir.Named(ir.RefTypedef, s)
}

// namedType finds a C type by typedef name or struct tag.
func (p *planner) namedType(c string) *ir.Type {
	if td := p.ix.Typedefs[c]; td != nil {
		return ir.Named(ir.RefTypedef, c)
	}
	if r := p.ix.Structs[c]; r != nil {
		return ir.Named(ir.RefStruct, c)
	}
	if r := p.ix.Unions[c]; r != nil {
		return ir.Named(ir.RefUnion, c)
	}
	return nil
}

func (p *planner) buildTypes() {
	for _, name := range sortedKeys(p.r.Types) {
		t := p.r.Types[name]
		if reservedType[name] || camel(name) != name {
			p.warn(CodeBadRule, "type %s: choose a CamelCase name that does not shadow the prelude or the module's own items", name)
			continue
		}
		ct := p.namedType(t.C)
		if ct == nil || p.ix.Record(ct) == nil {
			p.warn(CodeUnknownName, "type %s: no C struct or typedef %s", name, t.C)
			continue
		}
		rust, ok := p.ts.rust(ct)
		if !ok {
			p.warn(CodeBadRule, "type %s: cannot spell C type %s", name, t.C)
			continue
		}
		tp := &TypePlan{Name: name, C: t.C, CType: ct, Rust: rust, Value: t.Kind == "value", Drop: t.Drop,
			DropOnError: t.DropOnError, ErrorHandle: t.ErrorHandle, Send: t.Send, Sync: t.Sync, Why: t.Why}
		if tp.Value && !p.ts.zeroable(ct, 0) {
			p.warn(CodeBadRule, "type %s: kind = \"value\" needs a complete C struct whose fields may all be zero", name)
			continue
		}
		if tp.Drop != "" {
			if f := p.ix.Functions[tp.Drop]; f != nil && f.Attrs.Deprecated {
				p.warn(CodeBadRule, "type %s: drop function %s is deprecated; name its replacement", name, tp.Drop)
				continue
			}
			if !p.isDropFn(tp, tp.Drop) {
				p.warn(CodeBadRule, "type %s: drop function %s must take exactly one pointer to %s", name, tp.Drop, t.C)
				continue
			}
		}
		p.plan.Types = append(p.plan.Types, tp)
		p.byName[name] = tp
	}
	for _, tp := range p.plan.Types {
		if par := p.r.Types[tp.Name].Parent; par != "" {
			tp.Parent = p.byName[par]
			if tp.Parent == nil || tp.Parent == tp {
				p.warn(CodeUnknownName, "type %s: parent %s is not a [safe.type]", tp.Name, par)
			} else {
				tp.Lifetime = true
			}
		}
	}
}

func (p *planner) isDropFn(tp *TypePlan, name string) bool {
	fn := p.rawFn(name)
	if fn == nil || fn.Type == nil || len(fn.Type.Params) != 1 || fn.Type.Variadic {
		return false
	}
	return p.pointsTo(fn.Type.Params[0].Type, tp)
}

// pointsTo reports whether t is a pointer to tp's C object.
func (p *planner) pointsTo(t *ir.Type, tp *TypePlan) bool {
	e := p.ts.pointee(t)
	if e == nil {
		return false
	}
	a, b := p.ix.Record(e), p.ix.Record(tp.CType)
	return a != nil && a == b
}

// typeOfPointer returns the safe type a pointer parameter points at, if
// exactly one safe type owns that record.
func (p *planner) typeOfPointer(t *ir.Type) *TypePlan {
	var found *TypePlan
	for _, tp := range p.plan.Types {
		if p.pointsTo(t, tp) {
			if found != nil {
				return nil
			}
			found = tp
		}
	}
	return found
}

func (p *planner) buildError() {
	e := p.r.Error
	if e == nil {
		return
	}
	ep := &ErrPlan{NonNegative: e.NonNegative}
	for _, s := range e.Success {
		v, ok := p.intValue(s)
		if !ok {
			p.warn(CodeUnknownName, "error: success value %s is not an integer constant", s)
			continue
		}
		ep.Success = append(ep.Success, v)
	}
	if fn, arg, ok := parseCall(e.Message); ok && arg == "handle" {
		f := p.rawFn(fn)
		if f != nil && len(f.Type.Params) == 1 && p.ts.isCharLike(p.ts.pointee(f.Type.Result)) {
			ep.Message = fn
			ep.MessageType = p.typeOfPointer(f.Type.Params[0].Type)
			ep.MessageRaw, _ = p.ts.rust(f.Type.Params[0].Type)
		} else {
			p.warn(CodeBadRule, "error: message %s must name a function of one handle returning a string", e.Message)
		}
	} else if e.Message != "" {
		p.warn(CodeBadRule, "error: message must look like FN(handle)")
	}
	if fn, arg, ok := parseCall(e.CodeMessage); ok && arg == "code" {
		f := p.rawFn(fn)
		if f != nil && len(f.Type.Params) == 1 && p.ts.isCharLike(p.ts.pointee(f.Type.Result)) {
			if r, integer, ok := p.ts.scalar(f.Type.Params[0].Type); ok && integer {
				ep.CodeMessage, ep.CodeType = fn, r
			}
		}
		if ep.CodeMessage == "" {
			p.warn(CodeBadRule, "error: code_message %s must name a function of one integer returning a string", e.CodeMessage)
		}
	} else if e.CodeMessage != "" {
		p.warn(CodeBadRule, "error: code_message must look like FN(code)")
	}
	if fn, arg, ok := parseCall(e.IsError); ok && arg == "code" {
		f := p.rawFn(fn)
		if f != nil && len(f.Type.Params) == 1 && p.isInteger(f.Type.Result) {
			if r, integer, ok := p.ts.scalar(f.Type.Params[0].Type); ok && integer {
				ep.IsError, ep.IsErrorType = fn, r
			}
		}
		if ep.IsError == "" {
			p.warn(CodeBadRule, "error: is_error %s must name a function of one integer returning an integer", e.IsError)
		}
	} else if e.IsError != "" {
		p.warn(CodeBadRule, "error: is_error must look like FN(code)")
	}
	p.plan.Err = ep
}

var callRE = lazyRegexp(`^\s*(\w+)\s*\(\s*(\w*)\s*\)\s*$`)

func parseCall(s string) (fn, arg string, ok bool) {
	m := callRE().FindStringSubmatch(s)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// intValue reads an integer literal or the name of an integer constant or
// enumerator.
func (p *planner) intValue(s string) (int64, bool) {
	s = strings.TrimSpace(s)
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return v, true
	}
	if k := p.ix.Consts[s]; k != nil && (k.Kind == ir.ConstInt || k.Kind == ir.ConstChar) {
		return k.Int, true
	}
	if e := p.ix.Enumerators[s]; e != nil {
		for _, v := range e.Values {
			if v.Name == s {
				return v.Value, true
			}
		}
	}
	return 0, false
}

// inScope lists the functions the safe layer considers, in source order.
func (p *planner) inScope() []*ir.Function {
	inc := compileAll(p.r.Include)
	exc := compileAll(p.r.Exclude)
	var out []*ir.Function
	seen := map[string]bool{}
	for _, d := range p.m.Decls {
		f, ok := d.(*ir.Function)
		if !ok || seen[f.Name] || f.Origin == ir.FromSystem {
			continue
		}
		seen[f.Name] = true
		if len(inc) > 0 && !matchAny(inc, f.Name) || matchAny(exc, f.Name) {
			continue
		}
		out = append(out, f)
	}
	return out
}

func compileAll(pats []string) []*regexp.Regexp {
	var out []*regexp.Regexp
	for _, s := range pats {
		if re, err := regexp.Compile("^(?:" + s + ")$"); err == nil {
			out = append(out, re)
		}
	}
	return out
}

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

func (p *planner) buildFuncs() {
	byC := map[string][]string{}
	for _, id := range sortedKeys(p.r.Funcs) {
		c := p.r.Funcs[id].C
		if c == "" {
			c = id
		}
		byC[c] = append(byC[c], id)
		if p.ix.Functions[c] == nil {
			p.warn(CodeUnknownName, "fn %s: the headers declare no function %s", id, c)
		}
	}
	drops := map[string]bool{}
	for _, tp := range p.plan.Types {
		drops[tp.Drop] = true
	}
	type fnPlans struct {
		f     *ir.Function
		ids   []string
		plans []*FuncPlan
	}
	var all []*fnPlans
	for _, f := range p.inScope() {
		p.plan.Stats.Total++
		fps := &fnPlans{f: f, ids: byC[f.Name]}
		for _, id := range fps.ids {
			fp := p.planFunc(id, p.r.Funcs[id], f, drops[f.Name])
			if fp.Raw {
				p.plan.RawFuncs = append(p.plan.RawFuncs, fp)
				continue
			}
			fps.plans = append(fps.plans, fp)
		}
		all = append(all, fps)
	}
	var flat []*FuncPlan
	for _, fps := range all {
		flat = append(flat, fps.plans...)
	}
	p.nameFuncs(flat)
	for _, fps := range all {
		var plans []*FuncPlan
		for _, fp := range fps.plans {
			if fp.Raw {
				p.plan.RawFuncs = append(p.plan.RawFuncs, fp)
			} else {
				plans = append(plans, fp)
			}
		}
		if len(plans) == 0 {
			if len(fps.ids) == 0 {
				p.plan.RawFuncs = append(p.plan.RawFuncs, &FuncPlan{ID: fps.f.Name, Fn: fps.f, Raw: true, Reasons: []string{"no rule (inference is off)"}})
			}
			p.plan.Stats.Raw++
			continue
		}
		safe := false
		for _, fp := range plans {
			if !fp.Unsafe {
				safe = true
			}
		}
		if safe {
			p.plan.Stats.Safe++
		} else {
			p.plan.Stats.Unsafe++
		}
		p.plan.Funcs = append(p.plan.Funcs, plans...)
	}
}

// nameFuncs gives every wrapper a name unique in its scope (the module, or
// its type's impl), the same whatever the order of the rules. A name goes,
// in turn, to the rule that spells it out in the configuration, to the
// function whose own C name it is (tilde_expand over rl_tilde_expand,
// whose stripped name clashes), then to the first in source order. The
// others take their full C name; a wrapper whose full name is taken too
// is left raw.
func (p *planner) nameFuncs(fps []*FuncPlan) {
	key := func(fp *FuncPlan) string {
		if fp.Method != nil {
			return fp.Method.Name + "::" + bare(fp.Name)
		}
		return bare(fp.Name)
	}
	configured := map[*FuncPlan]bool{}
	for _, fp := range fps {
		if r := p.r.Funcs[fp.ID]; r != nil && r.Name != "" {
			configured[fp] = true
		}
		// In an impl, clippy wants `new` to return Self.
		if fp.Method != nil && bare(fp.Name) == "new" && !p.makesSelf(fp) && !configured[fp] {
			fp.Name = snake(fp.ID)
		}
	}
	owner := map[string]*FuncPlan{}
	claim := func(fp *FuncPlan) bool {
		k := key(fp)
		if owner[k] != nil {
			return owner[k] == fp
		}
		owner[k] = fp
		return true
	}
	named := map[*FuncPlan]bool{}
	for _, pass := range []func(fp *FuncPlan) bool{
		func(fp *FuncPlan) bool { return configured[fp] },
		func(fp *FuncPlan) bool { return bare(fp.Name) == bare(snake(fp.ID)) },
		func(fp *FuncPlan) bool { return true },
	} {
		for _, fp := range fps {
			if !named[fp] && pass(fp) && claim(fp) {
				named[fp] = true
			}
		}
	}
	for _, fp := range fps {
		if named[fp] {
			continue
		}
		clash := key(fp)
		fp.Name = snake(fp.ID)
		if !claim(fp) {
			fp.Raw, fp.Unsafe = true, false
			fp.Reasons = append(fp.Reasons, "its Rust name clashes with another wrapper's ("+clash+")")
		}
	}
}

// makesSelf reports whether a method creates an object of its own type
// (what clippy expects of a method called new).
func (p *planner) makesSelf(fp *FuncPlan) bool {
	if fp.Unsafe || !fp.Ctor || fp.Method == nil {
		return false
	}
	if fp.RetType == fp.Method {
		return true
	}
	for _, pp := range fp.Params {
		if pp.As == "out" && pp.Handle == fp.Method || pp.As == "self" && fp.Method.Value {
			return true
		}
	}
	return false
}

// paramName is the name rules use for parameter i.
func paramName(f *ir.Function, i int) string {
	if n := f.Type.Params[i].Name; n != "" {
		return n
	}
	return fmt.Sprintf("arg%d", i+1)
}

// sortedKeys returns m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// rawFn returns the C function the raw module declares under name, or nil
// (not declared, or skipped by the raw module: static inline, a type the
// ABI cannot pass).
func (p *planner) rawFn(name string) *ir.Function {
	if p.ts.fn(name) == "" {
		return nil
	}
	return p.ix.Functions[name]
}
