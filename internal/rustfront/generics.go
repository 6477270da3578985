package rustfront

import (
	"strconv"
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// monoState holds the generic instantiations read so far. C has no
// generics, so `type IntPair = Pair<i32>;` needs a record of its own: it is
// named by mangling the arguments into the name (Pair_i32) and its fields
// are the generic struct's with the parameters replaced.
type monoState struct {
	// subst maps the type parameters of the instantiation being read to
	// their arguments.
	subst map[string]*ir.Type
	// done maps a mangled name to the Rust spelling of its instantiation.
	done map[string]string
}

// substParam returns the argument of a type parameter while an
// instantiation's fields are read, or nil.
func (l *loader) substParam(name string) *ir.Type {
	if l.mono == nil || l.mono.subst == nil {
		return nil
	}
	return l.mono.subst[name]
}

// genericParams lists the lifetime-free parameters of a generic item:
// type parameters by name; ok is false for const generics, which ferry
// does not instantiate.
func genericParams(f *file, tp *sitter.Node) (params []string, ok bool) {
	if tp == nil {
		return nil, true
	}
	for i := uint(0); i < tp.NamedChildCount(); i++ {
		c := tp.NamedChild(i)
		switch c.Kind() {
		case "type_identifier":
			params = append(params, f.text(c))
		case "type_parameter", "constrained_type_parameter", "optional_type_parameter":
			n := c.ChildByFieldName("name")
			if n == nil {
				n = c.ChildByFieldName("left")
			}
			if n == nil {
				n = namedChildOfKind(c, "type_identifier")
			}
			params = append(params, f.text(n))
		case "lifetime", "lifetime_parameter", "constrained_lifetime_parameter", "line_comment", "block_comment", "attribute_item":
		default:
			return nil, false
		}
	}
	return params, true
}

// onlyLifetimes reports whether an item's generics are lifetimes only, so
// it still has one layout.
func onlyLifetimes(f *file, tp *sitter.Node) bool {
	ps, ok := genericParams(f, tp)
	return ok && len(ps) == 0
}

// instantiate returns a reference to the record for generic struct or
// union ti applied to targs, creating it on first use; nil when an
// argument is not concrete (a parameter of an enclosing generic) or has no
// spelling ferry can mangle.
func (l *loader) instantiate(ti *typeInfo, name string, targs []*sitter.Node, u *unit) *ir.Type {
	it := ti.node
	if it.Kind() != "struct_item" && it.Kind() != "union_item" {
		return nil
	}
	params, ok := genericParams(ti.u.f, it.ChildByFieldName("type_parameters"))
	if !ok || len(params) == 0 || len(params) != len(targs) {
		return nil
	}
	if l.mono == nil {
		l.mono = &monoState{done: map[string]string{}}
	}
	args := make([]*ir.Type, len(targs))
	parts := make([]string, len(targs))
	rust := make([]string, len(targs))
	for i, a := range targs {
		args[i] = l.typ(a, u)
		parts[i], rust[i], ok = l.mangle(args[i], 0)
		if !ok {
			return nil
		}
	}
	mname := name + "_" + strings.Join(parts, "_")
	if _, ok := l.mono.done[mname]; ok {
		return ir.Named(ti.kind, mname)
	}
	l.mono.done[mname] = l.rustPathOf(name, ti) + "<" + strings.Join(rust, ", ") + ">"
	a := l.itemAttrs(ti)
	r := &ir.Record{Common: l.common(ti.u, it, a), Union: it.Kind() == "union_item", Complete: true, Repr: a.repr}
	r.Name = mname
	r.Generic = l.mono.done[mname]
	r.Packed, r.PragmaPack, r.AlignAttr = a.packing()
	saved := l.mono.subst
	l.mono.subst = map[string]*ir.Type{}
	for i, p := range params {
		l.mono.subst[p] = args[i]
	}
	r.Fields = l.fields(ti.u, it.ChildByFieldName("body"))
	l.mono.subst = saved
	l.m.Decls = append(l.m.Decls, r)
	return ir.Named(ti.kind, mname)
}

// rustPathOf spells a crate type as a path from the crate root.
func (l *loader) rustPathOf(name string, ti *typeInfo) string {
	if ti.u.path == "" {
		return "crate::" + name
	}
	return "crate::" + ti.u.path + "::" + name
}

// mangle spells a concrete type argument for a C name (i32, Point,
// ptr_u8, u8_4) and for Rust (i32, crate::Point, *mut u8, [u8; 4]).
func (l *loader) mangle(t *ir.Type, depth int) (c, rust string, ok bool) {
	if t == nil || depth > 8 {
		return "", "", false
	}
	switch t.Kind {
	case ir.KindPrim:
		for k, p := range rustPrims {
			if p == t.Prim {
				return k, k, true
			}
		}
		for k, p := range ffiPrims {
			if p == t.Prim && k != "c_size_t" && k != "c_ssize_t" && k != "c_ptrdiff_t" {
				if k == "c_void" {
					return "c_void", "core::ffi::c_void", true
				}
				return k, "core::ffi::" + k, true
			}
		}
	case ir.KindNamed:
		if r, ok := l.mono.done[t.Ref.Name]; ok {
			return t.Ref.Name, r, true
		}
		if ti := l.types[t.Ref.Name]; ti != nil {
			return t.Ref.Name, l.rustPathOf(t.Ref.Name, ti), true
		}
	case ir.KindPointer:
		if t.Flavor != ir.Raw || (t.Elem != nil && t.Elem.Kind == ir.KindFunc) {
			return "", "", false
		}
		ec, er, ok := l.mangle(t.Elem, depth+1)
		if !ok {
			return "", "", false
		}
		if t.Mut {
			return "ptr_" + ec, "*mut " + er, true
		}
		return "constptr_" + ec, "*const " + er, true
	case ir.KindArray:
		if t.Len < 0 {
			return "", "", false
		}
		ec, er, ok := l.mangle(t.Elem, depth+1)
		if !ok {
			return "", "", false
		}
		n := strconv.FormatInt(t.Len, 10)
		return ec + "_" + n, "[" + er + "; " + n + "]", true
	}
	return "", "", false
}

// itemAttrs finds the attributes of a type item again from its parent list.
func (l *loader) itemAttrs(ti *typeInfo) attrSet {
	parent := ti.node.Parent()
	if parent == nil {
		return attrSet{}
	}
	for i := uint(0); i < parent.NamedChildCount(); i++ {
		if parent.NamedChild(i).StartByte() == ti.node.StartByte() {
			return l.attrsBefore(ti.u.f, parent, i)
		}
	}
	return attrSet{}
}
