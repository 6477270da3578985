package rustgen

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// A large module is written in two halves at once, on two goroutines, and
// the halves are joined: the output is byte for byte the sequential one.
// Each half has its own output, diagnostics, extern block and caches; the
// names (nameTypes, nameValues), the record plans and which typedef of a
// name is written are worked out before, and the halves only read them.
// A half that would have to write shared state (name a stub for an
// undeclared type, plan a record not planned before) gives up, and the
// module is written sequentially.

// halvesMin is the number of declarations from which a module is written
// in halves; below it the second goroutine is not worth its start.
const halvesMin = 512

// splitPoint returns where the second half starts: the first declaration
// past the middle that closes an extern block (no function or variable),
// so that each half opens and closes its own blocks as the sequential
// writer does; 0 when the module is not split.
func (e *emitter) splitPoint() int {
	decls := e.m.Decls
	if len(decls) < halvesMin {
		return 0
	}
	for k := len(decls) / 2; k < len(decls); k++ {
		switch decls[k].(type) {
		case *ir.Function, *ir.Var:
			continue
		}
		return k
	}
	return 0
}

// prepareHalves plans every record that is written, in declaration order
// (planning may warn), and picks the typedef of each name that is written.
// It returns false if a function or variable is listed twice (the
// sequential writer writes it once).
func (e *emitter) prepareHalves() (map[*ir.Typedef]bool, bool) {
	first := map[*ir.Typedef]bool{}
	seen := map[string]bool{}
	listed := map[ir.Decl]bool{}
	for _, d := range e.m.Decls {
		switch d.(type) {
		case *ir.Function, *ir.Var:
			if listed[d] {
				return nil, false
			}
			listed[d] = true
		}
		switch d := d.(type) {
		case *ir.Record:
			if e.canonicalRecord(d) {
				// The halves read the plan's type spellings: their
				// lazily filled flat forms are filled now.
				for _, it := range e.plan(d).items {
					if it.typ != nil {
						it.typ.flat()
					}
				}
			}
		case *ir.Typedef:
			if _, ok := e.tdName[d.Name]; ok && !seen[d.Name] {
				seen[d.Name] = true
				first[d] = true
			}
		}
	}
	return first, true
}

// halfOf returns an emitter for one half of the module.
func (e *emitter) halfOf(first map[*ir.Typedef]bool, size int) *emitter {
	h := &emitter{
		m: e.m, ix: e.ix, tgt: e.tgt, opts: e.opts, diags: &diag.List{},
		types: e.types, values: e.values,
		recName: e.recName, enumName: e.enumName, tdName: e.tdName, elided: e.elided,
		parent: e.parent, fnName: e.fnName, varName: e.varName,
		enumConst: e.enumConst, constName: e.constName,
		plans: e.plans, stubs: e.stubs,
		needHelper: map[string]bool{},
		atoms:      map[string]*tnode{}, ptrAtoms: map[ptrKey]*tnode{},
		half: true, tdFirst: first,
	}
	h.b.Grow(size)
	return h
}

// emitHalves writes the declarations before k and from k on at once and
// appends both to e, reporting whether it could.
func (e *emitter) emitHalves(k int) bool {
	first, ok := e.prepareHalves()
	if !ok {
		return false
	}
	decls := e.m.Decls
	a := e.halfOf(first, k*120)
	b := e.halfOf(first, (len(decls)-k)*120)
	b.cont = true
	done := make(chan bool, 1) // a panic in the first half must not strand the second
	go func() {
		// A panic gives up the halves: the sequential writer meets it
		// again on the caller's goroutine.
		defer func() { done <- recover() == nil }()
		b.emitRange(decls[k:])
		b.closeExtern()
	}()
	a.emitRange(decls[:k])
	a.closeExtern()
	if ok := <-done; !ok || a.abort || b.abort {
		return false
	}
	for _, h := range []*emitter{a, b} {
		e.b.WriteString(h.b.String())
		for k := range h.needHelper {
			e.needHelper[k] = true
		}
		for _, d := range h.diags.Items {
			e.diags.Add(d)
		}
	}
	return true
}
