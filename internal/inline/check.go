package inline

import (
	"fmt"

	"ferry/internal/ir"
)

// checker gives every node of an expression its C type, by C's rules
// (integer promotions, the usual arithmetic conversions), and notes what
// Rust cannot express directly so the caller can fall back to a C wrapper.
type checker struct {
	ix     *ir.Index
	target *ir.Target
	// vars are parameters and locals. A nil type is a macro parameter whose
	// type is not known yet.
	vars map[string]*ir.Type
	// generics are macro parameters used as types, as in sizeof(T).
	generics map[string]bool
	// self is the macro or function being translated: it may not call itself.
	self string

	unsafe bool   // the Rust translation dereferences raw pointers
	needC  string // why only a C wrapper can express this; "" if Rust can
}

// unknownParam is the error for a macro parameter whose type is not inferred yet.
type unknownParam struct{ name string }

func (e unknownParam) Error() string {
	return fmt.Sprintf("cannot infer the type of parameter %s", e.name)
}

func (c *checker) wantC(format string, args ...any) {
	if c.needC == "" {
		c.needC = fmt.Sprintf(format, args...)
	}
}

func (c *checker) resolve(t *ir.Type) *ir.Type { return c.ix.Resolve(t) }

// arith returns the arithmetic kind of t (enums read as their underlying
// integer), or false if t is not arithmetic.
func (c *checker) arith(t *ir.Type) (ir.Prim, bool) {
	t = c.resolve(t)
	if t == nil {
		return 0, false
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void || t.Prim == ir.RustChar {
			return 0, false
		}
		return t.Prim, true
	case ir.KindNamed:
		if e := c.ix.Enum(t); e != nil {
			if e.Underlying == ir.PrimInvalid {
				return ir.UInt, true
			}
			return e.Underlying, true
		}
	}
	return 0, false
}

func (c *checker) size(p ir.Prim) int64 {
	l, _ := c.target.PrimLayout(p)
	return l.Size
}

// rank orders integer kinds by C's conversion rank: by width, with long
// long above long.
func (c *checker) rank(p ir.Prim) int64 {
	r := c.size(p) * 4
	if p == ir.LongLong || p == ir.ULongLong {
		r++
	}
	return r
}

func (c *checker) promote(p ir.Prim) ir.Prim {
	if p.IsFloat() {
		return p
	}
	if p == ir.Bool || c.size(p) < c.size(ir.Int) {
		return ir.Int
	}
	return p
}

func unsignedOf(p ir.Prim) ir.Prim {
	switch p {
	case ir.Int:
		return ir.UInt
	case ir.Long:
		return ir.ULong
	case ir.LongLong:
		return ir.ULongLong
	case ir.I32:
		return ir.U32
	case ir.I64:
		return ir.U64
	case ir.ISize:
		return ir.USize
	case ir.Int128:
		return ir.UInt128
	}
	return p
}

// usual applies the usual arithmetic conversions.
func (c *checker) usual(a, b ir.Prim) (ir.Prim, error) {
	for _, p := range []ir.Prim{a, b} {
		if p == ir.LongDouble || p == ir.Float128 || p == ir.Float16 {
			return 0, fmt.Errorf("%s has no Rust type", p)
		}
	}
	switch {
	case a == ir.Double || b == ir.Double:
		return ir.Double, nil
	case a == ir.Float || b == ir.Float:
		return ir.Float, nil
	}
	a, b = c.promote(a), c.promote(b)
	if a == b {
		return a, nil
	}
	sa, sb := a.IsSigned(c.target), b.IsSigned(c.target)
	if sa == sb {
		if c.rank(a) >= c.rank(b) {
			return a, nil
		}
		return b, nil
	}
	u, s := a, b
	if sa {
		u, s = b, a
	}
	switch {
	case c.rank(u) >= c.rank(s):
		return u, nil
	case c.size(s) > c.size(u):
		return s, nil
	}
	return unsignedOf(s), nil
}

func prim(p ir.Prim) *ir.Type { return ir.PrimType(p) }

// check types e and its operands.
func (c *checker) check(e expr) (*ir.Type, error) {
	t, err := c.check1(e)
	if err != nil {
		return nil, err
	}
	setType(e, t)
	return t, nil
}

