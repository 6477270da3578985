package ir

import "ferry/internal/diag"

// Decl is one top-level declaration: *Function, *Var, *Typedef, *Record,
// *Enum or *Const.
type Decl interface {
	DeclName() string
	DeclPos() diag.Pos
	DeclCommon() *Common
	declNode()
}

// Origin says where a declaration came from, for scope selection.
type Origin int

const (
	FromPrimary   Origin = iota // one of the headers named on the command line
	FromCompanion               // a header that ships with them
	FromSystem                  // libc, compiler or another library
	FromRust                    // Rust source
)

// Common is embedded in every declaration.
type Common struct {
	Name   string
	Pos    diag.Pos
	Doc    string // doc comment text without comment markers; lines joined by "\n"
	Origin Origin
	Attrs  Attrs

	// Rust side only. Module is the item's module path inside its crate
	// ("" for the crate root, "a::b" for crate::a::b). Cfg is the text inside
	// the item's #[cfg(...)] attributes, joined by " && " when there are
	// several, for emitters that map it to #if.
	Module string
	Cfg    string
}

func (c *Common) DeclName() string  { return c.Name }
func (c *Common) DeclPos() diag.Pos { return c.Pos }

// DeclCommon returns the fields every declaration has.
func (c *Common) DeclCommon() *Common { return c }
func (*Common) declNode()             {}

// Function is a function declaration (or, from Rust, definition).
type Function struct {
	Common
	Type *FuncType
	// LinkName is the symbol name when it differs from Name (asm labels,
	// #[link_name], #[export_name]).
	LinkName string
	// Body is the source text of a definition's compound statement, braces
	// included ("{ return s->x; }"), for functions defined in a header
	// (static inline); "" for a prototype. internal/inline translates it.
	Body string

	// Rust side only.
	HasBody  bool     // an extern "C" fn definition, not a declaration
	NoMangle bool     // #[no_mangle] / #[unsafe(no_mangle)]
	MayPanic bool     // the body calls something that can panic and catches nothing
	PanicPos diag.Pos // where the first panicking call is
	LinkLib  string   // #[link(name = ...)] of the enclosing extern block
	IsUnsafe bool
	IsPublic bool
}

// Var is a global variable (C extern variable, Rust static).
type Var struct {
	Common
	Type        *Type
	Mutable     bool // Rust `static mut`; C: !Type.Const
	ThreadLocal bool
	LinkName    string
	LinkLib     string

	// Rust side only: Defined is a Rust `static` item (not one declared in
	// an extern block); NoMangle is #[no_mangle] / #[export_name] on it.
	Defined  bool
	NoMangle bool
}

// Typedef is `typedef T Name;` or Rust `type Name = T;`.
type Typedef struct {
	Common
	Type *Type
	// AlignAttr is aligned(N) on the typedef (it changes the type's alignment).
	AlignAttr int64
}

// Record is a struct or union definition (or forward declaration).
type Record struct {
	Common
	Union bool
	// Anonymous is true when the C source gave no tag; Name is then a
	// synthesized unique name, and TypedefName is the typedef that names it
	// (if any) so emitters can use a readable name.
	Anonymous   bool
	TypedefName string
	// Complete is false for a forward-declared (opaque) record.
	Complete bool
	Fields   []Field

	// Layout attributes, as declared.
	Packed     bool  // __attribute__((packed)) or Rust repr(packed)
	PragmaPack int64 // #pragma pack(N) in effect at the definition; 0 = none. Rust repr(packed(N)).
	AlignAttr  int64 // aligned(N) on the record; Rust repr(align(N))

	// Computed by the layout engine. Valid when LayoutDone.
	Layout     Layout
	LayoutDone bool

	// Rust side only: the repr spelled in source ("C", "transparent", ...).
	Repr []string
	// Rust side only: Generic is the Rust type a monomorphized record
	// stands for ("crate::Pair<i32>" for the record Pair_i32 made from
	// `type IntPair = Pair<i32>;`); "" for an ordinary record.
	Generic string
}

