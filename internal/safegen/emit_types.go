package safegen

import (
	"fmt"
	"strings"
)

// typeDecl writes one owned type: the struct, its raw accessors and Drop.
func (e *emitter) typeDecl(t *TypePlan) {
	what := "an opaque `" + t.C + "` the library allocates"
	if t.Value {
		what = "a boxed `" + t.C + "` initialised in place"
	}
	doc := fmt.Sprintf("Owns %s; `%s` releases it on drop.", what, t.Drop)
	if t.Parent != nil {
		doc += fmt.Sprintf("\nIt borrows the [`%s`] it came from, so it cannot outlive it.", t.Parent.Name)
	}
	if !t.Send && !t.Sync {
		doc += "\n\nNot `Send` or `Sync`: the configuration makes no threading promise for it."
	}
	docLines(&e.b, "", doc)
	e.line("pub struct %s {", t.Decl())
	e.line("    ptr: core::ptr::NonNull<%s>,", t.Rust)
	if t.Lifetime {
		// The parent's own lifetime, if any, is 'p too: a field cannot elide it.
		e.line("    _parent: core::marker::PhantomData<&'p %s>,", t.Parent.Decl())
	}
	e.line("}")
	e.line("")
	impl := "impl " + t.Name
	if t.Lifetime {
		impl = "impl<'p> " + t.Name + "<'p>"
	}
	e.line("%s {", impl)
	e.line("    /// The raw pointer, for calls into the raw module. It stays owned by `self`.")
	e.line("    pub fn as_ptr(&self) -> *mut %s {", t.Rust)
	e.line("        self.ptr.as_ptr()")
	e.line("    }")
	e.line("")
	e.line("    /// Gives up ownership: the caller must release the object with `%s`.", t.Drop)
	e.line("    pub fn into_raw(self) -> core::ptr::NonNull<%s> {", t.Rust)
	e.line("        let ptr = self.ptr;")
	e.line("        core::mem::forget(self);")
	e.line("        ptr")
	e.line("    }")
	e.line("")
	e.line("    /// Takes ownership of a raw object.")
	e.line("    ///")
	e.line("    /// # Safety")
	if t.Value {
		e.line("    /// `ptr` must come from `Box::into_raw` (or `into_raw`) and point to an initialised")
		e.line("    /// `%s` that nothing else owns or releases.", t.C)
	} else {
		e.line("    /// `ptr` must be a live `%s` that nothing else owns or releases.", t.C)
	}
	if t.Lifetime {
		e.line("    /// It must stay valid while `_parent` lives.")
		e.line("    pub unsafe fn from_raw(ptr: core::ptr::NonNull<%s>, _parent: &'p %s) -> Self {", t.Rust, t.Parent.Anon())
		e.line("        Self {")
		e.line("            ptr,")
		e.line("            _parent: core::marker::PhantomData,")
		e.line("        }")
	} else {
		e.line("    pub unsafe fn from_raw(ptr: core::ptr::NonNull<%s>) -> Self {", t.Rust)
		e.line("        Self { ptr }")
	}
	e.line("    }")
	for _, fp := range e.p.Funcs {
		if fp.Method == t {
			e.line("")
			e.fn(fp, "    ")
		}
	}
	e.line("}")
	e.line("")
	drop := "impl Drop for " + t.Anon()
	e.line("%s {", drop)
	e.line("    fn drop(&mut self) {")
	call := fmt.Sprintf("%s(self.ptr.as_ptr())", e.ts.fn(t.Drop))
	if !e.dropReturnsVoid(t) {
		call = "let _ = " + call
	}
	e.line("        // SAFETY: the object is live and owned by self; it is released once.")
	if t.Value {
		e.line("        unsafe {")
		e.line("            %s;", call)
		e.line("            drop(Box::from_raw(self.ptr.as_ptr()));")
		e.line("        }")
	} else {
		e.line("        unsafe {")
		e.line("            %s;", call)
		e.line("        }")
	}
	e.line("    }")
	e.line("}")
	e.line("")
	if t.Send {
		e.line("// SAFETY: the library's threading promise, stated in the configuration.")
		e.line("unsafe impl Send for %s {}", t.Anon())
		e.line("")
	}
	if t.Sync {
		e.line("// SAFETY: the library's threading promise, stated in the configuration.")
		e.line("unsafe impl Sync for %s {}", t.Anon())
		e.line("")
	}
}

func (e *emitter) dropReturnsVoid(t *TypePlan) bool {
	f := e.ts.ix.Functions[t.Drop]
	return f == nil || e.ts.isVoid(f.Type.Result)
}

