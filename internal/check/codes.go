package check

import (
	"ferry/internal/check/probe"
	"ferry/internal/diag"
)

// Finding codes. They are stable: tests, docs and users' CI refer to them.
const (
	CodeUndeclared   = "F001" // Rust symbol the headers do not declare
	CodeArity        = "F002"
	CodeVariadic     = "F003"
	CodeTypeKind     = "F004" // types of different kinds (int vs float, struct vs int, ...)
	CodeIntWidth     = "F005"
	CodeSignedness   = "F006"
	CodeConstness    = "F007"
	CodePointee      = "F008"
	CodePtrValue     = "F009"
	CodeCallbackABI  = "F010"
	CodeFnPtrNull    = "F011"
	CodeFloatWidth   = "F012"
	CodeArrayLen     = "F013"
	CodeRecordType   = "F014" // a different record (by name and structure)
	CodeRustABI      = "F015" // a Rust-ABI fn standing for a C function
	CodeNoMangle     = "F016"
	CodeInlineOnly   = "F017"
	CodeFieldCount   = "F020"
	CodeFieldOrder   = "F021"
	CodeFieldName    = "F022"
	CodeFieldOffset  = "F023"
	CodeSize         = "F024"
	CodeAlign        = "F025"
	CodePacking      = "F026"
	CodeUnionStruct  = "F027"
	CodeNotReprC     = "F028"
	CodeOpaqueFields = "F029"
	CodeEnumValue    = "F030"
	CodeEnumMissing  = "F031"
	CodeEnumExtra    = "F032"
	CodeRustEnum     = "F033"
	CodeEnumWidth    = "F034"
	CodeConstValue   = "F040"
	CodeStaticMut    = "F046"
	CodeBool         = "F050"
	CodeRustChar     = "F051"
	CodeNonNull      = "F052"
	CodeNotFFISafe   = "F053"
	CodeMayPanic     = "F054"
	CodeProbeSize    = probe.CodeSize
	CodeProbeAlign   = probe.CodeAlign
	CodeProbeOffset  = probe.CodeOffset
	CodeProbeEnum    = probe.CodeEnum
	CodeProbeConst   = probe.CodeConst
	CodeProbeFailed  = probe.CodeFailed
)

