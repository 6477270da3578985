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
			// A non-const C object as an immutable static is undefined
			// behaviour the moment C changes it. A const C scalar or pointer
			// as `static mut` lets safe-looking writes fault; const arrays
			// are left alone because bindgen writes `static mut` for them.
			switch {
			case !isConstObject(cv.Type) && !rv.Mutable && !cv.ThreadLocal:
				p.report("", CodeStaticMut, diag.Error, rv.Pos, cv.Pos, sym,
					fmt.Sprintf("static `%s` is an immutable `static` in Rust but C may modify it", sym), "declare it `static mut`")
			case cv.Type != nil && cv.Type.Const && cv.Type.Kind != ir.KindArray && rv.Mutable:
				p.report("", CodeStaticMut, diag.Error, rv.Pos, cv.Pos, sym,
					fmt.Sprintf("static `%s` is `static mut` in Rust but const in C: a write faults", sym), "declare it `static`")
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
