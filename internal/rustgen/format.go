package rustgen

import "strings"

// maxWidth is rustfmt's default max_width.
const maxWidth = 100

// A tnode is a Rust type as rustfmt sees it: an atom it cannot break, a
// generic wrapper `pre<inner>post` it breaks around its argument, or a
// function type whose parameter list it breaks one per line.
type tnode struct {
	atom string // set for atoms

	pre, post string // wrapper: pre ends in "<", post starts with ">"
	inner     *tnode

	fn *fnSig

	flatCache string
}

// fnSig is a function signature or function pointer type.
type fnSig struct {
	head     string // `pub fn name` or `unsafe extern "C" fn`
	params   []param
	variadic bool
	ret      *tnode // nil for ()
}

// param is `name: typ`, or just typ when name is "", or just name (a self
// parameter) when typ is nil.
type param struct {
	name string
	typ  *tnode
}

func atom(s string) *tnode { return &tnode{atom: s} }

func wrap(pre string, inner *tnode, post string) *tnode {
	return &tnode{pre: pre, inner: inner, post: post}
}

// flat is the one-line spelling.
func (n *tnode) flat() string {
	if n.flatCache != "" {
		return n.flatCache
	}
	var s string
	switch {
	case n.fn != nil:
		s = n.fn.flat()
	case n.inner != nil:
		s = n.pre + n.inner.flat() + n.post
	default:
		s = n.atom
	}
	n.flatCache = s
	return s
}

func (f *fnSig) flat() string {
	var b strings.Builder
	b.WriteString(f.head)
	b.WriteByte('(')
	for i, p := range f.params {
		if i > 0 {
			b.WriteString(", ")
		}
		p.flatTo(&b)
	}
	if f.variadic {
		if len(f.params) > 0 {
			b.WriteString(", ")
		}
		b.WriteString("...")
	}
	b.WriteByte(')')
	if f.ret != nil {
		b.WriteString(" -> ")
		b.WriteString(f.ret.flat())
	}
	return b.String()
}

func (p param) flatTo(b *strings.Builder) {
	if p.name != "" {
		b.WriteString(p.name)
		if p.typ != nil {
			b.WriteString(": ")
		}
	}
	if p.typ != nil {
		b.WriteString(p.typ.flat())
	}
}

func indent(b *strings.Builder, n int) {
	for i := 0; i < n; i++ {
		b.WriteByte(' ')
	}
}

// render writes n starting at column used of a line indented ind, with
// trail columns of text to follow it on its last line.
func render(b *strings.Builder, n *tnode, ind, used, trail int) {
	f := n.flat()
	if used+len(f)+trail <= maxWidth {
		b.WriteString(f)
		return
	}
	switch {
	case n.fn != nil:
		renderFn(b, n.fn, ind, trail)
	case n.inner != nil:
		b.WriteString(n.pre)
		b.WriteByte('\n')
		indent(b, ind+4)
		render(b, n.inner, ind+4, ind+4, 1)
		b.WriteString(",\n")
		indent(b, ind)
		b.WriteString(n.post)
	default:
		b.WriteString(f)
	}
}

// renderFn writes a signature that does not fit on its line: one
// parameter per line, then `) -> ret`.
func renderFn(b *strings.Builder, f *fnSig, ind, trail int) {
	b.WriteString(f.head)
	b.WriteByte('(')
	if len(f.params) == 0 && !f.variadic {
		b.WriteByte(')')
	} else {
		b.WriteByte('\n')
		for _, p := range f.params {
			indent(b, ind+4)
			col := ind + 4
			if p.name != "" {
				b.WriteString(p.name)
				col += len(p.name)
				if p.typ != nil {
					b.WriteString(": ")
					col += 2
				}
			}
			if p.typ != nil {
				render(b, p.typ, ind+4, col, 1)
			}
			b.WriteString(",\n")
		}
		if f.variadic {
			indent(b, ind+4)
			b.WriteString("...\n")
		}
		indent(b, ind)
		b.WriteByte(')')
	}
	if f.ret != nil {
		b.WriteString(" -> ")
		render(b, f.ret, ind, ind+5, trail)
	}
}

// writeSig writes a whole signature line (an extern fn or a method head)
// at indent ind followed by tail (";" or " {").
func writeSig(b *strings.Builder, f *fnSig, ind int, tail string) {
	indent(b, ind)
	s := f.flat()
	if tail == ";" && ind+len(s)+1 == maxWidth && f.ret != nil && len(f.params) > 0 {
		// rustfmt budgets a bodiless signature as if it ended in " {", one
		// column more than ";": at exactly max_width it keeps the
		// parameters on the line and moves `-> ret` to the next one.
		args := *f
		args.ret = nil
		b.WriteString(args.flat())
		b.WriteByte('\n')
		indent(b, ind+4)
		b.WriteString("-> " + f.ret.flat())
	} else if ind+len(s)+len(tail) <= maxWidth {
		b.WriteString(s)
	} else {
		renderFn(b, f, ind, len(tail))
	}
	b.WriteString(tail)
	b.WriteByte('\n')
}

