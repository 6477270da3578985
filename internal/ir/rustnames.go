package ir

// rustPrimPaths spells the scalar kinds that have a Rust type with the same
// ABI, as paths under core (C kinds) or as Rust primitives (fixed kinds).
// long double, _Float128 and _Float16 have none on stable Rust; emitters
// decide what to do with them.
var rustPrimPaths = map[Prim]string{
	Void: "core::ffi::c_void", Bool: "bool",
	Char: "core::ffi::c_char", SChar: "core::ffi::c_schar", UChar: "core::ffi::c_uchar",
	Short: "core::ffi::c_short", UShort: "core::ffi::c_ushort",
	Int: "core::ffi::c_int", UInt: "core::ffi::c_uint",
	Long: "core::ffi::c_long", ULong: "core::ffi::c_ulong",
	LongLong: "core::ffi::c_longlong", ULongLong: "core::ffi::c_ulonglong",
	Int128: "i128", UInt128: "u128", Float: "f32", Double: "f64",
	I8: "i8", U8: "u8", I16: "i16", U16: "u16", I32: "i32", U32: "u32",
	I64: "i64", U64: "u64", ISize: "isize", USize: "usize", RustChar: "char",
}

// RustPrimName returns the Rust spelling of p: "core::ffi::c_int", "u32", "f64",
// "bool"; ok is false for the kinds stable Rust cannot express.
func RustPrimName(p Prim) (path string, ok bool) {
	path, ok = rustPrimPaths[p]
	return path, ok
}
