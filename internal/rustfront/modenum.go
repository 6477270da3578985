package rustfront

import (
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// An enum in the module-of-consts shape (bindgen's moduleconsts style):
//
//	pub mod E {
//	    pub type Type = c_uint;
//	    pub const A: Type = 0;
//	}
//
// and E::Type wherever the enum is used. It reads as one ir.Enum named E
// (ModuleConsts set), declared in the module's parent; references to
// E::Type (or Type inside E) are references to it. Every module has its
// own Type, so they cannot be read as ordinary aliases.

// moduleEnumType returns the `type Type = ...;` item of an item list in
// that shape: one non-generic Type alias, and nothing but consts of type
// Type besides (attributes and comments aside).
func moduleEnumType(f *file, list *sitter.Node) *sitter.Node {
	var tn *sitter.Node
	for i := uint(0); i < list.NamedChildCount(); i++ {
		it := list.NamedChild(i)
		switch it.Kind() {
		case "attribute_item", "inner_attribute_item", "line_comment", "block_comment":
		case "type_item":
			if tn != nil || f.text(it.ChildByFieldName("name")) != "Type" || it.ChildByFieldName("type_parameters") != nil {
				return nil
			}
			tn = it
		case "const_item":
			if strings.ReplaceAll(f.text(it.ChildByFieldName("type")), " ", "") != "Type" {
				return nil
			}
		default:
			return nil
		}
	}
	return tn
}

// moduleEnumRef resolves E::Type (any path ending in a module-enum's name
// and Type), or Type inside E, to the enum E.
func (l *loader) moduleEnumRef(segs []string, u *unit) *ir.Type {
	n := len(segs)
	if segs[n-1] != "Type" {
		return nil
	}
	if n == 1 {
		if u.enumType == nil {
			return nil
		}
		return ir.Named(ir.RefEnum, u.path[strings.LastIndex(u.path, ":")+1:])
	}
	if ti := l.types[segs[n-2]]; ti != nil && ti.modEnum {
		return ir.Named(ir.RefEnum, segs[n-2])
	}
	return nil
}

// moduleEnum converts the module sub (opened by mod_item it in u) into
// one enum. An anonymous C enum (bindgen's `_bindgen_ty_N`) has no name to
// pair it with, so its consts are kept as consts too.
func (l *loader) moduleEnum(u, sub *unit, it *sitter.Node, a attrSet) {
	e := &ir.Enum{Common: l.common(u, it, a), Complete: true, ModuleConsts: true}
	e.Underlying = l.primOf(l.typ(sub.enumType.ChildByFieldName("type"), sub))
	if e.Underlying == ir.PrimInvalid {
		e.Underlying = ir.Int
	}
	f := sub.f
	for i := uint(0); i < sub.list.NamedChildCount(); i++ {
		c := sub.list.NamedChild(i)
		if c.Kind() != "const_item" {
			continue
		}
		cn := c.ChildByFieldName("name")
		v, ok := l.eval(c.ChildByFieldName("value"), sub)
		if !ok {
			l.diags.Warnf(f.pos(cn), CodeUnsupported, "value of `%s::%s` is not a constant expression ferry can evaluate", e.Name, f.text(cn))
			continue
		}
		v = castTo(v, ir.PrimType(e.Underlying), l.m.Target)
		e.Values = append(e.Values, ir.Enumerator{Name: f.text(cn), Value: v.i, Pos: f.pos(cn), Doc: joinDoc(l.attrsBefore(f, sub.list, i).doc)})
	}
	l.m.Decls = append(l.m.Decls, e)
	if strings.HasPrefix(e.Name, "_bindgen_ty_") {
		l.convertUnit(sub)
	}
}
