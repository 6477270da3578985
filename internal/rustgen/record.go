package rustgen

import (
	"strings"

	"ferry/internal/ir"
)

func (e *emitter) emitRecord(r *ir.Record) {
	name := e.recName[r]
	p := e.plan(r)
	e.sep()
	e.doc(0, r.Doc)
	b := &e.b
	switch p.mode {
	case planIncomplete:
		b.WriteString("#[repr(C)]\n")
		writeOpen(b, "pub struct "+name)
		b.WriteString("    _data: [u8; 0],\n")
		b.WriteString("    _marker: ::core::marker::PhantomData<(*mut u8, ::core::marker::PhantomPinned)>,\n")
		b.WriteString("}\n")
		return
	case planBytes:
		e.reprLine(p)
		b.WriteString("#[derive(Clone, Copy)]\n")
		writeOpen(b, "pub struct "+name)
		b.WriteString("    pub _opaque: [u8; " + itoa(r.Layout.Size) + "],\n")
		b.WriteString("}\n")
		e.asserts(name, r, nil)
		return
	}
	e.reprLine(p)
	if p.debug {
		b.WriteString("#[derive(Clone, Copy, Debug)]\n")
	} else {
		b.WriteString("#[derive(Clone, Copy)]\n")
	}
	snake := true
	for _, it := range p.items {
		snake = snake && isSnake(it.name)
	}
	if !snake {
		b.WriteString("#[allow(non_snake_case)]\n")
	}
	kw := "pub struct "
	if r.Union {
		kw = "pub union "
	}
	if len(p.items) == 0 {
		b.WriteString(kw + name + " {}\n")
	} else {
		writeOpen(b, kw+name)
		for _, it := range p.items {
			if it.field != nil && it.kind != itBits {
				e.doc(4, it.field.Doc)
				if it.field.Attrs.Deprecated {
					e.deprecated(4, it.field.Attrs.DeprecatedMsg)
				}
			}
			writeTyped(b, 4, "pub "+it.name+": ", it.typ, ",")
		}
		b.WriteString("}\n")
	}
	e.recordMethods(name, r, p)
	e.asserts(name, r, p)
}

func (e *emitter) reprLine(p *recPlan) {
	parts := []string{"C"}
	switch {
	case p.packN == 1:
		parts = append(parts, "packed")
	case p.packN > 1:
		parts = append(parts, "packed("+itoa(p.packN)+")")
	}
	if p.alignN > 1 {
		parts = append(parts, "align("+itoa(p.alignN)+")")
	}
	e.b.WriteString("#[repr(" + strings.Join(parts, ", ") + ")]\n")
}

// asserts writes the compile-time layout checks of a record.
func (e *emitter) asserts(name string, r *ir.Record, p *recPlan) {
	if e.opts.NoLayoutTests {
		return
	}
	b := &e.b
	dep := false
	if p != nil {
		for _, it := range p.items {
			dep = dep || (it.field != nil && it.kind != itBits && it.field.Attrs.Deprecated)
		}
	}
	if dep {
		b.WriteString("#[allow(deprecated)]\n")
	}
	alias := "L"
	b.WriteString("const _: () = {\n")
	if bare(name) == alias {
		alias = name
	} else {
		writeAssign(b, 4, "type L", name)
	}
	b.WriteString("    assert!(::core::mem::size_of::<" + alias + ">() == " + itoa(r.Layout.Size) + ");\n")
	b.WriteString("    assert!(::core::mem::align_of::<" + alias + ">() == " + itoa(r.Layout.Align) + ");\n")
	if p != nil {
		for _, it := range p.items {
			if it.field == nil || it.kind == itBits {
				continue
			}
			writeOffsetAssert(b, alias, it.name, itoa(it.off))
		}
	}
	b.WriteString("};\n")
}

// recordMethods writes bitfield accessors and flexible-array accessors.
func (e *emitter) recordMethods(name string, r *ir.Record, p *recPlan) {
	var body strings.Builder
	methods := newNamespace()
	for _, it := range p.items {
		if it.kind == itField || it.kind == itPad {
			methods.take(bare(it.name)) // fields and methods may share names, but keep them apart for readers
		}
	}
	allSnake := true
	for _, it := range p.items {
		switch it.kind {
		case itBits:
			for _, a := range it.bits {
				e.bitAccessors(&body, methods, r, it, a, &allSnake)
			}
		case itFAM:
			e.famAccessors(&body, methods, it, p.packN > 0, &allSnake)
		}
	}
	if body.Len() == 0 {
		return
	}
	if !allSnake {
		e.b.WriteString("#[allow(non_snake_case)]\n")
	}
	writeOpen(&e.b, "impl "+name)
	e.b.WriteString(strings.TrimSuffix(body.String(), "\n"))
	e.b.WriteString("\n}\n")
}

// bitKind classifies a bitfield's declared type for its accessors.
type bitKind struct {
	ok     bool
	isBool bool
	signed bool
	enum   string // newtype name for enum-typed bitfields
	under  string // the enum's underlying Rust type
}

func (e *emitter) classifyBits(t *ir.Type) bitKind {
	r := e.ix.Resolve(t)
	if r == nil {
		return bitKind{}
	}
	switch r.Kind {
	case ir.KindPrim:
		if r.Prim == ir.Bool {
			return bitKind{ok: true, isBool: true}
		}
		if r.Prim.IsInteger() {
			return bitKind{ok: true, signed: r.Prim.IsSigned(e.tgt)}
		}
	case ir.KindNamed:
		if en, ok := e.ix.Lookup(r.Ref).(*ir.Enum); ok {
			k := bitKind{ok: true, signed: en.Underlying.IsSigned(e.tgt)}
			if n := e.enumName[en]; n != "" {
				k.enum, k.under = n, e.prim(en.Underlying)
			}
			return k
		}
	}
	return bitKind{}
}

