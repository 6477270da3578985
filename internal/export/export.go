package export

import (
	"fmt"
	"path/filepath"
	"strings"

	"ferry/internal/cgen"
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Options control Run. The zero value means defaults.
type Options struct {
	// Source names the input in the generated files' first lines.
	Source string
	// Guard overrides the include guard (the config's include_guard wins).
	Guard string
	Lang  cgen.Lang
}

// Result is what Run produces. Shims is nil when no function is marked.
type Result struct {
	Header []byte
	Shims  []byte
	// Types pairs each complete type in the header with the Rust type it
	// mirrors, for layout probes (sizeof in C vs size_of in Rust).
	Types []TypePair
	// Symbols lists the C names of the functions and statics the header
	// declares without a preprocessor condition, for link checks.
	Symbols []string
}

// TypePair is one C type name and its Rust path (crate::...), with the
// record members C declares paired with the Rust fields they mirror.
type TypePair struct {
	C, Rust string
	Fields  []FieldPair
}

// FieldPair is one C member name and the Rust field it mirrors, spelled as
// offset_of! takes it ("x", "r#type", "0" for a tuple field).
type FieldPair struct{ C, Rust string }

// Run exports m: the C header, and the Rust shims for marked functions.
// Problems are added to diags; the outputs are still produced (with the
// offending items left out) so a caller can show them.
func Run(m *ir.Module, cfg *Config, opts Options, diags *diag.List) *Result {
	if cfg == nil {
		cfg = &Config{}
	}
	prefix := cfg.StatusPrefix
	if prefix == "" {
		prefix = "FERRY"
	}
	l := newLowerer(m, cfg, diags)
	wanted := l.configuredShims()
	var shims []*shim
	var cfuncs []ir.Decl
	for _, d := range m.Decls {
		if l.excluded[d] {
			continue
		}
		switch d := d.(type) {
		case *ir.Record:
			if !d.Anonymous && ffiRecord(d) {
				l.emitRecord(d)
			}
		case *ir.Enum:
			if ffiEnum(d) {
				l.emitEnum(d)
			}
		case *ir.Typedef:
			l.emitTypedef(d)
		case *ir.Const:
			l.emitConst(d)
		case *ir.Var:
			if d.Defined && (d.NoMangle || d.LinkName != "") {
				l.emitVar(d)
			}
		case *ir.Function:
			if name, ok := l.shimName(d, wanted); ok {
				restore := l.inModule(d.Module)
				s, p := l.planShim(d, name)
				restore()
				if p != "" {
					l.diags.Errorf(d.Pos, CodeShimType, "cannot generate a shim for `%s`: %s", d.Name, p)
					continue
				}
				shims = append(shims, s)
				continue
			}
			if f := l.exportFunc(d); f != nil {
				cfuncs = append(cfuncs, f)
			}
		}
	}
	for _, k := range sortedWanted(wanted) {
		if !wanted[k].found {
			l.diags.Errorf(diag.Pos{}, CodeNotFound, "[export] functions: %q names no public function of the crate", k)
		}
	}
	for _, k := range l.cfgMap.unmappedList() {
		l.diags.Warnf(diag.Pos{}, CodeCfgUnmapped, "no C mapping for #[cfg(%s; add it to [export.cfg]", k)
	}

	out := l.out
	for _, name := range sortedOpaque(l.opaque) {
		if !l.hasTypeNamed(name) {
			out.Decls = append(out.Decls, l.opaque[name])
		}
	}
	for _, d := range m.Decls {
		if ld, ok := l.lowered[d]; ok {
			out.Decls = append(out.Decls, ld)
		}
	}
	out.Decls = append(out.Decls, cfuncs...)
	if len(shims) > 0 {
		for _, c := range statusCodes {
			out.Decls = append(out.Decls, &ir.Const{
				Common: ir.Common{Name: prefix + "_" + c.suffix, Doc: "Shim status: " + c.doc + "."},
				Kind:   ir.ConstInt, Int: int64(c.value), Type: ir.PrimType(ir.Int),
			})
		}
		for _, s := range shims {
			out.Decls = append(out.Decls, l.shimProto(s, prefix)...)
		}
	}
	l.checkClashes(out)

	source := opts.Source
	if source == "" && len(m.Files) > 0 {
		source = filepath.Base(m.Files[0])
	}
	guard := cfg.IncludeGuard
	if guard == "" {
		guard = opts.Guard
	}
	res := &Result{Header: cgen.Generate(out, cgen.Options{
		Lang: opts.Lang, Guard: guard, Source: source, Preamble: cfg.Preamble,
		Cond: func(d ir.Decl) string { return l.cond[d] },
	})}
	if len(shims) > 0 {
		res.Shims = l.writeShims(shims, source, prefix)
	}
	synth, tagged := synthesized(m)
	for _, d := range m.Decls {
		ld, ok := l.lowered[d]
		if !ok || l.cond[ld] != "" || synth[d] {
			continue
		}
		switch x := ld.(type) {
		case *ir.Record:
			if x.Anonymous || !x.Complete || len(x.Fields) == 0 {
				continue
			}
		case *ir.Enum, *ir.Typedef:
		default:
			continue
		}
		tp := TypePair{C: ld.DeclName(), Rust: "crate::" + path(d.DeclCommon())}
		_, fromAlias := d.(*ir.Typedef)
		switch x := ld.(type) {
		case *ir.Record:
			if !tagged[d.DeclName()] {
				tp.Fields = fieldPairs(x)
			}
			if x.Generic != "" {
				tp.Rust = x.Generic
			}
		case *ir.Typedef:
			// An alias of a record (type IntPair = Pair<i32>): its fields
			// are the record's.
			if fromAlias && x.Type.Kind == ir.KindNamed && x.Type.Ref.Kind != ir.RefTypedef {
				for _, od := range out.Decls {
					if r, ok := od.(*ir.Record); ok && r.Name == x.Type.Ref.Name && r.Complete {
						tp.Fields = fieldPairs(r)
					}
				}
			}
		}
		res.Types = append(res.Types, tp)
	}
	for _, d := range out.Decls {
		switch x := d.(type) {
		case *ir.Function:
			if l.cond[d] == "" {
				res.Symbols = append(res.Symbols, x.Name)
			}
		case *ir.Var:
			if l.cond[d] == "" {
				res.Symbols = append(res.Symbols, x.Name)
			}
		}
	}
	return res
}

// fieldPairs pairs r's C members with their Rust fields; a tuple struct's
// fields _0, _1, ... are 0, 1, ... to offset_of!.
func fieldPairs(r *ir.Record) []FieldPair {
	names := cgen.FieldNames(r)
	tuple := len(r.Fields) > 0
	for _, f := range r.Fields {
		if len(f.Name) < 2 || f.Name[0] != '_' || strings.Trim(f.Name[1:], "0123456789") != "" {
			tuple = false
		}
	}
	var out []FieldPair
	for i, f := range r.Fields {
		if f.Name == "" || f.Bitfield {
			continue
		}
		rn := f.Name
		if tuple {
			rn = rn[1:]
		}
		out = append(out, FieldPair{C: names[i], Rust: rn})
	}
	return out
}

type wantedFn struct {
	cname string
	found bool
}

// configuredShims reads [export] functions: "crate::path::f [as name]".
func (l *lowerer) configuredShims() map[string]*wantedFn {
	w := map[string]*wantedFn{}
	for _, f := range l.cfg.Functions {
		p, as, _ := strings.Cut(f, " as ")
		p = strings.TrimPrefix(strings.TrimSpace(p), "crate::")
		w[p] = &wantedFn{cname: strings.TrimSpace(as)}
	}
	return w
}

// shimName decides whether fn gets a shim, and under which C name.
func (l *lowerer) shimName(fn *ir.Function, wanted map[string]*wantedFn) (string, bool) {
	if fn.Type.ABI != "Rust" {
		return "", false
	}
	if w, ok := wanted[path(&fn.Common)]; ok {
		w.found = true
		if w.cname != "" {
			return w.cname, true
		}
		return fn.Name, true
	}
	for _, line := range strings.Split(fn.Doc, "\n") {
		if n, ok := markerName(line); ok {
			if n == "" {
				n = fn.Name
			}
			return n, true
		}
	}
	return "", false
}

func (l *lowerer) exportFunc(d *ir.Function) *ir.Function {
	if !d.HasBody || (!d.NoMangle && d.LinkName == "") {
		return nil
	}
	defer l.inModule(d.Module)()
	if !cABI(d.Type.ABI) {
		l.diags.Warnf(d.Pos, CodeRustABI, "#[no_mangle] fn `%s` has the Rust ABI, so C cannot call it; left out of the header", d.Name)
		return nil
	}
	ft, p := l.funcType(d.Type)
	if p != "" {
		l.diags.Errorf(d.Pos, CodeNotFFISafe, "exported function `%s`: %s", d.Name, p)
		return nil
	}
	f := &ir.Function{Common: d.Common, Type: ft}
	f.Doc = stripMarker(d.Doc)
	if d.LinkName != "" {
		f.Name = d.LinkName
	}
	c := l.condOf(&d.Common)
	switch {
	case cgen.IsCKeyword(f.Name):
		l.diags.Errorf(d.Pos, CodeKeyword, "exported function `%s`: its symbol is a C keyword, so C cannot declare it; rename it or use #[export_name]", f.Name)
		return nil
	case cgen.IsCXXKeyword(f.Name):
		l.diags.Warnf(d.Pos, CodeKeyword, "exported function `%s`: its symbol is a C++ keyword, so it is declared for C only (#ifndef __cplusplus)", f.Name)
		if c != "" {
			c = "!defined(__cplusplus) && (" + c + ")"
		} else {
			c = "!defined(__cplusplus)"
		}
	}
	if c != "" {
		l.cond[f] = c
	}
	return f
}

func (l *lowerer) emitVar(d *ir.Var) {
	defer l.inModule(d.Module)()
	t, p := l.ctype(d.Type, true)
	if p != "" {
		l.diags.Errorf(d.Pos, CodeNotFFISafe, "exported static `%s`: %s", d.Name, p)
		return
	}
	v := *d
	if !d.Mutable {
		t = constElems(t)
	}
	v.Type = t
	if d.LinkName != "" {
		v.Name = d.LinkName
	}
	l.put(d, &v)
}

// constElems makes an immutable static's type const: for an array, C puts
// the qualifier on the innermost element.
func constElems(t *ir.Type) *ir.Type {
	if t.Kind != ir.KindArray {
		return t.WithConst(true)
	}
	u := *t
	u.Elem = constElems(t.Elem)
	return &u
}

func (l *lowerer) emitConst(d *ir.Const) {
	defer l.inModule(d.Module)()
	t := d.Type
	switch d.Kind {
	case ir.ConstInt, ir.ConstFloat, ir.ConstChar:
		if t == nil || t.Kind != ir.KindPrim {
			if ct, p := l.ctype(t, true); p != "" || ct.Kind != ir.KindPrim {
				l.diags.Add(&diag.Diagnostic{Severity: diag.Note, Code: CodeDropped, Pos: d.Pos, Message: fmt.Sprintf("const `%s` of type `%s` left out of the header", d.Name, rustSpelling(t))})
				return
			}
		}
	case ir.ConstString:
	case ir.ConstAggregate:
		c, p := l.lowerAggregate(d, 0)
		if p != "" {
			l.diags.Add(&diag.Diagnostic{Severity: diag.Note, Code: CodeDropped, Pos: d.Pos, Message: fmt.Sprintf("const `%s` left out of the header: %s", d.Name, p)})
			return
		}
		c.Common = d.Common
		l.put(d, c)
		return
	default:
		return
	}
	c := *d
	l.put(d, &c)
}

// lowerAggregate gives a struct const its C type; a repr(transparent)
// struct's value is its one field's.
func (l *lowerer) lowerAggregate(c *ir.Const, depth int) (*ir.Const, problem) {
	if depth > 16 {
		return nil, "nested too deeply"
	}
	if r := l.ix.Record(c.Type); r != nil && hasRepr(r.Repr, "transparent") {
		if tf := transparentField(r); tf != nil {
			for _, f := range c.Fields {
				if f.Name == tf.Name {
					if f.Value.Kind == ir.ConstAggregate {
						return l.lowerAggregate(f.Value, depth+1)
					}
					return f.Value, ""
				}
			}
		}
		return nil, problem(fmt.Sprintf("no value for the field of `%s`", r.Name))
	}
	ct, p := l.ctype(c.Type, true)
	if p != "" {
		return nil, p
	}
	out := *c
	out.Type, out.Fields = ct, nil
	for _, f := range c.Fields {
		v := f.Value
		if v.Kind == ir.ConstAggregate {
			lv, p := l.lowerAggregate(v, depth+1)
			if p != "" {
				return nil, p
			}
			v = lv
		}
		out.Fields = append(out.Fields, ir.ConstField{Name: f.Name, Value: v})
	}
	return &out, ""
}

// shimProto is the C side of a shim: its prototype and free functions.
func (l *lowerer) shimProto(s *shim, prefix string) []ir.Decl {
	ft := &ir.FuncType{Result: s.retC, ABI: "C"}
	for _, p := range s.params {
		ft.Params = append(ft.Params, ir.Param{Name: p.name, Type: p.ctype})
	}
	doc := stripMarker(s.fn.Doc)
	if doc != "" {
		doc += "\n\n"
	}
	doc += fmt.Sprintf("Shim for Rust `%s`.", s.target)
	if s.ptrRet {
		doc += "\nReturns NULL if a check fails or the Rust code panics."
	} else {
		doc += fmt.Sprintf("\nReturns %s_OK (0) or a negative %s_ERR_* status; %s_ERR_PANIC if the Rust code panicked.", prefix, prefix, prefix)
	}
	for _, c := range s.checks {
		doc += "\n- " + strings.ReplaceAll(c, "PREFIX", prefix)
	}
	f := &ir.Function{Common: s.fn.Common, Type: ft}
	f.Name, f.Doc = s.name, doc
	f.Attrs.MustUse = !s.ptrRet || s.fn.Attrs.MustUse
	out := []ir.Decl{f}
	if c := l.condOf(&s.fn.Common); c != "" {
		l.cond[f] = c
	}
	for _, fr := range s.frees {
		fft := &ir.FuncType{Result: ir.PrimType(ir.Void), ABI: "C"}
		for _, p := range fr.params {
			fft.Params = append(fft.Params, ir.Param{Name: p.name, Type: p.ctype})
		}
		ff := &ir.Function{Common: ir.Common{Name: fr.name, Doc: fr.doc, Pos: s.fn.Pos, Cfg: s.fn.Cfg}, Type: fft}
		if c := l.condOf(&s.fn.Common); c != "" {
			l.cond[ff] = c
		}
		out = append(out, ff)
	}
	return out
}

func sortedOpaque(m map[string]*ir.Record) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sortStrings(ks)
	return ks
}

