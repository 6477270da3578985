package cfront

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// dumpDecl renders one declaration on one or more lines, for tests.
func dumpDecl(d ir.Decl) string {
	var b strings.Builder
	attrs := func(a ir.Attrs) string {
		var s []string
		if a.Deprecated {
			s = append(s, fmt.Sprintf("deprecated(%q)", a.DeprecatedMsg))
		}
		if a.MustUse {
			s = append(s, "must_use")
		}
		if a.NoReturn {
			s = append(s, "noreturn")
		}
		if a.Malloc {
			s = append(s, "malloc")
		}
		if a.Dealloc != "" {
			s = append(s, fmt.Sprintf("dealloc(%s,%d)", a.Dealloc, a.DeallocIndex))
		}
		if len(a.AllocSize) > 0 {
			s = append(s, fmt.Sprintf("alloc_size%v", a.AllocSize))
		}
		if a.NonNullAll {
			s = append(s, "nonnull_all")
		}
		if len(a.NonNull) > 0 {
			s = append(s, fmt.Sprintf("nonnull%v", a.NonNull))
		}
		if a.ReturnsNonNull {
			s = append(s, "returns_nonnull")
		}
		for _, x := range a.Access {
			s = append(s, fmt.Sprintf("access(%s,%d,%d)", x.Mode, x.Ptr, x.Size))
		}
		if a.Format != "" {
			s = append(s, "format("+a.Format+")")
		}
		if a.Visibility != "" {
			s = append(s, "visibility("+a.Visibility+")")
		}
		if a.Inline {
			s = append(s, "inline")
		}
		if a.Static {
			s = append(s, "static")
		}
		if len(s) == 0 {
			return ""
		}
		return " [" + strings.Join(s, " ") + "]"
	}
	doc := func(s string) string {
		if s == "" {
			return ""
		}
		return fmt.Sprintf(" doc=%q", s)
	}
	switch d := d.(type) {
	case *ir.Function:
		fmt.Fprintf(&b, "func %s: %s%s%s", d.Name, typeStr(&ir.Type{Kind: ir.KindFunc, Func: d.Type}), attrs(d.Attrs), doc(d.Doc))
		if d.LinkName != "" {
			fmt.Fprintf(&b, " link=%s", d.LinkName)
		}
	case *ir.Var:
		fmt.Fprintf(&b, "var %s: %s%s%s", d.Name, typeStr(d.Type), attrs(d.Attrs), doc(d.Doc))
	case *ir.Typedef:
		fmt.Fprintf(&b, "typedef %s = %s%s%s", d.Name, typeStr(d.Type), attrs(d.Attrs), doc(d.Doc))
		if d.AlignAttr != 0 {
			fmt.Fprintf(&b, " aligned(%d)", d.AlignAttr)
		}
	case *ir.Record:
		kw := "struct"
		if d.Union {
			kw = "union"
		}
		fmt.Fprintf(&b, "%s %s", kw, d.Name)
		if d.Anonymous {
			fmt.Fprintf(&b, " anon(typedef=%q)", d.TypedefName)
		}
		if !d.Complete {
			b.WriteString(" incomplete")
		}
		if d.Packed {
			b.WriteString(" packed")
		}
		if d.PragmaPack != 0 {
			fmt.Fprintf(&b, " pack(%d)", d.PragmaPack)
		}
		if d.AlignAttr != 0 {
			fmt.Fprintf(&b, " aligned(%d)", d.AlignAttr)
		}
		b.WriteString(attrs(d.Attrs) + doc(d.Doc))
		for _, f := range d.Fields {
			fmt.Fprintf(&b, "\n  %s: %s", f.Name, typeStr(f.Type))
			if f.Bitfield {
				fmt.Fprintf(&b, " :%d", f.Width)
			}
			if f.AlignAttr != 0 {
				fmt.Fprintf(&b, " aligned(%d)", f.AlignAttr)
			}
			if f.Packed {
				b.WriteString(" packed")
			}
			if f.Attrs.Deprecated {
				fmt.Fprintf(&b, " deprecated(%q)", f.Attrs.DeprecatedMsg)
			}
			if f.Attrs.CountedBy != "" {
				fmt.Fprintf(&b, " counted_by(%s)", f.Attrs.CountedBy)
			}
			if f.Attrs.SizedBy != "" {
				fmt.Fprintf(&b, " sized_by(%s)", f.Attrs.SizedBy)
			}
			b.WriteString(doc(f.Doc))
		}
	case *ir.Enum:
		fmt.Fprintf(&b, "enum %s: %s", d.Name, d.Underlying)
		if d.Anonymous {
			fmt.Fprintf(&b, " anon(typedef=%q)", d.TypedefName)
		}
		if !d.Complete {
			b.WriteString(" incomplete")
		}
		if d.Packed {
			b.WriteString(" packed")
		}
		b.WriteString(attrs(d.Attrs) + doc(d.Doc))
		for _, v := range d.Values {
			fmt.Fprintf(&b, "\n  %s = %d", v.Name, v.Value)
			if v.Attrs.Deprecated {
				fmt.Fprintf(&b, " deprecated(%q)", v.Attrs.DeprecatedMsg)
			}
			b.WriteString(doc(v.Doc))
		}
	case *ir.Const:
		fmt.Fprintf(&b, "const %s: %s = ", d.Name, typeStr(d.Type))
		switch d.Kind {
		case ir.ConstInt:
			if d.Unsigned {
				fmt.Fprintf(&b, "%du", uint64(d.Int))
			} else {
				fmt.Fprintf(&b, "%d", d.Int)
			}
		case ir.ConstChar:
			fmt.Fprintf(&b, "char %d", d.Int)
		case ir.ConstFloat:
			fmt.Fprintf(&b, "%g", d.Float)
		case ir.ConstString:
			fmt.Fprintf(&b, "%q", d.Str)
		}
		b.WriteString(doc(d.Doc))
	case *ir.Macro:
		if d.ObjectLike {
			fmt.Fprintf(&b, "macro %s %s%s", d.Name, d.Body, doc(d.Doc))
			break
		}
		fmt.Fprintf(&b, "macro %s(%s", d.Name, strings.Join(d.Params, ", "))
		if d.Variadic {
			b.WriteString(", ...")
		}
		fmt.Fprintf(&b, ") %s%s", d.Body, doc(d.Doc))
	}
	return b.String()
}

