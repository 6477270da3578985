package rustgen

import (
	"fmt"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
)

// bigModule is a module large enough to be written in halves, with what
// the halves must agree on: typedefs repeated by name, records planned from
// both halves, records without a layout (a planning warning), notes,
// extern blocks cut by other items, long doubles (a helper), and, with
// stub, a type that is never declared.
func bigModule(stub bool) *ir.Module {
	m := &ir.Module{Target: ir.X86_64Linux()}
	add := func(d ir.Decl) { m.Decls = append(m.Decls, d) }
	pos := func(i int) ir.Common { return ir.Common{Pos: diag.Pos{File: "big.h", Line: i + 1, Col: 1}} }
	for i := 0; i < 300; i++ {
		c := pos(i)
		c.Name = fmt.Sprintf("s%d", i)
		r := &ir.Record{Common: c, Complete: true, Fields: []ir.Field{
			{Name: "x", Type: ir.PrimType(ir.Int)},
			{Name: "next", Type: ir.PointerTo(ir.Named(ir.RefStruct, fmt.Sprintf("s%d", (i*7)%300)))},
		}}
		add(r)
		td := &ir.Typedef{Common: pos(i), Type: ir.Named(ir.RefStruct, c.Name)}
		td.Name = fmt.Sprintf("t%d", i%50) // repeated names
		add(td)
		f := &ir.Function{Common: pos(i), Type: &ir.FuncType{
			Params: []ir.Param{
				{Name: "p", Type: ir.PointerTo(ir.Named(ir.RefStruct, fmt.Sprintf("s%d", 299-i)))},
				{Name: "q", Type: ir.PointerTo(ir.PrimType(ir.LongDouble))},
			},
			Result: ir.PrimType(ir.Double),
		}}
		f.Name = fmt.Sprintf("f%d", i)
		if i%17 == 0 {
			f.Type.NoProto, f.Type.Params = true, nil // a note
		}
		add(f)
		if i%3 == 0 {
			k := &ir.Const{Common: pos(i), Kind: ir.ConstInt, Type: ir.PrimType(ir.Int), Int: int64(i)}
			k.Name = fmt.Sprintf("K%d", i)
			add(k)
		}
	}
	for i := 0; i < 3; i++ { // no layout: planning warns
		c := pos(1000 + i)
		c.Name = fmt.Sprintf("nolayout%d", i)
		add(&ir.Record{Common: c, Complete: true, Fields: []ir.Field{{Name: "x", Type: ir.PrimType(ir.Int)}}})
	}
	if stub {
		f := &ir.Function{Common: pos(2000), Type: &ir.FuncType{
			Params: []ir.Param{{Name: "p", Type: ir.PointerTo(ir.Named(ir.RefStruct, "undeclared"))}},
			Result: ir.PrimType(ir.Void),
		}}
		f.Name = "uses_undeclared"
		m.Decls = append(m.Decls[:len(m.Decls)-10], append([]ir.Decl{f}, m.Decls[len(m.Decls)-10:]...)...)
	}
	return m
}

// emitBoth writes m sequentially and through emitAll; it returns both
// outputs and diagnostics, and whether emitAll wrote halves.
func emitBoth(t *testing.T, m *ir.Module) (seq, par string, seqDiags, parDiags string, halves bool) {
	t.Helper()
	var ldl diag.List
	layout.Compute(m, layout.Options{}, &ldl)
	for _, d := range m.Decls {
		if r, ok := d.(*ir.Record); ok && strings.HasPrefix(r.Name, "nolayout") {
			r.LayoutDone = false
		}
	}
	render := func(l *diag.List) string {
		l.Sort()
		var b strings.Builder
		for _, d := range l.Items {
			b.WriteString(d.String() + "\n")
		}
		return b.String()
	}
	var sdl diag.List
	s := newEmitter(m, Options{}, &sdl)
	s.nameTypes()
	s.nameValues()
	s.emitRange(m.Decls)
	s.closeExtern()
	for _, ref := range s.stubOrd {
		s.emitStub(ref)
	}
	var pdl diag.List
	p := newEmitter(m, Options{}, &pdl)
	p.nameTypes()
	p.nameValues()
	k := p.splitPoint()
	if k == 0 {
		t.Fatalf("a module of %d declarations is not split", len(m.Decls))
	}
	q := newEmitter(m, Options{}, &diag.List{})
	q.nameTypes()
	q.nameValues()
	halves = q.emitHalves(k)
	p.emitAll()
	return string(s.finish()), string(p.finish()), render(&sdl), render(&pdl), halves
}

// TestHalvesSameAsSequential: writing a large module in two halves at once
// gives the sequential writer's output and diagnostics; a half that meets
// an undeclared type gives up and the module is written sequentially.
func TestHalvesSameAsSequential(t *testing.T) {
	for _, stub := range []bool{false, true} {
		t.Run(fmt.Sprintf("stub=%v", stub), func(t *testing.T) {
			seq, par, sd, pd, halves := emitBoth(t, bigModule(stub))
			if halves == stub {
				t.Errorf("written in halves: %v, want %v", halves, !stub)
			}
			if seq != par {
				t.Errorf("outputs differ:\n%s", firstDiff(seq, par))
			}
			if sd != pd {
				t.Errorf("diagnostics differ:\nsequential:\n%s\nhalves:\n%s", sd, pd)
			}
			for _, want := range []string{"no computed layout", "has no prototype"} {
				if !strings.Contains(pd, want) {
					t.Errorf("diagnostics lack %q: the module does not cover it", want)
				}
			}
			if !strings.Contains(par, "pub struct "+helperLongDouble) {
				t.Errorf("no %s helper: the module does not cover helpers", helperLongDouble)
			}
		})
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  sequential: %q\n  halves:     %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}
