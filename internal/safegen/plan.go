package safegen

import (
	"ferry/internal/config"
	"ferry/internal/ir"
)

// Plan is the resolved safe layer: every rule checked against the module.
type Plan struct {
	Types []*TypePlan
	Enums []*EnumPlan // enums and flags
	Funcs []*FuncPlan
	// RawFuncs are the functions left raw, with the reason.
	RawFuncs []*FuncPlan
	Err      *ErrPlan
	Stats    Stats
}

// Stats counts what became of the module's functions.
type Stats struct {
	Total  int // functions in scope
	Safe   int // safe wrappers
	Unsafe int // unsafe wrappers (pub unsafe fn with # Safety)
	Raw    int // left in the raw module only
}

// Handled is the number of functions that got a wrapper.
func (s Stats) Handled() int { return s.Safe + s.Unsafe }

// TypePlan is one safe type owning a C object.
type TypePlan struct {
	Name        string
	C           string
	CType       *ir.Type // named type of the object
	Rust        string   // raw spelling of the object type
	Value       bool     // boxed complete struct
	Drop        string
	DropOnError bool
	Parent      *TypePlan
	ErrorHandle string
	Send, Sync  bool
	Why         string
	// Lifetime is true when the type carries a lifetime bound to Parent.
	Lifetime bool
}

// Decl is the type as declared (with its lifetime parameter).
func (t *TypePlan) Decl() string {
	if t.Lifetime {
		return t.Name + "<'p>"
	}
	return t.Name
}

// Anon is the type with an elided lifetime.
func (t *TypePlan) Anon() string {
	if t.Lifetime {
		return t.Name + "<'_>"
	}
	return t.Name
}

// EnumPlan is a Rust enum (or flags newtype) over C values.
type EnumPlan struct {
	Name     string
	Flags    bool
	Repr     string // Rust integer type of the values
	RawEnum  string // raw spelling of the C enum newtype; "" for a constant group
	Unsigned bool
	Variants []Variant
	Why      string
}

// Variant is one enumerator.
type Variant struct {
	Name  string
	C     string
	Value int64
	Doc   string
}

// ErrPlan is the library's status convention.
type ErrPlan struct {
	Success     []int64
	NonNegative bool
	Message     string // fn taking a handle
	MessageType *TypePlan
	MessageRaw  string // raw spelling of the handle pointer type
	CodeMessage string // fn taking a code
	CodeType    string // Rust type of the code parameter of CodeMessage
	IsError     string // checker fn taking a result (ZSTD_isError)
	IsErrorType string // Rust type of its parameter
}

// FuncPlan is one wrapper.
type FuncPlan struct {
	ID       string
	Fn       *ir.Function
	Name     string
	Method   *TypePlan
	Ctor     bool
	Recv     string // "ref", "mut" or "" (associated or free function)
	Params   []*ParamPlan
	Ret      string // resolved return mapping
	RetEnum  *EnumPlan
	RetType  *TypePlan
	KeepCode bool
	Free     string
	LenFn    string
	Fields   []*FieldPlan
	Unsafe   bool
	Raw      bool     // no wrapper at all
	Reasons  []string // why unsafe or raw
	Checks   []string // invariants the wrapper checks
	Doc      string
	Why      string
}

// ParamPlan maps one C parameter.
type ParamPlan struct {
	C        ir.Param
	Index    int
	CName    string // name used in rules
	Name     string // Rust identifier
	As       string
	LenParam *ParamPlan // slice/str/bytes_out: the length parameter
	Enum     *EnumPlan
	Handle   *TypePlan
	Value    string
	Capacity string
	RetryOn  []int64
	UserData *ParamPlan
	OnPanic  int64
	Optional bool
	Scope    string
	Cb       *ir.FuncType
	// ElemRust is the Rust element type of a slice (u8 for void).
	ElemRust string
	// RawType is the raw spelling of the C parameter.
	RawType string
}

// FieldPlan is one struct-field buffer of a method.
type FieldPlan struct {
	Name    string // Rust parameter name
	Ptr     string
	Len     string
	Mut     bool
	PtrType *ir.Type
	LenType string // Rust spelling of the length field
	Elem    string
	ConstP  bool // the field is a pointer to const
}

// rules are the merged inference + configuration.
type rules = config.Safe
