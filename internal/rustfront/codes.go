package rustfront

import "ferry/internal/diag"

// Diagnostic codes of the Rust front end. They sit at the end of the check
// range (F09x) because every consumer of Rust input (check, export) shares them.
const (
	CodeSyntax      = "F090"
	CodeModMissing  = "F091"
	CodeUnsupported = "F092"
	CodeRead        = "F093"
)

// Codes documents the Rust front end's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: CodeSyntax, Title: "rust syntax error", Explain: "tree-sitter-rust could not parse part of the Rust source. ferry skips the broken part and reads the rest, so later findings may be incomplete. Fix the syntax (rustc gives a precise message) and run again."},
	{Code: CodeModMissing, Title: "rust module file not found", Explain: "A `mod name;` declaration names a module whose file (name.rs or name/mod.rs, or a #[path]) does not exist next to its parent. Its items are not read."},
	{Code: CodeUnsupported, Title: "rust item not understood", Explain: "A Rust item at the C boundary uses a form ferry cannot map to C (for example a generic struct or a const whose value is not a constant expression ferry can evaluate). It is kept as an opaque Rust type or skipped."},
	{Code: CodeRead, Title: "rust source cannot be read", Explain: "A Rust source file or crate directory could not be read. Check the path: a crate directory needs src/lib.rs or src/main.rs (or lib.rs / main.rs at its top)."},
}
