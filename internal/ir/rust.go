package ir

// Rust-only types (KindRust) are named by Text, one of the heads below; the
// type arguments go in Elem (first) and Args (rest). A Rust front end maps
// a Rust type with a C equivalent to the C kinds instead: u32 → Prim U32,
// c_int → Prim Int, *const T → KindPointer, &T → KindPointer with Flavor
// Ref, a user struct → KindNamed.
const (
	RustSlice   = "slice"   // [T]; only behind a pointer (&[T], &mut [T], *const [T]). Elem = T
	RustStr     = "str"     // str; only behind a pointer
	RustString  = "String"  // String
	RustVec     = "Vec"     // Vec<T>, Elem = T
	RustOption  = "Option"  // Option<T> where T is not pointer-like, Elem = T
	RustResult  = "Result"  // Result<T, E>, Elem = T, Args[0] = E
	RustCStr    = "CStr"    // CStr; only behind a pointer (&CStr)
	RustCString = "CString" // CString
	RustTuple   = "tuple"   // (A, B, ...), Args = elements; () is Prim Void
	RustDyn     = "dyn"     // dyn Trait / impl Trait
	RustPath    = "path"    // any other named Rust type the front end cannot resolve; Args unused, Name in Type.Ref.Name
	RustNever   = "!"       // the never type, as a return type
)

// IsRust reports whether t is the Rust-only type with the given head.
func (t *Type) IsRust(head string) bool { return t != nil && t.Kind == KindRust && t.Text == head }
