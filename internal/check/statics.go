package check

import (
	"fmt"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Statics compares Rust statics with the C variables of the same link
// name: type and mutability.
var Statics = &Analyzer{
	Name: "statics",
	Doc:  "extern variables: type and mutability",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			rv, ok := d.(*ir.Var)
			if !ok {
				continue
			}
			cv, compare := p.cVarFor(rv)
			if cv == nil || !compare {
				continue
			}
			sym := cv.Name
			p.compared++
			x := tctx{what: fmt.Sprintf("static `%s`", sym)}
			if m := p.cmp(cv.Type, rv.Type, x); m != nil {
				p.report("", m.code, m.sev, rv.Pos, cv.Pos, sym, p.message(x, cv.Type, rv.Type, m), m.help)
				continue
			}
			// `static mut` for a const C object is what bindgen writes for
			// every extern variable: it only allows a write the program
			// would have to make (and that faults). The other way round is
			// undefined behaviour the moment C changes the value.
			if !isConstObject(cv.Type) && !rv.Mutable && !cv.ThreadLocal {
				p.report("", CodeStaticMut, diag.Error, rv.Pos, cv.Pos, sym,
					fmt.Sprintf("static `%s` is an immutable `static` in Rust but C may modify it", sym), "declare it `static mut`")
			}
		}
	},
}

// isConstObject reports whether a C object of type t is read-only: its
// type, or for an array its element type, is const.
func isConstObject(t *ir.Type) bool {
	for i := 0; t != nil && i < 16; i++ {
		if t.Const {
			return true
		}
		if t.Kind != ir.KindArray {
			return false
		}
		t = t.Elem
	}
	return false
}
