package probe

import "ferry/internal/diag"

// Finding codes of the probe (documented in check.Codes).
const (
	CodeSize   = "F070"
	CodeAlign  = "F071"
	CodeOffset = "F072"
	CodeEnum   = "F073"
	CodeConst  = "F074"
	CodeFailed = "F075"
)

// Plan lists what to ask both compilers.
type Plan struct {
	Records []Record
	Values  []Value
}

// Record is a C record and its Rust binding.
type Record struct {
	Symbol string  // the C name, for messages
	CType  string  // a C type expression: "struct foo", "foo_t"
	Rust   string  // a Rust path from the crate root module: "self::ffi::foo"
	Fields []Field // fields to compare by offset
	// NoAlign skips the alignment: C's is one no Rust type can have (a
	// typedef aligned beyond its size, see check's records.go).
	NoAlign bool
	RPos    diag.Pos // the Rust declaration
	CPos    diag.Pos
}

// Field is one member known on both sides.
type Field struct {
	C, Rust string
	RPos    diag.Pos
	CPos    diag.Pos
}

// Value is an enumerator or constant known on both sides.
type Value struct {
	Symbol string // the C name
	CExpr  string // a C expression: the macro or enumerator name
	Rust   string // a Rust expression of an integer or float type
	Float  bool
	Enum   bool // an enumerator (F073) rather than a constant (F074)
	RPos   diag.Pos
	CPos   diag.Pos
}

// Options say how to build the two programs.
type Options struct {
	Headers []string // included in this order
	CFlags  []string // -I, -D, and the rest
	// RustRoot is the bindings: a .rs file or a crate directory.
	RustRoot string
	CC       string // "" means gcc
	RustC    string // "" means rustc
}
