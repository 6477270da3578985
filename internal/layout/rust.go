package layout

import "ferry/internal/ir"

// isUnsized reports whether a pointer to t is a fat pointer on the Rust
// side: slices, str, CStr and trait objects carry a length or a vtable.
func isUnsized(t *ir.Type) bool {
	if t == nil || t.Kind != ir.KindRust {
		return false
	}
	switch t.Text {
	case ir.RustSlice, ir.RustStr, ir.RustCStr, ir.RustDyn:
		return true
	}
	return false
}

// rustLayout covers the Rust-only types whose layout std fixes in practice
// (String, Vec, CString: pointer-sized words) and the never type. Tuples,
// Option and Result of non-pointer types have no stable layout (repr(Rust)),
// so they are reported as unknown rather than guessed.
func (e *Engine) rustLayout(t *ir.Type) (ir.Layout, string) {
	w := e.target.Pointer
	switch t.Text {
	case ir.RustString, ir.RustVec:
		return ir.Layout{Size: 3 * w.Size, Align: w.Align}, ""
	case ir.RustCString:
		return ir.Layout{Size: 2 * w.Size, Align: w.Align}, ""
	case ir.RustNever:
		return ir.Layout{Size: 0, Align: 1}, ""
	}
	return ir.Layout{}, "Rust type " + t.String() + ", whose layout Rust leaves unspecified"
}
