package cgen

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

func (g *gen) recordText(r *ir.Record) string {
	var b strings.Builder
	doc := r.Doc
	if r.Attrs.Deprecated && g.referenced[r.Name] {
		doc = addDeprecatedNote(doc, r.Attrs.DeprecatedMsg)
	}
	b.WriteString(g.docText(doc, ""))
	kw := "struct"
	if r.Union {
		kw = "union"
	}
	var attrs []string
	// A deprecated record carries the attribute on its typedef name, not
	// on the tag: `typedef struct __attribute__((deprecated)) X {..} X;`
	// would use the deprecated tag in its own typedef and trip -Werror.
	tdAttr := ""
	if r.Attrs.Deprecated && !g.referenced[r.Name] {
		tdAttr = " " + deprecatedAttr(r.Attrs.DeprecatedMsg)
	}
	pack := r.PragmaPack
	if r.Packed && pack == 0 {
		attrs = append(attrs, "__attribute__((packed))")
	}
	if r.AlignAttr > 0 {
		attrs = append(attrs, fmt.Sprintf("__attribute__((aligned(%d)))", r.AlignAttr))
	}
	if pack > 0 {
		fmt.Fprintf(&b, "#pragma pack(push, %d)\n", pack)
	}
	head := kw
	if len(attrs) > 0 {
		head += " " + strings.Join(attrs, " ")
	}
	if g.fwd[key(r)] {
		fmt.Fprintf(&b, "%s %s {\n", head, r.Name)
	} else {
		fmt.Fprintf(&b, "typedef %s %s {\n", head, r.Name)
	}
	g.members(&b, r, "  ", 0)
	if g.fwd[key(r)] {
		b.WriteString("};\n")
	} else {
		fmt.Fprintf(&b, "} %s%s;\n", r.Name, tdAttr)
	}
	if pack > 0 {
		b.WriteString("#pragma pack(pop)\n")
	}
	return b.String()
}

// members writes r's fields; an anonymous record member is written inline.
func (g *gen) members(b *strings.Builder, r *ir.Record, indent string, depth int) {
	names := FieldNames(r)
	for i, f := range r.Fields {
		if inner := g.anonRecord(f.Type); inner != nil && depth < 16 {
			b.WriteString(g.docText(f.Doc, indent))
			kw := "struct"
			if inner.Union {
				kw = "union"
			}
			if f.Name == "" {
				// An anonymous member is C11; __extension__ keeps
				// -std=c99 -pedantic quiet for users of older dialects.
				kw = "__extension__ " + kw
			}
			fmt.Fprintf(b, "%s%s {\n", indent, kw)
			g.members(b, inner, indent+"  ", depth+1)
			name := ""
			if f.Name != "" {
				name = " " + Ident(f.Name)
			}
			fmt.Fprintf(b, "%s}%s;\n", indent, name)
			continue
		}
		name := names[i]
		fdoc := f.Doc
		if f.Attrs.Deprecated {
			fdoc = addDeprecatedNote(fdoc, f.Attrs.DeprecatedMsg)
		}
		b.WriteString(g.docText(fdoc, indent))
		decl := g.declare(f.Type, name)
		if f.AlignAttr > 0 {
			decl += fmt.Sprintf(" __attribute__((aligned(%d)))", f.AlignAttr)
		}
		fmt.Fprintf(b, "%s%s;\n", indent, decl)
	}
}

// anonRecord returns the anonymous record t names, if it does.
func (g *gen) anonRecord(t *ir.Type) *ir.Record {
	if t == nil || t.Kind != ir.KindNamed || (t.Ref.Kind != ir.RefStruct && t.Ref.Kind != ir.RefUnion) {
		return nil
	}
	if r, ok := g.ix.Lookup(t.Ref).(*ir.Record); ok && r.Anonymous {
		return r
	}
	return nil
}

// fixedRepr reports whether e has an explicit integer repr, which C can
// only express as a typedef of that integer plus a list of constants.
func fixedRepr(e *ir.Enum) bool {
	for _, r := range e.Repr {
		switch r {
		case "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "usize", "isize", "u128", "i128":
			return true
		}
	}
	return false
}

