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
// The probe subpackage asks the real compilers (gcc and rustc) the same
// layout and value questions.
package check
