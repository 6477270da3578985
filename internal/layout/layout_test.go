package layout_test

import (
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
)

// These expectations were measured with gcc 12 on x86_64 and hold without
// a compiler installed; gcc_test.go checks everything against gcc itself.

func computed(t *testing.T, m *ir.Module) *ir.Index {
	t.Helper()
	var diags diag.List
	layout.Compute(m, layout.Options{}, &diags)
	for _, d := range diags.Items {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	return ir.NewIndex(m)
}

func expectRecord(t *testing.T, r *ir.Record, size, align int64) {
	t.Helper()
	if r == nil {
		t.Fatalf("record missing")
	}
	if !r.LayoutDone || r.Layout != (ir.Layout{Size: size, Align: align}) {
		t.Errorf("%s: layout %v (done %v), want size %d align %d", r.Name, r.Layout, r.LayoutDone, size, align)
	}
}

func expectBits(t *testing.T, r *ir.Record, want map[string]int64) {
	t.Helper()
	for _, f := range r.Fields {
		if w, ok := want[f.Name]; ok && f.BitOffset != w {
			t.Errorf("%s.%s: bit offset %d, want %d", r.Name, f.Name, f.BitOffset, w)
		}
	}
}

func TestRealWorldRecords(t *testing.T) {
	ix := computed(t, trickyModule())
	key := ix.Structs["_GdkEventKey"]
	expectRecord(t, key, 56, 8)
	expectBits(t, key, map[string]int64{"group": 400, "is_modifier": 408})
	rc := ix.Structs["_GtkTableRowCol"]
	expectRecord(t, rc, 8, 4)
	expectBits(t, rc, map[string]int64{"need_expand": 48, "empty": 52})
	expectRecord(t, ix.Structs["SDL_AudioCVT"], 128, 1)
	expectBits(t, ix.Structs["SDL_AudioCVT"], map[string]int64{"rate_incr": 64, "filter_index": 992})
}

func TestTrickyExpectations(t *testing.T) {
	ix := computed(t, trickyModule())
	cases := []struct {
		name        string
		size, align int64
		bits        map[string]int64
	}{
		{"bits2", 16, 8, map[string]int64{"x": 8, "y": 32, "z": 64, "s": 104}},
		{"bits3", 8, 4, map[string]int64{"a": 0, "b": 32, "c": 40, "d": 48}},
		{"bits6", 8, 8, map[string]int64{"b": 8, "c": 48}},
		{"packed1", 15, 1, map[string]int64{"i": 8, "s": 40, "l": 56}},
		{"outer_packed", 20, 4, map[string]int64{"p": 8, "x": 128}},
		{"pragma2", 14, 2, map[string]int64{"i": 16, "d": 48}},
		{"al_member", 64, 32, map[string]int64{"x": 256, "d": 288}},
		{"fam", 8, 8, map[string]int64{"d": 64}},
		{"ld", 48, 16, map[string]int64{"x": 128, "i": 256}},
		{"va", 32, 8, map[string]int64{"ap": 64}},
		{"nested_anon", 12, 4, nil},
	}
	for _, c := range cases {
		r := ix.Structs[c.name]
		expectRecord(t, r, c.size, c.align)
		expectBits(t, r, c.bits)
	}
	expectRecord(t, ix.Unions["u1"], 8, 8)
	expectRecord(t, ix.Structs["__anon_packed_al4"], 8, 4)
}

func TestTypeLayout(t *testing.T) {
	m := extraModule()
	eng := layout.New(m, layout.Options{}, nil)
	cases := []struct {
		t    *ir.Type
		want ir.Layout
	}{
		{tdref("int2"), ir.Layout{Size: 4, Align: 2}},   // aligned lowers on a typedef
		{tdref("int8a"), ir.Layout{Size: 4, Align: 8}},  // and raises
		{eref("small"), ir.Layout{Size: 1, Align: 1}},   // packed enum: unsigned char
		{eref("negs"), ir.Layout{Size: 1, Align: 1}},    // packed enum: signed char
		{eref("wide"), ir.Layout{Size: 8, Align: 8}},    // underlying unsigned long
		{tdref("arr3_t"), ir.Layout{Size: 6, Align: 2}}, // typedef of an array
		{tdref("al_rec_t"), ir.Layout{Size: 16, Align: 32}},
		{arr(sref("xal16"), 3), ir.Layout{Size: 48, Align: 16}},
		{&ir.Type{Kind: ir.KindOpaque, Text: "va_list"}, ir.Layout{Size: 24, Align: 8}},
		{&ir.Type{Kind: ir.KindOpaque, Text: "_Complex double"}, ir.Layout{Size: 16, Align: 8}},
		{&ir.Type{Kind: ir.KindOpaque, Text: "long double _Complex"}, ir.Layout{Size: 32, Align: 16}},
		{ir.PointerTo(&ir.Type{Kind: ir.KindRust, Text: ir.RustStr}), ir.Layout{Size: 16, Align: 8}},
		{&ir.Type{Kind: ir.KindRust, Text: ir.RustString}, ir.Layout{Size: 24, Align: 8}},
		{ir.PrimType(ir.U16), ir.Layout{Size: 2, Align: 2}},
	}
	for _, c := range cases {
		got, ok := eng.TypeLayout(c.t)
		if !ok || got != c.want {
			t.Errorf("TypeLayout(%s) = %v, %v; want %v", c.t, got, ok, c.want)
		}
	}
	for _, bad := range []*ir.Type{
		ir.PrimType(ir.Void), nil, tdref("nope"), sref("nope"),
		{Kind: ir.KindOpaque, Text: "__m256"}, {Kind: ir.KindFunc, Func: &ir.FuncType{Result: tInt}},
		{Kind: ir.KindRust, Text: ir.RustTuple},
	} {
		if l, ok := eng.TypeLayout(bad); ok {
			t.Errorf("TypeLayout(%s) = %v, want unknown", bad, l)
		}
	}
}

// TestVaListAsArrayOfTag models va_list as cfront does: a typedef of an array of one
// __va_list_tag record.
func TestVaListAsArrayOfTag(t *testing.T) {
	tag := st("__va_list_tag", fld("gp_offset", tUInt), fld("fp_offset", tUInt),
		fld("overflow_arg_area", tVoidP), fld("reg_save_area", tVoidP))
	m := module(tag, typedef("__builtin_va_list", arr(sref("__va_list_tag"), 1)),
		typedef("va_list", tdref("__builtin_va_list")),
		st("uses_va", fld("c", tChar), fld("ap", tdref("va_list"))))
	ix := computed(t, m)
	expectRecord(t, ix.Structs["__va_list_tag"], 24, 8)
	expectRecord(t, ix.Structs["uses_va"], 32, 8)
}

func TestDiagnostics(t *testing.T) {
	m := module(
		&ir.Record{Common: ir.Common{Name: "fwd"}},
		st("unknown_member", fld("a", tInt), fld("b", tdref("undefined_t"))),
		st("incomplete_member", fld("a", sref("fwd"))),
		st("opaque_member", fld("v", &ir.Type{Kind: ir.KindOpaque, Text: "__m512"})),
		st("self", fld("a", tInt), fld("me", sref("self"))),
		st("loop_a", fld("b", sref("loop_b"))),
		st("loop_b", fld("a", sref("loop_a"))),
		st("bad_bits", bf("f", tDbl, 3)),
		st("wide_bits", bf("f", tChar, 9)),
		st("uses_unknown", fld("x", sref("unknown_member"))),
		st("fine", fld("p", ir.PointerTo(sref("fwd")))),
	)
	var diags diag.List
	layout.Compute(m, layout.Options{}, &diags)
	want := map[string]string{
		"unknown_member":    "L200 undefined type typedef undefined_t",
		"incomplete_member": "L200 incomplete type struct fwd",
		"opaque_member":     "L200 __m512",
		"self":              "L201 contains itself",
		"loop_a":            "L201 contains itself",
		"bad_bits":          "L202 non-integer type double",
		"wide_bits":         "L202 9 bits wide",
		"uses_unknown":      "L200 struct unknown_member, whose layout is unknown",
	}
	got := map[string]*diag.Diagnostic{}
	for _, d := range diags.Items {
		if got[d.Symbol] != nil {
			t.Errorf("second diagnostic for %s: %v", d.Symbol, d)
		}
		got[d.Symbol] = d
	}
	for sym, w := range want {
		d := got[sym]
		code, text, _ := strings.Cut(w, " ")
		if d == nil || d.Code != code || !strings.Contains(d.Message, text) || d.Severity != diag.Warning {
			t.Errorf("%s: got %v, want %s with %q", sym, d, code, text)
		}
	}
	ix := ir.NewIndex(m)
	for sym := range want {
		if r := ix.Structs[sym]; r.LayoutDone {
			t.Errorf("%s: LayoutDone set", sym)
		}
	}
	expectRecord(t, ix.Structs["fine"], 8, 8)
	if len(diags.Items) != len(want)+1 { // loop_b gets its own warning
		t.Errorf("got %d diagnostics, want %d:\n%v", len(diags.Items), len(want)+1, diags.Items)
	}
}

func TestRustRecords(t *testing.T) {
	m := module(
		&ir.Record{Common: ir.Common{Name: "Wrapper", Origin: ir.FromRust}, Complete: true, Repr: []string{"transparent"},
			Fields: []ir.Field{fld("inner", ir.PrimType(ir.U32)), fld("marker", arr(ir.PrimType(ir.U8), 0))}},
		pragma(&ir.Record{Common: ir.Common{Name: "Packed2", Origin: ir.FromRust}, Complete: true, Repr: []string{"C", "packed(2)"},
			Fields: []ir.Field{fld("a", ir.PrimType(ir.U8)), fld("b", ir.PrimType(ir.U64))}}, 2),
		alignedR(&ir.Record{Common: ir.Common{Name: "Al", Origin: ir.FromRust}, Complete: true, Repr: []string{"C", "align(16)"},
			Fields: []ir.Field{fld("a", ir.PrimType(ir.U8))}}, 16),
	)
	ix := computed(t, m)
	expectRecord(t, ix.Structs["Wrapper"], 4, 4)
	expectRecord(t, ix.Structs["Packed2"], 10, 2)
	expectRecord(t, ix.Structs["Al"], 16, 16)
}

func TestTargetDefaults(t *testing.T) {
	m := module(st("s", fld("p", tVoidP)))
	m.Target = nil
	eng := layout.New(m, layout.Options{}, nil)
	if eng.Target().Name != ir.X86_64Linux().Name {
		t.Errorf("default target %s", eng.Target().Name)
	}
	small := ir.X86_64Linux()
	small.Name, small.Pointer = "ilp32-test", ir.Layout{Size: 4, Align: 4}
	eng = layout.New(m, layout.Options{Target: small}, nil)
	if l, _ := eng.Record(m.Decls[0].(*ir.Record)); l != (ir.Layout{Size: 4, Align: 4}) {
		t.Errorf("ilp32 layout %v", l)
	}
	layout.Compute(nil, layout.Options{}, nil) // must not panic
}

func TestCodesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range layout.Codes {
		if !strings.HasPrefix(c.Code, "L2") || c.Title == "" || c.Explain == "" || seen[c.Code] {
			t.Errorf("bad code entry %+v", c)
		}
		seen[c.Code] = true
	}
}
