package check

import (
	"fmt"

	"ferry/internal/ir"
)

// Typedefs compares each Rust type alias with the C typedef (or tag) of
// the same name.
var Typedefs = &Analyzer{
	Name: "typedefs",
	Doc:  "type aliases against C typedefs",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			rt, ok := d.(*ir.Typedef)
			if !ok {
				continue
			}
			var ct *ir.Type
			var cpos = rt.Pos
			cpos.File = ""
			switch {
			case p.C.Ix.Typedefs[rt.Name] != nil:
				td := p.C.Ix.Typedefs[rt.Name]
				ct, cpos = td.Type, td.Pos
			case p.C.Ix.Enums[rt.Name] != nil:
				ct, cpos = ir.Named(ir.RefEnum, rt.Name), p.C.Ix.Enums[rt.Name].Pos
			case p.C.Ix.Structs[rt.Name] != nil:
				ct, cpos = ir.Named(ir.RefStruct, rt.Name), p.C.Ix.Structs[rt.Name].Pos
			case p.C.Ix.Unions[rt.Name] != nil:
				ct, cpos = ir.Named(ir.RefUnion, rt.Name), p.C.Ix.Unions[rt.Name].Pos
			default:
				continue
			}
			p.compared++
			x := tctx{what: fmt.Sprintf("type `%s`", rt.Name)}
			if m := p.cmp(ct, rt.Type, x); m != nil {
				p.report("", m.code, m.sev, rt.Pos, cpos, rt.Name, p.message(x, ct, rt.Type, m), m.help)
			}
		}
	},
}