// typeStr renders a type with every detail the tests check.
func typeStr(t *ir.Type) string {
	if t == nil {
		return "<nil>"
	}
	q := ""
	if t.Const {
		q += "const "
	}
	if t.Volatile {
		q += "volatile "
	}
	switch t.Kind {
	case ir.KindPrim:
		return q + t.Prim.String()
	case ir.KindPointer:
		s := "*" + strings.TrimSpace(q)
		if t.Null != ir.NullUnspecified {
			s += "(" + t.Null.String() + ")"
		}
		if t.StaticLen {
			s += fmt.Sprintf("[static %d]", t.Len)
		}
		return s + " " + typeStr(t.Elem)
	case ir.KindArray:
		return fmt.Sprintf("[%d]%s", t.Len, typeStr(t.Elem))
	case ir.KindFunc:
		var ps []string
		for _, p := range t.Func.Params {
			s := typeStr(p.Type)
			if p.Name != "" {
				s = p.Name + " " + s
			}
			if p.Attrs.NonNull {
				s += " !nonnull"
			}
			if p.Attrs.Access != ir.AccessNone {
				s += " !" + p.Attrs.Access.String()
			}
			if p.Attrs.SizeParam >= 0 {
				s += fmt.Sprintf(" !size=%d", p.Attrs.SizeParam)
			}
			ps = append(ps, s)
		}
		if t.Func.Variadic {
			ps = append(ps, "...")
		}
		if t.Func.NoProto {
			ps = append(ps, "<noproto>")
		}
		return "fn(" + strings.Join(ps, ", ") + ") " + typeStr(t.Func.Result)
	case ir.KindNamed:
		return q + t.Ref.Kind.String() + " " + t.Ref.Name
	case ir.KindOpaque:
		return q + "opaque(" + t.Text + ")"
	}
	return "?"
}

// dumpModule renders every declaration.
func dumpModule(m *ir.Module) string {
	var b strings.Builder
	for _, d := range m.Decls {
		b.WriteString(dumpDecl(d))
		b.WriteByte('\n')
	}
	return b.String()
}