// hasTypeNamed reports whether a lowered declaration already uses name.
func (l *lowerer) hasTypeNamed(name string) bool {
	for _, d := range l.lowered {
		switch d.(type) {
		case *ir.Record, *ir.Enum, *ir.Typedef:
			if d.DeclName() == name {
				return true
			}
		}
	}
	return false
}

// checkClashes reports two different items with the same C identifier.
func (l *lowerer) checkClashes(m *ir.Module) {
	seen := map[string]ir.Decl{}
	add := func(name string, d ir.Decl) {
		if prev, ok := seen[name]; ok && prev != d {
			_, r1 := prev.(*ir.Record)
			_, r2 := d.(*ir.Record)
			if r1 && r2 {
				return // an opaque declaration and a definition
			}
			if c1, c2 := l.cond[prev], l.cond[d]; c1 != "" && c2 != "" && c1 != c2 {
				return // #[cfg] variants: each under its own #if
			}
			dg := l.diags.Errorf(d.DeclPos(), CodeNameClash, "C name `%s` is used by two items", name)
			dg.Notes = append(dg.Notes, diag.Related{Pos: prev.DeclPos(), Message: "the other one"})
			return
		}
		seen[name] = d
	}
	for _, d := range m.Decls {
		if r, ok := d.(*ir.Record); ok && r.Anonymous {
			continue
		}
		add(d.DeclName(), d)
		if e, ok := d.(*ir.Enum); ok {
			for _, v := range e.Values {
				add(v.Name, e)
			}
		}
	}
}

func sortedWanted(m map[string]*wantedFn) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sortStrings(ks)
	return ks
}

// synthesized finds the declarations rustfront made for a fieldful enum's
// C layout (NAME_Tag, NAME_Variant, NAME_Body): they have no Rust path.
func synthesized(m *ir.Module) (synth map[ir.Decl]bool, tagged map[string]bool) {
	bases := map[string]bool{}
	for _, d := range m.Decls {
		if e, ok := d.(*ir.Enum); ok && e.RustEnum && strings.HasSuffix(e.Name, "_Tag") {
			bases[strings.TrimSuffix(e.Name, "_Tag")] = true
		}
	}
	out := map[ir.Decl]bool{}
	for _, d := range m.Decls {
		for b := range bases {
			if strings.HasPrefix(d.DeclName(), b+"_") {
				out[d] = true
			}
		}
	}
	return out, bases
}
