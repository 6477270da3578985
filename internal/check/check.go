package check

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
)

// Options configure a check. The zero value means defaults.
type Options struct {
	// Target is the data model both sides are laid out for (the C module's
	// target, else x86_64 Linux).
	Target *ir.Target
}

// Analyzer is one family of checks.
type Analyzer struct {
	Name string
	Doc  string
	Run  func(*Pass)
}

// Analyzers are run in this order; findings are sorted afterwards.
var Analyzers = []*Analyzer{
	Functions, Statics, Typedefs, Records, Enums, Consts, Symbols, Panics,
}

// Side is one language's declarations with their index and layout engine.
type Side struct {
	M      *ir.Module
	Ix     *ir.Index
	Layout *layout.Engine
}

// Pass is what an analyzer sees: both sides and a way to report.
type Pass struct {
	C, R   *Side
	Target *ir.Target
	diags  *diag.List

	// compared counts the declaration pairs compared, so tests can tell a
	// clean result from one that compared nothing.
	compared int

	recordMemo map[[2]*ir.Record][]recordDiff
	reported   map[string]bool // dedupe key → reported

	// C functions and variables by the symbol they link to.
	cFuncByLink map[string]*ir.Function
	cVarByLink  map[string]*ir.Var
}

// Run compares the C module with the Rust module and returns the findings
// (sorted by position). Neither module is modified.
func Run(c, r *ir.Module, opts Options) []*diag.Diagnostic {
	ds, _ := run(c, r, opts)
	return ds
}

// run is Run, also returning how many declaration pairs were compared.
func run(c, r *ir.Module, opts Options) ([]*diag.Diagnostic, int) {
	_, p := newPass(c, r, opts)
	for _, a := range Analyzers {
		a.Run(p)
	}
	p.diags.Sort()
	return p.diags.Items, p.compared
}

func newPass(c, r *ir.Module, opts Options) (*ir.Target, *Pass) {
	t := opts.Target
	if t == nil && c != nil {
		t = c.Target
	}
	if t == nil {
		t = ir.X86_64Linux()
	}
	if c == nil {
		c = &ir.Module{}
	}
	if r == nil {
		r = &ir.Module{}
	}
	lo := layout.Options{Target: t}
	p := &Pass{
		C:      &Side{M: c, Ix: ir.NewIndex(c), Layout: layout.New(c, lo, nil)},
		R:      &Side{M: r, Ix: ir.NewIndex(r), Layout: layout.New(r, lo, nil)},
		Target: t, diags: &diag.List{},
		recordMemo: map[[2]*ir.Record][]recordDiff{}, reported: map[string]bool{},
	}
	p.indexLinks()
	return t, p
}

// report adds a finding at the Rust position with a note at the C one.
// A finding with the same key as an earlier one is dropped, so a mismatch
// reached from two places is reported once.
func (p *Pass) report(key string, code string, sev diag.Severity, rpos, cpos diag.Pos, symbol, msg, help string) {
	if key != "" {
		if p.reported[key] {
			return
		}
		p.reported[key] = true
	}
	d := &diag.Diagnostic{Severity: sev, Code: code, Pos: rpos, Message: msg, Symbol: symbol, Help: help}
	if cpos.IsValid() {
		d.Notes = append(d.Notes, diag.Related{Pos: cpos, Message: "C declaration"})
	}
	p.diags.Add(d)
}
