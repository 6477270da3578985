package layout

import (
	"fmt"
	"slices"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// member is one field with what the record rules need to know about it.
type member struct {
	f  *ir.Field
	tl ir.Layout // the declared type's layout
	// packed is GCC's DECL_PACKED: packed on the member, or on the record.
	packed bool
}

// recordAttrs are the record-level attributes the rules read.
type recordAttrs struct {
	union  bool
	packed bool
	pack   int64 // #pragma pack cap in bytes; 0 = none
	align  int64 // aligned(N) on the record, in bytes; 0 = none
}

// record lays out r once and caches the result.
func (e *Engine) record(r *ir.Record) *recordResult {
	if res, ok := e.records[r]; ok {
		if res.busy {
			return &recordResult{done: true}
		}
		return res
	}
	res := &recordResult{busy: true}
	e.records[r] = res
	l, offs, why, code := e.layoutRecord(r)
	res.busy, res.done = false, true
	if why != "" {
		kind := "struct"
		if r.Union {
			kind = "union"
		}
		e.diags.Add(&diag.Diagnostic{
			Severity: diag.Warning, Code: code, Pos: r.Pos, Symbol: r.Name,
			Message: fmt.Sprintf("cannot lay out %s %s: %s", kind, recordName(r), why),
			Help:    "the record is treated as opaque",
		})
		return res
	}
	res.ok, res.layout, res.offsets = true, l, offs
	return res
}

func recordName(r *ir.Record) string {
	if r.Anonymous && r.TypedefName != "" {
		return r.TypedefName
	}
	return r.Name
}

// layoutRecord resolves the members' types and hands them to the target's
// policy. why is non-empty (with a diagnostic code) when it cannot.
func (e *Engine) layoutRecord(r *ir.Record) (l ir.Layout, offs []int64, why, code string) {
	if !r.Complete {
		return ir.Layout{}, nil, "it is incomplete", CodeUnknownLayout
	}
	if slices.Contains(r.Repr, "transparent") {
		return e.transparent(r)
	}
	ms := make([]member, len(r.Fields))
	for i := range r.Fields {
		f := &r.Fields[i]
		tl, why := e.typeLayout(f.Type)
		if why != "" {
			code := CodeUnknownLayout
			if e.isBusy(f.Type) {
				why, code = "it contains itself by value", CodeRecursive
			}
			return ir.Layout{}, nil, fmt.Sprintf("member %s has %s", fieldName(f), why), code
		}
		if f.Bitfield {
			if !e.isIntegral(f.Type) {
				return ir.Layout{}, nil, fmt.Sprintf("bitfield %s has non-integer type %s", fieldName(f), f.Type), CodeBadBitfield
			}
			if f.Width < 0 || f.Width > tl.Size*8 {
				return ir.Layout{}, nil, fmt.Sprintf("bitfield %s is %d bits wide, more than its type %s", fieldName(f), f.Width, f.Type), CodeBadBitfield
			}
		}
		ms[i] = member{f: f, tl: tl, packed: f.Packed || r.Packed}
	}
	ra := recordAttrs{union: r.Union, packed: r.Packed, pack: r.PragmaPack, align: r.AlignAttr}
	l, offs = e.policy.layout(ra, ms)
	return l, offs, "", ""
}

// transparent is Rust's repr(transparent): the layout of the one field that
// is not zero-sized.
func (e *Engine) transparent(r *ir.Record) (ir.Layout, []int64, string, string) {
	l := ir.Layout{Size: 0, Align: 1}
	for i := range r.Fields {
		tl, why := e.typeLayout(r.Fields[i].Type)
		if why != "" {
			return ir.Layout{}, nil, fmt.Sprintf("member %s has %s", fieldName(&r.Fields[i]), why), CodeUnknownLayout
		}
		if tl.Size > 0 {
			l = tl
		}
	}
	return l, make([]int64, len(r.Fields)), "", ""
}

// isBusy reports whether t reaches, by value, a record that is being laid
// out, i.e. the member closes a by-value cycle.
func (e *Engine) isBusy(t *ir.Type) bool {
	return e.reachesBusy(t, map[*ir.Record]bool{}, 0)
}

func (e *Engine) reachesBusy(t *ir.Type, seen map[*ir.Record]bool, depth int) bool {
	for ; t != nil && depth < 100; depth++ {
		switch t.Kind {
		case ir.KindArray:
			t = t.Elem
			continue
		case ir.KindNamed:
			d := e.ix.Lookup(t.Ref)
			if td, ok := d.(*ir.Typedef); ok {
				t = td.Type
				continue
			}
			r, ok := d.(*ir.Record)
			if !ok || seen[r] {
				return false
			}
			seen[r] = true
			if res, ok := e.records[r]; ok && res.busy {
				return true
			}
			for i := range r.Fields {
				if e.reachesBusy(r.Fields[i].Type, seen, depth+1) {
					return true
				}
			}
		}
		return false
	}
	return false
}

// isIntegral reports whether t may be a bitfield's type: an integer kind,
// _Bool or an enum, through typedefs.
func (e *Engine) isIntegral(t *ir.Type) bool {
	t = e.ix.Resolve(t)
	switch {
	case t == nil:
		return false
	case t.Kind == ir.KindPrim:
		return t.Prim.IsInteger() || t.Prim == ir.Bool
	case t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefEnum:
		return true
	}
	return false
}

func fieldName(f *ir.Field) string {
	if f.Name == "" {
		if f.Bitfield {
			return "(unnamed bitfield)"
		}
		return "(anonymous)"
	}
	return f.Name
}

func roundUp(x, a int64) int64 {
	if a <= 1 {
		return x
	}
	return (x + a - 1) / a * a
}
