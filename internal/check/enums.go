package check

import (
	"fmt"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Enums compares each C enum with the Rust enum or newtype of the same
// name: the representation (a Rust `enum` is a hazard), the width, and
// every enumerator's value.
var Enums = &Analyzer{
	Name: "enums",
	Doc:  "C enums against Rust enums and newtypes: representation, width, values",
	Run: func(p *Pass) {
		for _, d := range p.C.M.Decls {
			c, ok := d.(*ir.Enum)
			if !ok || !c.Complete {
				continue
			}
			r := p.rEnumFor(c)
			if r == nil {
				continue
			}
			p.compareEnums(c, r)
		}
	},
}

// cEnumNames are the names a C enum goes by: its tag and typedef names.
func (p *Pass) cEnumNames(c *ir.Enum) []string {
	var ns []string
	if !c.Anonymous {
		ns = append(ns, c.Name)
	}
	if c.TypedefName != "" {
		ns = append(ns, c.TypedefName)
	}
	for _, d := range p.C.M.Decls {
		if td, ok := d.(*ir.Typedef); ok && td.Type.Kind == ir.KindNamed && td.Type.Ref.Kind == ir.RefEnum && td.Type.Ref.Name == c.Name {
			ns = append(ns, td.Name)
		}
	}
	return ns
}

func (p *Pass) rEnumFor(c *ir.Enum) *ir.Enum {
	for _, n := range p.cEnumNames(c) {
		if r := p.R.Ix.Enums[n]; r != nil {
			return r
		}
	}
	return nil
}

func (p *Pass) enumSymbol(c *ir.Enum) string {
	if ns := p.cEnumNames(c); len(ns) > 0 {
		return ns[0]
	}
	return c.Name
}

func (p *Pass) compareEnums(c, r *ir.Enum) {
	sym := p.enumSymbol(c)
	p.compared++
	subj := fmt.Sprintf("enum `%s`", sym)
	if r.RustEnum {
		p.report("rustenum:"+r.Name, CodeRustEnum, diag.Error, r.Pos, c.Pos, sym,
			fmt.Sprintf("%s is a Rust `enum`: any value C passes that is not one of its variants is undefined behaviour", subj),
			fmt.Sprintf("bind it as `#[repr(transparent)] pub struct %s(pub %s);` with associated consts", r.Name, cToRust(ir.PrimType(p.cEnumPrim(c)), true)))
	}
	if cw, rw := p.cEnumSize(c), p.primSize(p.rEnumPrim(r)); cw != 0 && rw != 0 && cw != rw {
		p.report("enumwidth:"+r.Name, CodeEnumWidth, diag.Error, r.Pos, c.Pos, sym,
			fmt.Sprintf("%s is %d bytes in Rust but %d in C", subj, rw, cw), "use "+cToRust(ir.PrimType(p.cEnumPrim(c)), true)+" as its representation")
	}
	if v, ok := p.enumValueMisread(c, p.rEnumPrim(r)); ok && !r.RustEnum {
		p.report("enumsign:"+r.Name, CodeSignedness, diag.Error, r.Pos, c.Pos, sym,
			fmt.Sprintf("%s is represented as `%s` in Rust, which reads enumerator `%s` (= %d) as another value", subj, rustSpell(ir.PrimType(p.rEnumPrim(r))), v.Name, p.cEnumValue(c, v.Value)),
			"use "+cToRust(ir.PrimType(p.cEnumPrim(c)), true)+" as its representation")
	}
	matched := map[int]bool{}
	prefix := commonPrefix(c)
	for _, cv := range c.Values {
		j := -1
		for k, rv := range r.Values {
			if rv.Name == cv.Name || prefix != "" && rv.Name == strings.TrimPrefix(cv.Name, prefix) || rv.Name == strings.TrimPrefix(cv.Name, sym+"_") {
				j = k
				break
			}
		}
		if j < 0 {
			// Matching by value too keeps renamed variants from being "missing".
			for k, rv := range r.Values {
				if !matched[k] && p.sameEnumValue(c, cv.Value, r, rv.Value) && !nameInC(c, rv.Name, prefix, sym) {
					j = k
					break
				}
			}
		}
		if j < 0 {
			sev := diag.Warning
			if r.RustEnum {
				sev = diag.Error
			}
			p.report("enummissing:"+r.Name+":"+cv.Name, CodeEnumMissing, sev, r.Pos, cv.Pos, sym,
				fmt.Sprintf("enumerator `%s` (= %d) of %s has no Rust counterpart", cv.Name, p.cEnumValue(c, cv.Value), subj), "")
			continue
		}
		matched[j] = true
		p.compared++
		rv := r.Values[j]
		if !p.sameEnumValue(c, cv.Value, r, rv.Value) {
			p.report("enumval:"+r.Name+":"+cv.Name, CodeEnumValue, diag.Error, rv.Pos, cv.Pos, cv.Name,
				fmt.Sprintf("enumerator `%s` of %s is %d in Rust but %d in C", cv.Name, subj, p.rEnumValue(r, rv.Value), p.cEnumValue(c, cv.Value)),
				fmt.Sprintf("set it to %d", p.cEnumValue(c, cv.Value)))
		}
	}
	if r.RustEnum {
		for k, rv := range r.Values {
			if !matched[k] {
				p.report("enumextra:"+r.Name+":"+rv.Name, CodeEnumExtra, diag.Warning, rv.Pos, c.Pos, sym,
					fmt.Sprintf("variant `%s` of %s is not an enumerator in C", rv.Name, subj), "")
			}
		}
	}
}

func nameInC(c *ir.Enum, n, prefix, sym string) bool {
	for _, v := range c.Values {
		if v.Name == n || v.Name == prefix+n || v.Name == sym+"_"+n {
			return true
		}
	}
	return false
}

// commonPrefix is the prefix up to an underscore shared by all of c's
// enumerators (generators often strip it).
func commonPrefix(c *ir.Enum) string {
	if len(c.Values) < 2 {
		return ""
	}
	pre := c.Values[0].Name
	for _, v := range c.Values[1:] {
		for !strings.HasPrefix(v.Name, pre) {
			pre = pre[:len(pre)-1]
		}
	}
	if i := strings.LastIndex(pre, "_"); i >= 0 {
		return pre[:i+1]
	}
	return ""
}

func (p *Pass) cEnumPrim(c *ir.Enum) ir.Prim {
	if c.Underlying != ir.PrimInvalid {
		return c.Underlying
	}
	return ir.UInt
}

func (p *Pass) rEnumPrim(r *ir.Enum) ir.Prim {
	if r.Underlying != ir.PrimInvalid {
		return r.Underlying
	}
	return ir.Int
}

func (p *Pass) cEnumSize(c *ir.Enum) int64 {
	if l, ok := p.C.Layout.TypeLayout(ir.Named(ir.RefEnum, c.Name)); ok {
		return l.Size
	}
	return p.primSize(p.cEnumPrim(c))
}

// Enum values are compared as numbers read per each side's underlying type.
func (p *Pass) cEnumValue(c *ir.Enum, v int64) int64 {
	return readAs(v, p.cEnumPrim(c), p.Target)
}

func (p *Pass) rEnumValue(r *ir.Enum, v int64) int64 {
	return readAs(v, p.rEnumPrim(r), p.Target)
}

func (p *Pass) sameEnumValue(c *ir.Enum, cv int64, r *ir.Enum, rv int64) bool {
	if cv == rv {
		return true
	}
	// The same bits in the C width: -1 and 0xFFFFFFFF in an unsigned enum.
	w := p.cEnumSize(c)
	if w > 0 && w < 8 {
		mask := int64(1)<<(w*8) - 1
		return cv&mask == rv&mask
	}
	return false
}

// readAs interprets the 64 bits v as a value of integer kind pr: the
// value itself for signed kinds, the low bits for narrower unsigned ones.
func readAs(v int64, pr ir.Prim, t *ir.Target) int64 {
	l, ok := t.PrimLayout(pr)
	if !ok || l.Size >= 8 || pr.IsSigned(t) {
		return v
	}
	return v & (int64(1)<<(l.Size*8) - 1)
}

// cmpEnumType compares types where at least one side is an enum.
func (p *Pass) cmpEnumType(c, r, cr, rr *ir.Type, cE, rE *ir.Enum, x tctx, help string) *mismatch {
	var cw, rw int64
	switch {
	case cE != nil:
		cw = p.cEnumSize(cE)
	case cr.Kind == ir.KindPrim && cr.Prim.IsInteger():
		cw = p.primSize(cr.Prim)
	default:
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	}
	switch {
	case rE != nil:
		rw = p.primSize(p.rEnumPrim(rE))
	case rr.Kind == ir.KindPrim && rr.Prim == ir.Bool:
		return &mismatch{code: CodeBool, sev: diag.Error, detail: ": any value other than 0 and 1 is undefined behaviour for a Rust bool", help: help}
	case rr.Kind == ir.KindPrim && rr.Prim == ir.RustChar:
		return &mismatch{code: CodeRustChar, sev: diag.Error, help: help}
	case rr.Kind == ir.KindPrim && rr.Prim.IsInteger():
		rw = p.primSize(rr.Prim)
	default:
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	}
	paired := cE != nil && rE != nil && p.rEnumFor(cE) == rE
	if rE != nil && rE.RustEnum && !paired {
		return &mismatch{code: CodeRustEnum, sev: diag.Error, detail: ": a C value that is not one of its variants is undefined behaviour", help: help}
	}
	if paired {
		return nil // Enums compares the pair once, at the declaration
	}
	if cw != rw {
		code := CodeIntWidth
		if cE != nil && rE != nil {
			code = CodeEnumWidth
		}
		return &mismatch{code: code, sev: diag.Error, detail: fmt.Sprintf(": %d bytes in Rust, %d in C", rw, cw), help: help}
	}
	if cE != nil {
		var rp ir.Prim
		switch {
		case rE != nil:
			rp = p.rEnumPrim(rE)
		case rr.Kind == ir.KindPrim:
			rp = rr.Prim
		}
		if v, ok := p.enumValueMisread(cE, rp); ok {
			return &mismatch{code: CodeSignedness, sev: diag.Error, detail: fmt.Sprintf(": enumerator `%s` (= %d) reads as another value", v.Name, p.cEnumValue(cE, v.Value)), help: "declare it as " + cToRust(ir.PrimType(p.cEnumPrim(cE)), true)}
		}
	}
	return nil
}

// enumValueMisread finds an enumerator of c that an integer of kind rp
// (of the enum's width) reads as another value: a negative one read
// unsigned, or one above the signed maximum read signed. Only then does
// the signedness of the binding matter.
func (p *Pass) enumValueMisread(c *ir.Enum, rp ir.Prim) (ir.Enumerator, bool) {
	if !rp.IsInteger() {
		return ir.Enumerator{}, false
	}
	rSigned := rp.IsSigned(p.Target)
	bits := p.cEnumSize(c) * 8
	for _, v := range c.Values {
		x := p.cEnumValue(c, v.Value)
		switch {
		case x < 0 && !rSigned:
			return v, true
		case rSigned && bits > 0 && bits < 64 && x > int64(1)<<(bits-1)-1:
			return v, true
		}
	}
	return ir.Enumerator{}, false
}
