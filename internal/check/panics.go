package check

import (
	"fmt"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Panics reports extern "C" function definitions whose body may panic
// without catch_unwind (as rustfront's analysis found).
var Panics = &Analyzer{
	Name: "panics",
	Doc:  "extern \"C\" definitions that may unwind into C",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			f, ok := d.(*ir.Function)
			if !ok || !f.HasBody || !f.MayPanic {
				continue
			}
			sym := linkName(f.Name, f.LinkName)
			dd := &diag.Diagnostic{Severity: diag.Error, Code: CodeMayPanic, Pos: f.Pos, Symbol: sym,
				Message: fmt.Sprintf("extern \"%s\" function `%s` may panic, and a panic cannot unwind into C (it aborts the process)", abiName(f.Type.ABI), sym),
				Help:    "wrap the body in std::panic::catch_unwind and return an error value, or declare it extern \"C-unwind\""}
			if f.PanicPos.IsValid() {
				dd.Notes = append(dd.Notes, diag.Related{Pos: f.PanicPos, Message: "it may panic here"})
			}
			if cf := p.C.Ix.Functions[sym]; cf != nil {
				dd.Notes = append(dd.Notes, diag.Related{Pos: cf.Pos, Message: "C declaration"})
			}
			p.diags.Add(dd)
		}
	},
}
