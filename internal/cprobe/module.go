package cprobe

import (
	"strings"

	"ferry/internal/ir"
)

// ModuleOptions configures ModuleQuery. The zero value asks about every
// record, typedef and enum (and enumerator) the C side declares.
type ModuleOptions struct {
	Prelude string   // e.g. `#include "/abs/x.h"` lines
	CFlags  []string // as the front end was given them
	// Consts also asks for every integer and floating macro constant.
	Consts bool
	// Primary limits the questions to declarations from the headers named
	// on the command line (ir.FromPrimary).
	Primary bool
}

// probeItem is one question about the module and what it is about, so that
// Compare can find ferry's answer for it.
type probeItem struct {
	key  string
	rec  *ir.Record  // a record type query
	td   *ir.Typedef // a typedef type query
	enum *ir.Enum    // an enum type query, or the enum of an enumerator
	val  *ir.Enumerator
	cnst *ir.Const
	path []fieldStep // a field query: the members from the named record down
	kind FieldKind
}

// fieldStep is one member on a path: field i of rec.
type fieldStep struct {
	rec *ir.Record
	i   int
}

func (s fieldStep) field() *ir.Field { return &s.rec.Fields[s.i] }

// ModuleQuery builds the query covering m: the size and alignment of every
// complete record that C can name (`struct tag`, `union tag`, or the
// typedef of an anonymous record), every member of those records (through
// anonymous members and members of unnamed record types, bitfields
// included), every typedef and enum, and the value of every enumerator.
// Rust-side declarations are left out.
func ModuleQuery(m *ir.Module, opts ModuleOptions) Query {
	q := Query{Prelude: opts.Prelude, CFlags: opts.CFlags}
	for _, it := range moduleItems(m, opts) {
		switch {
		case it.path != nil:
			q.Fields = append(q.Fields, FieldQuery{Record: cName(it.path[0].rec), Path: pathString(it.path), Kind: it.kind})
		case it.val != nil || it.cnst != nil:
			q.Consts = append(q.Consts, ConstQuery{Expr: it.key})
		default:
			q.Types = append(q.Types, TypeQuery{Type: it.key})
		}
	}
	return q
}

// moduleItems lists the questions about m in declaration order.
func moduleItems(m *ir.Module, opts ModuleOptions) []probeItem {
	ix := ir.NewIndex(m)
	var items []probeItem
	seenRec := map[*ir.Record]bool{}
	seenType := map[string]bool{}
	keep := func(d ir.Decl, c *ir.Common) bool {
		// Rust declarations have no C spelling; nor do the front end's
		// stand-ins for compiler builtins (positions like <builtin>), e.g.
		// struct __va_list_tag, which C code cannot name.
		if c.Origin == ir.FromRust || strings.HasPrefix(c.Pos.File, "<") {
			return false
		}
		return !opts.Primary || c.Origin == ir.FromPrimary
	}
	for _, d := range m.Decls {
		switch d := d.(type) {
		case *ir.Record:
			if !keep(d, &d.Common) || !d.Complete || seenRec[d] {
				continue
			}
			name := cName(d)
			if name == "" || seenType[name] {
				continue
			}
			seenRec[d], seenType[name] = true, true
			items = append(items, probeItem{key: name, rec: d})
			items = fieldItems(ix, items, name, nil, d, 0)
		case *ir.Typedef:
			if !keep(d, &d.Common) || seenType[d.Name] || !sizedInC(ix, d.Type) {
				continue
			}
			seenType[d.Name] = true
			items = append(items, probeItem{key: d.Name, td: d})
		case *ir.Enum:
			if !keep(d, &d.Common) || !d.Complete {
				continue
			}
			name := "enum " + d.Name
			if d.Anonymous {
				name = d.TypedefName
			}
			if name != "" && !seenType[name] {
				seenType[name] = true
				items = append(items, probeItem{key: name, enum: d})
			}
			for i := range d.Values {
				v := &d.Values[i]
				if !seenType["="+v.Name] {
					seenType["="+v.Name] = true
					items = append(items, probeItem{key: v.Name, enum: d, val: v})
				}
			}
		case *ir.Const:
			if !opts.Consts || !keep(d, &d.Common) || (d.Kind != ir.ConstInt && d.Kind != ir.ConstFloat && d.Kind != ir.ConstChar) {
				continue
			}
			if !seenType["="+d.Name] {
				seenType["="+d.Name] = true
				items = append(items, probeItem{key: d.Name, cnst: d})
			}
		}
	}
	return items
}

// fieldItems adds a question for every named member of r, reached from the
// record C calls top by the members in path.
func fieldItems(ix *ir.Index, items []probeItem, top string, path []fieldStep, r *ir.Record, depth int) []probeItem {
	if depth > 32 {
		return items
	}
	for i := range r.Fields {
		f := &r.Fields[i]
		step := append(append([]fieldStep(nil), path...), fieldStep{r, i})
		if f.Name == "" {
			if f.Bitfield {
				continue // unnamed bitfields cannot be named
			}
			if sub := ix.Record(f.Type); sub != nil && sub.Complete {
				items = fieldItems(ix, items, top, step, sub, depth+1)
			}
			continue
		}
		kind := Plain
		t := ix.Resolve(f.Type)
		switch {
		case f.Bitfield:
			kind = Bitfield
		case t != nil && t.Kind == ir.KindArray && t.Len < 0:
			kind = OffsetOnly
		}
		items = append(items, probeItem{key: top + "." + pathString(step), path: step, kind: kind})
		// A member of an unnamed record type: its members are reachable only
		// through this one.
		if t != nil && t.Kind == ir.KindNamed && !f.Bitfield {
			if sub := ix.Record(t); sub != nil && sub.Complete && sub.Anonymous && sub.TypedefName == "" {
				items = fieldItems(ix, items, top, step, sub, depth+1)
			}
		}
	}
	return items
}

// pathString is the C member designator for path: anonymous members are
// skipped, since C reaches their members directly.
func pathString(path []fieldStep) string {
	s := ""
	for _, st := range path {
		if n := st.field().Name; n != "" {
			if s != "" {
				s += "."
			}
			s += n
		}
	}
	return s
}

// cName is how C names record r, or "" if it cannot be named.
func cName(r *ir.Record) string {
	if r.Anonymous {
		return r.TypedefName
	}
	if r.Union {
		return "union " + r.Name
	}
	return "struct " + r.Name
}

// sizedInC reports whether sizeof may be applied to t in C: not void, not
// a function type, not an incomplete record or array.
func sizedInC(ix *ir.Index, t *ir.Type) bool {
	t = ix.Resolve(t)
	switch {
	case t == nil, t.IsVoid(), t.Kind == ir.KindFunc, t.Kind == ir.KindRust:
		return false
	case t.Kind == ir.KindArray && t.Len < 0:
		return false
	case t.Kind == ir.KindNamed:
		switch d := ix.Lookup(t.Ref).(type) {
		case *ir.Record:
			return d.Complete
		case *ir.Enum:
			return d.Complete
		case nil:
			return false
		}
	}
	return true
}
