package export

import "ferry/internal/diag"

// Diagnostic codes of ferry export (E3xx).
const (
	CodeNotFFISafe  = "E300"
	CodeCollision   = "E301"
	CodeCfgUnmapped = "E302"
	CodeShimType    = "E303"
	CodeNotFound    = "E304"
	CodeRustABI     = "E305"
	CodeNameClash   = "E306"
	CodeDropped     = "E307"
	CodeBadRename   = "E308"
	CodeKeyword     = "E309"
)

// Codes documents export's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: CodeNotFFISafe, Title: "type in an exported signature is not ffi-safe", Explain: "An exported #[no_mangle] extern \"C\" function, static or repr(C) field uses a type C cannot represent: a Rust-only type (String, Vec, &str, slices, tuples, trait objects), a struct or enum without #[repr(C)] / #[repr(Int)] / #[repr(transparent)] passed by value, or a function pointer with the Rust ABI. Pass a pointer instead (types reached only through pointers become opaque forward declarations), add a repr, or write an idiomatic function and mark it `/// ferry: export` so ferry generates a shim."},
	{Code: CodeCollision, Title: "two exported types have the same name", Explain: "Two modules declare a type with the same name and both reach the header. C has one namespace, so ferry refuses to merge them silently. Rename one in Rust, or add `[export.rename] \"module::Name\" = \"NewName\"` to ferry.toml."},
	{Code: CodeCfgUnmapped, Title: "#[cfg] predicate has no C mapping", Explain: "An exported item is under #[cfg(...)] with a predicate ferry has no C condition for. It is guarded by `#if defined(MACRO)` with a macro derived from the predicate. Map it explicitly with `[export.cfg] 'feature = \"x\"' = \"defined(MY_X)\"`."},
	{Code: CodeShimType, Title: "function marked for export has a type ferry cannot shim", Explain: "A function marked `/// ferry: export` (or listed in [export] functions) has a parameter or result type without a C mapping. Supported: primitives, bool, char, repr(C) values and fieldless enums, &T/&mut T/Option<&T>, &[T]/&mut [T], &str, &CStr, String (param and result), Box<T>, Vec<T> results and Result<T, E>. Change the signature or write the extern \"C\" function by hand."},
	{Code: CodeNotFound, Title: "configured function not found", Explain: "A path in [export] functions names no public function of the crate. Paths are written `crate::module::function`, optionally followed by `as c_name`."},
	{Code: CodeRustABI, Title: "#[no_mangle] function has the Rust ABI", Explain: "A #[no_mangle] function without `extern \"C\"` has an unspecified calling convention, so C cannot call it. It is left out of the header. Add `extern \"C\"`, or mark it `/// ferry: export` to get a shim."},
	{Code: CodeNameClash, Title: "two generated C names clash", Explain: "Two different items would get the same C identifier (for example a shim and an exported function, or a type and a function). Rename one with `as` in the export marker or [export.rename]."},
	{Code: CodeDropped, Title: "item left out of the header", Explain: "A constant, static or type could not be written in C (for example a const of a struct type or a non-finite float). The rest of the header is still written."},
	{Code: CodeBadRename, Title: "rename names no item", Explain: "A key of [export.rename] names no type of the crate. Keys are module paths such as \"a::Foo\" (or \"crate::a::Foo\")."},
	{Code: CodeKeyword, Title: "exported symbol is a C or C++ keyword", Explain: "A #[no_mangle] function's symbol is spelled like a C keyword (C cannot declare it at all: it is left out, an error) or a C++ keyword such as `delete` or `new` (the declaration is wrapped in #ifndef __cplusplus, a warning). A symbol cannot be renamed by the header; rename the function or give it #[export_name = \"...\"]."},
}
