package layout

import "ferry/internal/ir"

// msvcPolicy is Microsoft's bitfield allocation, as GCC implements it for
// ms_struct / -mms-bitfields (and as MSVC does on Windows targets):
//
//   - Adjacent bitfields share a storage unit only if their declared types
//     have the same size and the next one fits in what is left of the unit;
//     otherwise the rest of the unit is skipped and a new one starts at the
//     type's alignment.
//   - A member after a run of bitfields starts after the run's whole unit.
//   - A zero-width bitfield ends a run; it aligns (and raises the record's
//     alignment) only when it follows a non-zero-width bitfield.
//   - Every bitfield, named or not, raises the record's alignment to its
//     type's.
//
// Positions and alignments here are in bits, as in GCC's place_field.
type msvcPolicy struct{}

func (msvcPolicy) layout(r recordAttrs, ms []member) (ir.Layout, []int64) {
	offs := make([]int64, len(ms))
	recAlign := 8 * max(1, r.align)
	capAlign := func(a int64) int64 {
		if r.pack > 0 {
			return min(a, 8*r.pack)
		}
		return a
	}
	var pos, remaining int64
	prev := -1 // the bitfield whose unit is open, GCC's rli->prev_field
	var unionSize int64
	for i, m := range ms {
		f := m.f
		isBF := f.Bitfield
		size := 8 * m.tl.Size
		if isBF {
			size = f.Width
		}
		typeSize := 8 * m.tl.Size
		desired := 8 * gccFieldAlign(r, m)
		if isBF {
			desired = 8 * max(1, f.AlignAttr)
			if f.AlignAttr == 0 {
				desired = 1
			}
			at := pos
			if r.union {
				at = 0
			}
			if mode := modeAlign(at, f.Width, m.packed); mode > 0 {
				desired = max(desired, 8*mode) // see gccPolicy
			}
			desired = capAlign(desired)
		}
		// Record alignment (update_alignment_for_field, MS branch).
		contributes := !isBF
		if isBF {
			if f.Width != 0 {
				contributes = !m.packed
			} else {
				contributes = prev >= 0 && ms[prev].f.Width != 0
			}
		}
		if contributes {
			ta := 8 * m.tl.Align
			if !isBF && m.packed {
				ta = desired
			} else {
				ta = max(ta, desired)
			}
			recAlign = max(recAlign, capAlign(ta))
		}
		if r.union {
			offs[i] = 0
			unionSize = max(unionSize, size)
			continue
		}
		known := knownAlign(pos)
		if known < desired && prev < 0 {
			pos = roundUp(pos, desired)
		}
		prevSaved := prev
		if prev >= 0 {
			realign := known < desired
			pf := ms[prev]
			if isBF && f.Width != 0 && pf.f.Width != 0 && m.tl.Size == pf.tl.Size {
				if remaining < f.Width {
					pos += remaining
					prev = i
					remaining = max(0, typeSize-f.Width)
				} else {
					remaining -= f.Width
					realign = false
				}
			} else {
				if pf.f.Width != 0 {
					pos += remaining
				} else {
					prevSaved = -1
				}
				if !isBF || f.Width == 0 {
					prev = -1
				}
			}
			if realign {
				pos = roundUp(pos, desired)
			}
		}
		newRun := !isBF
		if isBF {
			if prevSaved >= 0 {
				newRun = m.tl.Size != ms[prevSaved].tl.Size
			} else {
				newRun = f.Width != 0
			}
		}
		if newRun {
			remaining = max(0, typeSize-size)
			ta := int64(8)
			if !m.packed {
				ta = 8 * m.tl.Align
			}
			pos = roundUp(pos, capAlign(ta))
			prev = -1
			if isBF {
				prev = i
			}
		}
		offs[i] = pos
		pos += size
	}
	if r.union {
		pos = unionSize
	} else if prev >= 0 && ms[prev].f.Width != 0 {
		pos += remaining // a trailing run uses up its whole unit
	}
	align := recAlign / 8
	return ir.Layout{Size: roundUp(roundUp(pos, 8)/8, align), Align: align}, offs
}

// knownAlign is the largest power of two dividing pos (bits), or a huge
// value at 0, as GCC computes the alignment already guaranteed.
func knownAlign(pos int64) int64 {
	if pos == 0 {
		return 1 << 62
	}
	return pos & -pos
}
