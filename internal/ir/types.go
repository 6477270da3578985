package ir

import "ferry/internal/diag"

// Kind says which of Type's fields are meaningful.
type Kind int

const (
	KindInvalid Kind = iota
	KindPrim         // Prim
	KindPointer      // Elem, Null, PtrFlavor
	KindArray        // Elem, Len
	KindFunc         // Func (a function type, not a pointer to one)
	KindNamed        // Ref: a typedef, record or enum declared in the Module
	KindOpaque       // a type ferry cannot represent; Text says what it was
	KindRust         // a Rust-only type with no C equivalent (String, &str, slices, ...): Text, Elem
)

// Nullability is what is known about a pointer's null-ness.
type Nullability int

const (
	NullUnspecified Nullability = iota
	NonNull                     // nonnull attribute, _Nonnull, [static N], Rust &T/NonNull/Box
	Nullable                    // _Nullable, Rust Option<&T>/*const T
)

func (n Nullability) String() string {
	switch n {
	case NonNull:
		return "nonnull"
	case Nullable:
		return "nullable"
	}
	return "unspecified"
}

// PtrFlavor is how a pointer is spelled on the Rust side. C pointers are Raw.
type PtrFlavor int

const (
	Raw       PtrFlavor = iota // *const T / *mut T / C T*
	Ref                        // &T / &mut T
	OptRef                     // Option<&T>
	NonNullP                   // NonNull<T>
	OptNonNul                  // Option<NonNull<T>>
	BoxP                       // Box<T>
	OptBox                     // Option<Box<T>>
)

// RefKind says which namespace a KindNamed reference is in.
type RefKind int

const (
	RefTypedef RefKind = iota
	RefStruct
	RefUnion
	RefEnum
)

func (k RefKind) String() string {
	switch k {
	case RefStruct:
		return "struct"
	case RefUnion:
		return "union"
	case RefEnum:
		return "enum"
	}
	return "typedef"
}

// TypeRef names a declaration: a typedef name, or a record/enum tag. Anonymous
// records and enums get a synthesized unique name from the front end (see
// Record.Anonymous).
type TypeRef struct {
	Kind RefKind
	Name string
}

// Type is one C (or Rust-at-the-C-boundary) type. Types are values shared
// freely; stages must not mutate a Type they did not create.
type Type struct {
	Kind     Kind
	Prim     Prim // KindPrim
	Const    bool // const-qualified at this level
	Volatile bool

	Elem *Type // KindPointer: pointee; KindArray: element; KindRust: first type argument

	// KindPointer.
	Null   Nullability
	Flavor PtrFlavor
	// Mut is the Rust side's mutability for Ref/Raw flavors (*mut, &mut).
	// The C side uses !Elem.Const instead.
	Mut bool

	// KindArray. Len < 0 is an array of unknown length ([] or flexible member).
	Len int64
	// StaticLen is C's `T p[static N]` on a parameter: at least N elements, non-null.
	StaticLen bool

	Func *FuncType // KindFunc
	Ref  TypeRef   // KindNamed

	// Text describes KindOpaque and KindRust types: the source spelling,
	// e.g. "_Complex double", "String", "&str", "[u8]", "(i32, i32)", "dyn Trait".
	Text string
	// Args holds further type arguments of KindRust (Result<T, E>: Elem=T, Args=[E]).
	Args []*Type
}

// FuncType is a function's type: what a pointer to function points at.
type FuncType struct {
	Params   []Param
	Result   *Type // Prim Void for none; NoReturn is an attribute
	Variadic bool
	// NoProto is C's `int f()`: parameters unspecified.
	NoProto bool
	// ABI is "C" unless declared otherwise (e.g. "C-unwind", "system", "Rust").
	ABI string
}

// Param is one parameter. Name may be empty.
type Param struct {
	Name  string
	Type  *Type
	Attrs ParamAttrs
	// Pos is where the parameter is declared, when the front end knows it.
	Pos diag.Pos
}

// Constructors keep front ends terse.

// PrimType returns a new scalar type.
func PrimType(p Prim) *Type { return &Type{Kind: KindPrim, Prim: p} }

// PointerTo returns a new raw pointer to elem.
func PointerTo(elem *Type) *Type { return &Type{Kind: KindPointer, Elem: elem} }

// ArrayOf returns an array type; n < 0 for unknown length.
func ArrayOf(elem *Type, n int64) *Type { return &Type{Kind: KindArray, Elem: elem, Len: n} }

// Named returns a reference to a declared type.
func Named(k RefKind, name string) *Type { return &Type{Kind: KindNamed, Ref: TypeRef{k, name}} }

// IsVoid reports whether t is plain void.
func (t *Type) IsVoid() bool { return t != nil && t.Kind == KindPrim && t.Prim == Void }

// WithConst returns a copy of t with the const qualifier set to c.
func (t *Type) WithConst(c bool) *Type {
	u := *t
	u.Const = c
	return &u
}

// Nullable returns the Option<..> form of a non-null pointer (&T becomes
// Option<&T>, NonNull<T> Option<NonNull<T>>, Box<T> Option<Box<T>>), and
// nil when t is not a non-null pointer.
func (t *Type) Nullable() *Type {
	if t == nil || t.Kind != KindPointer || t.Null != NonNull {
		return nil
	}
	c := *t
	c.Null = Nullable
	switch c.Flavor {
	case Ref:
		c.Flavor = OptRef
	case NonNullP:
		c.Flavor = OptNonNul
	case BoxP:
		c.Flavor = OptBox
	}
	return &c
}
