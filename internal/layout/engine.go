package layout

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Options configures the engine. The zero value lays out for the module's
// target, or x86_64 Linux when the module names none.
type Options struct {
	Target *ir.Target
}

// Engine computes and caches layouts for the types of one module. It does
// not modify the module; Compute is the pass that writes results into it.
// An Engine is not safe for concurrent use.
type Engine struct {
	m      *ir.Module
	ix     *ir.Index
	target *ir.Target
	policy policy
	diags  *diag.List

	records  map[*ir.Record]*recordResult
	typedefs map[string]typedefResult
}

// recordResult is the cached outcome of laying out one record.
type recordResult struct {
	busy    bool // being computed: meeting it again means a by-value cycle
	done    bool
	ok      bool
	layout  ir.Layout
	offsets []int64 // bit offset of each field, parallel to Record.Fields
}

type typedefResult struct {
	layout ir.Layout
	why    string // empty when ok
}

// New returns an engine for m. Diagnostics about records that cannot be
// laid out go to diags (once per record); diags may be nil.
func New(m *ir.Module, opts Options, diags *diag.List) *Engine {
	t := opts.Target
	if t == nil && m != nil {
		t = m.Target
	}
	if t == nil {
		t = ir.X86_64Linux()
	}
	if m == nil {
		m = &ir.Module{}
	}
	if diags == nil {
		diags = &diag.List{}
	}
	return &Engine{
		m: m, ix: ir.NewIndex(m), target: t, policy: policyFor(t), diags: diags,
		records: map[*ir.Record]*recordResult{}, typedefs: map[string]typedefResult{},
	}
}

// Target is the data model the engine lays out for.
func (e *Engine) Target() *ir.Target { return e.target }

// TypeLayout returns the size and alignment of t. ok is false when the size
// is unknown: void, a function type, an undefined or incomplete name, an
// opaque type ferry does not model. An array of unknown length has size 0.
func (e *Engine) TypeLayout(t *ir.Type) (ir.Layout, bool) {
	l, why := e.typeLayout(t)
	return l, why == ""
}

// Record returns the layout of r. ok is false when a member's size is
// unknown or r is incomplete; a warning then says why (once per record).
func (e *Engine) Record(r *ir.Record) (ir.Layout, bool) {
	res := e.record(r)
	return res.layout, res.ok
}

// FieldOffsets returns the bit offset of each of r's fields (parallel to
// r.Fields, relative to r), or ok false as for Record.
func (e *Engine) FieldOffsets(r *ir.Record) ([]int64, bool) {
	res := e.record(r)
	if !res.ok {
		return nil, false
	}
	return append([]int64(nil), res.offsets...), true
}

// Compute lays out every complete record of m and stores the results in
// Record.Layout, Record.LayoutDone and Field.BitOffset. Records it cannot
// lay out get a warning in diags and keep LayoutDone false.
func Compute(m *ir.Module, opts Options, diags *diag.List) {
	if m == nil {
		return
	}
	e := New(m, opts, diags)
	for _, d := range m.Decls {
		r, ok := d.(*ir.Record)
		if !ok || !r.Complete {
			continue
		}
		res := e.record(r)
		r.LayoutDone = res.ok
		if !res.ok {
			continue
		}
		r.Layout = res.layout
		for i := range r.Fields {
			r.Fields[i].BitOffset = res.offsets[i]
		}
	}
}
