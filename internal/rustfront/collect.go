package rustfront

import (
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// collect records, for one unit, what later passes must look up before
// they meet it: `use` aliases, the names of declared types, fns, consts and
// the associated consts that turn a transparent newtype into an enum.
func (l *loader) collect(u *unit) {
	f := u.f
	if u.path != "" {
		if tn := moduleEnumType(f, u.list); tn != nil {
			u.enumType = tn
			name := u.path[strings.LastIndex(u.path, ":")+1:]
			l.addType(name, &typeInfo{kind: ir.RefEnum, node: tn, u: u, modEnum: true})
		}
	}
	for i := uint(0); i < u.list.NamedChildCount(); i++ {
		it := u.list.NamedChild(i)
		name := f.text(it.ChildByFieldName("name"))
		switch it.Kind() {
		case "use_declaration":
			l.collectUse(u, it.ChildByFieldName("argument"), "")
		case "struct_item":
			ti := &typeInfo{kind: ir.RefStruct, node: it, u: u}
			if tp := it.ChildByFieldName("type_parameters"); tp != nil {
				ti.wrapper = isStorageWrapper(f, it, tp)
				ti.flex = !ti.wrapper && isFlexWrapper(f, it, tp)
			}
			l.addType(name, ti)
		case "union_item":
			l.addType(name, &typeInfo{kind: ir.RefUnion, node: it, u: u})
		case "enum_item":
			k := ir.RefEnum
			if enumHasFields(it) {
				k = ir.RefStruct
				if a := l.attrsBefore(f, u.list, i); a.reprInt() != "" && !a.hasRepr("C") {
					k = ir.RefUnion
				}
			} else if enumIsEmpty(it) {
				k = ir.RefStruct // an empty enum is the old opaque-type idiom
			}
			l.addType(name, &typeInfo{kind: k, node: it, u: u})
		case "type_item":
			if u.enumType != nil && it.StartByte() == u.enumType.StartByte() {
				continue // the module's Type is the enum, named after the module
			}
			if it.ChildByFieldName("type_parameters") == nil {
				l.addType(name, &typeInfo{kind: ir.RefTypedef, node: it, u: u})
			}
		case "function_item":
			if _, dup := l.fns[name]; !dup {
				l.fns[name] = fnItem{it, u}
			}
		case "const_item":
			if _, dup := l.consts[name]; !dup {
				l.consts[name] = constItem{it, u}
			}
		case "foreign_mod_item":
			if body := it.ChildByFieldName("body"); body != nil {
				for j := uint(0); j < body.NamedChildCount(); j++ {
					if c := body.NamedChild(j); c.Kind() == "function_signature_item" {
						l.foreign[f.text(c.ChildByFieldName("name"))] = true
					}
				}
			}
		case "impl_item":
			l.collectImpl(u, it)
		}
	}
}

func (l *loader) addType(name string, ti *typeInfo) {
	if name == "" {
		return
	}
	if _, dup := l.types[name]; !dup {
		l.types[name] = ti
	}
}

func (l *loader) collectUse(u *unit, n *sitter.Node, prefix string) {
	if n == nil {
		return
	}
	f := u.f
	switch n.Kind() {
	case "identifier", "scoped_identifier", "crate", "self", "super":
		p := joinPath(prefix, f.text(n))
		last := p[strings.LastIndex(p, ":")+1:]
		if last == "self" { // use a::b::{self}
			p = strings.TrimSuffix(p, "::self")
			last = p[strings.LastIndex(p, ":")+1:]
		}
		u.uses[last] = p
	case "use_as_clause":
		p := joinPath(prefix, f.text(n.ChildByFieldName("path")))
		u.uses[f.text(n.ChildByFieldName("alias"))] = p
	case "use_wildcard":
		p := prefix
		if c := n.NamedChild(0); c != nil {
			p = joinPath(prefix, f.text(c))
		}
		u.globs = append(u.globs, p)
	case "scoped_use_list":
		p := prefix
		if c := n.ChildByFieldName("path"); c != nil {
			p = joinPath(prefix, f.text(c))
		}
		l.collectUse(u, n.ChildByFieldName("list"), p)
	case "use_list":
		for i := uint(0); i < n.NamedChildCount(); i++ {
			l.collectUse(u, n.NamedChild(i), prefix)
		}
	}
}

// collectImpl records `impl N { pub const A: N = N(1); }` for a transparent
// newtype N, the shape of enum bindings that keep C's open set of values.
func (l *loader) collectImpl(u *unit, it *sitter.Node) {
	f := u.f
	if it.ChildByFieldName("trait") != nil {
		return
	}
	tn := f.text(it.ChildByFieldName("type"))
	body := it.ChildByFieldName("body")
	if body == nil {
		return
	}
	for i := uint(0); i < body.NamedChildCount(); i++ {
		c := body.NamedChild(i)
		switch c.Kind() {
		case "const_item":
			ct := f.text(c.ChildByFieldName("type"))
			if ct == tn || ct == "Self" {
				l.newtypes[tn] = append(l.newtypes[tn], constItem{c, u})
			}
		case "function_item":
			name := f.text(c.ChildByFieldName("name"))
			if _, dup := l.fns[name]; !dup {
				l.fns[name] = fnItem{c, u}
			}
		}
	}
}

func enumHasFields(it *sitter.Node) bool {
	body := it.ChildByFieldName("body")
	if body == nil {
		return false
	}
	for i := uint(0); i < body.NamedChildCount(); i++ {
		if v := body.NamedChild(i); v.Kind() == "enum_variant" && v.ChildByFieldName("body") != nil {
			return true
		}
	}
	return false
}

func enumIsEmpty(it *sitter.Node) bool {
	body := it.ChildByFieldName("body")
	return body == nil || namedChildOfKind(body, "enum_variant") == nil
}

// typeParams lists the names of a generic item's type parameters.
func typeParams(f *file, tp *sitter.Node) []string {
	var params []string
	for i := uint(0); i < tp.NamedChildCount(); i++ {
		c := tp.NamedChild(i)
		switch c.Kind() {
		case "type_identifier":
			params = append(params, f.text(c))
		case "type_parameter", "constrained_type_parameter":
			params = append(params, f.text(c.ChildByFieldName("name")))
		}
	}
	return params
}

// isFlexWrapper reports whether a generic struct with one type parameter
// T has only zero-sized fields, at least one of them `[T; 0]`: bindgen's
// __IncompleteArrayField<T>(PhantomData<T>, [T; 0]) for a C flexible
// array member. References to it read as a zero-length array of T.
func isFlexWrapper(f *file, it, tp *sitter.Node) bool {
	params := typeParams(f, tp)
	body := it.ChildByFieldName("body")
	if len(params) != 1 || body == nil {
		return false
	}
	zeroArray := false
	for _, t := range body.ChildrenByFieldName("type", body.Walk()) {
		s := strings.ReplaceAll(f.text(&t), " ", "")
		switch {
		case s == "["+params[0]+";0]":
			zeroArray = true
		case strings.HasSuffix(s, "PhantomData<"+params[0]+">"):
		default:
			return false
		}
	}
	if body.Kind() == "field_declaration_list" {
		for i := uint(0); i < body.NamedChildCount(); i++ {
			c := body.NamedChild(i)
			if c.Kind() != "field_declaration" {
				continue
			}
			s := strings.ReplaceAll(f.text(c.ChildByFieldName("type")), " ", "")
			if s == "["+params[0]+";0]" {
				zeroArray = true
			} else if !strings.HasSuffix(s, "PhantomData<"+params[0]+">") {
				return false
			}
		}
	}
	return zeroArray
}

// isStorageWrapper reports whether a generic struct has exactly one type
// parameter and one field of that type (so its layout is its argument's).
func isStorageWrapper(f *file, it, tp *sitter.Node) bool {
	var params []string
	for i := uint(0); i < tp.NamedChildCount(); i++ {
		c := tp.NamedChild(i)
		switch c.Kind() {
		case "type_identifier":
			params = append(params, f.text(c))
		case "type_parameter", "constrained_type_parameter":
			params = append(params, f.text(c.ChildByFieldName("name")))
		}
	}
	body := it.ChildByFieldName("body")
	if len(params) != 1 || body == nil {
		return false
	}
	var fields []*sitter.Node
	for i := uint(0); i < body.NamedChildCount(); i++ {
		if c := body.NamedChild(i); c.Kind() == "field_declaration" {
			fields = append(fields, c)
		}
	}
	return len(fields) == 1 && f.text(fields[0].ChildByFieldName("type")) == params[0]
}
