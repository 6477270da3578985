package rustgen

import (
	"ferry/internal/ir"
)

// enumValue is v written as a literal of the underlying integer type.
func (e *emitter) intLit(v int64, p ir.Prim) string {
	l, ok := e.tgt.PrimLayout(p)
	if !ok || p.IsSigned(e.tgt) || p == ir.Bool {
		if p == ir.Bool {
			if v != 0 {
				return "true"
			}
			return "false"
		}
		return itoa(v)
	}
	u := uint64(v)
	if l.Size < 8 {
		u &= 1<<(8*uint(l.Size)) - 1
	}
	return utoa(u)
}

// emitEnum writes a C enum as a #[repr(transparent)] newtype with
// associated constants, plus a module-level constant per enumerator (C
// code names enumerators unqualified). An anonymous enum nobody names as
// a type becomes plain constants of its underlying type.
func (e *emitter) emitEnum(en *ir.Enum) {
	name := e.enumName[en]
	under := e.prim(en.Underlying)
	b := &e.b
	aliases := e.enumConst[en]
	if name == "" {
		for _, v := range en.Values {
			id, ok := aliases[v.Name]
			if !ok {
				continue
			}
			e.sep()
			e.doc(0, v.Doc)
			if v.Attrs.Deprecated {
				e.deprecated(0, v.Attrs.DeprecatedMsg)
			}
			if !isUpperGlobal(id) {
				b.WriteString("#[allow(non_upper_case_globals)]\n")
			}
			writeAssign(b, 0, "pub const "+id+": "+under, e.intLit(v.Value, en.Underlying))
		}
		return
	}
	e.sep()
	e.doc(0, en.Doc)
	b.WriteString("#[repr(transparent)]\n")
	b.WriteString("#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]\n")
	if !isUpperCamel(bare(name)) {
		b.WriteString("#[allow(non_camel_case_types)]\n")
	}
	writeTyped(b, 0, "pub struct "+name+"(pub ", atom(under), ");")
	if len(en.Values) == 0 {
		return
	}
	upper := true
	for _, v := range en.Values {
		upper = upper && isUpperGlobal(v.Name)
	}
	if !upper {
		b.WriteString("#[allow(non_upper_case_globals)]\n")
	}
	writeOpen(b, "impl "+name)
	names := newNamespace()
	for _, v := range en.Values {
		e.doc(4, v.Doc)
		if v.Attrs.Deprecated {
			e.deprecated(4, v.Attrs.DeprecatedMsg)
		}
		id := ident(names.take(v.Name))
		writeAssign(b, 4, "pub const "+id+": Self", "Self("+e.intLit(v.Value, en.Underlying)+")")
	}
	b.WriteString("}\n")
	for _, v := range en.Values {
		id, ok := aliases[v.Name]
		if !ok {
			continue
		}
		e.doc(0, v.Doc)
		if v.Attrs.Deprecated {
			e.deprecated(0, v.Attrs.DeprecatedMsg)
		}
		if !isUpperGlobal(id) {
			b.WriteString("#[allow(non_upper_case_globals)]\n")
		}
		writeAssign(b, 0, "pub const "+id+": "+name, name+"("+e.intLit(v.Value, en.Underlying)+")")
	}
}

// emitTypedef writes `pub type`, unless the typedef is elided.
func (e *emitter) emitTypedef(td *ir.Typedef) {
	name, ok := e.tdName[td.Name]
	if !ok {
		return
	}
	if e.half {
		if !e.tdFirst[td] {
			return
		}
	} else {
		if e.tdDone == nil { // a repeated typedef is written once
			e.tdDone = map[string]bool{}
		}
		if e.tdDone[td.Name] {
			return
		}
		e.tdDone[td.Name] = true
	}
	e.sep()
	e.doc(0, td.Doc)
	if !isUpperCamel(bare(name)) {
		e.b.WriteString("#[allow(non_camel_case_types)]\n")
	}
	writeTyped(&e.b, 0, "pub type "+name+" = ", e.typ(td.Type, ctxValue), ";")
}
