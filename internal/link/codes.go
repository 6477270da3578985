package link

import "ferry/internal/diag"

// Codes documents the diagnostics of linking and scaffolding.
var Codes = []diag.CodeInfo{
	{Code: "K500", Title: "library cannot be found", Explain: "pkg-config does not know the package, or is not installed, so ferry cannot find the library's headers and link flags. Install the library's -dev package and pkg-config, set PKG_CONFIG_PATH to the directory holding its .pc file, or pass --header H --lib L [--lib-dir D] instead of --pkg-config."},
	{Code: "K501", Title: "safe layer incomplete", Explain: "`ferry new-sys --safe` generated safe-layer items that rustc rejects, so it dropped them (the warning names them; the raw functions stay available as NAME::sys::...), or, when the safe layer could not be made to compile at all, the NAME crate only re-exports the raw bindings as `sys`. Run `ferry safe` with a ferry.toml to see why, then regenerate."},
	{Code: "K502", Title: "no functions to bind", Explain: "The header new-sys bound (given with --header, or guessed) declares no functions, so the -sys crate would be empty. Pass --header with the library's main header: a path, or a name relative to the include directories such as libfoo/foo.h."},
	{Code: "K503", Title: "generated crate does not type-check", Explain: "new-sys type-checks the generated -sys crate with rustc and repairs what it can (macro translations and wrappers), but the raw bindings themselves failed, or rustc could not be run. The message gives the rustc error; report it with the header, or narrow the bindings with --allow/--block."},
}
