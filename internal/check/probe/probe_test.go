package probe

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

// TestProbeDisagreement builds both probes for a Rust binding whose layout,
// enum and constant values all differ from the C header's, and expects one
// finding of each kind; the agreeing items must give none.
func TestProbeDisagreement(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	testenv.NeedTool(t, "rustc")
	dir := t.TempDir()
	h := filepath.Join(dir, "h.h")
	rs := filepath.Join(dir, "b.rs")
	os.WriteFile(h, []byte("struct ok { int a; long b; };\nstruct bad { char a; int b; };\nstruct sz { int a; };\nenum e { A = 1, B = 2 };\n#define K 42\n#define F 0.5\n"), 0o644)
	os.WriteFile(rs, []byte(`#![allow(dead_code)]
#[repr(C)] pub struct ok { pub a: i32, pub b: i64 }
#[repr(C, packed)] pub struct bad { pub a: i8, pub b: i32 }
#[repr(C)] pub struct sz { pub a: i32, pub _x: [u64; 0] }
#[repr(transparent)] pub struct e(pub u32);
impl e { pub const A: e = e(1); pub const B: e = e(3); }
pub const K: u32 = 41;
pub const F: f64 = 0.5;
mod inner { pub const HIDDEN: i32 = 1; }
`), 0o644)
	plan := Plan{
		Records: []Record{
			{Symbol: "ok", CType: "struct ok", Rust: "self::ok", Fields: []Field{{C: "a", Rust: "a"}, {C: "b", Rust: "b"}}},
			{Symbol: "bad", CType: "struct bad", Rust: "self::bad", Fields: []Field{{C: "a", Rust: "a"}, {C: "b", Rust: "b"}}},
			{Symbol: "sz", CType: "struct sz", Rust: "self::sz"},
		},
		Values: []Value{
			{Symbol: "A", CExpr: "A", Rust: "self::e::A.0", Enum: true},
			{Symbol: "B", CExpr: "B", Rust: "self::e::B.0", Enum: true},
			{Symbol: "K", CExpr: "K", Rust: "self::K"},
			{Symbol: "F", CExpr: "F", Rust: "self::F", Float: true},
		},
	}
	ds, err := Run(context.Background(), plan, Options{Headers: []string{h}, RustRoot: rs})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range ds {
		got[d.Code] += d.Message + ";"
	}
	want := map[string]string{CodeSize: "`bad`", CodeEnum: "`B`", CodeConst: "`K`"}
	// sz differs in size (8 vs 4); bad in size (5 vs 8): two size findings.
	if !strings.Contains(got[CodeSize], "`sz`") {
		t.Errorf("size of sz not reported: %v", got)
	}
	for code, sub := range want {
		if !strings.Contains(got[code], sub) {
			t.Errorf("want %s naming %s, got %v", code, sub, got)
		}
	}
	if len(ds) != 4 {
		t.Errorf("want 4 findings, got %d: %v", len(ds), got)
	}
}

// TestProbeBuildFailure: a Rust file that does not compile gives one F075
// warning, not an error.
func TestProbeBuildFailure(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	testenv.NeedTool(t, "rustc")
	dir := t.TempDir()
	h := filepath.Join(dir, "h.h")
	rs := filepath.Join(dir, "b.rs")
	os.WriteFile(h, []byte("#define K 1\n"), 0o644)
	os.WriteFile(rs, []byte("pub const K: u32 = 1;\nfn broken( {\n"), 0o644)
	ds, err := Run(context.Background(), Plan{Values: []Value{{Symbol: "K", CExpr: "K", Rust: "self::K"}}}, Options{Headers: []string{h}, RustRoot: rs})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Code != CodeFailed || !strings.Contains(ds[0].Message, "Rust probe") {
		t.Errorf("want one F075 about the Rust probe, got %v", ds)
	}
}
