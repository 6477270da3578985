package rustgen

import (
	"ferry/internal/ir"
)

// How a record is spelled.
const (
	planFields     = iota // a #[repr(C)] struct/union with its members
	planBytes             // right size and alignment, bytes only (B151)
	planIncomplete        // forward declaration: zero-sized opaque type
)

// item kinds.
const (
	itField = iota
	itPad
	itBits // a bitfield storage unit
	itFAM
)

// recPlan is how one record's C layout is reproduced in Rust: the members
// in order with explicit padding, and the repr modifiers.
type recPlan struct {
	mode   int
	union  bool
	packN  int64 // repr(packed(N)); 0 = none
	alignN int64 // repr(align(N)); 0 = none
	items  []item
	why    string // planBytes: the reason
	debug  bool   // derive(Debug)
}

type item struct {
	kind  int
	name  string // Rust identifier
	typ   *tnode
	off   int64 // bytes
	size  int64
	align int64
	field *ir.Field // itField, itFAM; first field of the run for itBits
	bits  []bitAcc
}

// bitAcc is one named bitfield inside a storage unit.
type bitAcc struct {
	f     *ir.Field
	off   int64 // bit offset inside the unit
	width int64
}

// plan works out (once) how r is spelled.
func (e *emitter) plan(r *ir.Record) *recPlan {
	if p, ok := e.plans[r]; ok {
		return p
	}
	if e.half { // every record was planned before (prepareHalves)
		e.abort = true
		return &recPlan{mode: planIncomplete, union: r.Union}
	}
	p := &recPlan{mode: planIncomplete, union: r.Union}
	e.plans[r] = p // guards against cycles; C forbids by-value ones
	switch {
	case !r.Complete:
	case !r.LayoutDone:
		e.warn(r.Pos, codeOpaqueLayout, r.Name, "record %s has no computed layout; emitted as an opaque type", r.Name)
	case e.opts.Opaque != nil && (e.opts.Opaque(r.Name) || (r.TypedefName != "" && e.opts.Opaque(r.TypedefName))):
		p.mode = planBytes
	default:
		p.mode = planFields
		if why := e.planFields(r, p); why != "" {
			p.mode, p.why, p.items, p.packN, p.alignN = planBytes, why, nil, 0, 0
			e.warn(r.Pos, codeOpaqueLayout, r.Name, "%s cannot be laid out in rust (%s); emitted as %d opaque bytes", r.Name, why, r.Layout.Size)
		}
	}
	if p.mode == planBytes && r.Layout.Align > 1 {
		p.alignN = r.Layout.Align
	}
	return p
}

// planFields fills p.items; it returns why the layout cannot be spelled,
// or "".
func (e *emitter) planFields(r *ir.Record, p *recPlan) string {
	names := newNamespace()
	anon := 0
	fs := r.Fields
	for i := 0; i < len(fs); i++ {
		f := &fs[i]
		if f.Bitfield {
			j := i
			for j < len(fs) && fs[j].Bitfield {
				j++
			}
			start, end := int64(-1), int64(-1)
			for k := i; k < j; k++ {
				g := &fs[k]
				if g.Width <= 0 {
					continue
				}
				if start < 0 || g.BitOffset < start {
					start = g.BitOffset
				}
				if g.BitOffset+g.Width > end {
					end = g.BitOffset + g.Width
				}
			}
			if start >= 0 {
				off := start / 8
				it := item{kind: itBits, off: off, size: (end+7)/8 - off, align: 1, field: f}
				for k := i; k < j; k++ {
					g := &fs[k]
					if g.Name != "" && g.Width > 0 {
						it.bits = append(it.bits, bitAcc{f: g, off: g.BitOffset - off*8, width: g.Width})
					}
				}
				it.name = names.take("_bitfield_" + itoa(int64(len(p.items)+1)))
				it.typ = atom(helperBitfield + "<" + itoa(it.size) + ">")
				e.needBitfield = true
				p.items = append(p.items, it)
			}
			i = j - 1
			continue
		}
		if f.Type != nil && f.Type.Kind == ir.KindOpaque && complexType(f.Type.Text) == "" {
			return "member " + f.Name + " has type " + f.Type.Text
		}
		size, align, ok := e.rl(f.Type)
		if !ok {
			return "member " + f.Name + " has an incomplete type"
		}
		it := item{kind: itField, off: f.BitOffset / 8, size: size, align: align, field: f}
		if f.Type.Kind == ir.KindArray && f.Type.Len < 0 {
			it.kind = itFAM
		}
		if f.Name == "" {
			it.name = names.take("__anon" + itoa(int64(anon)))
			anon++
		} else {
			it.name = ident(names.take(f.Name))
		}
		it.typ = e.typ(f.Type, ctxValue)
		p.items = append(p.items, it)
	}
	if r.Union && len(p.items) == 0 && r.Layout.Size == 0 {
		p.items = append(p.items, item{kind: itPad, name: names.take("_unused"), typ: atom("[u8; 0]"), align: 1})
	}
	return e.place(r, p, names)
}

