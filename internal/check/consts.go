package check

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Consts compares Rust consts with the C macros, constants and
// enumerators of the same name. Only values are compared: a macro's Rust
// type just has to hold its value.
var Consts = &Analyzer{
	Name: "consts",
	Doc:  "constant and macro values",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			rc, ok := d.(*ir.Const)
			if !ok {
				continue
			}
			var cv *ir.Const
			cpos := diag.Pos{}
			if c := p.C.Ix.Consts[rc.Name]; c != nil {
				if compilerDependent(c) {
					continue
				}
				cv, cpos = c, c.Pos
			} else if e, name := p.enumeratorFor(rc); e != nil {
				for _, v := range e.Values {
					if v.Name == name {
						cv = &ir.Const{Kind: ir.ConstInt, Int: readAs(v.Value, p.cEnumPrim(e), p.Target), Unsigned: false}
						cpos = v.Pos
					}
				}
			}
			if cv == nil {
				continue
			}
			p.compared++
			if ok, cs, rs := sameConst(cv, rc); !ok {
				p.report("", CodeConstValue, diag.Error, rc.Pos, cpos, rc.Name,
					fmt.Sprintf("constant `%s` is %s in Rust but %s in C", rc.Name, rs, cs), "set it to "+cs)
			}
		}
	},
}

// compilerDependent reports whether a C macro's value is the compiler's
// business rather than the library's: a reserved name (`__HAVE_FLOAT128`)
// from a system header, which glibc sets from the compiler it sees (clang,
// which bindgen uses, and gcc differ).
// So is a macro that expands to __LINE__ or __COUNTER__: its value
// depends on where it is used.
func compilerDependent(c *ir.Const) bool {
	return c.Origin == ir.FromSystem && reserved(c.Name) ||
		strings.Contains(c.Expr, "__LINE__") || strings.Contains(c.Expr, "__COUNTER__")
}

// sameConst compares two constants' values and spells both.
func sameConst(c, r *ir.Const) (bool, string, string) {
	cs, rs := constText(c), constText(r)
	cNum := c.Kind == ir.ConstInt || c.Kind == ir.ConstChar || c.Kind == ir.ConstFloat
	rNum := r.Kind == ir.ConstInt || r.Kind == ir.ConstChar || r.Kind == ir.ConstFloat
	switch {
	case c.Kind == ir.ConstString || r.Kind == ir.ConstString:
		return c.Kind == r.Kind && bytes.Equal(c.Str, r.Str), cs, rs
	case cNum && rNum && (c.Kind == ir.ConstFloat || r.Kind == ir.ConstFloat):
		a, b := constFloat(c), constFloat(r)
		tol := 1e-12
		if isF32(c.Type) || isF32(r.Type) {
			tol = 1e-6
		}
		return a == b || math.Abs(a-b) <= tol*math.Max(math.Abs(a), math.Abs(b)), cs, rs
	case cNum && rNum:
		if c.Int != r.Int {
			return false, cs, rs
		}
		// The same bits are the same value unless one reads them negative.
		return c.Int >= 0 || c.Unsigned == r.Unsigned, cs, rs
	}
	return false, cs, rs
}

func isF32(t *ir.Type) bool { return t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Float }

func constFloat(c *ir.Const) float64 {
	switch {
	case c.Kind == ir.ConstFloat:
		return c.Float
	case c.Unsigned:
		return float64(uint64(c.Int))
	}
	return float64(c.Int)
}

func constText(c *ir.Const) string {
	switch c.Kind {
	case ir.ConstString:
		return strconv.Quote(string(c.Str))
	case ir.ConstFloat:
		return strconv.FormatFloat(c.Float, 'g', -1, 64)
	}
	if c.Unsigned {
		return strconv.FormatUint(uint64(c.Int), 10)
	}
	return strconv.FormatInt(c.Int, 10)
}

// enumeratorFor finds the C enumerator a Rust const stands for: the one of
// its name, or, for bindgen's "consts" style (`pub const color_RED: color`),
// the one named by what follows the enum's name and an underscore, when
// the const's type is that enum.
func (p *Pass) enumeratorFor(rc *ir.Const) (*ir.Enum, string) {
	if e := p.C.Ix.Enumerators[rc.Name]; e != nil {
		return e, rc.Name
	}
	t := rc.Type
	if t == nil || t.Kind != ir.KindNamed {
		return nil, ""
	}
	rest, ok := strings.CutPrefix(rc.Name, t.Ref.Name+"_")
	if !ok {
		return nil, ""
	}
	e := p.C.Ix.Enumerators[rest]
	if e == nil {
		return nil, ""
	}
	for _, n := range p.cEnumNames(e) {
		if n == t.Ref.Name {
			return e, rest
		}
	}
	return nil, ""
}
