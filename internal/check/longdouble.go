package check

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Rust has no type for C's `long double` (x87 80-bit extended precision in
// 16 bytes on x86_64). As storage, a 16-byte, 16-aligned stand-in keeps
// every layout right: bindgen writes u128, ferry a #[repr(C, align(16))]
// struct of [u8; 16], others [u64; 2]. As
// a parameter or return value it cannot work: the x86_64 ABI passes long
// double in memory or on the x87 stack, u128 in two integer registers and
// f64 in an SSE register.

func isLongDouble(t *ir.Type) bool {
	return t != nil && t.Kind == ir.KindPrim && t.Prim == ir.LongDouble
}

// cmpLongDouble compares a C long double (resolved) with a Rust type; it
// returns nil for anything else, or a storage stand-in of the right size.
func (p *Pass) cmpLongDouble(c, r *ir.Type, x tctx, help string) *mismatch {
	if !isLongDouble(c) {
		return nil
	}
	if r.Kind == ir.KindPrim && r.Prim == ir.LongDouble {
		return nil
	}
	cl, _ := p.Target.PrimLayout(ir.LongDouble)
	rl, ok := p.R.Layout.TypeLayout(r)
	if !x.param && !x.result && ok && rl.Size == cl.Size && (r.Kind == ir.KindArray || r.Kind == ir.KindPrim && r.Prim.IsInteger() || p.R.Ix.Record(r) != nil) {
		return nil // the record's offsets and alignment are compared on their own
	}
	if x.param || x.result {
		return &mismatch{code: CodeFloatWidth, sev: diag.Error, detail: ": Rust has no `long double`, and no Rust type is passed the way C passes it (in memory, not in registers)", help: "remove it, or call it through a C shim that takes a double"}
	}
	if r.Kind == ir.KindPrim && r.Prim.IsFloat() {
		return &mismatch{code: CodeFloatWidth, sev: diag.Error, help: "declare it as u128 (storage only: Rust has no long double)"}
	}
	return &mismatch{code: CodeTypeKind, sev: diag.Error, help: "declare it as u128 (storage only: Rust has no long double)"}
}
