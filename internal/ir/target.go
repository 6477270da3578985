package ir

// Layout is the size and alignment of a type, in bytes.
type Layout struct {
	Size  int64
	Align int64
}

// Target is a data model: what the C kinds mean on one ABI. The layout
// engine reads it; another target (i686, aarch64, windows) is another value.
type Target struct {
	Name       string // e.g. "x86_64-linux-gnu"
	CharSigned bool
	Pointer    Layout
	Prims      map[Prim]Layout
	// VaListLayout is the layout of va_list. On x86_64 SysV it is an array of
	// one 24-byte struct, so it decays to a pointer when passed.
	VaList Layout
	// BitfieldMSVC selects Microsoft bitfield packing instead of GCC's.
	BitfieldMSVC bool
}

// PrimLayout returns the layout of p; ok is false for Void or an unknown kind.
func (t *Target) PrimLayout(p Prim) (Layout, bool) {
	l, ok := t.Prims[p]
	return l, ok
}

// X86_64Linux is the x86_64 System V psABI data model (LP64) as GCC lays it
// out on Linux.
func X86_64Linux() *Target {
	l := func(s, a int64) Layout { return Layout{s, a} }
	return &Target{
		Name:       "x86_64-unknown-linux-gnu",
		CharSigned: true,
		Pointer:    l(8, 8),
		VaList:     l(24, 8),
		Prims: map[Prim]Layout{
			Bool: l(1, 1), Char: l(1, 1), SChar: l(1, 1), UChar: l(1, 1),
			Short: l(2, 2), UShort: l(2, 2), Int: l(4, 4), UInt: l(4, 4),
			Long: l(8, 8), ULong: l(8, 8), LongLong: l(8, 8), ULongLong: l(8, 8),
			Int128: l(16, 16), UInt128: l(16, 16),
			Float: l(4, 4), Double: l(8, 8), LongDouble: l(16, 16), Float128: l(16, 16), Float16: l(2, 2),
			I8: l(1, 1), U8: l(1, 1), I16: l(2, 2), U16: l(2, 2), I32: l(4, 4), U32: l(4, 4),
			I64: l(8, 8), U64: l(8, 8), ISize: l(8, 8), USize: l(8, 8), RustChar: l(4, 4),
		},
	}
}