// enumDecl writes a Rust enum (or flags newtype) and its conversions.
func (e *emitter) enumDecl(ep *EnumPlan) {
	repr := ep.Repr
	if ep.Flags {
		e.flagsDecl(ep)
		return
	}
	src := "the constants"
	if ep.RawEnum != "" {
		src = "the C enum `" + strings.TrimPrefix(ep.RawEnum, e.raw+"::") + "`"
	}
	docLines(&e.b, "", fmt.Sprintf("The values of %s. Converting from C is checked: an unknown\nvalue is an error, never undefined behaviour.", src))
	e.line("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]")
	e.line("pub enum %s {", ep.Name)
	for _, v := range ep.Variants {
		e.line("    /// `%s` (%d)", v.C, v.Value)
		e.line("    %s,", v.Name)
	}
	e.line("}")
	e.line("")
	e.line("impl %s {", ep.Name)
	e.line("    /// The C value.")
	e.line("    pub const fn raw(self) -> %s {", repr)
	e.line("        match self {")
	for _, v := range ep.Variants {
		e.line("            Self::%s => %s,", v.Name, lit(v.Value, ep.Unsigned))
	}
	e.line("        }")
	e.line("    }")
	e.line("}")
	e.line("")
	e.line("impl TryFrom<%s> for %s {", repr, ep.Name)
	e.line("    type Error = Error;")
	e.line("")
	e.line("    fn try_from(v: %s) -> Result<Self, Error> {", repr)
	e.line("        match v {")
	for _, v := range ep.Variants {
		e.line("            %s => Ok(Self::%s),", lit(v.Value, ep.Unsigned), v.Name)
	}
	e.line("            _ => Err(Error::new(")
	e.line("                ErrorKind::InvalidValue,")
	e.line("                %s,", e.toI64("v", repr))
	e.line("                format!(\"{v} is not a %s value\"),", ep.Name)
	e.line("            )),")
	e.line("        }")
	e.line("    }")
	e.line("}")
	e.line("")
	e.line("impl From<%s> for %s {", ep.Name, repr)
	e.line("    fn from(v: %s) -> Self {", ep.Name)
	e.line("        v.raw()")
	e.line("    }")
	e.line("}")
	e.line("")
	if ep.RawEnum != "" {
		e.line("impl TryFrom<%s> for %s {", ep.RawEnum, ep.Name)
		e.line("    type Error = Error;")
		e.line("")
		e.line("    fn try_from(v: %s) -> Result<Self, Error> {", ep.RawEnum)
		e.line("        Self::try_from(v.0)")
		e.line("    }")
		e.line("}")
		e.line("")
		e.line("impl From<%s> for %s {", ep.Name, ep.RawEnum)
		e.line("    fn from(v: %s) -> Self {", ep.Name)
		e.line("        Self(v.raw())")
		e.line("    }")
		e.line("}")
		e.line("")
	}
}

func (e *emitter) flagsDecl(ep *EnumPlan) {
	repr := ep.Repr
	docLines(&e.b, "", "Bit flags. Only the declared bits can be set from safe code.")
	e.line("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]")
	e.line("pub struct %s(%s);", ep.Name, repr)
	e.line("")
	e.line("impl %s {", ep.Name)
	var all uint64
	for _, v := range ep.Variants {
		e.line("    /// `%s`", v.C)
		e.line("    pub const %s: Self = Self(%s);", v.Name, lit(v.Value, ep.Unsigned))
		all |= uint64(v.Value)
	}
	e.line("")
	e.line("    /// Every declared bit.")
	e.line("    const ALL: %s = %s;", repr, lit(int64(all), ep.Unsigned))
	e.line("")
	e.line("    /// No flags.")
	e.line("    pub const fn empty() -> Self {")
	e.line("        Self(0)")
	e.line("    }")
	e.line("")
	e.line("    /// The C value.")
	e.line("    pub const fn bits(self) -> %s {", repr)
	e.line("        self.0")
	e.line("    }")
	e.line("")
	e.line("    /// The flags with these bits, or None if a bit is not declared.")
	e.line("    pub const fn from_bits(bits: %s) -> Option<Self> {", repr)
	e.line("        if bits & !Self::ALL == 0 {")
	e.line("            Some(Self(bits))")
	e.line("        } else {")
	e.line("            None")
	e.line("        }")
	e.line("    }")
	e.line("")
	e.line("    /// Whether every flag of `other` is set.")
	e.line("    pub const fn contains(self, other: Self) -> bool {")
	e.line("        self.0 & other.0 == other.0")
	e.line("    }")
	e.line("")
	e.line("    /// Whether no flag is set.")
	e.line("    pub const fn is_empty(self) -> bool {")
	e.line("        self.0 == 0")
	e.line("    }")
	e.line("}")
	e.line("")
	for _, op := range []struct{ tr, fn, o string }{{"BitOr", "bitor", "|"}, {"BitAnd", "bitand", "&"}, {"BitXor", "bitxor", "^"}} {
		e.line("impl core::ops::%s for %s {", op.tr, ep.Name)
		e.line("    type Output = Self;")
		e.line("")
		e.line("    fn %s(self, other: Self) -> Self {", op.fn)
		e.line("        Self(self.0 %s other.0)", op.o)
		e.line("    }")
		e.line("}")
		e.line("")
		e.line("impl core::ops::%sAssign for %s {", op.tr, ep.Name)
		e.line("    fn %s_assign(&mut self, other: Self) {", op.fn)
		e.line("        self.0 %s= other.0;", op.o)
		e.line("    }")
		e.line("}")
		e.line("")
	}
	if ep.RawEnum != "" {
		// Self: RawEnum may be an alias of the newtype, which cannot be
		// called as a constructor.
		e.line("impl From<%s> for %s {", ep.Name, ep.RawEnum)
		e.line("    fn from(v: %s) -> Self {", ep.Name)
		e.line("        Self(v.bits())")
		e.line("    }")
		e.line("}")
		e.line("")
	}
}
