package cfront

import (
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/ir"
)

// anonBase is the synthesized name of an anonymous record or enum that is
// neither typedef'd nor a member: anon_<file stem>_<line>.
func anonBase(t cc.Token) string {
	p := t.Position()
	stem := strings.TrimSuffix(filepath.Base(p.Filename), filepath.Ext(p.Filename))
	var b strings.Builder
	b.WriteString("anon_")
	for _, r := range stem {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('_')
		}
	}
	return b.String() + "_" + strconv.Itoa(p.Line)
}

// structSpec converts a struct or union specifier, defining the record when
// it has a body.
func (c *conv) structSpec(n *cc.StructOrUnionSpecifier, ctx anonCtx) *ir.Type {
	if n == nil || n.StructOrUnion == nil {
		return &ir.Type{Kind: ir.KindOpaque, Text: "struct ?"}
	}
	kind := ir.RefStruct
	if n.StructOrUnion.Case == cc.StructOrUnionUnion {
		kind = ir.RefUnion
	}
	tag := c.str(n.Token)
	if n.Case == cc.StructOrUnionSpecifierTag {
		ref := ir.TypeRef{Kind: kind, Name: tag}
		if _, ok := c.tagMention[ref]; !ok {
			c.tagMention[ref] = c.keyOf(n.Token)
		}
		return ir.Named(kind, tag)
	}
	if r := c.records[n]; r != nil {
		return ir.Named(kind, r.Name)
	}
	r := &ir.Record{Union: kind == ir.RefUnion, Complete: true}
	r.Name = tag
	if tag == "" {
		r.Anonymous = true
		r.TypedefName = ctx.typedefName
		switch {
		case ctx.typedefName != "":
			r.Name = c.anonName(ctx.typedefName)
		case ctx.base != "":
			r.Name = c.anonName(ctx.base)
		default:
			r.Name = c.anonName(anonBase(n.StructOrUnion.Token))
		}
	}
	c.records[n] = r
	r.Pos = posOf(n.StructOrUnion.Token)
	if r.Anonymous {
		r.Pos = posOf(n.Token2)
	} else {
		r.Pos = posOf(n.Token)
	}
	r.Doc = c.docBefore(n.StructOrUnion.Token)
	attrs := append(c.attrList(n.AttributeSpecifierList), c.attrList(n.AttributeSpecifierList2)...)
	attrs = append(attrs, c.c23OnTag(n)...)
	for _, a := range attrs {
		switch a.name {
		case "packed":
			r.Packed = true
		case "aligned":
			r.AlignAttr = max(r.AlignAttr, a.alignValue(c.target))
		case "deprecated", "unavailable":
			r.Attrs.Deprecated = true
			r.Attrs.DeprecatedMsg = a.str(0)
		}
	}
	r.PragmaPack = c.pack.at(n.Token3.Seq())
	c.fields(r, n)
	c.add(r, c.cur)
	return ir.Named(kind, r.Name)
}

// fields converts a record body.
func (c *conv) fields(r *ir.Record, n *cc.StructOrUnionSpecifier) {
	idx := 0
	for l := n.StructDeclarationList; l != nil; l = l.StructDeclarationList {
		sd := l.StructDeclaration
		if sd == nil || sd.Case != cc.StructDeclarationDecl || sd.SpecifierQualifierList == nil {
			continue
		}
		s := c.flattenSQL(sd.SpecifierQualifierList)
		first := sqlFirstTok(sd.SpecifierQualifierList)
		doc := c.docBefore(first)
		attrs := c.attrList(sd.AttributeSpecifierList)
		for _, l := range s.attrs {
			attrs = append(attrs, c.attrList(l)...)
		}
		attrs = append(attrs, c.c23InNode(first, sd)...)
		var align int64
		for _, a := range s.aligns {
			align = max(align, c.alignas(a))
		}
		// Trailing `/**< */` docs: before the ';' or after it (then in the
		// separator of the next member or of the closing brace).
		next := n.Token3
		if l.StructDeclarationList != nil && l.StructDeclarationList.StructDeclaration != nil {
			if nsd := l.StructDeclarationList.StructDeclaration; nsd.SpecifierQualifierList != nil {
				next = sqlFirstTok(nsd.SpecifierQualifierList)
			} else if nsd.StaticAssertDeclaration != nil {
				next = nsd.StaticAssertDeclaration.Token
			}
		}
		trail := joinDoc(trailingDoc(sd.Token.Sep()), trailingDoc(next.Sep()))

		if sd.StructDeclaratorList == nil { // anonymous member
			base := c.baseType(&s, anonCtx{base: r.Name + "__anon" + strconv.Itoa(idx)})
			f := ir.Field{Type: base, Pos: posOf(first), Doc: joinDoc(doc, trail), AlignAttr: align}
			c.fieldAttrs(&f, attrs)
			r.Fields = append(r.Fields, f)
			idx++
			continue
		}
		anon := r.Name + "__anon" + strconv.Itoa(idx)
		if sdr := sd.StructDeclaratorList.StructDeclarator; sdr != nil && sdr.Declarator != nil {
			if nm := c.str(sdr.Declarator.NameTok()); nm != "" {
				anon = r.Name + "__" + nm
			}
		}
		base := c.baseType(&s, anonCtx{base: anon})
		for dl := sd.StructDeclaratorList; dl != nil; dl = dl.StructDeclaratorList {
			sdr := dl.StructDeclarator
			if sdr == nil {
				continue
			}
			t, tok := c.declarator(base, sdr.Declarator, false)
			f := ir.Field{Name: c.str(tok), Type: t, Pos: posOf(tok), Doc: doc, AlignAttr: align}
			if f.Name == "" {
				f.Pos = posOf(sdr.Token)
			}
			if sdr.Case == cc.StructDeclaratorBitField {
				f.Bitfield = true
				if w, ok := c.intValue(sdr.ConstantExpression); ok {
					f.Width = w
				} else {
					c.warnf(f.Pos, codeOpaque, "bitfield width of %s cannot be evaluated", f.Name)
				}
			}
			if dl.StructDeclaratorList == nil {
				f.Doc = joinDoc(doc, trail)
			}
			c.fieldAttrs(&f, attrs)
			f.Type = c.applyMode(f.Type, attrs)
			r.Fields = append(r.Fields, f)
			idx++
		}
	}
}

