package cprobe

import (
	"fmt"
	"math"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
)

// Mismatch is one disagreement between ferry's layout engine (or the IR's
// values) and gcc.
type Mismatch struct {
	Pos  diag.Pos
	Item string // the query key: "struct foo", "struct foo.a.b", "RED"
	What string // "size", "align", "offset", "width", "value", "layout", "probe"
	// Ferry and GCC are the two answers, e.g. "12" and "8"; "unknown" when
	// one side has none.
	Ferry, GCC string
}

func (m Mismatch) String() string {
	s := fmt.Sprintf("%s: ferry %s, gcc %s", m.What, m.Ferry, m.GCC)
	if m.Item != "" {
		s = m.Item + ": " + s
	}
	if m.Pos.IsValid() {
		s = m.Pos.String() + ": " + s
	}
	return s
}

// Compare checks eng's layouts and m's enumerator and constant values
// against res, for the questions of ModuleQuery(m, ...) that res answers or
// failed (questions never asked are skipped). It returns the disagreements
// in declaration order; none means every layout is equal to gcc's. A
// question gcc could not answer counts as a mismatch when ferry has an
// answer for it.
func Compare(m *ir.Module, eng *layout.Engine, res *Result) []Mismatch {
	var out []Mismatch
	add := func(pos diag.Pos, item, what string, ferry, gcc any) {
		out = append(out, Mismatch{Pos: pos, Item: item, What: what, Ferry: fmt.Sprint(ferry), GCC: fmt.Sprint(gcc)})
	}
	ix := ir.NewIndex(m)
	for _, it := range moduleItems(m, ModuleOptions{Consts: true}) {
		if !res.asked(it) {
			continue
		}
		switch {
		case it.path != nil:
			compareField(eng, res, it, add)
		case it.val != nil:
			compareValue(eng, res, it, add)
		case it.cnst != nil:
			compareConst(res, it, add)
		default:
			var want ir.Layout
			var ok bool
			var pos diag.Pos
			switch {
			case it.rec != nil && it.rec.Anonymous && ix.Typedefs[it.rec.TypedefName] != nil:
				// C names it by the typedef, whose aligned(N) may change it.
				want, ok = eng.TypeLayout(ir.Named(ir.RefTypedef, it.rec.TypedefName))
				pos = it.rec.Pos
			case it.rec != nil:
				want, ok = eng.Record(it.rec)
				pos = it.rec.Pos
			case it.td != nil:
				want, ok = eng.TypeLayout(ir.Named(ir.RefTypedef, it.td.Name))
				pos = it.td.Pos
			case it.enum != nil:
				want, ok = eng.TypeLayout(ir.Named(ir.RefEnum, it.enum.Name))
				pos = it.enum.Pos
			}
			got, gok := res.Types[it.key]
			switch {
			case !gok && !ok:
			case !gok:
				add(pos, it.key, "probe", want.Size, failure(res, it.key))
			case !ok:
				add(pos, it.key, "layout", "unknown", fmt.Sprintf("size %d align %d", got.Size, got.Align))
			default:
				if want.Size != got.Size {
					add(pos, it.key, "size", want.Size, got.Size)
				}
				if want.Align != got.Align {
					add(pos, it.key, "align", want.Align, got.Align)
				}
			}
		}
	}
	return out
}

// asked reports whether res holds an answer or a failure for it.
func (res *Result) asked(it probeItem) bool {
	if _, ok := res.Failed[it.key]; ok {
		return true
	}
	var ok bool
	switch {
	case it.path != nil:
		_, ok = res.Fields[it.key]
	case it.val != nil || it.cnst != nil:
		_, ok = res.Consts[it.key]
	default:
		_, ok = res.Types[it.key]
	}
	return ok
}

func failure(res *Result, key string) string {
	if msg, ok := res.Failed[key]; ok {
		return "failed: " + msg
	}
	return "no answer"
}

type addFunc func(pos diag.Pos, item, what string, ferry, gcc any)

