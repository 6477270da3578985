package check

import (
	"strings"

	"ferry/internal/ir"
)

// verbatimMark starts a #[link_name] that rustc passes to the linker
// unchanged ("\u{1}name"). bindgen writes it for a C declaration with an
// asm label (`fscanf` → "\u{1}__isoc99_fscanf"), so it also says that the
// Rust item's own name is the C declaration's name.
const verbatimMark = "\x01"

// rustSymbol is the symbol a Rust item links to, and whether its link name
// was marked verbatim.
func rustSymbol(name, link string) (string, bool) {
	if strings.HasPrefix(link, verbatimMark) {
		return strings.TrimPrefix(link, verbatimMark), true
	}
	return linkName(name, link), false
}

// cSymbol is the symbol a C function or variable links to.
func cSymbol(name, link string) string { return linkName(name, link) }

// cFuncFor finds the C function a Rust function declaration stands for.
// compare is false when the match is only by symbol through another C
// name (an asm alias: gcc sees `__sigsetjmp_cancel` labelled __sigsetjmp
// where clang sees `__sigsetjmp` itself): the symbol exists, but that
// declaration's types need not be the Rust item's.
func (p *Pass) cFuncFor(rf *ir.Function) (cf *ir.Function, compare bool) {
	sym, verbatim := rustSymbol(rf.Name, rf.LinkName)
	if f := p.C.Ix.Functions[sym]; f != nil {
		// Also when C renames it with an asm label: the Rust item binds
		// the plain symbol, which the library exports too (glibc's fscanf).
		return f, true
	}
	if f := p.C.Ix.Functions[rf.Name]; f != nil && (cSymbol(f.Name, f.LinkName) == sym || verbatim && f.LinkName == "") {
		// #[link_name = "\u{1}__isoc99_fscanf"] fn fscanf: the C fscanf
		// carries that asm label (or the C front end did not keep it).
		return f, true
	}
	if f := p.cFuncByLink[sym]; f != nil {
		return f, f.Name == rf.Name || verbatim
	}
	return nil, false
}

// cVarFor is cFuncFor for statics.
func (p *Pass) cVarFor(rv *ir.Var) (cv *ir.Var, compare bool) {
	sym, verbatim := rustSymbol(rv.Name, rv.LinkName)
	if v := p.C.Ix.Vars[sym]; v != nil {
		return v, true
	}
	if v := p.C.Ix.Vars[rv.Name]; v != nil && (cSymbol(v.Name, v.LinkName) == sym || verbatim && v.LinkName == "") {
		return v, true
	}
	if v := p.cVarByLink[sym]; v != nil {
		return v, v.Name == rv.Name || verbatim
	}
	return nil, false
}

// indexLinks maps every C function and variable by its symbol.
func (p *Pass) indexLinks() {
	p.cFuncByLink, p.cVarByLink = map[string]*ir.Function{}, map[string]*ir.Var{}
	for _, d := range p.C.M.Decls {
		switch d := d.(type) {
		case *ir.Function:
			if s := cSymbol(d.Name, d.LinkName); p.cFuncByLink[s] == nil {
				p.cFuncByLink[s] = d
			}
		case *ir.Var:
			if s := cSymbol(d.Name, d.LinkName); p.cVarByLink[s] == nil {
				p.cVarByLink[s] = d
			}
		}
	}
}
