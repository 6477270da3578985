package check

import (
	"strings"

	"ferry/internal/check/probe"
	"ferry/internal/ir"
)

// ProbePlan lists the pairs `ferry check --probe` asks both compilers
// about: every Rust #[repr(C)] record with a C record of the same name
// (size, align, offsets of the fields both name), every enumerator of a
// paired enum, and every integer or float const with a C macro,
// enumerator or constant of the same name.
func ProbePlan(c, r *ir.Module, opts Options) probe.Plan {
	_, p := newPass(c, r, opts)
	var plan probe.Plan
	for _, d := range p.R.M.Decls {
		switch d := d.(type) {
		case *ir.Record:
			if rec, ok := p.probeRecord(d); ok {
				plan.Records = append(plan.Records, rec)
			}
		case *ir.Const:
			if v, ok := p.probeConst(d); ok {
				plan.Values = append(plan.Values, v)
			}
		}
	}
	for _, d := range p.C.M.Decls {
		ce, ok := d.(*ir.Enum)
		if !ok || !ce.Complete {
			continue
		}
		re := p.rEnumFor(ce)
		if re == nil {
			continue
		}
		for _, rv := range re.Values {
			for _, cv := range ce.Values {
				if rv.Name == cv.Name || strings.HasSuffix(cv.Name, "_"+rv.Name) {
					expr := rustPath(re.Module, re.Name) + "::" + rv.Name
					if !re.RustEnum && !re.ModuleConsts {
						expr += ".0"
					}
					plan.Values = append(plan.Values, probe.Value{Symbol: cv.Name, CExpr: cv.Name, Rust: expr, Enum: true, RPos: rv.Pos, CPos: cv.Pos})
					break
				}
			}
		}
	}
	return plan
}

func rustPath(module, name string) string {
	if module == "" {
		return "self::" + name
	}
	return "self::" + module + "::" + name
}

func (p *Pass) probeRecord(r *ir.Record) (probe.Record, bool) {
	c := p.cRecordNamed(r.Name)
	if c == nil || !c.Complete || !r.Complete || p.rustOpaque(r) || !hasRepr(r.Repr, "C") && !hasRepr(r.Repr, "transparent") {
		return probe.Record{}, false
	}
	ctype := kindWord(c) + " " + c.Name
	if c.Anonymous {
		if c.TypedefName == "" {
			return probe.Record{}, false
		}
		ctype = c.TypedefName
	}
	rec := probe.Record{Symbol: p.cRecordName(c, r), CType: ctype, Rust: rustPath(r.Module, r.Name), RPos: r.Pos, CPos: c.Pos}
	if td := p.C.Ix.Typedefs[r.Name]; td != nil && td.AlignAttr > 0 && p.C.Ix.Record(td.Type) == c {
		if cl, ok := p.C.Layout.Record(c); ok && cl.Size%td.AlignAttr != 0 {
			rec.NoAlign = true
		}
	}
	for _, cf := range c.Fields {
		if cf.Bitfield || cf.Name == "" {
			continue
		}
		for _, rf := range r.Fields {
			if normName(rf.Name) == normName(cf.Name) {
				rec.Fields = append(rec.Fields, probe.Field{C: cf.Name, Rust: rf.Name, RPos: rf.Pos, CPos: cf.Pos})
				break
			}
		}
	}
	return rec, true
}

func (p *Pass) probeConst(rc *ir.Const) (probe.Value, bool) {
	if rc.Kind == ir.ConstString {
		return probe.Value{}, false
	}
	t := p.R.Ix.Resolve(rc.Type)
	if t == nil || t.Kind != ir.KindPrim || t.Prim == ir.RustChar {
		return probe.Value{}, false
	}
	v := probe.Value{Symbol: rc.Name, CExpr: rc.Name, Rust: rustPath(rc.Module, rc.Name), Float: t.Prim.IsFloat(), RPos: rc.Pos}
	if c := p.C.Ix.Consts[rc.Name]; c != nil {
		if c.Kind == ir.ConstString || compilerDependent(c) {
			return probe.Value{}, false
		}
		v.CPos = c.Pos
		return v, true
	}
	if e := p.C.Ix.Enumerators[rc.Name]; e != nil {
		for _, ev := range e.Values {
			if ev.Name == rc.Name {
				v.CPos = ev.Pos
			}
		}
		return v, true
	}
	return probe.Value{}, false
}
