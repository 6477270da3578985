package cfront

import "ferry/internal/diag"

// Diagnostic codes of the C front end.
const (
	codeSyntax      = "B110" // C syntax or type error in a user header
	codeSysDegraded = "B111" // system header problem: declarations dropped
	codeOpaque      = "B112" // declaration made opaque: type not representable
	codeInternal    = "B113" // front-end internal failure, recovered
	codeParseOnly   = "B114" // type checking failed: parse-only fallback
	codeMissing     = "U901" // header cannot be read (shared code)
)

// Codes documents the front end's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: codeSyntax, Title: "c syntax error in a header", Explain: "A header named on the command line (or one of its companion headers) does not parse or type-check as C. The message gives the first error's file:line:col. Check that the header compiles with `gcc -fsyntax-only`, and pass the -I/-D flags it needs."},
	{Code: codeSysDegraded, Title: "system header construct not supported; declarations dropped", Explain: "A system header reached from the input contains a construct the C front end does not support. ferry dropped the affected declarations and bound the rest. If a dropped declaration is needed, define it away with -D or bind the header that declares it directly."},
	{Code: codeOpaque, Title: "declaration made opaque", Explain: "A type uses a construct ferry cannot represent at the C ABI level (for example _Complex, _Decimal or vector types). The declaration is kept with an opaque type; functions using it may be skipped by the emitters."},
	{Code: codeInternal, Title: "internal front-end failure", Explain: "The C front end failed unexpectedly on this input. ferry recovered and kept what it could. Please report the header that triggers it."},
	{Code: codeParseOnly, Title: "type checking failed; parse-only fallback", Explain: "Type checking the translation unit failed in a system header even after dropping the failing declarations. ferry built the bindings from the syntax tree alone: constant expressions it cannot evaluate make the affected declarations opaque."},
}
