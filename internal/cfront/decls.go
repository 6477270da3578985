package cfront

import (
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// declaration converts one top-level declaration.
func (c *conv) declaration(d *cc.Declaration, k key) {
	c.cur = k
	s := c.flattenDS(d.DeclarationSpecifiers)
	first := firstTok(d.DeclarationSpecifiers, nil)
	doc := c.docBefore(first)
	ctx := anonCtx{}
	if s.typedef && d.InitDeclaratorList != nil {
		if id := d.InitDeclaratorList.InitDeclarator; id != nil && id.Declarator != nil &&
			id.Declarator.Pointer == nil && id.Declarator.DirectDeclarator != nil &&
			id.Declarator.DirectDeclarator.Case == cc.DirectDeclaratorIdent {
			ctx.typedefName = c.str(id.Declarator.NameTok())
		}
	}
	nItems := len(c.items)
	base := c.baseType(&s, ctx)
	// A record or enum defined by this declaration takes its doc comment.
	if doc != "" && len(c.items) > nItems {
		switch x := c.items[len(c.items)-1].decl.(type) {
		case *ir.Record:
			if x.Doc == "" {
				x.Doc = doc
			}
		case *ir.Enum:
			if x.Doc == "" {
				x.Doc = doc
			}
		}
	}
	attrs := c.attrList(d.AttributeSpecifierList)
	for _, l := range s.attrs {
		attrs = append(attrs, c.attrList(l)...)
	}
	attrs = append(attrs, c.c23InNode(first, d)...)
	if d.InitDeclaratorList == nil {
		c.tagDecl(d, base, attrs)
		return
	}
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		id := l.InitDeclarator
		if id == nil || id.Declarator == nil {
			continue
		}
		t, tok := c.declarator(base, id.Declarator, false)
		name := c.str(tok)
		if name == "" {
			continue
		}
		all := append(append(attrs, c.attrList(l.AttributeSpecifierList)...), c.attrList(id.AttributeSpecifierList)...)
		pos := posOf(tok)
		switch {
		case s.typedef:
			td := &ir.Typedef{Type: c.applyMode(t, all)}
			td.Name, td.Pos, td.Doc = name, pos, doc
			for _, a := range all {
				if a.name == "aligned" {
					td.AlignAttr = max(td.AlignAttr, a.alignValue(c.target))
				}
			}
			applyDeclAttrs(&td.Attrs, all)
			c.opaqueWarn(td.Type, pos, name)
			c.add(td, c.cur)
		case t.Kind == ir.KindFunc:
			c.function(name, t.Func, &s, all, pos, doc, id.Asm)
		default:
			t = c.applyMode(t, all)
			v := &ir.Var{Type: t, ThreadLocal: s.threadLocal, Mutable: !t.Const, LinkName: asmLabel(id.Asm)}
			v.Name, v.Pos, v.Doc = name, pos, doc
			applyDeclAttrs(&v.Attrs, all)
			v.Attrs.Static = s.static
			c.opaqueWarn(t, pos, name)
			c.add(v, c.cur)
		}
	}
}

// tagDecl handles a declaration without declarators: `struct foo;` makes a
// forward declaration; definitions were added by baseType.
func (c *conv) tagDecl(d *cc.Declaration, base *ir.Type, attrs []attr) {
	if base.Kind != ir.KindNamed || base.Ref.Kind == ir.RefTypedef {
		return
	}
	for ds := d.DeclarationSpecifiers; ds != nil; ds = ds.DeclarationSpecifiers {
		ts := ds.TypeSpecifier
		if ts == nil {
			continue
		}
		if sp := ts.StructOrUnionSpecifier; sp != nil && sp.Case == cc.StructOrUnionSpecifierTag {
			r := &ir.Record{Union: base.Ref.Kind == ir.RefUnion}
			r.Name, r.Pos, r.Doc = base.Ref.Name, posOf(sp.Token), c.docBefore(sp.StructOrUnion.Token)
			c.add(r, c.cur)
		}
		if sp := ts.EnumSpecifier; sp != nil {
			e := &ir.Enum{}
			if sp.Case == cc.EnumSpecifierTag {
				e.Name, e.Pos, e.Underlying = base.Ref.Name, posOf(sp.Token2), ir.UInt
				c.add(e, c.cur)
			} else if x := c.enums[sp]; x != nil {
				// `enum E {...} __attribute__((packed));`
				for _, a := range attrs {
					if a.name == "packed" && !x.Packed {
						x.Packed = true
						x.Underlying = repack(x)
					}
				}
			}
		}
	}
}

