package cfront

import (
	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// specs is a flattened list of declaration specifiers.
type specs struct {
	typedef, extern, static, threadLocal bool
	inline, noreturn                     bool
	konst, volatile                      bool
	ts                                   []*cc.TypeSpecifier
	attrs                                []*cc.AttributeSpecifierList
	aligns                               []*cc.AlignmentSpecifier
}

// flattenDS flattens declaration specifiers. The type specifiers are
// slices of one shared arena (capacity-limited, never appended to later):
// a declaration has one or two, and a slice each was a fifth of the
// conversion's allocations.
func (c *conv) flattenDS(ds *cc.DeclarationSpecifiers) (s specs) {
	start := len(c.tsArena)
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		switch ds.Case {
		case cc.DeclarationSpecifiersStorage:
			switch ds.StorageClassSpecifier.Case {
			case cc.StorageClassSpecifierTypedef:
				s.typedef = true
			case cc.StorageClassSpecifierExtern:
				s.extern = true
			case cc.StorageClassSpecifierStatic:
				s.static = true
			case cc.StorageClassSpecifierThreadLocal:
				s.threadLocal = true
			}
		case cc.DeclarationSpecifiersTypeSpec:
			c.tsArena = append(c.tsArena, ds.TypeSpecifier)
		case cc.DeclarationSpecifiersTypeQual:
			s.qual(ds.TypeQualifier)
		case cc.DeclarationSpecifiersFunc:
			switch ds.FunctionSpecifier.Case {
			case cc.FunctionSpecifierInline:
				s.inline = true
			case cc.FunctionSpecifierNoreturn:
				s.noreturn = true
			}
		case cc.DeclarationSpecifiersAlignSpec:
			s.aligns = append(s.aligns, ds.AlignmentSpecifier)
		case cc.DeclarationSpecifiersAttr:
			if ds.AttributeSpecifierList != nil {
				s.attrs = append(s.attrs, ds.AttributeSpecifierList)
			}
		}
	}
	s.ts = c.arenaTS(start)
	return s
}

// arenaTS returns the type specifiers appended to the arena since start.
func (c *conv) arenaTS(start int) []*cc.TypeSpecifier {
	if len(c.tsArena) == start {
		return nil
	}
	ts := c.tsArena[start:len(c.tsArena):len(c.tsArena)]
	if cap(c.tsArena)-len(c.tsArena) < 16 {
		c.tsArena = make([]*cc.TypeSpecifier, 0, 1024)
	}
	return ts
}

func (c *conv) flattenSQL(l *cc.SpecifierQualifierList) (s specs) {
	start := len(c.tsArena)
	for ; l != nil; l = l.SpecifierQualifierList {
		if l.AttributeSpecifierList != nil {
			s.attrs = append(s.attrs, l.AttributeSpecifierList)
		}
		switch l.Case {
		case cc.SpecifierQualifierListTypeSpec:
			c.tsArena = append(c.tsArena, l.TypeSpecifier)
		case cc.SpecifierQualifierListTypeQual:
			s.qual(l.TypeQualifier)
		case cc.SpecifierQualifierListAlignSpec:
			s.aligns = append(s.aligns, l.AlignmentSpecifier)
		}
	}
	s.ts = c.arenaTS(start)
	return s
}

func (s *specs) qual(q *cc.TypeQualifier) {
	if q == nil {
		return
	}
	switch q.Case {
	case cc.TypeQualifierConst:
		s.konst = true
	case cc.TypeQualifierVolatile:
		s.volatile = true
	case cc.TypeQualifierAttr:
		if q.AttributeSpecifierList != nil {
			s.attrs = append(s.attrs, q.AttributeSpecifierList)
		}
	}
}

// anonCtx names anonymous records and enums met while converting a type.
type anonCtx struct {
	// base is the synthesized name an anonymous record defined here gets;
	// typedefName is set when a typedef names it directly.
	base        string
	typedefName string
}

