package cprobe

import (
	"context"
	"slices"
	"strings"
	"testing"

	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// anonModule is `struct outer { int a; union { int b; struct { char c; int
// d:3; }; }; struct { short e; } named; int :0; };` plus a typedef'd
// anonymous struct, an enum and a forward declaration.
func anonModule() *ir.Module {
	f := func(name string, t *ir.Type) ir.Field { return ir.Field{Name: name, Type: t} }
	rec := func(name string, union, anon bool, fs ...ir.Field) *ir.Record {
		return &ir.Record{Common: ir.Common{Name: name}, Union: union, Anonymous: anon, Complete: true, Fields: fs}
	}
	i32, ch := ir.PrimType(ir.Int), ir.PrimType(ir.Char)
	inner := rec("__anon_1", false, true, f("c", ch), ir.Field{Name: "d", Type: i32, Bitfield: true, Width: 3})
	u := rec("__anon_2", true, true, f("b", i32), f("", ir.Named(ir.RefStruct, "__anon_1")))
	named := rec("__anon_3", false, true, f("e", ir.PrimType(ir.Short)))
	outer := rec("outer", false, false, f("a", i32), f("", ir.Named(ir.RefUnion, "__anon_2")),
		f("named", ir.Named(ir.RefStruct, "__anon_3")), ir.Field{Type: i32, Bitfield: true},
		f("flex", ir.ArrayOf(i32, -1)))
	td := rec("__anon_4", false, true, f("x", ir.PrimType(ir.Double)))
	td.TypedefName = "td_t"
	return &ir.Module{Target: ir.X86_64Linux(), Decls: []ir.Decl{
		inner, u, named, outer, td,
		&ir.Typedef{Common: ir.Common{Name: "td_t"}, Type: ir.Named(ir.RefStruct, "__anon_4")},
		&ir.Typedef{Common: ir.Common{Name: "fn_t"}, Type: &ir.Type{Kind: ir.KindFunc, Func: &ir.FuncType{Result: i32}}},
		&ir.Record{Common: ir.Common{Name: "fwd"}},
		&ir.Typedef{Common: ir.Common{Name: "fwd_t"}, Type: ir.Named(ir.RefStruct, "fwd")},
		&ir.Enum{Common: ir.Common{Name: "e"}, Complete: true, Underlying: ir.Int, Values: []ir.Enumerator{{Name: "E_NEG", Value: -1}, {Name: "E_BIG", Value: 1000}}},
		&ir.Record{Common: ir.Common{Name: "rusty", Origin: ir.FromRust}, Complete: true, Fields: []ir.Field{f("z", i32)}},
	}}
}

const anonC = `
struct outer { int a; union { int b; struct { char c; int d:3; }; }; struct { short e; } named; int :0; int flex[]; };
typedef struct { double x; } td_t;
typedef int fn_t(void);
struct fwd;
typedef struct fwd fwd_t;
enum e { E_NEG = -1, E_BIG = 1000 };
`

func TestModuleQuery(t *testing.T) {
	q := ModuleQuery(anonModule(), ModuleOptions{Prelude: anonC})
	var types, fields, consts []string
	for _, x := range q.Types {
		types = append(types, x.Type)
	}
	for _, x := range q.Fields {
		fields = append(fields, x.Key()+"/"+[]string{"plain", "bitfield", "offset"}[x.Kind])
	}
	for _, x := range q.Consts {
		consts = append(consts, x.Expr)
	}
	wantTypes := []string{"struct outer", "td_t", "enum e"}
	wantFields := []string{"struct outer.a/plain", "struct outer.b/plain", "struct outer.c/plain", "struct outer.d/bitfield",
		"struct outer.named/plain", "struct outer.named.e/plain", "struct outer.flex/offset", "td_t.x/plain"}
	wantConsts := []string{"E_NEG", "E_BIG"}
	if !slices.Equal(types, wantTypes) || !slices.Equal(fields, wantFields) || !slices.Equal(consts, wantConsts) {
		t.Errorf("query:\n types %q\n fields %q\n consts %q", types, fields, consts)
	}
}

func TestCompare(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	m := anonModule()
	layout.Compute(m, layout.Options{}, nil)
	eng := layout.New(m, layout.Options{}, nil)
	run := func(prelude string) []Mismatch {
		t.Helper()
		res, err := Run(context.Background(), ModuleQuery(m, ModuleOptions{Prelude: prelude}))
		if err != nil {
			t.Fatal(err)
		}
		return Compare(m, eng, res)
	}
	if ms := run(anonC); len(ms) != 0 {
		t.Fatalf("agreeing module: %s", Summary(ms))
	}
	// The C side disagrees with the IR in three ways: the struct is packed
	// (which here changes only its alignment),
	// the bitfield is wider, and an enumerator has another value.
	bad := strings.NewReplacer("struct outer {", "struct __attribute__((packed)) outer {", "int d:3", "int d:9", "E_BIG = 1000", "E_BIG = 1001").Replace(anonC)
	got := Summary(run(bad))
	for _, want := range []string{"struct outer: align: ferry 4, gcc 1",
		"struct outer.d: width: ferry 3, gcc 9", "E_BIG: value: ferry 1000, gcc 1001"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}
