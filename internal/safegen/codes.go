package safegen

import "ferry/internal/diag"

// Diagnostic codes of the safe layer.
const (
	CodeBadRule     = "S401"
	CodeUnknownName = "S402"
	CodeKeptUnsafe  = "S403"
	CodeKeptRaw     = "S404"
)

// Codes documents this package's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: CodeBadRule, Title: "a safe-layer rule does not fit the declaration",
		Explain: "A [safe.fn], [safe.type], [safe.enum] or [safe.flags] rule in ferry.toml asks for a mapping the C declaration cannot have: a slice over a pointer to a non-scalar type, a length that is not an integer, a string over a pointer that is not char, and so on. The function is left unsafe or raw. Fix the rule or drop it and let ferry infer one."},
	{Code: CodeUnknownName, Title: "a safe-layer rule names something the headers do not declare",
		Explain: "A rule names a C function, type, parameter or constant that the headers do not declare (or a Rust type no [safe.type] defines). Check the spelling against the headers, and that the header is in [bind] headers."},
	{Code: CodeKeptUnsafe, Title: "function kept unsafe",
		Explain: "ferry could not prove a safe wrapper sound (an index the library may not check, a pointer with no mapping, a callback that may be stored), so the wrapper is a `pub unsafe fn` whose # Safety section says why. Add a [safe.fn] rule once you know the contract, e.g. `checked_int_args = true` when the library validates its integer arguments."},
	{Code: CodeKeptRaw, Title: "function left in the raw module",
		Explain: "The function could not be wrapped at all (variadic, static inline, a type the safe layer cannot spell, or a destructor that only Drop may call). Call it through the raw module, with the handles' as_ptr()."},
}