// baseType converts the type specifiers.
func (c *conv) baseType(s *specs, ctx anonCtx) *ir.Type {
	var (
		nLong                                               int
		signed, unsigned, char, short, isInt, complex, i128 bool
		t                                                   *ir.Type
		p                                                   ir.Prim
	)
	for _, ts := range s.ts {
		switch ts.Case {
		case cc.TypeSpecifierVoid:
			p = ir.Void
		case cc.TypeSpecifierChar:
			char = true
		case cc.TypeSpecifierShort:
			short = true
		case cc.TypeSpecifierInt:
			isInt = true
		case cc.TypeSpecifierInt128:
			i128 = true
		case cc.TypeSpecifierUint128:
			i128, unsigned = true, true
		case cc.TypeSpecifierLong:
			nLong++
		case cc.TypeSpecifierFloat, cc.TypeSpecifierFloat32:
			p = ir.Float
		case cc.TypeSpecifierDouble, cc.TypeSpecifierFloat64, cc.TypeSpecifierFloat32x:
			p = ir.Double
		case cc.TypeSpecifierFloat64x:
			p = ir.LongDouble
		case cc.TypeSpecifierFloat128:
			p = ir.Float128
		case cc.TypeSpecifierFloat16:
			p = ir.Float16
		case cc.TypeSpecifierSigned:
			signed = true
		case cc.TypeSpecifierUnsigned:
			unsigned = true
		case cc.TypeSpecifierBool:
			p = ir.Bool
		case cc.TypeSpecifierComplex:
			complex = true
		case cc.TypeSpecifierStructOrUnion:
			t = c.structSpec(ts.StructOrUnionSpecifier, ctx)
		case cc.TypeSpecifierEnum:
			t = c.enumSpec(ts.EnumSpecifier, ctx)
		case cc.TypeSpecifierTypeName:
			t = c.typedefName(c.str(ts.Token))
		case cc.TypeSpecifierTypeofExpr:
			t = c.semType(typeOfNode(ts.ExpressionList))
		case cc.TypeSpecifierTypeofType:
			t = c.typeName(ts.TypeName)
		case cc.TypeSpecifierAtomic:
			if a := ts.AtomicTypeSpecifier; a != nil {
				t = c.typeName(a.TypeName)
			}
		default: // _Decimal*, __bf16, _Float128x, _Imaginary
			t = &ir.Type{Kind: ir.KindOpaque, Text: ts.Token.SrcStr()}
		}
	}
	if t == nil {
		switch {
		case p == ir.Double && nLong > 0:
			p = ir.LongDouble
		case p != ir.PrimInvalid:
		case char:
			p = ir.Char
			if unsigned {
				p = ir.UChar
			} else if signed {
				p = ir.SChar
			}
		case short:
			p = pick(unsigned, ir.Short, ir.UShort)
		case i128:
			p = pick(unsigned, ir.Int128, ir.UInt128)
		case nLong == 1:
			p = pick(unsigned, ir.Long, ir.ULong)
		case nLong >= 2:
			p = pick(unsigned, ir.LongLong, ir.ULongLong)
		default:
			_ = isInt
			p = pick(unsigned, ir.Int, ir.UInt)
		}
		t = ir.PrimType(p)
		if complex {
			t = &ir.Type{Kind: ir.KindOpaque, Text: "_Complex " + p.String()}
		}
	}
	if s.konst || s.volatile {
		u := *t
		u.Const = u.Const || s.konst
		u.Volatile = u.Volatile || s.volatile
		t = &u
	}
	return t
}

func pick(unsigned bool, s, u ir.Prim) ir.Prim {
	if unsigned {
		return u
	}
	return s
}

// typedefName converts a reference to a typedef, mapping the names ferry
// models itself.
func (c *conv) typedefName(n string) *ir.Type {
	switch n {
	case "__ferry_float16":
		return ir.PrimType(ir.Float16)
	case "__ferry_bf16":
		return &ir.Type{Kind: ir.KindOpaque, Text: "__bf16"}
	case vaListBuiltin:
		c.needVaList = true
	}
	return ir.Named(ir.RefTypedef, n)
}

func typeOfNode(e cc.ExpressionNode) cc.Type {
	if e == nil {
		return nil
	}
	return e.Type()
}

// typeName converts a type name (specifiers plus abstract declarator).
func (c *conv) typeName(tn *cc.TypeName) *ir.Type {
	if tn == nil {
		return &ir.Type{Kind: ir.KindOpaque, Text: "?"}
	}
	s := c.flattenSQL(tn.SpecifierQualifierList)
	t := c.baseType(&s, anonCtx{})
	t = c.abstract(t, tn.AbstractDeclarator, false)
	return t
}