func (c *conv) fieldAttrs(f *ir.Field, attrs []attr) {
	for _, a := range attrs {
		switch a.name {
		case "aligned":
			f.AlignAttr = max(f.AlignAttr, a.alignValue(c.target))
		case "packed":
			f.Packed = true
		case "deprecated", "unavailable":
			f.Attrs.Deprecated = true
			f.Attrs.DeprecatedMsg = a.str(0)
		case "counted_by":
			f.Attrs.CountedBy = a.text(0)
		case "sized_by":
			f.Attrs.SizedBy = a.text(0)
		}
	}
}

func sqlFirstTok(l *cc.SpecifierQualifierList) cc.Token {
	for ; l != nil; l = l.SpecifierQualifierList {
		switch l.Case {
		case cc.SpecifierQualifierListTypeSpec:
			return typeSpecTok(l.TypeSpecifier)
		case cc.SpecifierQualifierListTypeQual:
			if l.TypeQualifier.Case == cc.TypeQualifierAttr {
				if a := l.TypeQualifier.AttributeSpecifierList; a != nil && a.AttributeSpecifier != nil {
					return a.AttributeSpecifier.Token
				}
				continue
			}
			return l.TypeQualifier.Token
		case cc.SpecifierQualifierListAlignSpec:
			return l.AlignmentSpecifier.Token
		}
	}
	return cc.Token{}
}

// alignas evaluates _Alignas(N) or _Alignas(type).
func (c *conv) alignas(a *cc.AlignmentSpecifier) int64 {
	if a == nil {
		return 0
	}
	if a.Case == cc.AlignmentSpecifierExpr {
		v, _ := c.intValue(a.ConstantExpression)
		return v
	}
	if a.TypeName != nil && c.checked {
		if t := a.TypeName.Type(); t != nil {
			return int64(t.Align())
		}
	}
	return 0
}