// writeTyped writes `lead` + type + tail at indent ind: a field, a type
// alias or a static.
func writeTyped(b *strings.Builder, ind int, lead string, t *tnode, tail string) {
	indent(b, ind)
	f := t.flat()
	tooWide := ind+len(lead)+len(f)+len(tail) > maxWidth
	if tooWide && strings.HasSuffix(lead, " ") &&
		(ind+4+len(f)+len(tail) <= maxWidth || ind+len(lead)+firstWidth(t) > maxWidth) {
		// rustfmt moves a type that fits on the next line rather than break
		// it, and one whose first broken line would not fit after lead.
		b.WriteString(lead[:len(lead)-1])
		b.WriteByte('\n')
		indent(b, ind+4)
		render(b, t, ind+4, ind+4, len(tail))
	} else {
		b.WriteString(lead)
		render(b, t, ind, ind+len(lead), len(tail))
	}
	b.WriteString(tail)
	b.WriteByte('\n')
}

// firstWidth is the width of the first line of t when render breaks it.
func firstWidth(t *tnode) int {
	switch {
	case t.fn != nil:
		return len(t.fn.head) + 1
	case t.inner != nil:
		return len(t.pre)
	}
	return len(t.atom)
}

// writeOpen writes an item head followed by " {", which rustfmt moves to
// its own line when the head is too long.
func writeOpen(b *strings.Builder, head string) {
	b.WriteString(head)
	if len(head)+2 > maxWidth {
		b.WriteString("\n{\n")
	} else {
		b.WriteString(" {\n")
	}
}

// writeAssign writes `lead = value;` (a const), moving the value to the
// next line when rustfmt would. When even `lead =` is too wide and lead is
// `NAME: TYPE`, rustfmt moves the type to the next line first.
func writeAssign(b *strings.Builder, ind int, lead, value string) {
	indent(b, ind)
	col := ind // where the last line of the left-hand side starts
	if name, ty, ok := strings.Cut(lead, ": "); ok && ind+len(lead)+2 > maxWidth {
		b.WriteString(name + ":\n")
		col = ind + 4
		indent(b, col)
		lead = ty
	}
	b.WriteString(lead)
	if col+len(lead)+3+len(value)+1 > maxWidth && ind+4+len(value)+1 <= maxWidth {
		b.WriteString(" =\n")
		indent(b, ind+4)
	} else {
		b.WriteString(" = ")
	}
	b.WriteString(value)
	b.WriteString(";\n")
}

// writeAttr writes `#[name(args)]`, one argument per line when too wide.
func writeAttr(b *strings.Builder, ind int, name string, args ...string) {
	indent(b, ind)
	one := "#[" + name + "(" + strings.Join(args, ", ") + ")]"
	if ind+len(one) <= maxWidth {
		b.WriteString(one)
		b.WriteByte('\n')
		return
	}
	b.WriteString("#[" + name + "(\n")
	for i, a := range args {
		indent(b, ind+4)
		b.WriteString(a)
		if i < len(args)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	indent(b, ind)
	b.WriteString(")]\n")
}

// writeOffsetAssert writes one offset_of! assertion at indent 4 in the
// shapes rustfmt gives it as the field name grows (its call-argument width
// limit is 60 columns).
func writeOffsetAssert(b *strings.Builder, alias, field, off string) {
	// Written piecewise (no concatenated temporaries): one per field of
	// every record.
	const ofPre = "::core::mem::offset_of!("
	callLen := len(ofPre) + len(alias) + 2 + len(field) + 1
	exprLen := callLen + len(" == ") + len(off)
	call := func() {
		b.WriteString(ofPre)
		b.WriteString(alias)
		b.WriteString(", ")
		b.WriteString(field)
		b.WriteByte(')')
	}
	// assert: pre, the call, mid, off, post.
	assert := func(pre, mid, post string) {
		b.WriteString(pre)
		call()
		b.WriteString(mid)
		b.WriteString(off)
		b.WriteString(post)
	}
	switch {
	case 4+len("assert!(")+exprLen+2 <= maxWidth:
		assert("    assert!(", " == ", ");\n")
	case len(alias)+2+len(field) <= 60 && 8+exprLen <= maxWidth:
		assert("    assert!(\n        ", " == ", "\n    );\n")
	case len(alias)+2+len(field) <= 60:
		assert("    assert!(\n        ", "\n            == ", "\n    );\n")
	case 12+len(field) < maxWidth:
		b.WriteString("    assert!(\n        ::core::mem::offset_of!(\n            ")
		b.WriteString(alias)
		b.WriteString(",\n            ")
		b.WriteString(field)
		b.WriteString("\n        ) == ")
		b.WriteString(off)
		b.WriteString("\n    );\n")
	default:
		assert("    assert!(", " == ", ");\n")
	}
}
