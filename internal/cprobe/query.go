package cprobe

import "ferry/internal/ir"

// Query lists what to ask the compiler.
type Query struct {
	// Prelude is C text placed first in the program: `#include "/abs/x.h"`
	// lines, or a whole header written inline.
	Prelude string
	// CFlags are passed to gcc (-I, -D, -std, ...).
	CFlags []string
	// CC is the compiler to run; "" means gcc.
	CC string

	Types  []TypeQuery
	Fields []FieldQuery
	Consts []ConstQuery
}

// TypeQuery asks for sizeof and _Alignof of a C type expression, e.g.
// "struct foo", "my_typedef", "int[3]".
type TypeQuery struct {
	Type string
}

// FieldKind says how a member can be measured.
type FieldKind int

const (
	// Plain members: offsetof, sizeof and _Alignof of the member's type.
	Plain FieldKind = iota
	// Bitfield members: offsetof cannot take them, so the probe sets the
	// member to all-ones in a zeroed object and finds the bits that changed.
	Bitfield
	// OffsetOnly members (flexible arrays): only offsetof is valid.
	OffsetOnly
)

// FieldQuery asks where a member of a record type is. Path is a member
// designator: "a", "u.x", or just "x" for a member of an anonymous
// struct/union member.
type FieldQuery struct {
	Record string // a C type naming a struct or union: "struct foo", "pixel"
	Path   string
	Kind   FieldKind
}

// Key is how the result is found in Result.Fields: "struct foo.a.b".
func (q FieldQuery) Key() string { return q.Record + "." + q.Path }

// ConstQuery asks for the value of an integer or floating constant
// expression: a macro, an enumerator, "sizeof(long)".
type ConstQuery struct {
	Expr string
}

// Result holds gcc's answers. Every map is keyed by the query's string
// (FieldQuery.Key for Fields).
type Result struct {
	Types  map[string]ir.Layout
	Fields map[string]FieldResult
	Consts map[string]ConstResult
	// Failed holds the queries gcc rejected (an incomplete type, a member
	// that does not exist, a macro that is not an expression), keyed like
	// the maps above, with gcc's first error line. The rest still ran.
	Failed map[string]string
}

// FieldResult is where a member is, from the start of the record.
type FieldResult struct {
	BitOffset int64
	// BitWidth is the bitfield's width, or 8*Size for other members.
	BitWidth int64
	// Size and Align are sizeof and _Alignof of the member's type; zero
	// for bitfields and OffsetOnly members.
	Size  int64
	Align int64
}

// ConstKind is how a constant's value was printed.
type ConstKind int

const (
	ConstSigned   ConstKind = iota // any signed integer type (and pointers)
	ConstUnsigned                  // unsigned integer types and _Bool
	ConstFloat                     // float, double, long double
)

// ConstResult is one constant's value.
type ConstResult struct {
	Kind  ConstKind
	Int   int64   // ConstSigned
	Uint  uint64  // ConstUnsigned
	Float float64 // ConstFloat, rounded to double
	// Text is the exact value as printed: decimal for integers, %.17g
	// (%.21Lg for long double) for floats.
	Text string
}

// Bits returns an integer constant's 64 bits.
func (c ConstResult) Bits() uint64 {
	if c.Kind == ConstUnsigned {
		return c.Uint
	}
	return uint64(c.Int)
}
