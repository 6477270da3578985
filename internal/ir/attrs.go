package ir

// Attrs are the declaration attributes ferry carries through to emitters.
// They come from GNU __attribute__, C23 [[...]], Clang nullability keywords,
// or the Rust side's #[...] attributes.
type Attrs struct {
	Deprecated    bool
	DeprecatedMsg string
	MustUse       bool // warn_unused_result, [[nodiscard]], #[must_use]
	NoReturn      bool // noreturn, _Noreturn, [[noreturn]], -> !
	Malloc        bool
	// Dealloc is malloc(dealloc[, index]): the function that frees the result.
	Dealloc      string
	DeallocIndex int // 1-based parameter of Dealloc taking the pointer; 0 = 1
	AllocSize    []int
	// NonNullAll is nonnull with no indices: every pointer parameter.
	NonNullAll     bool
	NonNull        []int // 1-based parameter indices
	ReturnsNonNull bool
	Access         []Access
	Format         string // e.g. "printf(1, 2)"
	Visibility     string
	// Inline is a static inline function: defined in the header, not exported
	// by the library, so it cannot be linked to directly.
	Inline bool
	// Static is internal linkage (static functions and variables).
	Static bool
}

// AccessMode is GCC's access attribute mode.
type AccessMode int

const (
	AccessNone AccessMode = iota
	ReadOnly
	WriteOnly
	ReadWrite
)

func (m AccessMode) String() string {
	switch m {
	case ReadOnly:
		return "read_only"
	case WriteOnly:
		return "write_only"
	case ReadWrite:
		return "read_write"
	}
	return "none"
}

// Access is access(mode, ptr[, size]) with 1-based parameter indices; Size 0
// means no size parameter.
type Access struct {
	Mode AccessMode
	Ptr  int
	Size int
}

// ParamAttrs are what the C side says about one parameter, gathered from the
// function's attributes and the parameter's own qualifiers.
type ParamAttrs struct {
	NonNull bool
	Access  AccessMode
	// SizeParam is the 0-based index of the parameter that holds this
	// pointer's element count (from access or a convention); -1 if none.
	SizeParam int
}

// FieldAttrs are attributes of a record member.
type FieldAttrs struct {
	Deprecated    bool
	DeprecatedMsg string
	// CountedBy names the sibling field holding a flexible array's length
	// (counted_by); SizedBy the one holding its byte size (sized_by).
	CountedBy string
	SizedBy   string
}
