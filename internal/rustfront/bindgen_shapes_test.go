package rustfront

import (
	"testing"

	"ferry/internal/ir"
)

// TestBindgenShapes: the forms bindgen writes that need more than reading
// items one by one.
func TestBindgenShapes(t *testing.T) {
	m, ix, dl := parseSrc(t, `
pub mod color {
    pub type Type = ::std::os::raw::c_uint;
    pub const RED: Type = 0;
    pub const BLUE: Type = 2;
}
pub mod code_t {
    pub type Type = ::std::os::raw::c_int;
    pub const CODE_FAIL: Type = -2;
}
pub mod _bindgen_ty_1 {
    pub type Type = ::std::os::raw::c_uint;
    pub const ANON_A: Type = 7;
}
#[repr(C)]
pub struct __IncompleteArrayField<T>(::std::marker::PhantomData<T>, [T; 0]);
#[repr(C)]
pub struct msg {
    pub len: u64,
    pub data: __IncompleteArrayField<u8>,
}
#[repr(u32)]
pub enum flags { A = 1, B = 2 }
impl flags {
    pub const C: flags = flags::B;
}
const _: () = assert!(1 == 1);
extern "C" {
    pub fn paint(c: color::Type) -> code_t::Type;
    #[link_name = "\u{1}__isoc99_fscanf"]
    pub fn fscanf1(f: *mut u8, ...) -> i32;
}
`)
	if len(dl.Items) > 0 {
		t.Fatal(dl.Items)
	}
	for _, name := range []string{"color", "code_t", "_bindgen_ty_1"} {
		e := ix.Enums[name]
		if e == nil || !e.ModuleConsts {
			t.Fatalf("module %s is not a module-consts enum: %+v", name, e)
		}
	}
	if e := ix.Enums["color"]; e.Underlying != ir.UInt || len(e.Values) != 2 || e.Values[1].Name != "BLUE" || e.Values[1].Value != 2 {
		t.Errorf("color: %+v", e)
	}
	if e := ix.Enums["code_t"]; e.Underlying != ir.Int || e.Values[0].Value != -2 {
		t.Errorf("code_t: %+v", e)
	}
	if ix.Consts["RED"] != nil || ix.Typedefs["Type"] != nil {
		t.Error("a named module enum's items leaked out as consts or a Type alias")
	}
	if c := ix.Consts["ANON_A"]; c == nil || c.Int != 7 {
		t.Errorf("anonymous module enum's const: %+v", c)
	}
	f := ix.Functions["paint"]
	wantType(t, "color::Type", f.Type.Params[0].Type, "enum color")
	wantType(t, "code_t::Type", f.Type.Result, "enum code_t")
	if got := ix.Functions["fscanf1"].LinkName; got != "\x01__isoc99_fscanf" {
		t.Errorf("link_name = %q, want the verbatim mark kept", got)
	}
	data := ix.Structs["msg"].Fields[1].Type
	if data.Kind != ir.KindArray || data.Len != 0 || data.Elem.Prim != ir.U8 {
		t.Errorf("__IncompleteArrayField<u8> = %v, want [u8; 0]", data)
	}
	fl := ix.Enums["flags"]
	if len(fl.Values) != 3 || fl.Values[2].Name != "C" || fl.Values[2].Value != 2 {
		t.Errorf("rust enum alias const: %+v", fl.Values)
	}
	for _, d := range m.Decls {
		if c, ok := d.(*ir.Const); ok && c.Name == "_" {
			t.Error("const _ (an assertion) read as a constant")
		}
	}
}
