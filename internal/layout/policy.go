package layout

import "ferry/internal/ir"

// policy is a compiler's record layout algorithm. The data model (sizes and
// alignments of scalars) comes from ir.Target; the policy decides where
// members and bitfields go. GCC's System V rules and Microsoft's bitfield
// rules (GCC's ms_struct) differ mostly in bitfield allocation.
type policy interface {
	// layout returns the record's size and alignment in bytes and each
	// member's offset in bits.
	layout(r recordAttrs, ms []member) (ir.Layout, []int64)
}

func policyFor(t *ir.Target) policy {
	if t.BitfieldMSVC {
		return msvcPolicy{}
	}
	return gccPolicy{}
}
