// Package rustgen owns ir → raw Rust: the `bind` emitter. It reads a Module
// whose layout the layout engine has computed and writes one Rust source
// file of raw FFI declarations that needs only core: `#[repr(C)]` records
// (with explicit padding, packed/align and bitfield accessors where the C
// layout needs them), enums as `#[repr(transparent)]` newtypes, type
// aliases, `unsafe extern "C"` blocks, constants and compile-time layout
// assertions.
//
// The output is meant to be `include!`d into a module of the user's crate,
// so it carries no inner attributes (`#![...]` breaks include!): every lint
// allowance is an item-level #[allow] on the item whose name needs it. It
// compiles on editions 2021 and 2024 alike: extern blocks are always
// `unsafe extern "C"` (stable since Rust 1.82). All paths are absolute
// (`::core::ffi::c_int`), so user items named `core` or `Option` cannot
// capture them.
//
// The text is written already formatted as rustfmt (default options) would
// format it; ferry never runs rustfmt. The width rules are modelled in
// format.go and checked by the tests with `rustfmt --check`.
//
// Large modules are written in two halves on two goroutines and joined
// (halves.go); the output is the sequential writer's, byte for byte.
package rustgen