// enumSpec converts an enum specifier, defining the enum when it has a body.
func (c *conv) enumSpec(n *cc.EnumSpecifier, ctx anonCtx) *ir.Type {
	if n == nil {
		return &ir.Type{Kind: ir.KindOpaque, Text: "enum ?"}
	}
	tag := c.str(n.Token2)
	if n.Case == cc.EnumSpecifierTag {
		ref := ir.TypeRef{Kind: ir.RefEnum, Name: tag}
		if _, ok := c.tagMention[ref]; !ok {
			c.tagMention[ref] = c.keyOf(n.Token2)
		}
		return ir.Named(ir.RefEnum, tag)
	}
	if e := c.enums[n]; e != nil {
		return ir.Named(ir.RefEnum, e.Name)
	}
	e := &ir.Enum{Complete: true}
	e.Name = tag
	if tag == "" {
		e.Anonymous = true
		e.TypedefName = ctx.typedefName
		switch {
		case ctx.typedefName != "":
			e.Name = c.anonName(ctx.typedefName)
		case ctx.base != "":
			e.Name = c.anonName(ctx.base)
		default:
			e.Name = c.anonName(anonBase(n.Token))
		}
		e.Pos = posOf(n.Token3)
	} else {
		e.Pos = posOf(n.Token2)
	}
	c.enums[n] = e
	e.Doc = c.docBefore(n.Token)
	// cc/v4 drops enum attributes: read them from the source text.
	headEnd := n.Token3
	for _, a := range append(c.gapAttrs(n.Token, headEnd), c.gapAttrs(n.Token5, cc.Token{})...) {
		switch a.name {
		case "packed":
			e.Packed = true
		case "deprecated", "unavailable":
			e.Attrs.Deprecated = true
			e.Attrs.DeprecatedMsg = a.str(0)
		}
	}
	var fixed *ir.Type
	if ets := n.EnumTypeSpecifier; ets != nil {
		s := c.flattenSQL(ets.SpecifierQualifierList)
		fixed = c.baseType(&s, anonCtx{})
	}
	next := int64(0)
	minV, maxV := int64(math.MaxInt64), int64(math.MinInt64)
	var maxU uint64
	anyNeg, big := false, false
	for l := n.EnumeratorList; l != nil; l = l.EnumeratorList {
		en := l.Enumerator
		if en == nil {
			continue
		}
		v := next
		if c.checked {
			switch x := en.Value().(type) {
			case cc.Int64Value:
				v = int64(x)
			case cc.UInt64Value:
				v = int64(x)
				if uint64(x) > math.MaxInt64 {
					big = true
				}
			}
		} else if en.ConstantExpression != nil {
			if x, ok := c.intValue(en.ConstantExpression); ok {
				v = x
			} else {
				c.warnf(posOf(en.Token), codeOpaque, "value of enumerator %s cannot be evaluated", en.Token.SrcStr())
			}
		}
		next = v + 1
		name := c.str(en.Token)
		c.enumVal[name] = v
		if v < 0 && !big {
			anyNeg = true
		}
		minV, maxV = min(minV, v), max(maxV, v)
		if !big && v >= 0 {
			maxU = max(maxU, uint64(v))
		} else if big {
			maxU = max(maxU, uint64(v))
		}
		ev := ir.Enumerator{Name: name, Value: v, Pos: posOf(en.Token), Doc: c.docBefore(en.Token)}
		// Trailing docs: before the comma, or after it (next enumerator or
		// the closing brace).
		var after cc.Token
		if l.EnumeratorList != nil {
			after = l.EnumeratorList.Token
			if l.EnumeratorList.Enumerator != nil {
				ev.Doc = joinDoc(ev.Doc, joinDoc(trailingDoc(after.Sep()), trailingDoc(l.EnumeratorList.Enumerator.Token.Sep())))
			}
		} else {
			after = n.Token4
			if after.SrcStr() == "" {
				after = n.Token5
			}
			ev.Doc = joinDoc(ev.Doc, joinDoc(trailingDoc(n.Token4.Sep()), trailingDoc(n.Token5.Sep())))
		}
		end := after
		if en.Case == cc.EnumeratorExpr {
			end = en.Token2
		}
		for _, a := range c.gapAttrs(en.Token, end) {
			if a.name == "deprecated" || a.name == "unavailable" {
				ev.Attrs.Deprecated = true
				ev.Attrs.DeprecatedMsg = a.str(0)
			}
		}
		e.Values = append(e.Values, ev)
	}
	if fixed != nil && fixed.Kind == ir.KindPrim {
		e.Underlying = fixed.Prim
	} else {
		e.Underlying = enumUnderlying(anyNeg, big, minV, maxV, maxU, e.Packed)
	}
	c.add(e, c.cur)
	return ir.Named(ir.RefEnum, e.Name)
}

// enumUnderlying is GCC's choice of an enum's integer type on LP64: unsigned
// int when no value is negative, else int, widened to (unsigned) long when
// the values need it; packed enums take the smallest type that fits.
func enumUnderlying(anyNeg, big bool, minV, maxV int64, maxU uint64, packed bool) ir.Prim {
	if big {
		return ir.ULong
	}
	if !anyNeg {
		switch {
		case packed && maxU <= math.MaxUint8:
			return ir.UChar
		case packed && maxU <= math.MaxUint16:
			return ir.UShort
		case maxU <= math.MaxUint32:
			return ir.UInt
		}
		return ir.ULong
	}
	switch {
	case packed && minV >= math.MinInt8 && maxV <= math.MaxInt8:
		return ir.SChar
	case packed && minV >= math.MinInt16 && maxV <= math.MaxInt16:
		return ir.Short
	case minV >= math.MinInt32 && maxV <= math.MaxInt32:
		return ir.Int
	}
	return ir.Long
}

// c23OnTag returns the C23 attributes of a record definition: `struct
// [[gnu::aligned(16)]] s {` (rewrite.go turned them into a comment before
// the tag, or before the brace of an anonymous record).
func (c *conv) c23OnTag(n *cc.StructOrUnionSpecifier) []attr {
	f := c.fs.file(n.StructOrUnion.Token.Position().Filename)
	if f == nil || !f.hasRewrites {
		return nil
	}
	t := n.Token2
	if n.Token.Ch != 0 && n.Token.SrcStr() != "" {
		t = n.Token
	}
	return c.c23Comments(t.Sep())
}
