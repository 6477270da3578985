package rustfront

import (
	"fmt"
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// aggregate reads the value of a const of struct type: a struct literal
// (`Point { x: 0, y: -1 }`), a tuple-struct constructor (`Rgb(1, 2, 3)`),
// or another such const by name, with scalar leaves evaluated. It returns
// nil for anything else (`..base`, shorthand fields, calls of functions).
func (l *loader) aggregate(n *sitter.Node, u *unit, depth int) *ir.Const {
	if n == nil || depth > 16 {
		return nil
	}
	f := u.f
	switch n.Kind() {
	case "parenthesized_expression", "block":
		if n.NamedChildCount() == 1 {
			return l.aggregate(n.NamedChild(0), u, depth+1)
		}
	case "struct_expression":
		t := l.typ(n.ChildByFieldName("name"), u)
		body := n.ChildByFieldName("body")
		if t.Kind != ir.KindNamed || body == nil {
			return nil
		}
		c := &ir.Const{Kind: ir.ConstAggregate, Type: t, Expr: f.text(n)}
		for i := uint(0); i < body.NamedChildCount(); i++ {
			fi := body.NamedChild(i)
			switch fi.Kind() {
			case "field_initializer":
				v := l.constOf(fi.ChildByFieldName("value"), u, depth+1)
				if v == nil {
					return nil
				}
				c.Fields = append(c.Fields, ir.ConstField{Name: f.text(fi.ChildByFieldName("field")), Value: v})
			case "line_comment", "block_comment", "attribute_item":
			default:
				return nil
			}
		}
		return c
	case "call_expression":
		name := f.text(n.ChildByFieldName("function"))
		var t *ir.Type
		if name == "Self" {
			t = l.substParam("Self")
		} else if ti := l.types[name[strings.LastIndex(name, ":")+1:]]; ti != nil && ti.node.Kind() == "struct_item" {
			t = ir.Named(ti.kind, name[strings.LastIndex(name, ":")+1:])
		}
		args := n.ChildByFieldName("arguments")
		if t == nil || t.Kind != ir.KindNamed || args == nil {
			return nil
		}
		c := &ir.Const{Kind: ir.ConstAggregate, Type: t, Expr: f.text(n)}
		for i := uint(0); i < args.NamedChildCount(); i++ {
			v := l.constOf(args.NamedChild(i), u, depth+1)
			if v == nil {
				return nil
			}
			c.Fields = append(c.Fields, ir.ConstField{Name: fmt.Sprintf("_%d", i), Value: v})
		}
		return c
	case "identifier", "scoped_identifier":
		name := f.text(n)
		if ci, ok := l.consts[name[strings.LastIndex(name, ":")+1:]]; ok && !l.evaluating[name] {
			l.evaluating[name] = true
			defer delete(l.evaluating, name)
			return l.aggregate(ci.node.ChildByFieldName("value"), ci.u, depth+1)
		}
	}
	return nil
}

// constOf is a member value: a scalar if it evaluates, else an aggregate.
func (l *loader) constOf(n *sitter.Node, u *unit, depth int) *ir.Const {
	if v, ok := l.eval(n, u); ok {
		if v.kind == ir.ConstString && len(v.s) > 0 && v.s[len(v.s)-1] == 0 {
			v.s = v.s[:len(v.s)-1]
		}
		return &ir.Const{Kind: v.kind, Int: v.i, Unsigned: v.unsigned, Float: v.f, Str: v.s, Expr: u.f.text(n)}
	}
	return l.aggregate(n, u, depth)
}

// implConst reads a pub const of an inherent impl as the C constant
// TYPE_NAME (C has no associated items).
func (l *loader) implConst(u *unit, c *sitter.Node, a attrSet, typeName string) {
	if !isPub(c) {
		return
	}
	n := len(l.m.Decls)
	l.constItem(u, c, a)
	if len(l.m.Decls) > n {
		if k, ok := l.m.Decls[n].(*ir.Const); ok {
			k.Name = typeName + "_" + k.Name
		}
	}
}
