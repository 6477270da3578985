package ir

// Prim is a scalar type. The C kinds keep C's spelling (their width comes
// from the Target); the fixed kinds are exact-width and come from Rust source
// or from the well-known C typedefs (int32_t, size_t, ...).
type Prim int

const (
	PrimInvalid Prim = iota
	Void
	Bool // C _Bool, Rust bool
	Char // plain char: signedness is Target.CharSigned
	SChar
	UChar
	Short
	UShort
	Int
	UInt
	Long
	ULong
	LongLong
	ULongLong
	Int128
	UInt128
	Float
	Double
	LongDouble
	Float128
	Float16

	// Exact-width kinds, as Rust spells them.
	I8
	U8
	I16
	U16
	I32
	U32
	I64
	U64
	ISize
	USize
	RustChar // Rust char: a 4-byte Unicode scalar value, not a C type
)

var primNames = [...]string{
	PrimInvalid: "<invalid>",
	Void:        "void",
	Bool:        "_Bool",
	Char:        "char",
	SChar:       "signed char",
	UChar:       "unsigned char",
	Short:       "short",
	UShort:      "unsigned short",
	Int:         "int",
	UInt:        "unsigned int",
	Long:        "long",
	ULong:       "unsigned long",
	LongLong:    "long long",
	ULongLong:   "unsigned long long",
	Int128:      "__int128",
	UInt128:     "unsigned __int128",
	Float:       "float",
	Double:      "double",
	LongDouble:  "long double",
	Float128:    "_Float128",
	Float16:     "_Float16",
	I8:          "i8",
	U8:          "u8",
	I16:         "i16",
	U16:         "u16",
	I32:         "i32",
	U32:         "u32",
	I64:         "i64",
	U64:         "u64",
	ISize:       "isize",
	USize:       "usize",
	RustChar:    "char (Rust)",
}

func (p Prim) String() string {
	if int(p) < len(primNames) {
		return primNames[p]
	}
	return "<prim?>"
}

// IsInteger reports whether p is an integer kind (Bool and RustChar excluded).
func (p Prim) IsInteger() bool {
	switch p {
	case Char, SChar, UChar, Short, UShort, Int, UInt, Long, ULong, LongLong, ULongLong,
		Int128, UInt128, I8, U8, I16, U16, I32, U32, I64, U64, ISize, USize:
		return true
	}
	return false
}

// IsFloat reports whether p is a floating kind.
func (p Prim) IsFloat() bool {
	switch p {
	case Float, Double, LongDouble, Float128, Float16:
		return true
	}
	return false
}

// IsSigned reports whether integer kind p is signed on target t.
func (p Prim) IsSigned(t *Target) bool {
	switch p {
	case Char:
		return t.CharSigned
	case SChar, Short, Int, Long, LongLong, Int128, I8, I16, I32, I64, ISize:
		return true
	}
	return false
}
