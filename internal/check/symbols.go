package check

import (
	"fmt"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Symbols reports Rust declarations of C symbols (extern block items and
// #[no_mangle] definitions) that the headers do not declare: a link error,
// or a link to something unintended, waiting to happen.
var Symbols = &Analyzer{
	Name: "symbols",
	Doc:  "Rust symbols the C headers do not declare",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			switch d := d.(type) {
			case *ir.Function:
				if d.Type.ABI == "Rust" || d.HasBody && !d.NoMangle {
					continue
				}
				link, _ := rustSymbol(d.Name, d.LinkName)
				if f, _ := p.cFuncFor(d); f != nil || p.cVarByLink[link] != nil {
					continue
				}
				msg := fmt.Sprintf("function `%s` is declared in Rust but not in the C headers", link)
				if d.HasBody {
					msg = fmt.Sprintf("function `%s` is exported by Rust (#[no_mangle]) but the C headers do not declare it", link)
				}
				p.report("", CodeUndeclared, diag.Error, d.Pos, diag.Pos{}, link, msg, "check the name and #[link_name] against the headers")
			case *ir.Var:
				if d.Defined && !d.NoMangle {
					continue
				}
				link, _ := rustSymbol(d.Name, d.LinkName)
				if v, _ := p.cVarFor(d); v != nil || p.cFuncByLink[link] != nil {
					continue
				}
				p.report("", CodeUndeclared, diag.Error, d.Pos, diag.Pos{}, link,
					fmt.Sprintf("static `%s` is declared in Rust but not in the C headers", link), "check the name and #[link_name] against the headers")
			}
		}
	},
}