// repack recomputes a packed enum's underlying type.
func repack(e *ir.Enum) ir.Prim {
	anyNeg := false
	var minV, maxV int64
	var maxU uint64
	for i, v := range e.Values {
		if i == 0 || v.Value < minV {
			minV = v.Value
		}
		if i == 0 || v.Value > maxV {
			maxV = v.Value
		}
		if v.Value < 0 {
			anyNeg = true
		} else {
			maxU = max(maxU, uint64(v.Value))
		}
	}
	return enumUnderlying(anyNeg, e.Underlying == ir.ULong && !anyNeg && maxU > 1<<63-1, minV, maxV, maxU, true)
}

// funcDef converts a function definition (static inline in headers).
func (c *conv) funcDef(fd *cc.FunctionDefinition, k key) {
	c.cur = k
	s := c.flattenDS(fd.DeclarationSpecifiers)
	first := firstTok(fd.DeclarationSpecifiers, fd.Declarator)
	base := c.baseType(&s, anonCtx{})
	t, tok := c.declarator(base, fd.Declarator, false)
	if t.Kind != ir.KindFunc || len(tok.Src()) == 0 {
		return
	}
	var attrs []attr
	for _, l := range s.attrs {
		attrs = append(attrs, c.attrList(l)...)
	}
	attrs = append(attrs, c.c23InNode(first, fd.DeclarationSpecifiers, fd.Declarator)...)
	f := c.function(c.str(tok), t.Func, &s, attrs, posOf(tok), c.docBefore(first), nil)
	f.Body = c.bodyText(fd.CompoundStatement)
}

// function builds a Function and derives the parameters' attributes.
func (c *conv) function(name string, ft *ir.FuncType, s *specs, attrs []attr, pos diag.Pos, doc string, asm *cc.Asm) *ir.Function {
	f := &ir.Function{Type: ft, LinkName: asmLabel(asm)}
	if f.LinkName == name {
		f.LinkName = ""
	}
	f.Name, f.Pos, f.Doc = name, pos, doc
	applyDeclAttrs(&f.Attrs, attrs)
	if s.noreturn {
		f.Attrs.NoReturn = true
	}
	f.Attrs.Inline = s.inline
	f.Attrs.Static = s.static
	for i := range ft.Params {
		p := &ft.Params[i]
		if p.Type.Kind != ir.KindPointer {
			if f.Attrs.NonNullAll || containsInt(f.Attrs.NonNull, i+1) {
				p.Attrs.NonNull = true
			}
		} else {
			if f.Attrs.NonNullAll || containsInt(f.Attrs.NonNull, i+1) {
				t := *p.Type
				t.Null = ir.NonNull
				p.Type = &t
			}
			p.Attrs.NonNull = p.Type.Null == ir.NonNull
		}
		for _, a := range f.Attrs.Access {
			if a.Ptr == i+1 {
				p.Attrs.Access = a.Mode
				if a.Size > 0 {
					p.Attrs.SizeParam = a.Size - 1
				}
			}
		}
	}
	if f.Attrs.ReturnsNonNull && ft.Result.Kind == ir.KindPointer {
		t := *ft.Result
		t.Null = ir.NonNull
		ft.Result = &t
	}
	c.opaqueWarn(&ir.Type{Kind: ir.KindFunc, Func: ft}, pos, name)
	c.add(f, c.cur)
	return f
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// asmLabel returns the symbol name of `__asm__("name")`.
func asmLabel(a *cc.Asm) string {
	if a == nil {
		return ""
	}
	s := a.Token3.SrcStr()
	if strings.HasPrefix(s, `"`) {
		return unquote(s)
	}
	return ""
}

// opaqueWarn warns once per declaration that uses a type ferry cannot
// represent.
func (c *conv) opaqueWarn(t *ir.Type, pos diag.Pos, name string) {
	if txt := findOpaque(t, 0); txt != "" {
		c.warnf(pos, codeOpaque, "%s uses %s, which ferry cannot represent; it is kept opaque", name, txt)
	}
}

func findOpaque(t *ir.Type, depth int) string {
	if t == nil || depth > 32 {
		return ""
	}
	switch t.Kind {
	case ir.KindOpaque:
		return t.Text
	case ir.KindPointer, ir.KindArray:
		return findOpaque(t.Elem, depth+1)
	case ir.KindFunc:
		if s := findOpaque(t.Func.Result, depth+1); s != "" {
			return s
		}
		for _, p := range t.Func.Params {
			if s := findOpaque(p.Type, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}
