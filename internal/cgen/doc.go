// Package cgen owns the C side of `ferry export`: it turns an ir.Module whose
// declarations are already C-shaped (functions, records, enums, typedefs,
// consts, variables; no Rust-only types) into the text of one C header.
//
// The header has an include guard, includes only the standard headers its
// types need, declares every type before it is used (forward declarations
// for records that are only reached through pointers), carries doc comments
// and deprecated/must_use/noreturn attributes, wraps declarations in the
// preprocessor conditions the caller supplies, and compiles as C11 and as
// C++17 (an extern "C" block guarded by __cplusplus).
//
// Rust-specific work (which items are exported, FFI-safety, #[cfg] mapping,
// renames, shims) belongs to internal/export; cgen only reads the IR.
package cgen
