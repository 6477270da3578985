package check

import (
	"fmt"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// tctx is where a type comparison happens.
type tctx struct {
	what     string // the subject of the message: "parameter `n` of `f`"
	cNonNull bool   // C guarantees this pointer is not null
	param    bool   // a parameter: C arrays decay to pointers
	result   bool   // a return value
	pointee  bool   // behind a pointer: byte signedness does not matter
	depth    int
}

func (x tctx) inner() tctx {
	return tctx{what: x.what, pointee: true, depth: x.depth + 1}
}

// mismatch is the first difference between two types.
type mismatch struct {
	code   string
	sev    diag.Severity
	detail string // appended to "X is `R` in Rust but `C` in C"
	help   string
}

// message renders the finding text for the compared pair.
func (p *Pass) message(x tctx, c, r *ir.Type, m *mismatch) string {
	return fmt.Sprintf("%s is %s in Rust but %s in C%s", x.what, p.rDesc(r), p.cDesc(c), m.detail)
}

func (p *Pass) rDesc(t *ir.Type) string {
	s := "`" + rustSpell(t) + "`"
	if rt := p.unwrapTransparent(p.R.Ix.Resolve(t)); rt != nil && rt.Kind == ir.KindPrim && rt.Prim.IsInteger() {
		s += " (" + p.intDesc(rt.Prim) + ")"
	}
	return s
}

func (p *Pass) cDesc(t *ir.Type) string {
	s := "`" + cSpell(t) + "`"
	if ct := p.C.Ix.Resolve(t); ct != nil && ct.Kind == ir.KindPrim && ct.Prim.IsInteger() {
		s += " (" + p.intDesc(ct.Prim) + ")"
	}
	return s
}

// cmp compares C type c with Rust type r semantically and returns the
// first difference, or nil when a value of one is a valid value of the other.
func (p *Pass) cmp(c, r *ir.Type, x tctx) *mismatch {
	if c == nil || r == nil || x.depth > 16 {
		return nil
	}
	// The same typedef name on both sides is compared once, by Typedefs.
	if c.Kind == ir.KindNamed && r.Kind == ir.KindNamed && c.Ref.Kind == ir.RefTypedef && r.Ref.Kind == ir.RefTypedef &&
		c.Ref.Name == r.Ref.Name && p.C.Ix.Typedefs[c.Ref.Name] != nil && p.R.Ix.Typedefs[r.Ref.Name] != nil {
		return nil
	}
	// So is a C function typedef used through a pointer (`cb *`) and
	// bound as the Rust alias of a function pointer (`cb`).
	if c.Kind == ir.KindPointer && c.Elem != nil && c.Elem.Kind == ir.KindNamed && c.Elem.Ref.Kind == ir.RefTypedef &&
		r.Kind == ir.KindNamed && r.Ref.Kind == ir.RefTypedef && c.Elem.Ref.Name == r.Ref.Name && p.R.Ix.Typedefs[r.Ref.Name] != nil {
		f, rt := p.C.Ix.Resolve(c.Elem), p.optionOfPointer(p.R.Ix.Resolve(r))
		if f != nil && f.Kind == ir.KindFunc && rt != nil && rt.Kind == ir.KindPointer && rt.Null != ir.NonNull {
			return nil
		}
	}
	cr := p.C.Ix.Resolve(c)
	rr := p.unwrapTransparent(p.R.Ix.Resolve(r))
	if cr == nil || rr == nil {
		return nil
	}
	if x.param && cr.Kind == ir.KindArray {
		d := ir.PointerTo(cr.Elem)
		if cr.StaticLen {
			d.Null = ir.NonNull
		}
		cr = d
		if cr.Null == ir.NonNull {
			x.cNonNull = true
		}
	}
	// A C function type (`typedef int cb(void *);`, or a parameter of
	// function type, which decays) is bound as a pointer to it: Rust has no
	// unsized function types, so bindgen and ferry spell `cb` as
	// Option<extern "C" fn>, and `cb *` as the same type.
	// A function type names a function, never NULL: `Option<fn>` and a
	// bare `fn` both bind it.
	rr = p.optionOfPointer(rr)
	if cr.Kind == ir.KindFunc && rr.Kind == ir.KindPointer {
		if e := p.R.Ix.Resolve(rr.Elem); e != nil && e.Kind == ir.KindFunc {
			cr = ir.PointerTo(cr)
			cr.Null = ir.NonNull
			c = cr
		}
	}
	help := "declare it as " + cToRust(c, x.param || x.depth == 0 && !x.pointee)
	if m := p.cmpLongDouble(cr, rr, x, help); m != nil || isLongDouble(cr) {
		return m
	}
	switch {
	case rr.Kind == ir.KindRust:
		switch rr.Text {
		case ir.RustPath, ir.RustNever:
			return nil // a type ferry cannot see into: no verdict
		}
		return &mismatch{code: CodeNotFFISafe, sev: diag.Error, detail: fmt.Sprintf(": `%s` has no C layout", rustSpell(rr)), help: help}
	case cr.Kind == ir.KindOpaque || cr.Kind == ir.KindRust || cr.Kind == ir.KindInvalid:
		return nil
	case cr.Kind == ir.KindNamed && p.C.Ix.Lookup(cr.Ref) == nil, rr.Kind == ir.KindNamed && p.R.Ix.Lookup(rr.Ref) == nil:
		return nil // an undefined name: nothing to compare with
	}
	if (cr.Kind == ir.KindPointer) != (rr.Kind == ir.KindPointer) {
		if cr.Kind == ir.KindFunc || rr.Kind == ir.KindFunc {
			return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
		}
		return &mismatch{code: CodePtrValue, sev: diag.Error, detail: ptrValueDetail(cr), help: help}
	}
	if cr.Kind == ir.KindPointer {
		return p.cmpPtr(c, cr, rr, x, help)
	}
	if cr.Kind == ir.KindArray || rr.Kind == ir.KindArray {
		if cr.Kind != rr.Kind {
			return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
		}
		if cr.Len >= 0 && rr.Len >= 0 && cr.Len != rr.Len {
			return &mismatch{code: CodeArrayLen, sev: diag.Error, detail: fmt.Sprintf(": %d elements in Rust, %d in C", rr.Len, cr.Len), help: help}
		}
		in := x
		in.depth++
		in.param = false
		if m := p.cmp(cr.Elem, rr.Elem, in); m != nil {
			return p.nest(m, "the element", cr.Elem, rr.Elem, help)
		}
		return nil
	}
	cEnum, rEnum := p.C.Ix.Enum(cr), p.R.Ix.Enum(rr)
	if cEnum != nil || rEnum != nil {
		return p.cmpEnumType(c, r, cr, rr, cEnum, rEnum, x, help)
	}
	cRec, rRec := p.C.Ix.Record(cr), p.R.Ix.Record(rr)
	if cRec != nil || rRec != nil {
		return p.cmpRecordType(c, r, cRec, rRec, help)
	}
	if cr.Kind == ir.KindPrim && rr.Kind == ir.KindPrim {
		return p.cmpPrim(cr.Prim, rr.Prim, x, help)
	}
	if cr.Kind == ir.KindFunc && rr.Kind == ir.KindFunc {
		return p.cmpCallback(cr.Func, rr.Func, x, help)
	}
	if cr.Kind != rr.Kind {
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	}
	return nil
}

func ptrValueDetail(c *ir.Type) string {
	if c.Kind == ir.KindPointer {
		return ": C passes a pointer"
	}
	return ": C passes a value"
}

// nest wraps an inner mismatch with the path to it.
// The help is the outer type's: fixing the inner part alone is less clear.
func (p *Pass) nest(m *mismatch, where string, c, r *ir.Type, help string) *mismatch {
	out := *m
	out.detail = fmt.Sprintf("; %s is %s in Rust but %s in C%s", where, p.rDesc(r), p.cDesc(c), m.detail)
	out.help = help
	return &out
}

// optionOfPointer reads Option<T>, where T is an alias of a non-null
// pointer type (`type cb = unsafe extern "C" fn(..)`, `type h = &T`), as
// the nullable pointer it is; anything else is returned unchanged.
func (p *Pass) optionOfPointer(t *ir.Type) *ir.Type {
	if !t.IsRust(ir.RustOption) || t.Elem == nil {
		return t
	}
	if n := p.R.Ix.Resolve(t.Elem).Nullable(); n != nil {
		return n
	}
	return t
}

// unwrapTransparent replaces a repr(transparent) struct by its one
// non-zero-sized field, whose ABI it has.
func (p *Pass) unwrapTransparent(t *ir.Type) *ir.Type {
	for i := 0; i < 8 && t != nil && t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefStruct; i++ {
		rec := p.R.Ix.Structs[t.Ref.Name]
		if rec == nil || !hasRepr(rec.Repr, "transparent") {
			return t
		}
		var inner *ir.Type
		for _, f := range rec.Fields {
			if !p.isZST(f.Type) {
				inner = f.Type
			}
		}
		if inner == nil {
			return t
		}
		t = p.R.Ix.Resolve(inner)
	}
	return t
}

func (p *Pass) isZST(t *ir.Type) bool {
	t = p.R.Ix.Resolve(t)
	if t == nil {
		return false
	}
	if t.Kind == ir.KindArray && t.Len == 0 {
		return true
	}
	if t.Kind == ir.KindPrim && t.Prim == ir.Void {
		return true
	}
	return false
}

func hasRepr(rs []string, want string) bool {
	for _, r := range rs {
		if r == want {
			return true
		}
	}
	return false
}

func (p *Pass) primSize(pr ir.Prim) int64 {
	l, _ := p.Target.PrimLayout(pr)
	return l.Size
}

func (p *Pass) cmpPrim(c, r ir.Prim, x tctx, help string) *mismatch {
	if c == r {
		return nil
	}
	switch {
	case c == ir.Void || r == ir.Void:
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	case r == ir.Bool:
		if c.IsInteger() {
			return &mismatch{code: CodeBool, sev: diag.Error, detail: ": any value other than 0 and 1 is undefined behaviour for a Rust bool", help: help}
		}
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	case c == ir.Bool:
		if r.IsInteger() && p.primSize(r) == p.primSize(c) {
			return nil // reading a _Bool as u8 is fine
		}
		if r.IsInteger() {
			// A C bool is one byte: the rest of a wider int is unspecified.
			return &mismatch{code: CodeIntWidth, sev: diag.Error, detail: fmt.Sprintf(": a C bool is %d byte", p.primSize(c)), help: help}
		}
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	case r == ir.RustChar:
		return &mismatch{code: CodeRustChar, sev: diag.Error, detail: ": a Rust char is a 4-byte Unicode scalar value, and any other bits are undefined behaviour", help: help}
	case c.IsFloat() != r.IsFloat():
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	case c.IsFloat():
		if p.primSize(c) != p.primSize(r) {
			return &mismatch{code: CodeFloatWidth, sev: diag.Error, help: help}
		}
		return nil
	}
	if p.primSize(c) != p.primSize(r) {
		return &mismatch{code: CodeIntWidth, sev: diag.Error, help: help}
	}
	if c.IsSigned(p.Target) == r.IsSigned(p.Target) {
		return nil
	}
	// Plain char's signedness is the implementation's choice, and a byte
	// behind a pointer is a byte: char * as *mut u8 is a correct binding.
	if c == ir.Char || r == ir.Char || (x.pointee && p.primSize(c) == 1) {
		return nil
	}
	return &mismatch{code: CodeSignedness, sev: diag.Error, help: help}
}

// cmpPtr compares two pointer types (both resolved).
func (p *Pass) cmpPtr(c0, c, r *ir.Type, x tctx, help string) *mismatch {
	cf, rf := p.C.Ix.Resolve(c.Elem), p.R.Ix.Resolve(r.Elem)
	if cf == nil || rf == nil {
		return nil
	}
	if cf.Kind == ir.KindFunc || rf.Kind == ir.KindFunc {
		if cf.Kind != rf.Kind {
			return &mismatch{code: CodePointee, sev: diag.Error, detail: ": one side is a function pointer", help: help}
		}
		if rf.Func.ABI == "Rust" {
			return &mismatch{code: CodeCallbackABI, sev: diag.Error, detail: ": C calls it with the C calling convention", help: help}
		}
		if r.Null == ir.NonNull && !x.cNonNull && c.Null != ir.NonNull {
			return &mismatch{code: CodeFnPtrNull, sev: diag.Error, detail: ": C may pass NULL, which is undefined behaviour for a Rust fn pointer", help: help}
		}
		return p.cmpCallback(cf.Func, rf.Func, x, help)
	}
	if isUnsized(rf) {
		return &mismatch{code: CodeNotFFISafe, sev: diag.Error, detail: fmt.Sprintf(": a pointer to `%s` is a two-word fat pointer", rustSpell(rf)), help: help}
	}
	// The pointee.
	cVoid := cf.Kind == ir.KindPrim && cf.Prim == ir.Void
	rVoid := rf.Kind == ir.KindPrim && rf.Prim == ir.Void
	if cVoid || rVoid {
		other, otherIx := rf, p.R.Ix
		if rVoid {
			other, otherIx = cf, p.C.Ix
		}
		if !(cVoid && rVoid) && !p.voidCompatible(other, otherIx) {
			return p.nest(&mismatch{code: CodePointee, sev: diag.Error}, "the pointee", c.Elem, r.Elem, help)
		}
	} else if m := p.cmp(c.Elem, r.Elem, x.inner()); m != nil {
		switch m.code {
		case CodeTypeKind, CodeIntWidth, CodeSignedness, CodeFloatWidth, CodePtrValue:
			m = &mismatch{code: CodePointee, sev: m.sev, detail: m.detail, help: help}
		}
		return p.nest(m, "the pointee", c.Elem, r.Elem, help)
	}
	// Constness of the pointee.
	cConst := c.Elem != nil && c.Elem.Const
	rConst := !r.Mut
	constDetail := ""
	if cConst != rConst {
		constDetail = ": C does not write through it, but Rust may"
		if rConst {
			constDetail = ": C may write through it, but Rust promises the memory is not written"
		}
	}
	// Validity first: non-null Rust pointers need a C guarantee.
	switch r.Flavor {
	case ir.Ref, ir.NonNullP, ir.BoxP:
		if !x.cNonNull && c.Null != ir.NonNull {
			d := ": C does not promise it is non-null, and a null " + rustSpell(r) + " is undefined behaviour"
			if constDetail != "" {
				d += "; also" + strings.TrimPrefix(constDetail, ":")
			}
			return &mismatch{code: CodeNonNull, sev: diag.Error, detail: d, help: help}
		}
	}
	if constDetail != "" {
		return &mismatch{code: CodeConstness, sev: diag.Error, detail: constDetail, help: help}
	}
	return nil
}

func isUnsized(t *ir.Type) bool {
	if t == nil || t.Kind != ir.KindRust {
		return false
	}
	switch t.Text {
	case ir.RustSlice, ir.RustStr, ir.RustCStr, ir.RustDyn:
		return true
	}
	return false
}

// voidCompatible reports whether a pointer to t may stand for void * (or
// the reverse): bytes, records and enums (handles) and other void.
func (p *Pass) voidCompatible(t *ir.Type, ix *ir.Index) bool {
	t = ix.Resolve(t)
	if t == nil {
		return true
	}
	switch t.Kind {
	case ir.KindPrim:
		return t.Prim == ir.Void || p.primSize(t.Prim) == 1 && t.Prim != ir.Bool
	case ir.KindNamed, ir.KindOpaque:
		return true
	case ir.KindRust:
		return t.Text == ir.RustPath
	}
	return false
}

// cmpCallback compares two function types (behind pointers).
func (p *Pass) cmpCallback(c, r *ir.FuncType, x tctx, help string) *mismatch {
	if cc, rc := callConv(p.Target, c.ABI), callConv(p.Target, r.ABI); cc != rc {
		return &mismatch{code: CodeCallbackABI, sev: diag.Error, detail: fmt.Sprintf(": C calls it with the %q calling convention, not %q", cc, rc), help: help}
	}
	if c.NoProto {
		return nil
	}
	if len(c.Params) != len(r.Params) {
		return &mismatch{code: CodeArity, sev: diag.Error, detail: fmt.Sprintf(": the callback takes %d parameters in Rust, %d in C", len(r.Params), len(c.Params)), help: help}
	}
	if c.Variadic != r.Variadic {
		return &mismatch{code: CodeVariadic, sev: diag.Error, help: help}
	}
	for i := range c.Params {
		in := tctx{what: x.what, param: true, depth: x.depth + 1}
		if m := p.cmp(c.Params[i].Type, r.Params[i].Type, in); m != nil {
			return p.nest(m, fmt.Sprintf("callback parameter %d", i+1), c.Params[i].Type, r.Params[i].Type, help)
		}
	}
	in := tctx{what: x.what, depth: x.depth + 1, result: true}
	if m := p.cmp(c.Result, r.Result, in); m != nil {
		return p.nest(m, "the callback's return type", c.Result, r.Result, help)
	}
	return nil
}
