package rustfront

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

func parseSrc(t *testing.T, src string) (*ir.Module, *ir.Index, *diag.List) {
	t.Helper()
	var dl diag.List
	m, err := ParseFile("t.rs", []byte(src), Options{}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	return m, ir.NewIndex(m), &dl
}

func wantType(t *testing.T, what string, got *ir.Type, want string) {
	t.Helper()
	if s := got.String(); s != want {
		t.Errorf("%s: type %q, want %q", what, s, want)
	}
}

func TestTypes(t *testing.T) {
	_, ix, dl := parseSrc(t, `
use core::ffi::{c_int, c_char as cc};
use std::os::raw::*;
use std::ptr::NonNull;
use libc::size_t;
pub struct Obj { _p: [u8; 0] }
pub type Cb = Option<unsafe extern "C" fn(x: c_int) -> c_int>;
extern "C" {
    pub fn f1(a: cc, b: c_long, c: core::ffi::c_uint, d: ::std::os::raw::c_ulonglong, e: size_t) -> c_int;
    pub fn f2(a: *const c_char, b: *mut *mut Obj, c: &Obj, d: &mut Obj, e: Option<&Obj>) -> *mut c_void;
    pub fn f3(a: NonNull<Obj>, b: Option<NonNull<Obj>>, c: Box<Obj>, d: Option<Box<Obj>>);
    pub fn f4(a: Cb, b: extern "C" fn(), c: fn(i32), d: [u8; 4], e: bool, f: char, g: f32, h: f64, i: ());
    pub fn f5(a: &str, b: String, c: Vec<u8>, d: &[u8], e: (i32, i32), f: &dyn Fn(), g: Unknown, h: i128, j: usize);
}
`)
	if len(dl.Items) > 0 {
		t.Fatal(dl.Items)
	}
	p := func(fn string, i int) *ir.Type { return ix.Functions[fn].Type.Params[i].Type }
	wantType(t, "cc", p("f1", 0), "char")
	wantType(t, "c_long glob", p("f1", 1), "long")
	wantType(t, "fq c_uint", p("f1", 2), "unsigned int")
	wantType(t, "::std c_ulonglong", p("f1", 3), "unsigned long long")
	wantType(t, "libc size_t", p("f1", 4), "usize")
	wantType(t, "ret", ix.Functions["f1"].Type.Result, "int")
	wantType(t, "*const c_char", p("f2", 0), "const char *")
	if p("f2", 0).Mut || p("f2", 0).Flavor != ir.Raw {
		t.Error("*const: Mut or flavor wrong")
	}
	wantType(t, "**", p("f2", 1), "struct Obj * *")
	for i, fl := range []ir.PtrFlavor{ir.Raw, ir.Raw, ir.Ref, ir.Ref, ir.OptRef} {
		if got := p("f2", i).Flavor; got != fl {
			t.Errorf("f2 param %d flavor %v, want %v", i, got, fl)
		}
	}
	if p("f2", 2).Null != ir.NonNull || p("f2", 4).Null != ir.Nullable || !p("f2", 3).Mut || p("f2", 2).Mut {
		t.Error("ref nullability/mutability wrong")
	}
	for i, fl := range []ir.PtrFlavor{ir.NonNullP, ir.OptNonNul, ir.BoxP, ir.OptBox} {
		if got := p("f3", i).Flavor; got != fl {
			t.Errorf("f3 param %d flavor %v, want %v", i, got, fl)
		}
	}
	cb := ix.Resolve(p("f4", 0))
	if cb.Kind != ir.KindPointer || cb.Null != ir.Nullable || cb.Elem.Func.ABI != "C" {
		t.Errorf("Option<extern fn>: %+v", cb)
	}
	if b := p("f4", 1); b.Null != ir.NonNull || b.Elem.Func.ABI != "C" {
		t.Errorf("extern fn: %+v", b)
	}
	if c := p("f4", 2); c.Elem.Func.ABI != "Rust" {
		t.Errorf("fn: ABI %q", c.Elem.Func.ABI)
	}
	wantType(t, "array", p("f4", 3), "u8[4]")
	wantType(t, "bool", p("f4", 4), "_Bool")
	wantType(t, "char", p("f4", 5), "char (Rust)")
	wantType(t, "f32", p("f4", 6), "float")
	wantType(t, "f64", p("f4", 7), "double")
	wantType(t, "()", p("f4", 8), "void")
	heads := []string{ir.RustStr, ir.RustString, ir.RustVec, ir.RustSlice, ir.RustTuple, ir.RustDyn, ir.RustPath}
	for i, h := range heads {
		ty := p("f5", i)
		if ty.Kind == ir.KindPointer {
			ty = ty.Elem
		}
		if ty.Kind != ir.KindRust || ty.Text != h {
			t.Errorf("f5 param %d: %v, want rust %s", i, ty, h)
		}
	}
	wantType(t, "i128", p("f5", 7), "__int128")
	wantType(t, "usize", p("f5", 8), "usize")
}

func TestItems(t *testing.T) {
	m, ix, dl := parseSrc(t, `
/// A thing.
/// Second line.
#[repr(C, packed(2))]
#[cfg(feature = "x")]
pub struct S { pub a: u8, pub b: u32 }
#[repr(C, packed)] pub struct P { a: u8 }
#[repr(C, align(16))] pub union U { a: i32, b: f32 }
#[repr(transparent)] pub struct T(pub u64);
#[repr(u8)] pub enum E { A = 1, B, C = 10 }
#[repr(transparent)]
#[derive(Clone, Copy)]
pub struct Flags(pub core::ffi::c_uint);
impl Flags {
    pub const READ: Flags = Flags(1);
    pub const WRITE: Self = Self(1 << 1);
}
pub const MAX: u32 = u32::MAX;
pub const NEG: i32 = -(4 as i32);
pub const MASK: u8 = !0;
pub const NAME: &[u8; 4] = b"abc\0";
pub const PI: f64 = 3.5;
pub const CH: u8 = b'x';
pub const BIG: u64 = 0xFFFF_FFFF_FFFF_FFFFu64;
pub const TWICE: u32 = MAX_HALF * 2;
const MAX_HALF: u32 = 0x10;
#[deprecated(note = "use g")]
#[must_use]
#[unsafe(no_mangle)]
pub extern "C" fn f() -> i32 { 0 }
#[export_name = "exp"]
pub unsafe extern "C" fn g() -> ! { loop {} }
pub fn idiomatic(s: &str) -> Result<u32, String> { Ok(1) }
fn private() {}
#[no_mangle] pub static mut COUNTER: i32 = 0;
pub enum Opaque {}
`)
	for _, d := range dl.Items {
		t.Error(d)
	}
	s := ix.Structs["S"]
	if s == nil || s.PragmaPack != 2 || s.Doc != "A thing.\nSecond line." || s.Cfg != `feature = "x"` || len(s.Fields) != 2 {
		t.Errorf("S: %+v", s)
	}
	if p := ix.Structs["P"]; p == nil || !p.Packed {
		t.Errorf("P not packed: %+v", p)
	}
	if u := ix.Unions["U"]; u == nil || u.AlignAttr != 16 {
		t.Errorf("U: %+v", u)
	}
	if tr := ix.Structs["T"]; tr == nil || len(tr.Repr) != 1 || tr.Repr[0] != "transparent" || tr.Fields[0].Name != "_0" {
		t.Errorf("T: %+v", tr)
	}
	e := ix.Enums["E"]
	if e == nil || !e.RustEnum || e.Underlying != ir.U8 || len(e.Values) != 3 || e.Values[1].Value != 2 || e.Values[2].Value != 10 {
		t.Errorf("E: %+v", e)
	}
	fl := ix.Enums["Flags"]
	if fl == nil || fl.RustEnum || fl.Underlying != ir.UInt || len(fl.Values) != 2 || fl.Values[1].Value != 2 {
		t.Errorf("Flags: %+v", fl)
	}
	consts := map[string]int64{"MAX": 0xFFFFFFFF, "NEG": -4, "MASK": 255, "CH": 'x', "BIG": -1, "TWICE": 32}
	for n, v := range consts {
		c := ix.Consts[n]
		if c == nil || c.Int != v {
			t.Errorf("const %s = %+v, want %d", n, c, v)
		}
	}
	if c := ix.Consts["NAME"]; c == nil || c.Kind != ir.ConstString || string(c.Str) != "abc" {
		t.Errorf("NAME: %+v", c)
	}
	if c := ix.Consts["PI"]; c == nil || c.Kind != ir.ConstFloat || c.Float != 3.5 {
		t.Errorf("PI: %+v", c)
	}
	f := ix.Functions["f"]
	if f == nil || !f.HasBody || !f.NoMangle || !f.Attrs.Deprecated || f.Attrs.DeprecatedMsg != "use g" || !f.Attrs.MustUse || f.Type.ABI != "C" {
		t.Errorf("f: %+v", f)
	}
	g := ix.Functions["g"]
	if g == nil || g.LinkName != "exp" || !g.NoMangle || !g.Attrs.NoReturn || !g.Type.Result.IsVoid() || !g.IsUnsafe {
		t.Errorf("g: %+v", g)
	}
	id := ix.Functions["idiomatic"]
	if id == nil || id.Type.ABI != "Rust" || !id.Type.Result.IsRust(ir.RustResult) {
		t.Errorf("idiomatic: %+v", id)
	}
	if ix.Functions["private"] != nil {
		t.Error("private fn read")
	}
	if v := ix.Vars["COUNTER"]; v == nil || !v.Mutable || !v.Defined || !v.NoMangle {
		t.Errorf("COUNTER: %+v", v)
	}
	if o := ix.Structs["Opaque"]; o == nil || o.Complete {
		t.Errorf("Opaque: %+v", o)
	}
	for _, d := range m.Decls {
		if d.DeclPos().File != "t.rs" || d.DeclPos().Line == 0 {
			t.Errorf("%s: bad position %v", d.DeclName(), d.DeclPos())
		}
	}
}

func TestRust2024(t *testing.T) {
	_, ix, dl := parseSrc(t, `
#[link(name = "z", kind = "static")]
unsafe extern "C" {
    pub safe fn abs(x: i32) -> i32;
    #[link_name = "real_f"]
    pub unsafe fn f(p: *const u8);
    pub static ERRNO: i32;
}
`)
	for _, d := range dl.Items {
		t.Error(d)
	}
	a, f := ix.Functions["abs"], ix.Functions["f"]
	if a == nil || a.IsUnsafe || a.LinkLib != "z" {
		t.Errorf("abs: %+v", a)
	}
	if f == nil || !f.IsUnsafe || f.LinkName != "real_f" {
		t.Errorf("f: %+v", f)
	}
	if v := ix.Vars["ERRNO"]; v == nil || v.Mutable || v.Defined {
		t.Errorf("ERRNO: %+v", v)
	}
}

func TestTaggedEnums(t *testing.T) {
	_, ix, _ := parseSrc(t, `
#[repr(C)] pub enum Shape { Circle(f64), Rect { w: f64, h: f64 }, Empty }
#[repr(u8)] pub enum Msg { Quit, Move(i32, i32) }
pub enum Plain { A(String) }
`)
	s := ix.Structs["Shape"]
	if s == nil || len(s.Fields) != 2 || s.Fields[0].Name != "tag" || s.Fields[1].Name != "" {
		t.Fatalf("Shape: %+v", s)
	}
	body := ix.Unions["Shape_Body"]
	if body == nil || !body.Anonymous || len(body.Fields) != 2 {
		t.Errorf("Shape_Body: %+v", body)
	}
	if tag := ix.Enums["Shape_Tag"]; tag == nil || len(tag.Values) != 3 || !tag.RustEnum {
		t.Errorf("Shape_Tag: %+v", tag)
	}
	if r := ix.Structs["Shape_Rect"]; r == nil || len(r.Fields) != 2 || r.Fields[1].Name != "h" {
		t.Errorf("Shape_Rect: %+v", r)
	}
	m := ix.Unions["Msg"]
	if m == nil || len(m.Fields) != 2 {
		t.Fatalf("Msg: %+v", m)
	}
	if mv := ix.Structs["Msg_Move"]; mv == nil || len(mv.Fields) != 3 || mv.Fields[0].Name != "tag" || mv.Fields[2].Name != "_1" {
		t.Errorf("Msg_Move: %+v", mv)
	}
	if tag := ix.Enums["Msg_Tag"]; tag == nil || tag.Underlying != ir.U8 {
		t.Errorf("Msg_Tag: %+v", tag)
	}
	if p := ix.Structs["Plain"]; p == nil || p.Complete {
		t.Errorf("Plain: %+v", p)
	}
}

func TestPanics(t *testing.T) {
	_, ix, _ := parseSrc(t, `
extern "C" { fn c_side(); }
fn helper(v: &[u8]) -> u8 { v[0] }
fn fine(x: i32) -> i32 { x + 1 }
#[no_mangle] pub extern "C" fn p_unwrap(x: Option<i32>) -> i32 { x.unwrap() }
#[no_mangle] pub extern "C" fn p_macro() { panic!("no") }
#[no_mangle] pub extern "C" fn p_index(p: *const u8) -> u8 { let s = unsafe { std::slice::from_raw_parts(p, 4) }; s[1] }
#[no_mangle] pub extern "C" fn p_helper() -> u8 { helper(&[1]) }
#[no_mangle] pub extern "C" fn p_unknown() { other_crate::go() }
#[no_mangle] pub extern "C" fn p_fmt(x: Option<i32>) { println!("{}", x.expect("x")) }
#[no_mangle] pub extern "C" fn ok_plain(x: i32) -> i32 { fine(x) * 2 }
#[no_mangle] pub extern "C" fn ok_ffi(p: *mut u8) { unsafe { c_side(); if !p.is_null() { *p = 0; } } }
#[no_mangle] pub extern "C" fn ok_caught() -> i32 { std::panic::catch_unwind(|| helper(&[1])).map(|v| v as i32).unwrap_or(-1) }
#[no_mangle] pub extern "C-unwind" fn ok_unwind() { panic!("fine") }
#[no_mangle] pub extern "C" fn ok_std(p: *const core::ffi::c_char) -> usize { unsafe { std::ffi::CStr::from_ptr(p).to_bytes().len() } }
`)
	for name, f := range ix.Functions {
		want := strings.HasPrefix(name, "p_")
		if !strings.HasPrefix(name, "p_") && !strings.HasPrefix(name, "ok_") {
			continue
		}
		if f.MayPanic != want {
			t.Errorf("%s: MayPanic = %v, want %v", name, f.MayPanic, want)
		}
		if want && f.PanicPos.Line == 0 {
			t.Errorf("%s: no panic position", name)
		}
	}
}

func TestSyntaxError(t *testing.T) {
	m, ix, dl := parseSrc(t, "pub struct A { a: i32 }\nfn broken( {\npub const B: i32 = 2;\n")
	if len(dl.Items) == 0 || dl.Items[0].Code != CodeSyntax || dl.Items[0].Pos.Line == 0 {
		t.Errorf("want a positioned syntax error, got %v", dl.Items)
	}
	if ix.Structs["A"] == nil || m == nil {
		t.Error("items before the error were lost")
	}
}

func TestLoadCrate(t *testing.T) {
	dir := t.TempDir()
	write := func(p, s string) {
		t.Helper()
		p = filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("src/lib.rs", "pub mod ffi;\nmod inline { pub mod deep; pub const I: i32 = 1; }\nmod gone;\npub use ffi::Point;\n#[no_mangle] pub extern \"C\" fn area(p: *const Point) -> f64 { 0.0 }\n")
	write("src/ffi/mod.rs", "mod types;\npub use self::types::Point;\n")
	write("src/ffi/types.rs", "#[repr(C)] pub struct Point { pub x: f64, pub y: f64 }\n")
	write("src/inline/deep.rs", "pub const D: u8 = 3;\n")
	var dl diag.List
	m, err := LoadCrate(dir, Options{}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	ix := ir.NewIndex(m)
	if p := ix.Structs["Point"]; p == nil || p.Module != "ffi::types" {
		t.Errorf("Point: %+v", p)
	}
	if d := ix.Consts["D"]; d == nil || d.Module != "inline::deep" || d.Int != 3 {
		t.Errorf("D: %+v", d)
	}
	if i := ix.Consts["I"]; i == nil || i.Module != "inline" {
		t.Errorf("I: %+v", i)
	}
	wantType(t, "area param", ix.Functions["area"].Type.Params[0].Type, "const struct Point *")
	if len(dl.Items) != 1 || dl.Items[0].Code != CodeModMissing {
		t.Errorf("want one missing-module warning, got %v", dl.Items)
	}
	if len(m.Files) != 4 {
		t.Errorf("files: %v", m.Files)
	}
	if _, err := LoadCrate(filepath.Join(dir, "nope"), Options{}, &dl); err == nil {
		t.Error("missing crate: no error")
	}
}