func (g *gen) enumText(e *ir.Enum) string {
	var b strings.Builder
	b.WriteString(g.docText(e.Doc, ""))
	fixed := fixedRepr(e)
	unsigned := !e.Underlying.IsSigned(&ir.Target{})
	if fixed && !fitsInt(e, unsigned) {
		return g.enumMacros(e, unsigned)
	}
	if fixed {
		// An anonymous enum: C++ would reject a tag and a typedef of the
		// same name, and the typedef is what fixes the size.
		b.WriteString("enum {\n")
	} else {
		fmt.Fprintf(&b, "typedef enum %s {\n", e.Name)
	}
	for _, v := range e.Values {
		vdoc := v.Doc
		if v.Attrs.Deprecated {
			vdoc = addDeprecatedNote(vdoc, v.Attrs.DeprecatedMsg)
		}
		b.WriteString(g.docText(vdoc, "  "))
		val := strconv.FormatInt(v.Value, 10)
		if unsigned && v.Value < 0 {
			val = strconv.FormatUint(uint64(v.Value), 10) + "u"
		}
		fmt.Fprintf(&b, "  %s = %s,\n", v.Name, val)
	}
	if fixed {
		b.WriteString("};\n")
		t := e.Underlying
		if t == ir.PrimInvalid {
			t = ir.I32
		}
		fmt.Fprintf(&b, "typedef %s;\n", g.declare(ir.PrimType(t), e.Name))
	} else {
		fmt.Fprintf(&b, "} %s;\n", e.Name)
	}
	return b.String()
}

// fitsInt reports whether every value of e fits C's int, the only range
// ISO C allows for enumerators.
func fitsInt(e *ir.Enum, unsigned bool) bool {
	for _, v := range e.Values {
		if unsigned && (uint64(v.Value) > math.MaxInt32) || !unsigned && (v.Value > math.MaxInt32 || v.Value < math.MinInt32) {
			return false
		}
	}
	return true
}

// enumMacros writes a fixed-repr enum whose values do not fit int as its
// integer typedef plus one typed macro per value.
func (g *gen) enumMacros(e *ir.Enum, unsigned bool) string {
	var b strings.Builder
	t := e.Underlying
	fmt.Fprintf(&b, "typedef %s;\n", g.declare(ir.PrimType(t), e.Name))
	for _, v := range e.Values {
		vdoc := v.Doc
		if v.Attrs.Deprecated {
			vdoc = addDeprecatedNote(vdoc, v.Attrs.DeprecatedMsg)
		}
		b.WriteString(g.docText(vdoc, ""))
		var lit string
		switch {
		case unsigned:
			lit = strconv.FormatUint(uint64(v.Value), 10) + "ull"
		case v.Value == math.MinInt64:
			lit = "(-9223372036854775807ll - 1)"
		default:
			lit = strconv.FormatInt(v.Value, 10) + "ll"
		}
		fmt.Fprintf(&b, "#define %s ((%s)%s)\n", v.Name, e.Name, lit)
	}
	return b.String()
}

func (g *gen) typedefText(t *ir.Typedef) string {
	return g.docText(t.Doc, "") + "typedef " + g.declare(t.Type, t.Name) + ";\n"
}

func (g *gen) varText(v *ir.Var) string {
	var b strings.Builder
	b.WriteString(g.docText(v.Doc, ""))
	b.WriteString("extern ")
	if v.Attrs.Deprecated {
		b.WriteString(deprecatedAttr(v.Attrs.DeprecatedMsg) + " ")
	}
	if v.ThreadLocal {
		b.WriteString("_Thread_local ")
	}
	b.WriteString(g.declare(v.Type, v.Name))
	b.WriteString(";\n")
	return b.String()
}

func (g *gen) funcText(f *ir.Function) string {
	var b strings.Builder
	doc := f.Doc
	names := paramNames(f.Type.Params)
	if notes := nullNotes(f, names); notes != "" {
		if doc != "" {
			doc += "\n\n"
		}
		doc += notes
	}
	b.WriteString(g.docText(doc, ""))
	var attrs []string
	if f.Attrs.Deprecated {
		attrs = append(attrs, deprecatedAttr(f.Attrs.DeprecatedMsg))
	}
	if f.Attrs.MustUse && !f.Type.Result.IsVoid() {
		attrs = append(attrs, "__attribute__((warn_unused_result))")
	}
	if f.Attrs.NoReturn {
		attrs = append(attrs, "__attribute__((noreturn))")
	}
	for _, a := range attrs {
		b.WriteString(a + "\n")
	}
	name := f.Name
	if f.LinkName != "" {
		name = f.LinkName
	}
	b.WriteString(g.declare(f.Type.Result, name+"("+g.params(f.Type, names)+")"))
	b.WriteString(";\n")
	return b.String()
}

// nullNotes documents what is known about pointer parameters and the
// result, since plain C has no portable nullability qualifiers.
func nullNotes(f *ir.Function, names []string) string {
	var lines []string
	for i, p := range f.Type.Params {
		if p.Type == nil || p.Type.Kind != ir.KindPointer {
			continue
		}
		switch {
		case p.Type.Null == ir.NonNull || p.Attrs.NonNull:
			lines = append(lines, fmt.Sprintf("@param %s must not be NULL", names[i]))
		case p.Type.Null == ir.Nullable:
			lines = append(lines, fmt.Sprintf("@param %s may be NULL", names[i]))
		}
	}
	if r := f.Type.Result; r != nil && r.Kind == ir.KindPointer {
		switch r.Null {
		case ir.NonNull:
			lines = append(lines, "@return never NULL")
		case ir.Nullable:
			lines = append(lines, "@return may be NULL")
		}
	}
	return strings.Join(lines, "\n")
}

