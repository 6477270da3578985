package rustfront

import (
	"fmt"
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// markNewtypeEnums turns transparent single-field tuple structs that have
// associated consts of their own type into enum types.
func (l *loader) markNewtypeEnums() {
	for name := range l.newtypes {
		ti := l.types[name]
		if ti == nil || ti.node.Kind() != "struct_item" {
			continue
		}
		body := ti.node.ChildByFieldName("body")
		if body == nil || body.Kind() != "ordered_field_declaration_list" {
			continue
		}
		if len(body.ChildrenByFieldName("type", body.Walk())) != 1 {
			continue
		}
		ti.kind = ir.RefEnum
	}
}

func (l *loader) record(u *unit, it *sitter.Node, a attrSet) {
	f := u.f
	name := f.text(it.ChildByFieldName("name"))
	if ti := l.types[name]; ti != nil && ti.node.StartByte() == it.StartByte() && ti.kind == ir.RefEnum {
		l.newtypeEnum(u, it, a, ti)
		return
	}
	r := &ir.Record{Common: l.common(u, it, a), Union: it.Kind() == "union_item", Complete: true, Repr: a.repr}
	r.Packed, r.PragmaPack, r.AlignAttr = a.packing()
	if tp := it.ChildByFieldName("type_parameters"); tp != nil && !onlyLifetimes(f, tp) {
		r.Complete = false // a generic type has no one layout
	}
	r.Fields = l.fields(u, it.ChildByFieldName("body"))
	l.m.Decls = append(l.m.Decls, r)
}

// fields reads a field_declaration_list or ordered_field_declaration_list.
func (l *loader) fields(u *unit, body *sitter.Node) []ir.Field {
	if body == nil {
		return nil
	}
	f := u.f
	var out []ir.Field
	switch body.Kind() {
	case "field_declaration_list":
		for i := uint(0); i < body.NamedChildCount(); i++ {
			c := body.NamedChild(i)
			if c.Kind() != "field_declaration" {
				continue
			}
			a := l.attrsBefore(f, body, i)
			fd := ir.Field{Name: f.text(c.ChildByFieldName("name")), Type: l.typ(c.ChildByFieldName("type"), u), Pos: f.pos(c.ChildByFieldName("name")), Doc: joinDoc(a.doc)}
			fd.Attrs.Deprecated, fd.Attrs.DeprecatedMsg = a.deprecated, a.deprecatedMsg
			out = append(out, fd)
		}
	case "ordered_field_declaration_list":
		for i, t := range body.ChildrenByFieldName("type", body.Walk()) {
			out = append(out, ir.Field{Name: fmt.Sprintf("_%d", i), Type: l.typ(&t, u), Pos: f.pos(&t)})
		}
	}
	return out
}

func joinDoc(d []string) string {
	s := ""
	for i, x := range d {
		if i > 0 {
			s += "\n"
		}
		s += x
	}
	return s
}

// newtypeEnum reads `struct N(pub c_int); impl N { pub const A: N = N(1); }`.
func (l *loader) newtypeEnum(u *unit, it *sitter.Node, a attrSet, ti *typeInfo) {
	f := u.f
	e := &ir.Enum{Common: l.common(u, it, a), Complete: true, Repr: a.repr}
	body := it.ChildByFieldName("body")
	ts := body.ChildrenByFieldName("type", body.Walk())
	e.Underlying = l.primOf(l.typ(&ts[0], u))
	if e.Underlying == ir.PrimInvalid {
		e.Underlying = ir.Int
	}
	if l.mono == nil {
		l.mono = &monoState{done: map[string]string{}}
	}
	saved := l.mono.subst
	defer func() { l.mono.subst = saved }()
	l.mono.subst = map[string]*ir.Type{"Self": ir.Named(ir.RefEnum, e.Name)}
	for _, c := range l.newtypes[e.Name] {
		cn := c.node.ChildByFieldName("name")
		v, ok := l.eval(c.node.ChildByFieldName("value"), c.u)
		if !ok {
			l.diags.Warnf(c.u.f.pos(cn), CodeUnsupported, "value of `%s::%s` is not a constant expression ferry can evaluate", e.Name, c.u.f.text(cn))
			continue
		}
		v = castTo(v, ir.PrimType(e.Underlying), l.m.Target)
		doc := ""
		if p := c.node.Parent(); p != nil {
			for i := uint(0); i < p.NamedChildCount(); i++ {
				if p.NamedChild(i).StartByte() == c.node.StartByte() {
					doc = joinDoc(l.attrsBefore(c.u.f, p, i).doc)
				}
			}
		}
		e.Values = append(e.Values, ir.Enumerator{Name: c.u.f.text(cn), Value: v.i, Pos: c.u.f.pos(cn), Doc: doc})
	}
	_ = f
	l.m.Decls = append(l.m.Decls, e)
}

func (l *loader) enum(u *unit, it *sitter.Node, a attrSet) {
	f := u.f
	name := f.text(it.ChildByFieldName("name"))
	if enumIsEmpty(it) {
		l.m.Decls = append(l.m.Decls, &ir.Record{Common: l.common(u, it, a), Repr: a.repr})
		return
	}
	under := ir.Int
	if r := a.reprInt(); r != "" {
		under = rustPrims[r]
	}
	body := it.ChildByFieldName("body")
	tagName := name
	tagged := enumHasFields(it)
	if tagged {
		tagName = name + "_Tag"
	}
	e := &ir.Enum{Common: l.common(u, it, a), Complete: true, Underlying: under, RustEnum: true, Repr: a.repr}
	e.Name = tagName
	next := int64(0)
	type variant struct {
		name   string
		fields []ir.Field
		pos    ir.Enumerator
	}
	var vs []variant
	for i := uint(0); i < body.NamedChildCount(); i++ {
		v := body.NamedChild(i)
		if v.Kind() != "enum_variant" {
			continue
		}
		va := l.attrsBefore(f, body, i)
		en := ir.Enumerator{Name: f.text(v.ChildByFieldName("name")), Pos: f.pos(v.ChildByFieldName("name")), Doc: joinDoc(va.doc)}
		en.Attrs.Deprecated, en.Attrs.DeprecatedMsg = va.deprecated, va.deprecatedMsg
		if val := v.ChildByFieldName("value"); val != nil {
			if x, ok := l.evalInt(val, u); ok {
				next = castTo(x, ir.PrimType(under), l.m.Target).i
			} else {
				l.diags.Warnf(en.Pos, CodeUnsupported, "discriminant of `%s::%s` is not a constant expression ferry can evaluate", name, en.Name)
			}
		}
		en.Value = next
		next++
		e.Values = append(e.Values, en)
		vs = append(vs, variant{en.Name, l.fields(u, v.ChildByFieldName("body")), en})
	}
	if !tagged {
		e.Values = append(e.Values, l.enumAliases(name, e.Values)...)
	}
	l.m.Decls = append(l.m.Decls, e)
	if !tagged {
		return
	}
	// RFC 2195 layouts; see doc.go.
	isC := a.hasRepr("C")
	prim := a.reprInt() != ""
	main := &ir.Record{Common: l.common(u, it, a), Repr: a.repr}
	main.Packed, main.PragmaPack, main.AlignAttr = a.packing()
	if !isC && !prim {
		l.m.Decls = append(l.m.Decls, main) // Rust layout: unspecified, so opaque
		return
	}
	tagField := ir.Field{Name: "tag", Type: ir.Named(ir.RefEnum, tagName), Pos: main.Pos}
	var members []ir.Field
	for _, v := range vs {
		if len(v.fields) == 0 && isC {
			continue
		}
		st := &ir.Record{Common: l.common(u, it, a), Complete: true, Repr: []string{"C"}}
		st.Name = name + "_" + v.name
		st.Pos = v.pos.Pos
		st.Doc = v.pos.Doc
		st.Fields = v.fields
		if !isC {
			st.Fields = append([]ir.Field{tagField}, v.fields...)
		}
		l.m.Decls = append(l.m.Decls, st)
		members = append(members, ir.Field{Name: v.name, Type: ir.Named(ir.RefStruct, st.Name), Pos: v.pos.Pos})
	}
	main.Complete = true
	if isC {
		body := &ir.Record{Common: l.common(u, it, a), Union: true, Anonymous: true, Complete: true, Fields: members, Repr: []string{"C"}}
		body.Name = name + "_Body"
		body.Doc = ""
		l.m.Decls = append(l.m.Decls, body)
		main.Fields = []ir.Field{tagField, {Type: ir.Named(ir.RefUnion, body.Name), Pos: main.Pos}}
	} else {
		main.Union = true
		main.Fields = members
	}
	l.m.Decls = append(l.m.Decls, main)
}

// enumAliases reads `impl E { pub const B: E = E::A; }`, how bindgen's
// rust style keeps a C enumerator whose value another one already has: B
// is an enumerator with A's value.
func (l *loader) enumAliases(name string, vs []ir.Enumerator) []ir.Enumerator {
	var out []ir.Enumerator
	for _, c := range l.newtypes[name] {
		f := c.u.f
		val := strings.ReplaceAll(f.text(c.node.ChildByFieldName("value")), " ", "")
		val = strings.TrimPrefix(strings.TrimPrefix(val, name+"::"), "Self::")
		for _, v := range vs {
			if v.Name == val {
				cn := c.node.ChildByFieldName("name")
				out = append(out, ir.Enumerator{Name: f.text(cn), Value: v.Value, Pos: f.pos(cn)})
				break
			}
		}
	}
	return out
}
