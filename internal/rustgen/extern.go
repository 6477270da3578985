package rustgen

import (
	"ferry/internal/ir"
)

// skipFunction reports whether f is left out; report says to diagnose it
// (the naming pass asks first, silently).
func (e *emitter) skipFunction(f *ir.Function, report bool) bool {
	switch {
	case f.Type == nil:
		return true
	case f.Attrs.Inline || f.Attrs.Static:
		if report {
			what := "static"
			if f.Attrs.Inline {
				what = "static inline"
			}
			e.note(f.Pos, codeNotExported, f.Name, "%s function %s is not exported by the library; skipped", what, f.Name)
		}
		return true
	}
	bad := e.abiUnsafe(f.Type.Result)
	for _, p := range f.Type.Params {
		bad = bad || (p.Type != nil && p.Type.Kind != ir.KindArray && e.abiUnsafe(p.Type))
	}
	if bad && report {
		e.warn(f.Pos, codeABIUnsafe, f.Name, "function %s passes long double, _Float128, _Float16 or an opaque record by value; skipped", f.Name)
	}
	return bad
}

func (e *emitter) skipVar(v *ir.Var, report bool) bool {
	switch {
	case v.Type == nil || v.Attrs.Static:
		return true
	case v.ThreadLocal:
		if report {
			e.warn(v.Pos, codeThreadLocal, v.Name, "thread-local variable %s skipped", v.Name)
		}
		return true
	}
	return false
}

// openExtern makes sure an `unsafe extern "abi"` block is open.
func (e *emitter) openExtern(abi string) {
	if e.inExt == abi {
		return
	}
	e.closeExtern()
	e.sep()
	if e.opts.LinkName != "" {
		args := []string{"name = " + strLit(e.opts.LinkName)}
		if e.opts.LinkKind != "" {
			args = append(args, "kind = "+strLit(e.opts.LinkKind))
		}
		writeAttr(&e.b, 0, "link", args...)
	}
	e.b.WriteString("unsafe extern \"" + abi + "\" {\n")
	e.inExt = abi
	e.extItems = 0
}

func (e *emitter) closeExtern() {
	if e.inExt == "" {
		return
	}
	e.b.WriteString("}\n")
	e.inExt = ""
}

// extSep separates items inside an extern block by a blank line.
func (e *emitter) extSep() {
	if e.extItems > 0 {
		e.b.WriteByte('\n')
	}
	e.extItems++
}

func (e *emitter) emitFunction(f *ir.Function) {
	name, ok := e.fnName[f]
	if !ok {
		if !e.skipFunction(f, true) {
			return // a repeated prototype
		}
		return
	}
	if !e.half { // halves hold no function twice (prepareHalves)
		delete(e.fnName, f)
	}
	ft := f.Type
	e.openExtern(abiOf(ft))
	e.extSep()
	b := &e.b
	doc := f.Doc
	if ft.NoProto {
		e.note(f.Pos, codeNoProto, f.Name, "function %s has no prototype; bound with no parameters", f.Name)
		if doc != "" {
			doc += "\n\n"
		}
		doc += "The C declaration has no prototype: bound with no parameters."
	}
	e.doc(4, doc)
	if f.Attrs.Deprecated {
		e.deprecated(4, f.Attrs.DeprecatedMsg)
	}
	if f.Attrs.MustUse && !ft.Result.IsVoid() && !f.Attrs.NoReturn {
		b.WriteString("    #[must_use]\n")
	}
	link := f.LinkName
	if link == "" && bare(name) != f.Name {
		link = f.Name
	}
	if link != "" && link != bare(name) {
		b.WriteString("    #[link_name = " + strLit(link) + "]\n")
	}
	sig := &fnSig{head: "pub fn " + name, variadic: ft.Variadic && !ft.NoProto}
	if !ft.NoProto {
		names := newNamespace()
		for _, p := range ft.Params {
			if p.Name != "" {
				names.take(p.Name)
			}
		}
		if len(ft.Params) > 0 {
			sig.params = make([]param, 0, len(ft.Params))
		}
		for i, p := range ft.Params {
			n := p.Name
			if n == "" {
				n = names.take("arg" + itoa(int64(i+1)))
			}
			sig.params = append(sig.params, param{name: ident(n), typ: e.typ(p.Type, ctxParam)})
		}
	}
	if f.Attrs.NoReturn {
		sig.ret = atom("!")
	} else {
		sig.ret = e.typ(ft.Result, ctxResult)
	}
	writeSig(b, sig, 4, ";")
}

func (e *emitter) emitVar(v *ir.Var) {
	name, ok := e.varName[v]
	if !ok {
		e.skipVar(v, true)
		return
	}
	if !e.half {
		delete(e.varName, v)
	}
	e.openExtern("C")
	e.extSep()
	b := &e.b
	e.doc(4, v.Doc)
	if v.Attrs.Deprecated {
		e.deprecated(4, v.Attrs.DeprecatedMsg)
	}
	link := v.LinkName
	if link == "" && bare(name) != v.Name {
		link = v.Name
	}
	if link != "" && link != bare(name) {
		b.WriteString("    #[link_name = " + strLit(link) + "]\n")
	}
	lead := "pub static mut "
	if e.isConstObject(v.Type) {
		lead = "pub static "
	}
	writeTyped(b, 4, lead+name+": ", e.typ(v.Type, ctxValue), ";")
}

// isConstObject reports whether an object of type t is read-only: const
// itself, or an array of const elements (`const char v[]`), through
// typedefs.
func (e *emitter) isConstObject(t *ir.Type) bool {
	for i := 0; t != nil && i < 100; i++ {
		if t.Const {
			return true
		}
		r := e.ix.Resolve(t)
		if r != t {
			t = r
			continue
		}
		if t.Kind != ir.KindArray {
			return false
		}
		t = t.Elem
	}
	return false
}
