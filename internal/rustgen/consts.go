package rustgen

import (
	"math"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// emitConst writes a macro constant with its C type.
func (e *emitter) emitConst(c *ir.Const) {
	id := e.constName[c]
	if id == "" {
		return
	}
	var ty, val string
	switch c.Kind {
	case ir.ConstInt, ir.ConstChar:
		ty, val = e.intConst(c)
	case ir.ConstFloat:
		ty, val = e.floatConst(c)
	case ir.ConstString:
		if !e.charArray(c.Type) {
			e.warn(c.Pos, codeConstSkipped, c.Name, "macro %s is a string of %s; skipped", c.Name, c.Type)
			return
		}
		if strings.IndexByte(string(c.Str), 0) >= 0 {
			ty, val = "&[u8]", bytesLit("b", append(append([]byte{}, c.Str...), 0))
		} else {
			ty, val = "&::core::ffi::CStr", bytesLit("c", c.Str)
		}
	}
	if ty == "" {
		e.warn(c.Pos, codeConstSkipped, c.Name, "macro %s has a value ferry cannot write in rust; skipped", c.Name)
		return
	}
	e.sep()
	e.doc(0, c.Doc)
	if c.Attrs.Deprecated {
		e.deprecated(0, c.Attrs.DeprecatedMsg)
	}
	if !isUpperGlobal(id) {
		e.b.WriteString("#[allow(non_upper_case_globals)]\n")
	}
	writeAssign(&e.b, 0, "pub const "+id+": "+ty, val)
}

// charArray reports whether t is a narrow string type (or unknown).
func (e *emitter) charArray(t *ir.Type) bool {
	if t == nil {
		return true
	}
	r := e.ix.Resolve(t)
	if r.Kind == ir.KindArray || r.Kind == ir.KindPointer {
		r = e.ix.Resolve(r.Elem)
	}
	if r == nil || r.Kind != ir.KindPrim {
		return false
	}
	switch r.Prim {
	case ir.Char, ir.SChar, ir.UChar, ir.I8, ir.U8:
		return true
	}
	return false
}

// intConst spells an integer (or character) constant in its C type; a value
// that does not fit the type it came with falls back to i64/u64.
func (e *emitter) intConst(c *ir.Const) (ty, val string) {
	t := c.Type
	if t == nil {
		t = ir.PrimType(ir.Int)
		if c.Unsigned {
			t = ir.PrimType(ir.UInt)
		}
	}
	r := e.ix.Resolve(t)
	if r != nil && r.Kind == ir.KindNamed {
		if en, ok := e.ix.Lookup(r.Ref).(*ir.Enum); ok {
			if n := e.enumName[en]; n != "" && fits(e, c, en.Underlying) {
				return e.typ(t, ctxValue).flat(), n + "(" + e.intLit(c.Int, en.Underlying) + ")"
			}
			r = ir.PrimType(en.Underlying)
			t = r
		}
	}
	if r == nil || r.Kind != ir.KindPrim || !(r.Prim.IsInteger() || r.Prim == ir.Bool) {
		return "", ""
	}
	p := r.Prim
	if p == ir.Bool && c.Int != 0 && c.Int != 1 {
		p, t = ir.Int, ir.PrimType(ir.Int)
	}
	if !fits(e, c, p) {
		p = ir.I64
		if c.Unsigned {
			p = ir.U64
		}
		t = ir.PrimType(p)
	}
	ty = e.typ(t, ctxValue).flat()
	val = e.intLit(c.Int, p)
	if c.Kind == ir.ConstChar && c.Int >= 0x20 && c.Int < 0x7f && p != ir.Bool {
		ch := byte(c.Int)
		lit := string(ch)
		if ch == '\'' || ch == '\\' {
			lit = `\` + lit
		}
		val = "b'" + lit + "' as " + ty
	} else if strings.HasPrefix(c.Expr, "0x") || strings.HasPrefix(c.Expr, "0X") {
		if !strings.HasPrefix(val, "-") && !strings.ContainsAny(c.Expr, "()+-*/<>|&~^ ") {
			u, _ := strconv.ParseUint(val, 10, 64)
			val = "0x" + hex(u)
		}
	}
	return ty, val
}

// fits reports whether c's value is representable in p.
func fits(e *emitter, c *ir.Const, p ir.Prim) bool {
	if p == ir.Bool {
		return c.Int == 0 || c.Int == 1
	}
	l, ok := e.tgt.PrimLayout(p)
	if !ok || l.Size > 8 {
		return ok
	}
	bits := uint(8 * l.Size)
	if p.IsSigned(e.tgt) {
		if c.Unsigned && c.Int < 0 {
			return false
		}
		if bits == 64 {
			return true
		}
		lo, hi := -(int64(1) << (bits - 1)), int64(1)<<(bits-1)-1
		return c.Int >= lo && c.Int <= hi
	}
	if !c.Unsigned && c.Int < 0 {
		return false
	}
	return bits == 64 || uint64(c.Int) < uint64(1)<<bits
}

func (e *emitter) floatConst(c *ir.Const) (ty, val string) {
	bits, ty := 64, "f64"
	if c.Type != nil {
		if r := e.ix.Resolve(c.Type); r != nil && r.Kind == ir.KindPrim && r.Prim == ir.Float {
			bits, ty = 32, "f32"
		}
	}
	v := c.Float
	switch {
	case math.IsNaN(v):
		return ty, ty + "::NAN"
	case math.IsInf(v, 1):
		return ty, ty + "::INFINITY"
	case math.IsInf(v, -1):
		return ty, ty + "::NEG_INFINITY"
	}
	s := strconv.FormatFloat(v, 'g', -1, bits)
	if strings.ContainsAny(s, "e") {
		mant, exp, _ := strings.Cut(s, "e")
		if !strings.Contains(mant, ".") {
			mant += ".0"
		}
		exp = strings.TrimPrefix(exp, "+")
		s = mant + "e" + exp
	} else if !strings.Contains(s, ".") {
		s += ".0"
	}
	return ty, s
}
