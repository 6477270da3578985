// Package check compares C declarations (from cfront) with Rust declarations
// (from rustfront) and reports what would break or be undefined behaviour
// at the boundary: differing signatures, widths, signedness, constness,
// record layouts, enum and constant values, and validity hazards that hold
// even when sizes agree (a C enum as a Rust enum, an int as bool, a
// nullable pointer as &T, non-FFI-safe types, extern "C" fns that may
// panic).
//
// Each family of checks is an Analyzer (Name, Doc, Run) in its own file;
// they share a Pass that pairs the two modules' declarations and compares
// types semantically: typedefs are resolved on both sides, so uint32_t,
// u32 and c_uint are one type. Findings are diag.Diagnostics with stable
// F0xx codes, positioned at the Rust declaration with a note at the C one.
//
// Bindings are judged by what they do at the boundary, not by how a
// generator spells them, so the shapes real generators write are not
// findings: bindgen's consts/newtype/bitfield/moduleconsts enum styles
// (its rust style is flagged, as it must be), `static mut` for const C
// objects, `_address: u8` placeholders, padding members, u128 for a
// long double field, `#[link_name = "\u{1}..."]` asm-label names, and
// differences that come from clang and gcc reading system headers
// differently (reserved macro names such as __HAVE_FLOAT128, reserved
// field names, asm aliases). What no Rust type can express (a typedef
// aligned beyond its size) is not reported either. testdata/bindgen holds
// real bindgen 0.60 output as test input, with the findings it must give:
// bindgen's own bugs.
//
// The probe subpackage asks the real compilers (gcc and rustc) the same
// layout and value questions; MergeProbe drops what they confirm of the
// static findings.
package check
