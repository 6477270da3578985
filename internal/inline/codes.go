package inline

import "ferry/internal/diag"

// Codes documents the diagnostics this package reports.
var Codes = []diag.CodeInfo{
	{Code: "K520", Title: "function-like macro skipped", Explain: "ferry could neither translate the macro to Rust nor wrap it in C: it is variadic, is a statement (do { } while (0)), stringizes or pastes tokens, uses a parameter as a type in a way C cannot wrap, or refers to names ferry does not know (object-like macros that are not constants, or macros from system headers). Write the Rust function by hand, or bind the function the macro expands to."},
	{Code: "K521", Title: "static inline function skipped", Explain: "The function is variadic, or its signature uses a type that has no Rust spelling (long double, an anonymous struct without a typedef, va_list), so neither a Rust translation nor a C wrapper can be generated. Write the wrapper by hand."},
	{Code: "K522", Title: "name collides with another declaration", Explain: "A macro or static inline function has the same name as another declaration in the bindings, so emitting it would define the name twice. It is skipped; use --block to drop one of them."},
	{Code: "K523", Title: "c wrapper does not compile", Explain: "The C wrapper ferry generated for this macro or static inline function was rejected by the C compiler (usually because a macro parameter's type was guessed wrong), so the wrapper was dropped. Write the wrapper by hand, or report the macro."},
}
