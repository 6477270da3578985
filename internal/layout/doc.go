// Package layout owns ferry's own layout engine: the size, alignment, field
// offsets and bitfield positions of every C type in an ir.Module, computed
// from the target's data model (ir.Target) and the compiler's record rules.
//
// The rules are GCC's on the System V ABIs: packed and aligned attributes,
// #pragma pack, flexible and zero-length arrays, anonymous members, and
// bitfields that never straddle a storage unit of their declared type unless
// packed. Which bitfield policy applies (GCC's or Microsoft's) is chosen per
// target and kept apart in bitfield.go, so another data model plugs in by
// adding an ir.Target value.
//
// Compute is the pass that writes Record.Layout and Field.BitOffset into a
// module; Engine answers the same questions for any type, for emitters and
// the checker. Everything here is checked against gcc by internal/cprobe.
package layout