// place picks packed/align modifiers and inserts the explicit padding that
// makes Rust's repr(C) placement land on C's offsets.
func (e *emitter) place(r *ir.Record, p *recPlan, names *namespace) string {
	A, S := r.Layout.Align, r.Layout.Size
	if A < 1 {
		A = 1
	}
	natural := int64(1)
	for _, it := range p.items {
		natural = max(natural, it.align)
	}
	fits := func(n int64) bool {
		for _, it := range p.items {
			if it.off%min(it.align, n) != 0 {
				return false
			}
		}
		return true
	}
	eff := func(n int64) int64 {
		a := int64(1)
		for _, it := range p.items {
			a = max(a, min(it.align, n))
		}
		return a
	}
	switch {
	case fits(natural) && natural <= A:
		if A > natural {
			p.alignN = A
		}
	default:
		n := min(natural, A)
		for n > 1 && !fits(n) {
			n /= 2
		}
		if !fits(n) {
			return "members overlap their alignment"
		}
		if eff(n) < A {
			return "it is both packed and over-aligned"
		}
		p.packN = n
		for _, it := range p.items {
			if it.field != nil && e.containsAlign(it.field.Type) {
				return "packed record holds an over-aligned member"
			}
		}
	}
	capAlign := func(a int64) int64 {
		if p.packN > 0 {
			return min(a, p.packN)
		}
		return a
	}
	final := max(eff(max(natural, 1)), p.alignN)
	if p.packN > 0 {
		final = max(eff(p.packN), p.alignN)
	}
	if r.Union {
		maxSize := int64(0)
		for _, it := range p.items {
			if it.off != 0 {
				return "union member at a non-zero offset"
			}
			maxSize = max(maxSize, it.size)
		}
		if alignUp(maxSize, final) < S {
			p.items = append(p.items, item{kind: itPad, name: names.take("_pad"), typ: atom("[u8; " + itoa(S) + "]"), size: S, align: 1})
		} else if alignUp(maxSize, final) > S {
			return "members larger than the union"
		}
		p.debug = false
		return ""
	}
	var out []item
	cur := int64(0)
	for _, it := range p.items {
		pos := alignUp(cur, capAlign(it.align))
		if it.off < cur {
			return "members overlap"
		}
		if it.off > pos {
			n := it.off - cur
			out = append(out, item{kind: itPad, name: names.take("_pad" + itoa(int64(len(out)))), typ: atom("[u8; " + itoa(n) + "]"), off: cur, size: n, align: 1})
			cur = it.off
		}
		out = append(out, it)
		cur = it.off + it.size
	}
	switch size := alignUp(cur, final); {
	case size < S:
		out = append(out, item{kind: itPad, name: names.take("_pad" + itoa(int64(len(out)))), typ: atom("[u8; " + itoa(S-cur) + "]"), off: cur, size: S - cur, align: 1})
	case size > S:
		return "members extend past the record's size"
	}
	p.items = out
	p.debug = true
	for _, it := range out {
		if it.field != nil && it.kind != itBits && e.hasUnion(it.field.Type) {
			p.debug = false
		}
	}
	return ""
}
