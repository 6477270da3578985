package layout

import "ferry/internal/ir"

// gccPolicy is GCC's record layout on the System V targets (stor-layout.c
// with PCC_BITFIELD_TYPE_MATTERS), as measured against gcc 12 on x86_64:
//
//   - An ordinary member is aligned to its type's alignment, raised by its
//     own aligned(N); packed (on it or the record) drops that to 1 unless
//     the member has its own aligned(N), which then applies exactly, even
//     when lower. #pragma pack(N) caps the result, aligned(N) included.
//   - A bitfield has no alignment of its own: it goes at the next free bit,
//     moved up to its type's alignment only if it would otherwise span more
//     type-aligned units than the type itself has. Packed members and any
//     #pragma pack skip that rule, so they may straddle. So does a bitfield
//     exactly as wide as an integer mode (8 to 128 bits) that starts where
//     the free space is already aligned to that width: GCC makes it an
//     ordinary member, with the mode's alignment.
//   - A named bitfield raises the record's alignment to its type's (capped
//     by #pragma pack, else 1 if packed); an unnamed one never does.
//   - A zero-width bitfield aligns the next member to its type's alignment,
//     ignoring packed and #pragma pack, and does not raise the record's.
//   - The record's alignment starts at its aligned(N) (never capped) and the
//     size is the end of the last member rounded up to it.
type gccPolicy struct{}

func (gccPolicy) layout(r recordAttrs, ms []member) (ir.Layout, []int64) {
	offs := make([]int64, len(ms))
	align := max(1, r.align) // bytes
	var pos int64            // bits; for a union, the largest member size
	for i, m := range ms {
		f := m.f
		base := pos
		if r.union {
			base = 0 // every member of a union starts at 0
		}
		var at, end int64
		switch {
		case f.Bitfield && f.Width == 0:
			at = roundUp(base, 8*max(m.tl.Align, f.AlignAttr))
			end = at
		case f.Bitfield:
			// A bitfield's own alignment is one bit, unless it has aligned(N).
			want, wantBits := int64(1), int64(1)
			if f.AlignAttr > 0 {
				want = f.AlignAttr
				if r.pack > 0 {
					want = min(want, r.pack)
				}
				wantBits = 8 * want
			}
			at = roundUp(base, wantBits)
			// The mode test looks at the position before aligning it.
			if mode := modeAlign(base, f.Width, m.packed); mode > 0 {
				// GCC turns a bitfield that fills a whole integer mode at a
				// position aligned for it into an ordinary member: no
				// straddling check, and its alignment is the mode's.
				want = max(want, min(mode, capOr(r.pack, mode)))
			} else if !m.packed && r.pack == 0 && excessUnitSpan(at, f.Width, 8*m.tl.Align, 8*m.tl.Size) {
				at = roundUp(at, 8*m.tl.Align)
			}
			end = at + f.Width
			if f.Name != "" {
				ta := m.tl.Align
				switch {
				case r.pack > 0:
					ta = min(ta, r.pack)
				case m.packed:
					ta = 1
				}
				align = max(align, want, ta)
			}
		default:
			a := gccFieldAlign(r, m)
			at = roundUp(base, 8*a)
			end = at + 8*m.tl.Size
			align = max(align, a)
		}
		if r.union {
			offs[i] = 0
			pos = max(pos, end-at)
			continue
		}
		offs[i] = at
		pos = end
	}
	size := roundUp(roundUp(pos, 8)/8, align)
	return ir.Layout{Size: size, Align: align}, offs
}

// gccFieldAlign is the alignment in bytes of an ordinary (non-bitfield)
// member: GCC's DECL_ALIGN after layout_decl.
func gccFieldAlign(r recordAttrs, m member) int64 {
	a := m.tl.Align
	switch {
	case m.packed && m.f.AlignAttr > 0:
		a = m.f.AlignAttr
	case m.packed:
		a = 1
	default:
		a = max(a, m.f.AlignAttr)
	}
	if r.pack > 0 {
		a = min(a, r.pack)
	}
	return max(a, 1)
}

// modeAlign returns the alignment in bytes of the integer mode a bitfield
// of width bits exactly fills (8, 16, 32, 64 or 128 bits), if the bitfield
// starts where the record's free space is already aligned for that mode,
// else 0. Packed bitfields wider
// than a byte never qualify (GCC's layout_decl).
func modeAlign(at, width int64, packed bool) int64 {
	switch width {
	case 8, 16, 32, 64, 128:
	default:
		return 0
	}
	if packed && width > 8 {
		return 0
	}
	if at%width != 0 {
		return 0
	}
	return width / 8
}

// capOr returns c, or def when c is 0 (no cap).
func capOr(c, def int64) int64 {
	if c > 0 {
		return c
	}
	return def
}

// excessUnitSpan reports whether a bitfield of width bits at bit offset
// spans more units of typeAlign bits than a whole object of its type
// (typeSize bits) does: then GCC moves it to the next unit.
func excessUnitSpan(offset, width, typeAlign, typeSize int64) bool {
	if typeAlign <= 0 {
		return false
	}
	o := offset % typeAlign
	return (o+width+typeAlign-1)/typeAlign > typeSize/typeAlign
}