func setType(e expr, t *ir.Type) {
	switch e := e.(type) {
	case *identExpr:
		e.ty = t
	case *intLit:
		e.ty = t
	case *floatLit:
		e.ty = t
	case *strLit:
		e.ty = t
	case *unaryExpr:
		e.ty = t
	case *binaryExpr:
		e.ty = t
	case *condExpr:
		e.ty = t
	case *castExpr:
		e.ty = t
	case *callExpr:
		e.ty = t
	case *memberExpr:
		e.ty = t
	case *indexExpr:
		e.ty = t
	case *sizeofExpr:
		e.ty = t
	case *assignExpr:
		e.ty = t
	}
}

func (c *checker) check1(e expr) (*ir.Type, error) {
	switch e := e.(type) {
	case *identExpr:
		return c.checkIdent(e)
	case *intLit, *floatLit, *castExpr:
		if ce, ok := e.(*castExpr); ok {
			return c.checkCast(ce)
		}
		return e.ctype(), nil
	case *strLit:
		c.wantC("string literal")
		return ir.PointerTo(prim(ir.Char).WithConst(true)), nil
	case *unaryExpr:
		return c.checkUnary(e)
	case *binaryExpr:
		return c.checkBinary(e)
	case *condExpr:
		return c.checkCond(e)
	case *callExpr:
		return c.checkCall(e)
	case *memberExpr:
		return c.checkMember(e)
	case *indexExpr:
		xt, err := c.check(e.x)
		if err != nil {
			return nil, err
		}
		it, err := c.check(e.i)
		if err != nil {
			return nil, err
		}
		if p, ok := c.arith(it); !ok || !p.IsInteger() {
			return nil, fmt.Errorf("array index is not an integer")
		}
		xr := c.resolve(xt)
		switch xr.Kind {
		case ir.KindPointer:
			c.unsafe = true
			return xr.Elem, nil
		case ir.KindArray:
			return xr.Elem, nil
		}
		return nil, fmt.Errorf("indexing a value that is not a pointer or array")
	case *sizeofExpr:
		if e.generic != "" {
			if _, isVar := c.vars[e.generic]; isVar {
				return nil, fmt.Errorf("parameter %s is used both as a type and as a value", e.generic)
			}
			c.generics[e.generic] = true
			return prim(ir.USize), nil
		}
		if c.resolve(e.of).Kind == ir.KindNamed {
			if r := c.ix.Record(e.of); r != nil && !r.Complete {
				return nil, fmt.Errorf("sizeof of incomplete type %s", e.of)
			}
		}
		if _, err := rustType(c.ix, e.of); err != nil {
			c.wantC("sizeof(%s)", e.of)
		}
		return prim(ir.USize), nil
	case *assignExpr:
		return c.checkAssign(e)
	}
	return nil, fmt.Errorf("unsupported expression")
}

func (c *checker) checkIdent(e *identExpr) (*ir.Type, error) {
	if t, ok := c.vars[e.name]; ok {
		if t == nil {
			return nil, unknownParam{e.name}
		}
		e.param = true
		return t, nil
	}
	if c.generics[e.name] {
		return nil, fmt.Errorf("parameter %s is used both as a type and as a value", e.name)
	}
	if k, ok := c.ix.Consts[e.name]; ok {
		e.cnst = k
		switch k.Kind {
		case ir.ConstString:
			c.wantC("string constant %s", k.Name)
			return ir.PointerTo(prim(ir.Char).WithConst(true)), nil
		case ir.ConstFloat:
			if k.Type != nil {
				return k.Type, nil
			}
			return prim(ir.Double), nil
		}
		if k.Type != nil {
			if _, ok := c.arith(k.Type); ok {
				return k.Type, nil
			}
		}
		if k.Unsigned {
			return prim(ir.ULong), nil
		}
		return prim(ir.Int), nil
	}
	if en, ok := c.ix.Enumerators[e.name]; ok {
		for _, v := range en.Values {
			if v.Name == e.name {
				e.enum, e.val = true, v.Value
			}
		}
		return prim(ir.Int), nil
	}
	if _, ok := c.ix.Functions[e.name]; ok {
		return nil, fmt.Errorf("function %s used as a value", e.name)
	}
	return nil, fmt.Errorf("unknown name %s", e.name)
}

