package cfront

import "ferry/internal/diag"

// Diagnostic codes of the C front end.
const (
	codeSyntax      = "B110" // C syntax or type error in a user header
	codeSysDegraded = "B111" // system header problem: declarations dropped
	codeOpaque      = "B112" // declaration made opaque: type not representable
	codeInternal    = "B113" // front-end internal failure, recovered
	codeParseOnly   = "B114" // type checking failed: parse-only fallback
	codePragma      = "B115" // pack pragma built by a macro: not followed
	codeLayoutCheck = "B116" // compile-time size check dropped: cc/v4 cannot evaluate it
	codeMissing     = "U901" // header cannot be read (shared code)
)

// Codes documents the front end's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: codeSyntax, Title: "c syntax error in a header", Explain: "A header named on the command line (or one of its companion headers) does not parse or type-check as C. The message gives the first error's file:line:col. Check that the header compiles with `gcc -fsyntax-only`, and pass the -I/-D flags it needs."},
	{Code: codeSysDegraded, Title: "system header construct not supported; declarations dropped", Explain: "A system header reached from the input contains a construct the C front end does not support. ferry dropped the affected declarations and bound the rest. If a dropped declaration is needed, define it away with -D or bind the header that declares it directly."},
	{Code: codeOpaque, Title: "declaration made opaque", Explain: "A type uses a construct ferry cannot represent at the C ABI level (for example _Complex, _Decimal or vector types). The declaration is kept with an opaque type; functions using it may be skipped by the emitters."},
	{Code: codeInternal, Title: "internal front-end failure", Explain: "The C front end failed unexpectedly on this input. ferry recovered and kept what it could. Please report the header that triggers it."},
	{Code: codeParseOnly, Title: "type checking failed; parse-only fallback", Explain: "Type checking the translation unit failed in a system header even after dropping the failing declarations. ferry built the bindings from the syntax tree alone: constant expressions it cannot evaluate make the affected declarations opaque."},
	{Code: codePragma, Title: "pack pragma built by a macro; layout may be wrong", Explain: "A `#pragma pack` written out, or a `_Pragma(\"pack(...)\")` with a literal string (also inside a macro), is followed. This one was built by a macro, e.g. `_Pragma(#x)`, and ferry cannot tell which records it covers, so their layout may not match the compiler's. Run `ferry check --probe` to compare the layouts with gcc, or define the packing macro away with -D and restate it as a literal `#pragma pack`."},
	{Code: codeLayoutCheck, Title: "compile-time check dropped", Explain: "A `_Static_assert` or a negative-array-size check in a header failed in ferry's C type checker, which does not lay out packed or #pragma pack records. GCC accepts such a header, so ferry dropped the check and bound the rest; record layouts come from ferry's own layout engine, which does model packing. Constants computed with sizeof of such a record may be wrong. Compare with gcc by running `ferry check --probe`."},
}
