package inline

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// rustEmitter spells a checked expression as Rust, making every C
// conversion explicit. An error means tier 1 cannot express it.
type rustEmitter struct {
	c *checker
}

func wrap(s string, atomic bool) string {
	if atomic {
		return s
	}
	return "(" + s + ")"
}

// fixed is the Rust fixed-width type with p's size and signedness on the
// target, for literal suffixes.
func (r *rustEmitter) fixed(p ir.Prim) string {
	switch {
	case p == ir.Float:
		return "f32"
	case p == ir.Double:
		return "f64"
	case p == ir.ISize || p == ir.USize:
		// Rust's isize/usize are distinct from i64/u64 even where the
		// widths agree, so a size_t literal must say usize.
		return p.String()
	}
	bits := r.c.size(p) * 8
	if p.IsSigned(r.c.target) {
		return "i" + strconv.FormatInt(bits, 10)
	}
	return "u" + strconv.FormatInt(bits, 10)
}

// intLiteral spells bits as a literal of kind p.
func (r *rustEmitter) intLiteral(bits uint64, p ir.Prim) (string, bool) {
	if p == ir.Bool {
		return strconv.FormatBool(bits != 0), true
	}
	suffix := r.fixed(p)
	if p.IsSigned(r.c.target) {
		size := r.c.size(p) * 8
		v := int64(bits)
		if size < 64 {
			v = v << (64 - size) >> (64 - size)
		}
		if v < 0 {
			if v == math.MinInt64 || size < 64 && v == -1<<(size-1) {
				return suffix + "::MIN", true
			}
			return "-" + strconv.FormatInt(-v, 10) + suffix, false
		}
		return strconv.FormatInt(v, 10) + suffix, true
	}
	size := r.c.size(p) * 8
	if size < 64 {
		bits &= 1<<size - 1
	}
	if bits > 0xffff {
		return "0x" + strconv.FormatUint(bits, 16) + suffix, true
	}
	return strconv.FormatUint(bits, 10) + suffix, true
}