// declarator applies a declarator to base and returns the type and the
// declared name's token.
func (c *conv) declarator(base *ir.Type, d *cc.Declarator, param bool) (*ir.Type, cc.Token) {
	if d == nil {
		return base, cc.Token{}
	}
	t := c.pointer(base, d.Pointer)
	return c.direct(t, d.DirectDeclarator, param)
}

// pointer applies `* quals * quals ...`: the leftmost star binds first.
func (c *conv) pointer(t *ir.Type, p *cc.Pointer) *ir.Type {
	for ; p != nil; p = p.Pointer {
		t = ir.PointerTo(t)
		if p.Case == cc.PointerBlock {
			t = &ir.Type{Kind: ir.KindOpaque, Text: "block pointer"}
			continue
		}
		for q := p.TypeQualifiers; q != nil; q = q.TypeQualifiers {
			tq := q.TypeQualifier
			if tq == nil {
				continue
			}
			switch tq.Case {
			case cc.TypeQualifierConst:
				t.Const = true
			case cc.TypeQualifierVolatile:
				t.Volatile = true
			case cc.TypeQualifierNonnull:
				t.Null = nullability(tq.Token)
			}
		}
	}
	return t
}

// nullability reads the marker rewriteSource left before `_Nonnull`.
func nullability(t cc.Token) ir.Nullability {
	sep := t.Sep()
	if len(sep) > 0 {
		switch sep[len(sep)-1] {
		case markNullable:
			return ir.Nullable
		case markUnspecified:
			return ir.NullUnspecified
		}
	}
	return ir.NonNull
}

// direct applies a direct declarator. In C the declarator nearest the name
// binds last, so each level wraps t and recurses inwards.
func (c *conv) direct(t *ir.Type, dd *cc.DirectDeclarator, param bool) (*ir.Type, cc.Token) {
	for dd != nil {
		switch dd.Case {
		case cc.DirectDeclaratorIdent:
			return t, dd.Token
		case cc.DirectDeclaratorDecl:
			if dd.Declarator == nil {
				return t, cc.Token{}
			}
			t = c.pointer(t, dd.Declarator.Pointer)
			dd = dd.Declarator.DirectDeclarator
			param = false
		case cc.DirectDeclaratorArr, cc.DirectDeclaratorStaticArr, cc.DirectDeclaratorArrStatic, cc.DirectDeclaratorStar:
			static := dd.Case == cc.DirectDeclaratorStaticArr || dd.Case == cc.DirectDeclaratorArrStatic
			t = c.array(t, dd.AssignmentExpression, dd.TypeQualifiers, static, param && isIdentDD(dd.DirectDeclarator))
			dd = dd.DirectDeclarator
		case cc.DirectDeclaratorFuncParam:
			t = &ir.Type{Kind: ir.KindFunc, Func: c.params(t, dd.ParameterTypeList)}
			dd = dd.DirectDeclarator
		case cc.DirectDeclaratorFuncIdent:
			t = &ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: t, NoProto: true, ABI: "C"}}
			dd = dd.DirectDeclarator
		default:
			return t, cc.Token{}
		}
	}
	return t, cc.Token{}
}

func isIdentDD(dd *cc.DirectDeclarator) bool {
	return dd == nil || dd.Case == cc.DirectDeclaratorIdent
}

// abstract applies an abstract declarator.
func (c *conv) abstract(t *ir.Type, ad *cc.AbstractDeclarator, param bool) *ir.Type {
	if ad == nil {
		return t
	}
	t = c.pointer(t, ad.Pointer)
	return c.directAbstract(t, ad.DirectAbstractDeclarator, param)
}