func (c *checker) checkCast(e *castExpr) (*ir.Type, error) {
	xt, err := c.check(e.x)
	if err != nil {
		return nil, err
	}
	to := c.resolve(e.ty)
	if to.IsVoid() {
		c.wantC("cast to void")
		return e.ty, nil
	}
	_, toArith := c.arith(to)
	_, fromArith := c.arith(xt)
	from := c.resolve(xt)
	switch {
	case toArith && fromArith:
	case to.Kind == ir.KindPointer && from.Kind == ir.KindPointer:
	case to.Kind == ir.KindPointer || from.Kind == ir.KindPointer:
		c.wantC("cast between pointer and integer")
	default:
		return nil, fmt.Errorf("cast from %s to %s", xt, e.ty)
	}
	if _, err := rustType(c.ix, e.ty); err != nil {
		c.wantC("cast to %s", e.ty)
	}
	return e.ty, nil
}

func (c *checker) checkUnary(e *unaryExpr) (*ir.Type, error) {
	xt, err := c.check(e.x)
	if err != nil {
		return nil, err
	}
	switch e.op {
	case "*":
		r := c.resolve(xt)
		if r.Kind != ir.KindPointer || r.Elem.IsVoid() {
			return nil, fmt.Errorf("dereference of a non-pointer")
		}
		c.unsafe = true
		return r.Elem, nil
	case "&":
		c.wantC("address-of")
		return ir.PointerTo(xt), nil
	case "!":
		if _, ok := c.arith(xt); !ok {
			c.wantC("! on a pointer")
		}
		return prim(ir.Int), nil
	}
	p, ok := c.arith(xt)
	if !ok {
		return nil, fmt.Errorf("%s on a non-arithmetic value", e.op)
	}
	if e.op == "~" && !p.IsInteger() && p != ir.Bool {
		return nil, fmt.Errorf("~ on a floating value")
	}
	if p == ir.LongDouble {
		return nil, fmt.Errorf("long double has no Rust type")
	}
	return prim(c.promote(p)), nil
}

func (c *checker) checkBinary(e *binaryExpr) (*ir.Type, error) {
	lt, err := c.check(e.l)
	if err != nil {
		return nil, err
	}
	rt, err := c.check(e.r)
	if err != nil {
		return nil, err
	}
	lp, lok := c.arith(lt)
	rp, rok := c.arith(rt)
	e.conv = nil
	switch e.op {
	case "&&", "||":
		if !lok || !rok {
			c.wantC("%s on pointers", e.op)
		}
		return prim(ir.Int), nil
	}
	if !lok || !rok {
		c.wantC("pointer arithmetic or comparison")
		if e.op == "==" || e.op == "!=" || e.op == "<" || e.op == ">" || e.op == "<=" || e.op == ">=" {
			return prim(ir.Int), nil
		}
		if c.resolve(lt).Kind == ir.KindPointer {
			return lt, nil
		}
		return rt, nil
	}
	switch e.op {
	case "<<", ">>":
		if !c.promote(lp).IsInteger() || !c.promote(rp).IsInteger() {
			return nil, fmt.Errorf("shift of a floating value")
		}
		return prim(c.promote(lp)), nil
	}
	conv, err := c.usual(lp, rp)
	if err != nil {
		return nil, err
	}
	if (e.op == "%" || e.op == "&" || e.op == "|" || e.op == "^") && conv.IsFloat() {
		return nil, fmt.Errorf("%s on a floating value", e.op)
	}
	e.conv = prim(conv)
	switch e.op {
	case "==", "!=", "<", ">", "<=", ">=":
		return prim(ir.Int), nil
	}
	return prim(conv), nil
}

func (c *checker) checkCond(e *condExpr) (*ir.Type, error) {
	ct, err := c.check(e.c)
	if err != nil {
		return nil, err
	}
	if _, ok := c.arith(ct); !ok {
		c.wantC("pointer as a condition")
	}
	tt, err := c.check(e.t)
	if err != nil {
		return nil, err
	}
	ft, err := c.check(e.f)
	if err != nil {
		return nil, err
	}
	tp, tok := c.arith(tt)
	fp, fok := c.arith(ft)
	if tok && fok {
		p, err := c.usual(tp, fp)
		if err != nil {
			return nil, err
		}
		return prim(p), nil
	}
	c.wantC("conditional on pointers")
	if c.resolve(tt).Kind == ir.KindPointer {
		return tt, nil
	}
	return ft, nil
}

