package inline

import "ferry/internal/ir"

// inferParams gives macro parameters C types from how the body uses them:
// an argument of a known function takes the parameter's type, an operand
// beside a wider, unsigned or floating value takes that value's type, a
// parameter cast to a pointer takes the pointer type. What stays unknown
// is int, as C would read an integer literal passed for it.
func (c *checker) inferParams(e expr, params []string) {
	for round := 0; round < 6; round++ {
		if !c.inferWalk(e) {
			break
		}
	}
	for _, p := range params {
		if t, ok := c.vars[p]; ok && t == nil {
			c.vars[p] = prim(ir.Int)
		}
	}
}

func (c *checker) bareParam(e expr) (string, bool) {
	id, ok := e.(*identExpr)
	if !ok {
		return "", false
	}
	t, isVar := c.vars[id.name]
	return id.name, isVar && t == nil
}

// tryType types e without keeping what the attempt noted.
func (c *checker) tryType(e expr) *ir.Type {
	saveU, saveC := c.unsafe, c.needC
	defer func() { c.unsafe, c.needC = saveU, saveC }()
	t, err := c.check(e)
	if err != nil {
		return nil
	}
	return t
}

// peerType is what an unknown operand beside a value of type t becomes.
func (c *checker) peerType(t *ir.Type) *ir.Type {
	if t == nil {
		return nil
	}
	r := c.resolve(t)
	if r.Kind == ir.KindPointer {
		return t
	}
	p, ok := c.arith(r)
	if !ok {
		return nil
	}
	if r.Kind == ir.KindNamed { // an enum: use its integer
		p = c.promote(p)
	}
	if p.IsFloat() || !p.IsSigned(c.target) || c.rank(p) > c.rank(ir.Int) {
		return prim(c.promote(p))
	}
	return nil
}

func (c *checker) set(name string, t *ir.Type) bool {
	if t == nil {
		return false
	}
	c.vars[name] = t
	return true
}

func (c *checker) inferWalk(e expr) bool {
	changed := false
	switch e := e.(type) {
	case *binaryExpr:
		if e.op != "&&" && e.op != "||" && e.op != "<<" && e.op != ">>" {
			if n, ok := c.bareParam(e.l); ok {
				changed = c.set(n, c.peerType(c.tryType(e.r))) || changed
			}
			if n, ok := c.bareParam(e.r); ok {
				changed = c.set(n, c.peerType(c.tryType(e.l))) || changed
			}
		}
		changed = c.inferWalk(e.l) || changed
		changed = c.inferWalk(e.r) || changed
	case *callExpr:
		if f, ok := c.ix.Functions[e.fn]; ok && f.Type != nil {
			for i, a := range e.args {
				if i >= len(f.Type.Params) {
					break
				}
				pt := f.Type.Params[i].Type
				if n, ok := c.bareParam(a); ok {
					changed = c.set(n, pt) || changed
				}
				// &(x) passed for a T*: x is a T.
				if u, ok := a.(*unaryExpr); ok && u.op == "&" {
					if n, ok := c.bareParam(u.x); ok {
						if r := c.resolve(pt); r != nil && r.Kind == ir.KindPointer && !c.resolve(r.Elem).IsVoid() {
							changed = c.set(n, r.Elem.WithConst(false)) || changed
						}
					}
				}
			}
		}
		for _, a := range e.args {
			changed = c.inferWalk(a) || changed
		}
	case *castExpr:
		if n, ok := c.bareParam(e.x); ok {
			r := c.resolve(e.ty)
			if r.Kind == ir.KindPointer {
				changed = c.set(n, e.ty) || changed
			} else if p, ok := c.arith(r); ok && (p.IsFloat() || c.rank(p) > c.rank(ir.Int)) {
				changed = c.set(n, prim(c.promote(p))) || changed
			}
		}
		changed = c.inferWalk(e.x) || changed
	case *condExpr:
		if n, ok := c.bareParam(e.t); ok {
			changed = c.set(n, c.peerType(c.tryType(e.f))) || changed
		}
		if n, ok := c.bareParam(e.f); ok {
			changed = c.set(n, c.peerType(c.tryType(e.t))) || changed
		}
		changed = c.inferWalk(e.c) || changed
		changed = c.inferWalk(e.t) || changed
		changed = c.inferWalk(e.f) || changed
	case *unaryExpr:
		changed = c.inferWalk(e.x) || changed
	case *memberExpr:
		changed = c.inferWalk(e.x) || changed
	case *indexExpr:
		changed = c.inferWalk(e.x) || changed
		changed = c.inferWalk(e.i) || changed
	case *assignExpr:
		if n, ok := c.bareParam(e.r); ok {
			changed = c.set(n, c.tryType(e.l)) || changed
		}
		changed = c.inferWalk(e.l) || changed
		changed = c.inferWalk(e.r) || changed
	}
	return changed
}

// typeParams returns the parameters used only as sizeof(T) operands, and
// whether some parameter is used both ways.
func typeParams(e expr, params []string) (generic map[string]bool, mixed bool) {
	asType, asValue := map[string]bool{}, map[string]bool{}
	var walk func(e expr)
	walk = func(e expr) {
		switch e := e.(type) {
		case *identExpr:
			asValue[e.name] = true
		case *sizeofExpr:
			if e.generic != "" {
				asType[e.generic] = true
			}
		case *unaryExpr:
			walk(e.x)
		case *binaryExpr:
			walk(e.l)
			walk(e.r)
		case *condExpr:
			walk(e.c)
			walk(e.t)
			walk(e.f)
		case *castExpr:
			walk(e.x)
		case *callExpr:
			for _, a := range e.args {
				walk(a)
			}
		case *memberExpr:
			walk(e.x)
		case *indexExpr:
			walk(e.x)
			walk(e.i)
		case *assignExpr:
			walk(e.l)
			walk(e.r)
		}
	}
	walk(e)
	generic = map[string]bool{}
	for _, p := range params {
		if asType[p] {
			if asValue[p] {
				mixed = true
			}
			generic[p] = true
		}
	}
	return generic, mixed
}
