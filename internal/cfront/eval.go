package cfront

import (
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/ir"
)

// intValue returns an integer constant expression's value: cc/v4's after
// type checking, else a small evaluator over the syntax tree (parse-only
// fallback) that knows literals, enumerators, macros and arithmetic but not
// sizeof.
func (c *conv) intValue(e cc.ExpressionNode) (int64, bool) {
	if e == nil {
		return 0, false
	}
	if c.checked {
		switch v := e.Value().(type) {
		case cc.Int64Value:
			return int64(v), true
		case cc.UInt64Value:
			return int64(v), true
		}
	}
	return c.eval(e, 0)
}

func (c *conv) eval(e cc.ExpressionNode, depth int) (int64, bool) {
	if e == nil || depth > 64 {
		return 0, false
	}
	switch x := e.(type) {
	case *cc.ConstantExpression:
		return c.eval(x.ConditionalExpression, depth+1)
	case *cc.PrimaryExpression:
		switch x.Case {
		case cc.PrimaryExpressionInt:
			return parseCInt(x.Token.SrcStr())
		case cc.PrimaryExpressionChar:
			s := x.Token.SrcStr()
			if u, err := strconv.Unquote(s); err == nil && len(u) == 1 {
				return int64(int8(u[0])), true
			}
		case cc.PrimaryExpressionIdent:
			if v, ok := c.enumVal[x.Token.SrcStr()]; ok {
				return v, true
			}
		case cc.PrimaryExpressionExpr:
			return c.eval(x.ExpressionList, depth+1)
		}
	case *cc.UnaryExpression:
		v, ok := c.eval(x.CastExpression, depth+1)
		if !ok {
			return 0, false
		}
		switch x.Case {
		case cc.UnaryExpressionPlus:
			return v, true
		case cc.UnaryExpressionMinus:
			return -v, true
		case cc.UnaryExpressionCpl:
			return ^v, true
		case cc.UnaryExpressionNot:
			return b2i(v == 0), true
		}
	case *cc.CastExpression:
		if x.Case == cc.CastExpressionCast {
			return c.eval(x.CastExpression, depth+1)
		}
	case *cc.ConditionalExpression:
		cond, ok := c.eval(x.LogicalOrExpression, depth+1)
		if !ok {
			return 0, false
		}
		if cond != 0 {
			return c.eval(x.ExpressionList, depth+1)
		}
		return c.eval(x.ConditionalExpression, depth+1)
	}
	l, r, op, ok := binary(e)
	if !ok {
		return 0, false
	}
	a, ok1 := c.eval(l, depth+1)
	b, ok2 := c.eval(r, depth+1)
	if !ok1 || !ok2 {
		return 0, false
	}
	switch op {
	case "+":
		return a + b, true
	case "-":
		return a - b, true
	case "*":
		return a * b, true
	case "/":
		if b != 0 {
			return a / b, true
		}
	case "%":
		if b != 0 {
			return a % b, true
		}
	case "<<":
		return a << uint(b&63), true
	case ">>":
		return a >> uint(b&63), true
	case "&":
		return a & b, true
	case "|":
		return a | b, true
	case "^":
		return a ^ b, true
	case "&&":
		return b2i(a != 0 && b != 0), true
	case "||":
		return b2i(a != 0 || b != 0), true
	case "==":
		return b2i(a == b), true
	case "!=":
		return b2i(a != b), true
	case "<":
		return b2i(a < b), true
	case ">":
		return b2i(a > b), true
	case "<=":
		return b2i(a <= b), true
	case ">=":
		return b2i(a >= b), true
	}
	return 0, false
}

