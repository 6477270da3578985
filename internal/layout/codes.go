package layout

import "ferry/internal/diag"

// Diagnostic codes of the layout engine (L2xx).
const (
	CodeUnknownLayout = "L200"
	CodeRecursive     = "L201"
	CodeBadBitfield   = "L202"
)

// Codes documents the layout engine's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: CodeUnknownLayout, Title: "record layout cannot be computed",
		Explain: "A member of the record has a type whose size ferry does not know: a name the headers never define, an incomplete (forward-declared) struct or union, `void`, a function type, or a compiler type ferry does not model (e.g. a vector type). The record is kept but treated as opaque: emitters give it no fields and no layout assertions. Include the header that defines the missing type, or block the record."},
	{Code: CodeRecursive, Title: "record contains itself by value",
		Explain: "A struct or union has a member whose type is the record itself (directly or through other records) by value, which has no finite size. C compilers reject this; check the header and the preprocessor flags."},
	{Code: CodeBadBitfield, Title: "invalid bitfield",
		Explain: "A bitfield has a type that is not an integer, `_Bool` or enum type, or a width larger than its type. C compilers reject this; check the header and the preprocessor flags."},
}