func (e *emitter) bitAccessors(b *strings.Builder, methods *namespace, r *ir.Record, it item, a bitAcc, allSnake *bool) {
	f := a.f
	k := e.classifyBits(f.Type)
	if !k.ok || a.width > 64 {
		e.warn(f.Pos, codeWideBitfield, f.Name, "bitfield %s.%s (%d bits of %s) has no accessors", r.Name, f.Name, a.width, f.Type)
		return
	}
	ty := e.typ(f.Type, ctxValue)
	get := ident(methods.take(f.Name))
	set := methods.take("set_" + bare(get))
	*allSnake = *allSnake && isSnake(get) && isSnake(set)
	args := itoa(a.off) + ", " + itoa(a.width)
	read := "self." + it.name + ".get(" + args + ")"
	if k.signed {
		read = "self." + it.name + ".get_signed(" + args + ")"
	}
	tyS := ty.flat()
	var getExpr, setVal string
	switch {
	case k.isBool:
		getExpr, setVal = read+" != 0", "v as u64"
	case k.enum != "":
		getExpr, setVal = tyS+"("+read+" as "+k.under+")", "v.0 as u64"
	default:
		getExpr, setVal = read+" as "+tyS, "v as u64"
	}
	setStmt := "self." + it.name + ".set(" + args + ", " + setVal + ")"
	if r.Union {
		getExpr = "unsafe { " + getExpr + " }"
		setStmt = "unsafe { " + setStmt + " }"
	} else {
		setStmt += ";"
	}
	e.doc4(b, f.Doc)
	dep := func() {
		if f.Attrs.Deprecated {
			var t strings.Builder
			depAttr(&t, 4, f.Attrs.DeprecatedMsg)
			b.WriteString(t.String())
		}
	}
	dep()
	b.WriteString("    #[inline]\n")
	writeSig(b, &fnSig{head: "pub fn " + get, params: []param{{name: "&self"}}, ret: ty}, 4, " {")
	b.WriteString("        " + getExpr + "\n    }\n")
	dep()
	b.WriteString("    #[inline]\n")
	writeSig(b, &fnSig{head: "pub fn " + set, params: []param{{name: "&mut self"}, {name: "v", typ: ty}}}, 4, " {")
	b.WriteString("        " + setStmt + "\n    }\n")
}

func (e *emitter) famAccessors(b *strings.Builder, methods *namespace, it item, packed bool, allSnake *bool) {
	f := it.field
	elem := e.typ(f.Type.Elem, ctxValue).flat()
	base := bare(it.name)
	ptr, mptr := methods.take(base+"_ptr"), methods.take(base+"_mut_ptr")
	*allSnake = *allSnake && isSnake(ptr) && isSnake(mptr)
	count := ""
	if f.Attrs.CountedBy != "" {
		count = " Its length is in `" + f.Attrs.CountedBy + "`."
	}
	b.WriteString("    /// Pointer to the flexible array member `" + base + "`." + count + "\n")
	b.WriteString("    #[inline]\n")
	writeSig(b, &fnSig{head: "pub fn " + ptr, params: []param{{name: "&self"}}, ret: atom("*const " + elem)}, 4, " {")
	writeCastChain(b, "::core::ptr::addr_of!(self."+it.name+")", elem)
	b.WriteString("    /// Mutable pointer to the flexible array member `" + base + "`.\n")
	b.WriteString("    #[inline]\n")
	writeSig(b, &fnSig{head: "pub fn " + mptr, params: []param{{name: "&mut self"}}, ret: atom("*mut " + elem)}, 4, " {")
	writeCastChain(b, "::core::ptr::addr_of_mut!(self."+it.name+")", elem)
	if packed {
		return
	}
	sl := methods.take(base + "_slice")
	*allSnake = *allSnake && isSnake(sl)
	b.WriteString("    /// The flexible array member `" + base + "` as a slice of `len` elements.\n")
	b.WriteString("    ///\n    /// # Safety\n    ///\n")
	b.WriteString("    /// `len` initialized elements must follow `self` in the same allocation.\n")
	b.WriteString("    #[inline]\n")
	writeSig(b, &fnSig{head: "pub unsafe fn " + sl, params: []param{{name: "&self"}, {name: "len", typ: atom("usize")}}, ret: atom("&[" + elem + "]")}, 4, " {")
	b.WriteString("        unsafe { ::core::slice::from_raw_parts(self." + ptr + "(), len) }\n    }\n")
}

// writeCastChain writes a method body `root.cast::<elem>()` at indent 8,
// with the call on its own line when the chain is too wide, as rustfmt
// breaks it, and closes the method.
func writeCastChain(b *strings.Builder, root, elem string) {
	call := ".cast::<" + elem + ">()"
	if 8+len(root)+len(call) > maxWidth {
		b.WriteString("        " + root + "\n            " + call + "\n    }\n")
		return
	}
	b.WriteString("        " + root + call + "\n    }\n")
}

// emitStub writes an opaque stand-in for an undeclared type.
func (e *emitter) emitStub(ref ir.TypeRef) {
	e.sep()
	b := &e.b
	b.WriteString("/// Not declared in the bound headers (ferry B156).\n")
	b.WriteString("#[repr(C)]\n")
	writeOpen(b, "pub struct "+e.stubs[ref])
	b.WriteString("    _data: [u8; 0],\n")
	b.WriteString("    _marker: ::core::marker::PhantomData<(*mut u8, ::core::marker::PhantomPinned)>,\n")
	b.WriteString("}\n")
}