// binary decomposes the binary expression nodes.
func binary(e cc.ExpressionNode) (l, r cc.ExpressionNode, op string, ok bool) {
	switch x := e.(type) {
	case *cc.AdditiveExpression:
		return x.AdditiveExpression, x.MultiplicativeExpression, x.Token.SrcStr(), true
	case *cc.MultiplicativeExpression:
		return x.MultiplicativeExpression, x.CastExpression, x.Token.SrcStr(), true
	case *cc.ShiftExpression:
		return x.ShiftExpression, x.AdditiveExpression, x.Token.SrcStr(), true
	case *cc.AndExpression:
		return x.AndExpression, x.EqualityExpression, "&", true
	case *cc.InclusiveOrExpression:
		return x.InclusiveOrExpression, x.ExclusiveOrExpression, "|", true
	case *cc.ExclusiveOrExpression:
		return x.ExclusiveOrExpression, x.AndExpression, "^", true
	case *cc.LogicalAndExpression:
		return x.LogicalAndExpression, x.InclusiveOrExpression, "&&", true
	case *cc.LogicalOrExpression:
		return x.LogicalOrExpression, x.LogicalAndExpression, "||", true
	case *cc.EqualityExpression:
		return x.EqualityExpression, x.RelationalExpression, x.Token.SrcStr(), true
	case *cc.RelationalExpression:
		return x.RelationalExpression, x.ShiftExpression, x.Token.SrcStr(), true
	}
	return nil, nil, "", false
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// parseCInt parses a C integer literal with any suffix.
func parseCInt(s string) (int64, bool) {
	s = strings.TrimRight(s, "uUlLzZ")
	if len(s) > 1 && s[0] == '0' && s[1] != 'x' && s[1] != 'X' && s[1] != 'b' && s[1] != 'B' {
		s = "0o" + s[1:]
	}
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return v, true
	}
	if v, err := strconv.ParseUint(s, 0, 64); err == nil {
		return int64(v), true
	}
	return 0, false
}

// semType converts a cc/v4 type (from type checking) to IR: used for
// typeof and the types of macro constants.
func (c *conv) semType(t cc.Type) *ir.Type {
	return c.semTypeDepth(t, 0)
}

func (c *conv) semTypeDepth(t cc.Type, depth int) *ir.Type {
	if t == nil || depth > 16 {
		return &ir.Type{Kind: ir.KindOpaque, Text: "?"}
	}
	if td := t.Typedef(); td != nil {
		if n := td.Name(); n != "" && !strings.HasPrefix(n, "__predefined_") {
			return c.typedefName(n)
		}
	}
	p := ir.PrimInvalid
	switch t.Kind() {
	case cc.Void:
		p = ir.Void
	case cc.Bool:
		p = ir.Bool
	case cc.Char:
		p = ir.Char
	case cc.SChar:
		p = ir.SChar
	case cc.UChar:
		p = ir.UChar
	case cc.Short:
		p = ir.Short
	case cc.UShort:
		p = ir.UShort
	case cc.Int:
		p = ir.Int
	case cc.UInt:
		p = ir.UInt
	case cc.Long:
		p = ir.Long
	case cc.ULong:
		p = ir.ULong
	case cc.LongLong:
		p = ir.LongLong
	case cc.ULongLong:
		p = ir.ULongLong
	case cc.Int128:
		p = ir.Int128
	case cc.UInt128:
		p = ir.UInt128
	case cc.Float:
		p = ir.Float
	case cc.Double:
		p = ir.Double
	case cc.LongDouble:
		p = ir.LongDouble
	case cc.Float128:
		p = ir.Float128
	case cc.Ptr:
		if pt, ok := t.(*cc.PointerType); ok {
			return ir.PointerTo(c.semTypeDepth(pt.Elem(), depth+1))
		}
	case cc.Array:
		if at, ok := t.(*cc.ArrayType); ok {
			return ir.ArrayOf(c.semTypeDepth(at.Elem(), depth+1), at.Len())
		}
	case cc.Struct:
		if st, ok := t.(*cc.StructType); ok {
			if tag := st.Tag(); tag.SrcStr() != "" {
				return ir.Named(ir.RefStruct, tag.SrcStr())
			}
		}
	case cc.Union:
		if ut, ok := t.(*cc.UnionType); ok {
			if tag := ut.Tag(); tag.SrcStr() != "" {
				return ir.Named(ir.RefUnion, tag.SrcStr())
			}
		}
	case cc.Enum:
		if et, ok := t.(*cc.EnumType); ok {
			if tag := et.Tag(); tag.SrcStr() != "" {
				return ir.Named(ir.RefEnum, tag.SrcStr())
			}
		}
	}
	if p == ir.PrimInvalid {
		return &ir.Type{Kind: ir.KindOpaque, Text: t.String()}
	}
	return ir.PrimType(p)
}
