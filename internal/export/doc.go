// Package export owns the pipeline behind `ferry export`: it reads the
// [export] table of ferry.toml, picks what a Rust module exposes to C
// (#[no_mangle] extern "C" fns and statics, repr(C)/repr(Int)/transparent
// types, consts, aliases), checks that every exported signature is FFI-safe,
// resolves name collisions between modules, maps #[cfg] to #if conditions,
// plans panic-safe extern "C" shims for idiomatic Rust functions marked
// `/// ferry: export` (or listed in the config) and writes their Rust source.
// The C text itself is written by internal/cgen.
package export
