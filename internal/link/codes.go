package link

import "ferry/internal/diag"

// Codes documents the diagnostics of linking and scaffolding.
var Codes = []diag.CodeInfo{
	{Code: "K500", Title: "library cannot be found", Explain: "pkg-config does not know the package, or is not installed, so ferry cannot find the library's headers and link flags. Install the library's -dev package and pkg-config, set PKG_CONFIG_PATH to the directory holding its .pc file, or pass --header H --lib L [--lib-dir D] instead of --pkg-config."},
	{Code: "K501", Title: "safe layer not generated", Explain: "`ferry new-sys --safe` could not generate the safe layer, so the NAME crate only re-exports the raw bindings as `sys`. Run `ferry safe` with a ferry.toml to see why, then regenerate."},
}
