package rustgen

import "ferry/internal/diag"

// Diagnostic codes of the Rust emitter (B150–B179 of the bind range).
const (
	codeNotExported  = "B150"
	codeOpaqueLayout = "B151"
	codeRenamed      = "B152"
	codeDupConst     = "B153"
	codeNoProto      = "B154"
	codeABIUnsafe    = "B155"
	codeUnknownType  = "B156"
	codeConstSkipped = "B157"
	codeWideBitfield = "B158"
	codeThreadLocal  = "B159"
)

// Codes documents the emitter's diagnostics for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: codeNotExported, Title: "function not exported by the library is skipped",
		Explain: "A `static` or `static inline` function is defined in the header and has internal linkage: the library does not export it, so Rust cannot link to it. ferry skips it. Re-implement it in Rust, or compile a C shim that calls it."},
	{Code: codeOpaqueLayout, Title: "record layout cannot be spelled in rust; emitted as opaque bytes",
		Explain: "The record's computed C layout needs a combination Rust forbids (for example `packed` together with `align`, or a packed record that contains an over-aligned type) or fields that overlap. ferry emits a `#[repr(C)]` type of the right size and alignment holding only bytes, so it can still be passed and embedded, but its fields are not accessible. Access them through C accessor functions or read the bytes at the offsets the C compiler reports."},
	{Code: codeRenamed, Title: "name changed to keep the rust output valid",
		Explain: "Two C declarations would get the same Rust name in the same namespace (types, or values: functions, statics, constants), or a name is reserved in Rust. The later one is renamed (the suffix is in the message); functions and statics keep their symbol through #[link_name]."},
	{Code: codeDupConst, Title: "duplicate constant skipped",
		Explain: "A macro constant has the same name as an enumerator, function or static declared earlier (glibc's FP_NAN and IPPORT_RESERVED are both a macro and an enumerator). When the values are equal the macro is redundant and is skipped; otherwise it is renamed (see B152)."},
	{Code: codeNoProto, Title: "function without a prototype bound with no parameters",
		Explain: "The C declaration `f()` does not say what parameters f takes. ferry binds it as taking none; declare the real prototype in C (or write the Rust declaration by hand) to pass arguments."},
	{Code: codeABIUnsafe, Title: "function passes a type rust cannot pass by value",
		Explain: "The function takes or returns `long double`, `_Float128` or `_Float16` (or a record containing one) by value. Rust has no stable type with the same calling convention, so a call would pass the value in the wrong registers. ferry skips the function; call it through a C shim that passes a pointer instead."},
	{Code: codeUnknownType, Title: "reference to an undeclared type",
		Explain: "A declaration names a typedef, struct, union or enum that the module does not declare (it was filtered out or failed to parse). ferry emits an opaque stand-in so the output compiles; values of it can only be used behind pointers."},
	{Code: codeConstSkipped, Title: "constant cannot be expressed in rust",
		Explain: "A macro constant has a value or type ferry cannot write as a Rust const (for example a wide string literal). It is skipped."},
	{Code: codeWideBitfield, Title: "bitfield wider than 64 bits has no accessors",
		Explain: "Accessor methods read bitfields through a u64, so a wider bitfield (an __int128 member) keeps its storage but gets no getter or setter."},
	{Code: codeThreadLocal, Title: "thread-local variable skipped",
		Explain: "`_Thread_local` / `__thread` variables need `#[thread_local]`, which is unstable in Rust. ferry skips them; read them through a C accessor function."},
}