// Field is one record member. An anonymous struct/union member has Name ""
// and a KindNamed type referring to an anonymous Record.
type Field struct {
	Name  string
	Type  *Type
	Pos   diag.Pos
	Doc   string
	Attrs FieldAttrs

	// Bitfield is true for `T name : Width` (Width may be 0).
	Bitfield bool
	Width    int64

	AlignAttr int64 // aligned(N) or _Alignas(N) on the member
	Packed    bool  // packed on the member

	// Computed by the layout engine: the offset from the start of the record,
	// in bits. For ordinary members it is a multiple of 8.
	BitOffset int64
}

// ByteOffset is the member's offset in bytes (for a bitfield, of its first bit).
func (f *Field) ByteOffset() int64 { return f.BitOffset / 8 }

// Enum is a C enum (or a Rust fieldless enum / repr(transparent) newtype
// with associated consts).
type Enum struct {
	Common
	Anonymous   bool
	TypedefName string
	Complete    bool
	// Underlying is the integer type the compiler chose (GCC: unsigned int
	// if no value is negative, else int; wider if needed), or the fixed
	// type from C23 `enum E : T` / Rust repr(u8..).
	Underlying Prim
	Values     []Enumerator
	Packed     bool // __attribute__((packed)) enum

	// Rust side only: declared as a Rust `enum` (not a newtype). Any value
	// outside Values is then undefined behaviour when it crosses from C.
	RustEnum bool
	Repr     []string
	// Rust side only: ModuleConsts is the module-of-consts shape
	// (`pub mod E { pub type Type = c_uint; pub const A: Type = 0; }`,
	// bindgen's moduleconsts style): E::A is a plain integer, not a newtype.
	ModuleConsts bool
}

// Enumerator is one enum constant.
type Enumerator struct {
	Name  string
	Value int64 // as a signed value; see Enum.Underlying for how to read it
	Pos   diag.Pos
	Doc   string
	Attrs FieldAttrs
}

// ConstKind says what a Const holds.
type ConstKind int

const (
	ConstInt ConstKind = iota
	ConstFloat
	ConstString
	ConstChar
	// ConstAggregate is a Rust const of a struct type (`Point { x: 0, y: 0 }`):
	// Fields hold the member values, each a Const of its own.
	ConstAggregate
)

// Const is an object-like macro with a constant value, or a Rust const.
type Const struct {
	Common
	Kind ConstKind
	// Type is the C type of the value (int, unsigned long, double, char[],
	// ...), from its suffix, cast or the C rules for unsuffixed literals.
	Type *Type
	// Int holds ConstInt and ConstChar values as the 64 bits of the value;
	// Unsigned says how to read them.
	Int      int64
	Unsigned bool
	Float    float64
	Str      []byte // ConstString, without the trailing NUL
	// Expr is the source spelling, for docs and diagnostics.
	Expr string
	// Fields are a ConstAggregate's member values, in source order.
	Fields []ConstField
}

// ConstField is one member of a ConstAggregate: the field's name as the
// record spells it ("x", "_0" for a tuple struct) and its value.
type ConstField struct {
	Name  string
	Value *Const
}

// Macro is a function-like macro ferry may translate (see internal/link).
type Macro struct {
	Common
	Params   []string
	Variadic bool
	Body     string // the replacement list, tokens joined by single spaces
	// ObjectLike marks an object-like macro (Params nil): from a primary or
	// companion header when its value is not a constant (constants are
	// Consts), e.g. `#define FOO (bar())`; from a system header (Origin
	// FromSystem) when a kept macro's body uses it, e.g. _IOC_NRSHIFT for
	// _IOW. System function-like macros used so (_IOC for _IOW) are kept the
	// same way, so translators can expand nested calls.
	ObjectLike bool
}

var (
	_ Decl = (*Function)(nil)
	_ Decl = (*Var)(nil)
	_ Decl = (*Typedef)(nil)
	_ Decl = (*Record)(nil)
	_ Decl = (*Enum)(nil)
	_ Decl = (*Const)(nil)
	_ Decl = (*Macro)(nil)
)