// Codes documents every finding for `ferry explain`.
var Codes = []diag.CodeInfo{
	{Code: CodeUndeclared, Title: "rust declares a symbol the headers do not declare", Explain: "An item of an extern block, or a #[no_mangle] definition, has a link name that no function or variable of the C headers has. For a declaration this is a link error (or a link to something else) waiting to happen; for a definition, C code cannot call it through the headers. Check the spelling, the #[link_name], and that the right headers are given."},
	{Code: CodeArity, Title: "function arity differs", Explain: "The Rust declaration has a different number of parameters than the C prototype. Calling it passes garbage in the missing registers or drops arguments. Declare exactly the C parameters."},
	{Code: CodeVariadic, Title: "variadic differs", Explain: "One side is variadic (`...`) and the other is not. Variadic calls use a different calling sequence (on x86_64, %al holds the vector register count), so the call is undefined behaviour. Add or remove `...` to match C."},
	{Code: CodeTypeKind, Title: "types of different kinds", Explain: "The Rust type and the C type are not the same kind of thing (an integer and a float, a struct and an integer, void and a value). Use the type ferry suggests."},
	{Code: CodeIntWidth, Title: "integer width differs", Explain: "The Rust integer is wider or narrower than the C one, e.g. `usize` for a C `int`. The callee reads the wrong bits (or stack slots for records). Use the core::ffi alias of the C type (c_int, c_long, ...) or the exact-width type of a C fixed-width typedef."},
	{Code: CodeSignedness, Title: "integer signedness differs", Explain: "The Rust integer has the width of the C one but the other signedness, so values beyond the common range change meaning (-1 becomes 4294967295). Plain `char` and byte pointers (`char *` as `*mut u8`) are accepted either way."},
	{Code: CodeConstness, Title: "pointer constness differs", Explain: "A C `const T *` is declared `*mut T` (or `&mut T`) in Rust, or a C `T *` the callee may write through is declared `*const T` / `&T`, so Rust may hand C memory it assumes is never written. Match C's const: `*const` for `const T *`, `*mut` for `T *`."},
	{Code: CodePointee, Title: "pointee type differs", Explain: "Both sides are pointers, but to different types. `void *` accepts byte pointers and opaque types; other pointees must match."},
	{Code: CodePtrValue, Title: "pointer versus value", Explain: "One side passes a pointer and the other a value (or a record by value). The callee reads an address as data or the reverse."},
	{Code: CodeCallbackABI, Title: "callback ABI differs", Explain: "A C function pointer is declared as a Rust-ABI `fn(...)`, or the calling conventions differ. C will call it with the C ABI; declare it `unsafe extern \"C\" fn(...)` (inside Option<...> when C allows NULL)."},
	{Code: CodeFnPtrNull, Title: "nullable function pointer declared non-null", Explain: "C allows NULL here (no nonnull attribute), but a bare Rust fn pointer is never null: a NULL from C is undefined behaviour. Wrap it: `Option<unsafe extern \"C\" fn(...)>`."},
	{Code: CodeFloatWidth, Title: "floating-point width differs", Explain: "f32 against double, f64 against long double, and so on. Use c_float/f32 for float and c_double/f64 for double; long double has no Rust equivalent."},
	{Code: CodeArrayLen, Title: "array length differs", Explain: "A fixed-size array has a different number of elements on each side, which moves everything after it."},
	{Code: CodeRecordType, Title: "a different record type", Explain: "The Rust struct or union at this place is not the C one: the names differ and so does the structure."},
	{Code: CodeRustABI, Title: "rust ABI function stands for a C function", Explain: "A Rust fn with the same name as a C function is not `extern \"C\"` (and likely not #[no_mangle]), so C cannot call it correctly. Declare it `#[unsafe(no_mangle)] pub extern \"C\" fn`."},
	{Code: CodeNoMangle, Title: "extern \"C\" definition is mangled", Explain: "An `extern \"C\"` fn that the C headers declare has no #[no_mangle] or #[export_name], so its symbol is mangled and C cannot link to it."},
	{Code: CodeInlineOnly, Title: "c function has no symbol", Explain: "The C function is `static` or `static inline`: defined in the header, not exported by the library, so the Rust declaration cannot link. Reimplement it in Rust or add a C shim."},
	{Code: CodeFieldCount, Title: "record field count differs", Explain: "The Rust struct has more or fewer fields than the C one. Every field after the difference, and the size, disagree."},
	{Code: CodeFieldOrder, Title: "record field order differs", Explain: "The same fields appear in another order: offsets differ. Declare them in C's order."},
	{Code: CodeFieldName, Title: "record field name differs", Explain: "A field at the same position has another name. The layout may still agree, but the binding likely describes another version of the struct."},
	{Code: CodeFieldOffset, Title: "field offset differs", Explain: "A field of compatible type sits at another offset, usually because of packing, alignment or a missing padding field."},
	{Code: CodeSize, Title: "record size differs", Explain: "sizeof differs between the C record and the Rust one."},
	{Code: CodeAlign, Title: "record alignment differs", Explain: "The alignment differs between the C record and the Rust one, which changes its placement in other records, arrays and on the stack."},
	{Code: CodePacking, Title: "packed or aligned attribute differs", Explain: "C's packed/aligned/#pragma pack and Rust's repr(packed)/repr(packed(N))/repr(align(N)) disagree, and the layouts differ because of it."},
	{Code: CodeUnionStruct, Title: "struct versus union", Explain: "One side is a struct and the other a union."},
	{Code: CodeNotReprC, Title: "record is not #[repr(C)]", Explain: "A Rust struct, union or enum used at the C boundary has the default Rust representation, whose layout is unspecified. Add #[repr(C)] (or repr(transparent) for a one-field wrapper)."},
	{Code: CodeOpaqueFields, Title: "opaque C type given fields", Explain: "C only forward-declares this type, but the Rust side gives it fields, so Rust code may create or copy one with a made-up layout. Make it opaque: `#[repr(C)] pub struct T { _private: [u8; 0] }`."},
	{Code: CodeEnumValue, Title: "enumerator value differs", Explain: "An enumerator has another value in Rust than in C."},
	{Code: CodeEnumMissing, Title: "enumerator missing in rust", Explain: "A C enumerator has no Rust counterpart. With a Rust `enum`, receiving it from C is undefined behaviour; with a newtype it is only unnamed."},
	{Code: CodeEnumExtra, Title: "rust enumerator not in c", Explain: "The Rust enum has a variant C does not declare."},
	{Code: CodeRustEnum, Title: "c enum declared as a rust enum", Explain: "A Rust `enum` may only hold its declared discriminants; any other value is undefined behaviour the moment it is produced. C enums are open (flags, new versions, casts), so C can hand Rust values it does not know. Bind it as a newtype (`#[repr(transparent)] pub struct E(pub c_uint);` with associated consts) or as an integer type with consts."},
	{Code: CodeEnumWidth, Title: "enum width differs", Explain: "The Rust representation of the enum (repr(u8), the newtype's field) has another size than the C enum (int-sized with GCC unless packed or C23-typed)."},
	{Code: CodeConstValue, Title: "constant value differs", Explain: "A Rust const has another value than the C macro, enumerator or constant of the same name. A macro's Rust type only has to hold its value: `pub const X: u32 = 4096` for `#define X 4096` is fine."},
	{Code: CodeStaticMut, Title: "static mutability differs", Explain: "A C variable that is not const is a Rust `static` (Rust assumes it never changes: reading it while C writes it is undefined behaviour), or a C const variable is `static mut` (writing it faults). Use `static mut` for non-const C globals and `static` for const ones."},
	{Code: CodeBool, Title: "c integer declared as bool", Explain: "Rust bool must be 0 or 1; any other value from C is undefined behaviour. C `int` flags routinely hold other values. Use the C integer type and compare with 0, or C's `_Bool`/`bool` for `bool`."},
	{Code: CodeRustChar, Title: "c character declared as rust char", Explain: "Rust `char` is a 4-byte Unicode scalar value; a C `char` is one byte, and even a 32-bit C character may hold a surrogate or out-of-range value, which is undefined behaviour as a Rust char. Use c_char (or u32 and char::from_u32)."},
	{Code: CodeNonNull, Title: "possibly-null pointer declared non-null", Explain: "C gives no nonnull guarantee for this pointer, but the Rust type (&T, &mut T, NonNull<T>, Box<T>) can never be null: a NULL from C is undefined behaviour. Use a raw pointer, or Option<&T> / Option<NonNull<T>>."},
	{Code: CodeNotFFISafe, Title: "non-FFI-safe type crosses the boundary", Explain: "String, Vec, &str, slices, tuples, trait objects, Option of a non-pointer, Result and types without #[repr(C)] have no C layout (and fat pointers are two words). Pass a pointer and a length, or a #[repr(C)] type."},
	{Code: CodeMayPanic, Title: "extern \"C\" function may panic", Explain: "A panic cannot unwind into C: since Rust 1.81 it aborts the process, before that it was undefined behaviour. Wrap the body in std::panic::catch_unwind and turn the panic into an error value, or declare the function extern \"C-unwind\" if the C caller is built to propagate unwinding."},
	{Code: CodeProbeSize, Title: "compilers disagree on size", Explain: "gcc's sizeof and rustc's size_of differ for this type."},
	{Code: CodeProbeAlign, Title: "compilers disagree on alignment", Explain: "gcc's _Alignof and rustc's align_of differ for this type."},
	{Code: CodeProbeOffset, Title: "compilers disagree on a field offset", Explain: "gcc's offsetof and rustc's offset_of! differ for this field."},
	{Code: CodeProbeEnum, Title: "compilers disagree on an enumerator", Explain: "The enumerator's value printed by the C program differs from the Rust one."},
	{Code: CodeProbeConst, Title: "compilers disagree on a constant", Explain: "The constant's value printed by the C program differs from the Rust one."},
	{Code: CodeProbeFailed, Title: "probe could not run", Explain: "The C or Rust probe program did not compile or run; the message has the compiler's first error. Static findings are still reported."},
}