func (g *gen) constText(c *ir.Const) string {
	val, ok := g.constValue(c)
	if !ok {
		return ""
	}
	return g.docText(c.Doc, "") + fmt.Sprintf("#define %s %s\n", c.Name, val)
}

func (g *gen) constValue(c *ir.Const) (string, bool) {
	t := c.Type
	switch c.Kind {
	case ir.ConstInt, ir.ConstChar:
		if t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Bool {
			g.headers["stdbool.h"] = true
			if c.Int != 0 {
				return "true", true
			}
			return "false", true
		}
		if c.Unsigned {
			u := uint64(c.Int)
			s := strconv.FormatUint(u, 10) + "u"
			if u > math.MaxUint32 {
				s += "ll"
			}
			return s, true
		}
		s := strconv.FormatInt(c.Int, 10)
		if c.Int > math.MaxInt32 || c.Int < math.MinInt32 {
			s += "ll"
		}
		if c.Int == math.MinInt64 {
			s = "(-9223372036854775807ll - 1)"
		} else if c.Int < 0 {
			s = "(" + s + ")"
		}
		return s, true
	case ir.ConstFloat:
		if math.IsInf(c.Float, 0) || math.IsNaN(c.Float) {
			return "", false
		}
		s := strconv.FormatFloat(c.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eE") {
			s += ".0"
		}
		if t != nil && t.Kind == ir.KindPrim && t.Prim == ir.Float {
			s += "f"
		}
		if c.Float < 0 {
			s = "(" + s + ")"
		}
		return s, true
	case ir.ConstString:
		return cString(c.Str), true
	case ir.ConstAggregate:
		return g.aggregateValue(c, 0)
	}
	return "", false
}

// aggregateValue writes a struct const as a compound literal with
// designated members: (Point){ .x = 0, .y = 0 }. Members the record does
// not declare in C (zero-sized markers) are skipped.
func (g *gen) aggregateValue(c *ir.Const, depth int) (string, bool) {
	r := g.ix.Record(c.Type)
	if r == nil || depth > 16 {
		return "", false
	}
	names := FieldNames(r)
	cname := map[string]string{}
	for i, f := range r.Fields {
		cname[f.Name] = names[i]
	}
	var parts []string
	for _, f := range c.Fields {
		n, ok := cname[f.Name]
		if !ok {
			continue
		}
		v, ok := g.constValue(f.Value)
		if f.Value.Kind == ir.ConstAggregate {
			v, ok = g.aggregateValue(f.Value, depth+1)
		}
		if !ok {
			return "", false
		}
		parts = append(parts, "."+n+" = "+v)
	}
	return "(" + g.declare(c.Type, "") + "){ " + strings.Join(parts, ", ") + " }", true
}

// cString quotes s as a C string literal; octal escapes keep non-ASCII bytes
// exact, and "" "" splits stop a hex-looking character from joining one.
func cString(s []byte) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, c := range s {
		switch {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '?':
			b.WriteString(`\?`) // no trigraphs
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func deprecatedAttr(msg string) string {
	if msg == "" {
		return "__attribute__((deprecated))"
	}
	return "__attribute__((deprecated(" + cString([]byte(msg)) + ")))"
}

func addDeprecatedNote(doc, msg string) string {
	note := "@deprecated"
	if msg != "" {
		note += " " + msg
	}
	if doc == "" {
		return note
	}
	return doc + "\n\n" + note
}

// docText renders doc as a /** */ block at the given indent.
func (g *gen) docText(doc, indent string) string {
	doc = strings.Trim(doc, "\n")
	if strings.TrimSpace(doc) == "" {
		return ""
	}
	lines := strings.Split(doc, "\n")
	// Rust doc lines keep the space after ///; drop one shared leading space.
	strip := true
	for _, l := range lines {
		if l != "" && !strings.HasPrefix(l, " ") {
			strip = false
		}
	}
	for i, l := range lines {
		if strip {
			l = strings.TrimPrefix(l, " ")
		}
		lines[i] = commentSafe(strings.TrimRight(l, " \t\r"))
	}
	if len(lines) == 1 {
		return indent + "/** " + lines[0] + " */\n"
	}
	var b strings.Builder
	b.WriteString(indent + "/**\n")
	for _, l := range lines {
		if l == "" {
			b.WriteString(indent + " *\n")
		} else {
			b.WriteString(indent + " * " + l + "\n")
		}
	}
	b.WriteString(indent + " */\n")
	return b.String()
}

// commentSafe keeps text from closing the comment it is placed in.
func commentSafe(s string) string {
	s = strings.ReplaceAll(s, "*/", "*\\/")
	return strings.ReplaceAll(s, "/*", "/\\*") // -Wcomment rejects a nested opener
}