func (c *checker) checkCall(e *callExpr) (*ir.Type, error) {
	if e.fn == c.self {
		return nil, fmt.Errorf("%s calls itself", e.fn)
	}
	f, ok := c.ix.Functions[e.fn]
	if !ok {
		return nil, fmt.Errorf("call of unknown function %s", e.fn)
	}
	e.fun = f
	ft := f.Type
	if ft == nil || ft.NoProto || len(e.args) < len(ft.Params) || (!ft.Variadic && len(e.args) > len(ft.Params)) {
		return nil, fmt.Errorf("call of %s with %d arguments", e.fn, len(e.args))
	}
	for i, a := range e.args {
		at, err := c.check(a)
		if err != nil {
			return nil, err
		}
		if i < len(ft.Params) {
			if err := c.assignable(ft.Params[i].Type, at); err != nil {
				return nil, fmt.Errorf("argument %d of %s: %v", i+1, e.fn, err)
			}
		}
	}
	c.wantC("calls %s", e.fn)
	return ft.Result, nil
}

func (c *checker) checkMember(e *memberExpr) (*ir.Type, error) {
	xt, err := c.check(e.x)
	if err != nil {
		return nil, err
	}
	rt := c.resolve(xt)
	if e.arrow {
		if rt.Kind != ir.KindPointer {
			return nil, fmt.Errorf("-> on a non-pointer")
		}
		c.unsafe = true
		rt = c.resolve(rt.Elem)
	}
	rec := c.ix.Record(rt)
	if rec == nil || !rec.Complete {
		return nil, fmt.Errorf("field %s of a type that is not a complete struct or union", e.name)
	}
	for i := range rec.Fields {
		f := &rec.Fields[i]
		if f.Name == e.name {
			e.field = f
			if f.Bitfield {
				c.wantC("bitfield %s", f.Name)
			}
			if rec.Union {
				c.unsafe = true
			}
			return f.Type, nil
		}
	}
	c.wantC("field %s in an anonymous member", e.name)
	return nil, fmt.Errorf("no field %s in %s", e.name, rec.Name)
}

func (c *checker) checkAssign(e *assignExpr) (*ir.Type, error) {
	lt, err := c.check(e.l)
	if err != nil {
		return nil, err
	}
	if _, err := c.check(e.r); err != nil {
		return nil, err
	}
	switch l := e.l.(type) {
	case *memberExpr, *indexExpr:
	case *unaryExpr:
		if l.op != "*" {
			return nil, fmt.Errorf("assignment to a value")
		}
	default:
		c.wantC("assignment to a parameter or local")
	}
	if lt.Const {
		return nil, fmt.Errorf("assignment to a const value")
	}
	if e.op != "=" {
		c.wantC("compound assignment")
	}
	if _, ok := c.arith(lt); !ok {
		c.wantC("assignment of a non-arithmetic value")
	}
	return lt, nil
}

// assignable reports whether a value of type from may be passed where to
// is expected without a cast: arithmetic to arithmetic, or pointers whose
// pointees agree (either may be void). The C wrapper must compile cleanly,
// so a guess that C would only warn about is an error here.
func (c *checker) assignable(to, from *ir.Type) error {
	tr, fr := c.resolve(to), c.resolve(from)
	if tr == nil || fr == nil {
		return fmt.Errorf("unknown type")
	}
	_, ta := c.arith(tr)
	_, fa := c.arith(fr)
	if ta && fa {
		return nil
	}
	if fr.Kind == ir.KindArray {
		fr = ir.PointerTo(fr.Elem)
	}
	if tr.Kind == ir.KindArray {
		tr = ir.PointerTo(tr.Elem)
	}
	if tr.Kind == ir.KindFunc || fr.Kind == ir.KindFunc {
		return fmt.Errorf("function pointers are not supported")
	}
	if tr.Kind != ir.KindPointer || fr.Kind != ir.KindPointer {
		return fmt.Errorf("%s where %s is expected", from, to)
	}
	te, fe := c.resolve(tr.Elem), c.resolve(fr.Elem)
	if te.IsVoid() || fe.IsVoid() {
		return nil
	}
	if fe.Const && !te.Const {
		return fmt.Errorf("%s discards const", from)
	}
	if !sameType(c, te, fe) {
		return fmt.Errorf("%s where %s is expected", from, to)
	}
	return nil
}

func sameType(c *checker, a, b *ir.Type) bool {
	a, b = c.resolve(a), c.resolve(b)
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case ir.KindPrim:
		return a.Prim == b.Prim
	case ir.KindNamed:
		return a.Ref == b.Ref
	case ir.KindPointer:
		return sameType(c, a.Elem, b.Elem)
	case ir.KindArray:
		return a.Len == b.Len && sameType(c, a.Elem, b.Elem)
	}
	return false
}
