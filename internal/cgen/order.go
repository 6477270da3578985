package cgen

import (
	"fmt"

	"ferry/internal/ir"
)

// key names a type declaration across the three namespaces.
func key(d ir.Decl) string {
	switch d := d.(type) {
	case *ir.Record:
		if d.Union {
			return "union " + d.Name
		}
		return "struct " + d.Name
	case *ir.Enum:
		return "enum " + d.Name
	}
	return "typedef " + d.DeclName()
}

// visitKey is key plus d's condition: #[cfg] variants of one name (a
// typedef for unix and another for windows) are separate declarations.
func (g *gen) visitKey(d ir.Decl) string {
	if g.opts.Cond != nil {
		if c := g.opts.Cond(d); c != "" {
			return key(d) + "\x00" + c
		}
	}
	return key(d)
}

// visit emits d after everything its definition needs. A record whose
// definition is already underway (a cycle through pointers) only needs its
// forward declaration, which need emits.
func (g *gen) visit(d ir.Decl) {
	k := g.visitKey(d)
	if g.done[k] || g.busy[k] {
		return
	}
	g.busy[k] = true
	defer delete(g.busy, k)
	switch d := d.(type) {
	case *ir.Record:
		if d.Anonymous {
			// Written inline where a member uses it; only its own members'
			// types must come first.
			for _, f := range d.Fields {
				g.need(f.Type, true)
			}
			g.done[k] = true
			return
		}
		if !d.Complete || len(d.Fields) == 0 {
			g.forward(d)
			g.done[k] = true
			return
		}
		for _, f := range d.Fields {
			g.need(f.Type, true)
		}
		g.done[k] = true
		g.item(d, g.recordText(d))
	case *ir.Enum:
		g.done[k] = true
		g.item(d, g.enumText(d))
	case *ir.Typedef:
		g.need(d.Type, false)
		g.done[k] = true
		g.item(d, g.typedefText(d))
	}
}

// need makes sure the declarations t names are out: complete definitions
// when complete is set (by-value use), otherwise a declaration will do.
func (g *gen) need(t *ir.Type, complete bool) {
	if t == nil {
		return
	}
	switch t.Kind {
	case ir.KindPrim:
		if h := primHeader(t.Prim); h != "" {
			g.headers[h] = true
		}
	case ir.KindPointer:
		g.need(t.Elem, false)
	case ir.KindArray:
		g.need(t.Elem, complete)
	case ir.KindFunc:
		g.need(t.Func.Result, false)
		for _, p := range t.Func.Params {
			g.need(p.Type, false)
		}
	case ir.KindNamed:
		d := g.ix.Lookup(t.Ref)
		if d == nil {
			return
		}
		switch d := d.(type) {
		case *ir.Record:
			if complete {
				g.visit(d)
			} else if !g.done[g.visitKey(d)] {
				g.forward(d)
			}
		case *ir.Typedef:
			g.visit(d)
			if complete {
				g.need(d.Type, true)
			}
		default:
			g.visit(d)
		}
	}
}

// forward emits `typedef struct X X;` once.
func (g *gen) forward(r *ir.Record) {
	k := key(r)
	if g.fwd[k] {
		return
	}
	g.fwd[k] = true
	kw := "struct"
	if r.Union {
		kw = "union"
	}
	text := fmt.Sprintf("typedef %s %s %s;\n", kw, r.Name, r.Name)
	if !r.Complete || len(r.Fields) == 0 {
		text = g.docText(r.Doc, "") + text
	}
	g.item(r, text)
}
