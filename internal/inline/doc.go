// Package inline owns the C API that lives only in headers: static inline
// functions and function-like macros, which a library does not export and
// so cannot be linked to. It makes them callable from Rust in two tiers:
//
//  1. Simple ones (constant expressions, casts, field accesses, arithmetic
//     on parameters) are translated straight to Rust, as `pub const fn` or
//     `#[inline] pub unsafe fn`, with C's conversions spelled out.
//  2. The rest get a C wrapper (`ferry_wrap_NAME`, an ordinary extern
//     function that calls them) for the -sys crate's build.rs to compile,
//     plus the matching Rust extern declarations under the original name.
//
// What neither tier can express is skipped with a diagnostic saying why.
// The package reads the IR only; it has its own small C expression parser
// because macro bodies are token lists, not syntax trees.
package inline
