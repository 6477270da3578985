// Package rustfront reads Rust source into ferry's IR with tree-sitter-rust.
// It is the only package that imports tree-sitter.
//
// It reads what crosses the C boundary: extern blocks (functions, statics,
// #[link]), #[repr(...)] structs, unions and enums, type aliases, consts,
// statics, extern "C" fn definitions and public Rust fns (with Rust-only
// types kept as ir.KindRust, for ferry export). Types are mapped per the
// conventions of ir/rust.go: c_int → ir.Int, u32 → ir.U32, &T → a pointer
// with Flavor Ref, a crate type → ir.KindNamed, anything else Rust-only →
// ir.KindRust.
//
// Representations chosen where Rust has no direct C counterpart:
//   - A fieldless Rust enum is an ir.Enum with RustEnum set.
//   - A #[repr(transparent)] newtype over an integer with associated
//     consts of its own type (`impl N { pub const A: N = N(1); }`) is an
//     ir.Enum with RustEnum unset; references to N are enum references.
//   - An enum with fields (RFC 2195) is laid out as Rust lays it out:
//     repr(C) or repr(C, Int) → a struct NAME { NAME_Tag tag; union NAME_Body; }
//     (the union is an anonymous member whose members are the variant
//     structs NAME_Variant); a primitive repr(Int) alone → a union NAME of
//     the structs NAME_Variant, each starting with the NAME_Tag tag. NAME_Tag
//     is an ir.Enum with RustEnum set. Without a repr the enum is an
//     incomplete Record (its layout is unspecified).
//   - A module of consts (`pub mod E { pub type Type = c_uint; pub const
//     A: Type = 0; }`, bindgen's moduleconsts enum style) is an ir.Enum E
//     with ModuleConsts set; E::Type refers to it. For bindgen's anonymous
//     `_bindgen_ty_N` modules the consts are kept as consts too.
//   - bindgen's __IncompleteArrayField<T> (a generic struct of zero-sized
//     fields) reads as [T; 0]; `impl E { pub const B: E = E::A; }` on a
//     Rust enum adds the enumerator B with A's value.
//   - A #[link_name] keeps a leading "\u{1}" (bindgen's mark for a name
//     taken verbatim from a C asm label) as the byte 1 in LinkName.
//   - `const _: () = ...` (a compile-time assertion) is not a constant.
//   - Items of submodules keep their bare Name and record the module path
//     in ir.Common.Module; #[cfg] text goes to ir.Common.Cfg.
//
// Syntax errors are reported as diagnostics with positions and the rest of
// the file is still read. Rust 2024 spellings the grammar predates
// (`unsafe extern "C" {}` and `safe fn` inside it) are accepted.
package rustfront