func (r *rustEmitter) floatLiteral(v float64, p ir.Prim) (string, bool) {
	suffix := r.fixed(p)
	switch {
	case math.IsInf(v, 1):
		return suffix + "::INFINITY", true
	case math.IsInf(v, -1):
		return suffix + "::NEG_INFINITY", true
	case math.IsNaN(v):
		return suffix + "::NAN", true
	}
	s := strconv.FormatFloat(math.Abs(v), 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	s += suffix
	if v < 0 {
		return "-" + s, false
	}
	return s, true
}

// arithPrim is the scalar kind of a checked node, refusing enums: their
// Rust spelling is the bindings' business, not arithmetic.
func (r *rustEmitter) arithPrim(t *ir.Type) (ir.Prim, error) {
	rt := r.c.resolve(t)
	if rt == nil || rt.Kind != ir.KindPrim {
		return 0, fmt.Errorf("value of type %s", t)
	}
	if _, err := rustPrim(rt.Prim); err != nil {
		return 0, err
	}
	return rt.Prim, nil
}

// conv spells e converted to type to.
func (r *rustEmitter) conv(e expr, to *ir.Type) (string, bool, error) {
	s, atomic, err := r.expr(e)
	if err != nil {
		return "", false, err
	}
	from := r.c.resolve(e.ctype())
	dst := r.c.resolve(to)
	if from.Kind == ir.KindPointer || dst.Kind == ir.KindPointer {
		if from.Kind != ir.KindPointer || dst.Kind != ir.KindPointer {
			return "", false, fmt.Errorf("pointer conversion")
		}
		fs, err1 := rustType(r.c.ix, from)
		ds, err2 := rustType(r.c.ix, dst)
		if err1 != nil || err2 != nil {
			return "", false, fmt.Errorf("pointer type without a Rust spelling")
		}
		if fs == ds {
			return s, atomic, nil
		}
		return wrap(s, atomic) + " as " + ds, false, nil
	}
	fp, err := r.arithPrim(from)
	if err != nil {
		return "", false, err
	}
	tp, err := r.arithPrim(dst)
	if err != nil {
		return "", false, err
	}
	if fp == tp {
		return s, atomic, nil
	}
	if tp == ir.Bool {
		zero := "0" + r.fixed(fp)
		if fp.IsFloat() {
			zero = "0.0" + r.fixed(fp)
		}
		return wrap(s, atomic) + " != " + zero, false, nil
	}
	// A literal converts by re-spelling it, which keeps clippy quiet.
	if lit, ok := e.(*intLit); ok && tp.IsInteger() && fitsIn(lit.val, tp, r.c) {
		t, a := r.intLiteral(lit.val, tp)
		return t, a, nil
	}
	ts, _ := rustPrim(tp)
	return wrap(s, atomic) + " as " + ts, false, nil
}

func fitsIn(v uint64, p ir.Prim, c *checker) bool {
	bits := c.size(p) * 8
	if p.IsSigned(c.target) {
		return bits >= 64 && v <= math.MaxInt64 || bits < 64 && v < 1<<(bits-1)
	}
	return bits >= 64 || v < 1<<bits
}

// truth spells e as a Rust bool: C's "compares unequal to zero".
func (r *rustEmitter) truth(e expr) (string, bool, error) {
	switch e := e.(type) {
	case *binaryExpr:
		switch e.op {
		case "==", "!=", "<", ">", "<=", ">=":
			return r.compare(e)
		case "&&", "||":
			return r.logical(e)
		}
	case *unaryExpr:
		if e.op == "!" {
			s, a, err := r.truth(e.x)
			if err != nil {
				return "", false, err
			}
			return "!" + wrap(s, a), true, nil
		}
	}
	return r.conv(e, prim(ir.Bool))
}

func (r *rustEmitter) compare(e *binaryExpr) (string, bool, error) {
	l, la, err := r.conv(e.l, e.conv)
	if err != nil {
		return "", false, err
	}
	rr, ra, err := r.conv(e.r, e.conv)
	if err != nil {
		return "", false, err
	}
	return wrap(l, la) + " " + e.op + " " + wrap(rr, ra), false, nil
}

func (r *rustEmitter) logical(e *binaryExpr) (string, bool, error) {
	l, la, err := r.truth(e.l)
	if err != nil {
		return "", false, err
	}
	rr, ra, err := r.truth(e.r)
	if err != nil {
		return "", false, err
	}
	return wrap(l, la) + " " + e.op + " " + wrap(rr, ra), false, nil
}

// fromBool spells a Rust bool as C's int 0 or 1.
func (r *rustEmitter) fromBool(s string, atomic bool) (string, bool) {
	return wrap(s, atomic) + " as core::ffi::c_int", false
}

func (r *rustEmitter) expr(e expr) (string, bool, error) {
	if rt := r.c.resolve(e.ctype()); rt != nil && rt.Kind == ir.KindNamed {
		if r.c.ix.Enum(rt) != nil {
			return "", false, fmt.Errorf("enum-typed value")
		}
		if _, isMember := e.(*memberExpr); !isMember {
			if _, isDeref := e.(*unaryExpr); !isDeref {
				return "", false, fmt.Errorf("struct or union value")
			}
		}
	}
	switch e := e.(type) {
	case *identExpr:
		switch {
		case e.param:
			return rustIdent(e.name), true, nil
		case e.enum:
			s, a := r.intLiteral(uint64(e.val), ir.Int)
			return s, a, nil
		case e.cnst != nil:
			p, err := r.arithPrim(e.ty)
			if err != nil {
				return "", false, err
			}
			if e.cnst.Kind == ir.ConstFloat {
				s, a := r.floatLiteral(e.cnst.Float, p)
				return s, a, nil
			}
			if p.IsFloat() {
				s, a := r.floatLiteral(float64(e.cnst.Int), p)
				return s, a, nil
			}
			s, a := r.intLiteral(uint64(e.cnst.Int), p)
			return s, a, nil
		}
		return "", false, fmt.Errorf("name %s", e.name)
	case *intLit:
		p, err := r.arithPrim(e.ty)
		if err != nil {
			return "", false, err
		}
		s, a := r.intLiteral(e.val, p)
		return s, a, nil
	case *floatLit:
		p, err := r.arithPrim(e.ty)
		if err != nil {
			return "", false, err
		}
		s, a := r.floatLiteral(e.val, p)
		return s, a, nil
	case *unaryExpr:
		return r.unary(e)
	case *binaryExpr:
		return r.binary(e)
	case *condExpr:
		c, _, err := r.truth(e.c)
		if err != nil {
			return "", false, err
		}
		t, _, err := r.conv(e.t, e.ty)
		if err != nil {
			return "", false, err
		}
		f, _, err := r.conv(e.f, e.ty)
		if err != nil {
			return "", false, err
		}
		return "if " + c + " { " + t + " } else { " + f + " }", false, nil
	case *castExpr:
		return r.conv(e.x, e.ty)
	case *memberExpr:
		base, err := r.place(e.x, e.arrow)
		if err != nil {
			return "", false, err
		}
		return base + "." + rustIdent(e.name), true, nil
	case *indexExpr:
		return r.index(e)
	case *sizeofExpr:
		if e.generic != "" {
			return "core::mem::size_of::<" + e.generic + ">()", true, nil
		}
		t, err := rustType(r.c.ix, e.of)
		if err != nil {
			return "", false, err
		}
		return "core::mem::size_of::<" + t + ">()", true, nil
	}
	return "", false, fmt.Errorf("not expressible in Rust")
}

// place spells the record a member access reads from: (*p) for p->f.
func (r *rustEmitter) place(x expr, arrow bool) (string, error) {
	if !arrow {
		switch x := x.(type) {
		case *memberExpr, *indexExpr:
			s, a, err := r.expr(x)
			return wrap(s, a), err
		case *unaryExpr:
			if x.op == "*" {
				s, _, err := r.expr(x)
				return "(" + s + ")", err
			}
		case *identExpr:
			if x.param {
				return rustIdent(x.name), nil
			}
		}
		return "", fmt.Errorf("member of a value")
	}
	s, a, err := r.expr(x)
	if err != nil {
		return "", err
	}
	return "(*" + wrap(s, a) + ")", nil
}

func (r *rustEmitter) index(e *indexExpr) (string, bool, error) {
	i, ia, err := r.expr(e.i)
	if err != nil {
		return "", false, err
	}
	x, xa, err := r.expr(e.x)
	if err != nil {
		return "", false, err
	}
	if r.c.resolve(e.x.ctype()).Kind == ir.KindPointer {
		return "*" + wrap(x, xa) + ".offset(" + wrap(i, ia) + " as isize)", false, nil
	}
	return wrap(x, xa) + "[" + wrap(i, ia) + " as usize]", true, nil
}

func (r *rustEmitter) unary(e *unaryExpr) (string, bool, error) {
	switch e.op {
	case "*":
		if _, err := rustType(r.c.ix, e.x.ctype()); err != nil {
			return "", false, err
		}
		x, xa, err := r.expr(e.x)
		if err != nil {
			return "", false, err
		}
		return "*" + wrap(x, xa), false, nil
	case "!":
		s, a, err := r.truth(e.x)
		if err != nil {
			return "", false, err
		}
		s, a = r.fromBool("!"+wrap(s, a), true)
		return s, a, nil
	case "&":
		return "", false, fmt.Errorf("address-of")
	}
	x, xa, err := r.conv(e.x, e.ty)
	if err != nil {
		return "", false, err
	}
	p, err := r.arithPrim(e.ty)
	if err != nil {
		return "", false, err
	}
	switch e.op {
	case "+":
		return x, xa, nil
	case "-":
		if !p.IsFloat() && !p.IsSigned(r.c.target) {
			return wrap(x, xa) + ".wrapping_neg()", true, nil
		}
		return "-" + wrap(x, xa), false, nil
	case "~":
		return "!" + wrap(x, xa), false, nil
	}
	return "", false, fmt.Errorf("operator %s", e.op)
}

var wrappingOps = map[string]string{"+": "wrapping_add", "-": "wrapping_sub", "*": "wrapping_mul"}

func (r *rustEmitter) binary(e *binaryExpr) (string, bool, error) {
	switch e.op {
	case "==", "!=", "<", ">", "<=", ">=":
		s, a, err := r.compare(e)
		if err != nil {
			return "", false, err
		}
		s, a = r.fromBool(s, a)
		return s, a, nil
	case "&&", "||":
		s, a, err := r.logical(e)
		if err != nil {
			return "", false, err
		}
		s, a = r.fromBool(s, a)
		return s, a, nil
	case "<<", ">>":
		l, la, err := r.conv(e.l, e.ty)
		if err != nil {
			return "", false, err
		}
		rp, err := r.arithPrim(e.r.ctype())
		if err != nil {
			return "", false, err
		}
		rr, ra, err := r.conv(e.r, prim(r.c.promote(rp)))
		if err != nil {
			return "", false, err
		}
		return wrap(l, la) + " " + e.op + " " + wrap(rr, ra), false, nil
	}
	l, la, err := r.conv(e.l, e.conv)
	if err != nil {
		return "", false, err
	}
	rr, ra, err := r.conv(e.r, e.conv)
	if err != nil {
		return "", false, err
	}
	p, err := r.arithPrim(e.conv)
	if err != nil {
		return "", false, err
	}
	if m, ok := wrappingOps[e.op]; ok && p.IsInteger() && !p.IsSigned(r.c.target) {
		return wrap(l, la) + "." + m + "(" + rr + ")", true, nil
	}
	return wrap(l, la) + " " + e.op + " " + wrap(rr, ra), false, nil
}