// compareField sums the member offsets down the path and checks the last
// member's offset, width and type layout.
func compareField(eng *layout.Engine, res *Result, it probeItem, add addFunc) {
	f := it.path[len(it.path)-1].field()
	var off int64
	known := true
	for _, st := range it.path {
		offs, ok := eng.FieldOffsets(st.rec)
		if !ok {
			known = false
			break
		}
		off += offs[st.i]
	}
	got, gok := res.Fields[it.key]
	switch {
	case !gok && !known:
		return
	case !gok:
		add(f.Pos, it.key, "probe", off, failure(res, it.key))
		return
	case !known:
		add(f.Pos, it.key, "layout", "unknown", fmt.Sprintf("offset %d", got.BitOffset))
		return
	}
	if it.kind == Bitfield {
		if off != got.BitOffset {
			add(f.Pos, it.key, "bit offset", off, got.BitOffset)
		}
		if f.Width != got.BitWidth && !(got.BitWidth == 1 && isBoolish(eng, f.Type)) {
			add(f.Pos, it.key, "width", f.Width, got.BitWidth)
		}
		return
	}
	if off != got.BitOffset {
		add(f.Pos, it.key, "offset", bytesOrBits(off), bytesOrBits(got.BitOffset))
	}
	if it.kind == OffsetOnly {
		return
	}
	tl, ok := eng.TypeLayout(f.Type)
	if !ok {
		add(f.Pos, it.key, "layout", "unknown", fmt.Sprintf("size %d align %d", got.Size, got.Align))
		return
	}
	if tl.Size != got.Size {
		add(f.Pos, it.key, "size", tl.Size, got.Size)
	}
	if tl.Align != got.Align {
		add(f.Pos, it.key, "align", tl.Align, got.Align)
	}
}

// isBoolish: storing -1 in a _Bool bitfield sets one bit whatever its width.
func isBoolish(eng *layout.Engine, t *ir.Type) bool {
	l, ok := eng.TypeLayout(t)
	return ok && l.Size == 1 && t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Bool
}

func bytesOrBits(bits int64) string {
	if bits%8 == 0 {
		return fmt.Sprint(bits / 8)
	}
	return fmt.Sprintf("bit %d", bits)
}

// compareValue checks an enumerator's value, in the width of its enum.
func compareValue(eng *layout.Engine, res *Result, it probeItem, add addFunc) {
	got, ok := res.Consts[it.key]
	if !ok {
		add(it.val.Pos, it.key, "probe", it.val.Value, failure(res, it.key))
		return
	}
	bits := int64(64)
	if l, ok := eng.TypeLayout(ir.Named(ir.RefEnum, it.enum.Name)); ok && l.Size > 0 && l.Size < 8 {
		bits = 8 * l.Size
	}
	mask := uint64(math.MaxUint64)
	if bits < 64 {
		mask = 1<<bits - 1
	}
	if uint64(it.val.Value)&mask != got.Bits()&mask {
		add(it.val.Pos, it.key, "value", it.val.Value, got.Text)
	}
}

// compareConst checks a macro constant's value.
func compareConst(res *Result, it probeItem, add addFunc) {
	c := it.cnst
	got, ok := res.Consts[it.key]
	if !ok {
		add(c.Pos, it.key, "probe", c.Expr, failure(res, it.key))
		return
	}
	switch c.Kind {
	case ir.ConstFloat:
		if got.Kind != ConstFloat || (got.Float != c.Float && !(math.IsNaN(got.Float) && math.IsNaN(c.Float))) {
			add(c.Pos, it.key, "value", c.Float, got.Text)
		}
	default:
		if got.Kind == ConstFloat || uint64(c.Int) != got.Bits() {
			v := fmt.Sprint(c.Int)
			if c.Unsigned {
				v = fmt.Sprint(uint64(c.Int))
			}
			add(c.Pos, it.key, "value", v, got.Text)
		}
	}
}

// Summary renders mismatches one per line, for test failures.
func Summary(ms []Mismatch) string {
	var b strings.Builder
	for _, m := range ms {
		b.WriteString(m.String())
		b.WriteByte('\n')
	}
	return b.String()
}
