package cfront

import (
	"strings"

	"ferry/internal/ir"
)

// applyMode applies GCC's `__attribute__((mode(M)))` to a scalar type: the
// integer (or floating) type of M's width replaces the declared one, keeping
// signedness. glibc declares `typedef int register_t
// __attribute__((__mode__(__word__)));`, 8 bytes on x86_64, not 4. Other
// types, and modes ferry does not know, are left alone.
func (c *conv) applyMode(t *ir.Type, attrs []attr) *ir.Type {
	mode := ""
	for _, a := range attrs {
		if a.name == "vector_size" && len(a.args) == 1 && t != nil {
			// A SIMD vector (__m128, __v4sf): not its element type, and
			// passed in vector registers. ferry does not model it.
			return &ir.Type{Kind: ir.KindOpaque, Text: t.String() + " __attribute__((vector_size(" + a.text(0) + ")))"}
		}
		if a.name == "mode" && len(a.args) == 1 {
			mode = strings.Trim(a.text(0), "_")
		}
	}
	if mode == "" || t == nil || t.Kind != ir.KindPrim {
		return t
	}
	p := t.Prim
	var np ir.Prim
	switch {
	case p.IsInteger():
		signed := p.IsSigned(c.target)
		switch mode {
		case "QI", "byte":
			np = pick(!signed, ir.I8, ir.U8)
		case "HI":
			np = pick(!signed, ir.I16, ir.U16)
		case "SI":
			np = pick(!signed, ir.I32, ir.U32)
		case "DI":
			np = pick(!signed, ir.I64, ir.U64)
		case "TI":
			np = pick(!signed, ir.Int128, ir.UInt128)
		case "word":
			// The machine word is pointer-sized on the targets ferry models.
			np = pick(!signed, ir.I32, ir.U32)
			if c.target == nil || c.target.Pointer.Size == 8 {
				np = pick(!signed, ir.I64, ir.U64)
			}
		case "pointer", "unwind_word":
			np = pick(!signed, ir.ISize, ir.USize)
		}
	case p.IsFloat():
		switch mode {
		case "HF":
			np = ir.Float16
		case "SF":
			np = ir.Float
		case "DF":
			np = ir.Double
		case "XF":
			np = ir.LongDouble
		case "TF", "KF":
			np = ir.Float128
		}
	}
	if np == ir.PrimInvalid || np == p {
		return t
	}
	u := *t
	u.Prim = np
	return &u
}