func (c *conv) directAbstract(t *ir.Type, dd *cc.DirectAbstractDeclarator, param bool) *ir.Type {
	for dd != nil {
		switch dd.Case {
		case cc.DirectAbstractDeclaratorDecl:
			if dd.AbstractDeclarator == nil {
				return t
			}
			t = c.pointer(t, dd.AbstractDeclarator.Pointer)
			dd = dd.AbstractDeclarator.DirectAbstractDeclarator
			param = false
		case cc.DirectAbstractDeclaratorArr, cc.DirectAbstractDeclaratorStaticArr, cc.DirectAbstractDeclaratorArrStatic, cc.DirectAbstractDeclaratorArrStar:
			static := dd.Case == cc.DirectAbstractDeclaratorStaticArr || dd.Case == cc.DirectAbstractDeclaratorArrStatic
			t = c.array(t, dd.AssignmentExpression, dd.TypeQualifiers, static, param && dd.DirectAbstractDeclarator == nil)
			dd = dd.DirectAbstractDeclarator
		case cc.DirectAbstractDeclaratorFunc:
			t = &ir.Type{Kind: ir.KindFunc, Func: c.params(t, dd.ParameterTypeList)}
			dd = dd.DirectAbstractDeclarator
		default:
			return t
		}
	}
	return t
}

// array builds `elem[n]`; as the outermost level of a parameter it is the
// adjusted pointer type (C 6.7.6.3p7), keeping [static N] and the array's
// qualifiers.
func (c *conv) array(elem *ir.Type, n cc.ExpressionNode, quals *cc.TypeQualifiers, static, paramTop bool) *ir.Type {
	length := int64(-1)
	if n != nil {
		if v, ok := c.intValue(n); ok {
			length = v
		} else if !paramTop {
			return &ir.Type{Kind: ir.KindOpaque, Text: "variable length array"}
		}
	}
	if !paramTop {
		return ir.ArrayOf(elem, length)
	}
	p := ir.PointerTo(elem)
	for q := quals; q != nil; q = q.TypeQualifiers {
		if tq := q.TypeQualifier; tq != nil {
			switch tq.Case {
			case cc.TypeQualifierConst:
				p.Const = true
			case cc.TypeQualifierVolatile:
				p.Volatile = true
			case cc.TypeQualifierNonnull:
				p.Null = nullability(tq.Token)
			}
		}
	}
	if static {
		p.StaticLen = true
		p.Len = length
		p.Null = ir.NonNull
	}
	return p
}

// params converts a parameter list into a function type returning result.
func (c *conv) params(result *ir.Type, ptl *cc.ParameterTypeList) *ir.FuncType {
	ft := &ir.FuncType{Result: result, ABI: "C"}
	if ptl == nil {
		ft.NoProto = true
		return ft
	}
	ft.Variadic = ptl.Case == cc.ParameterTypeListVar
	n := 0
	for l := ptl.ParameterList; l != nil; l = l.ParameterList {
		if l.ParameterDeclaration != nil {
			n++
		}
	}
	if n > 0 {
		ft.Params = make([]ir.Param, 0, n)
	}
	for l := ptl.ParameterList; l != nil; l = l.ParameterList {
		pd := l.ParameterDeclaration
		if pd == nil {
			continue
		}
		s := c.flattenDS(pd.DeclarationSpecifiers)
		base := c.baseType(&s, anonCtx{})
		var t *ir.Type
		var name string
		var pos diag.Pos
		switch pd.Case {
		case cc.ParameterDeclarationDecl:
			var tok cc.Token
			t, tok = c.declarator(base, pd.Declarator, true)
			name = c.str(tok)
			pos = posOf(tok)
		default:
			t = c.abstract(base, pd.AbstractDeclarator, true)
		}
		if len(s.attrs) > 0 || pd.AttributeSpecifierList != nil {
			pattrs := c.attrList(pd.AttributeSpecifierList)
			for _, l := range s.attrs {
				pattrs = append(pattrs, c.attrList(l)...)
			}
			t = c.applyMode(t, pattrs)
		}
		if t.Kind == ir.KindFunc {
			t = ir.PointerTo(t)
		}
		if t.Kind == ir.KindArray { // not reached by the paramTop path, e.g. typeof
			t = ir.PointerTo(t.Elem)
		}
		ft.Params = append(ft.Params, ir.Param{Name: name, Type: t, Pos: pos, Attrs: ir.ParamAttrs{SizeParam: -1}})
	}
	if len(ft.Params) == 1 && ft.Params[0].Type.IsVoid() && ft.Params[0].Name == "" {
		ft.Params = nil
	}
	return ft
}
