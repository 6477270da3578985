package export

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
	"ferry/internal/layout"
)

// emitRecord lowers a repr(C) record (once) and returns how C refers to it.
// A repr(transparent) record becomes a typedef of its one field.
func (l *lowerer) emitRecord(d *ir.Record) (ir.TypeRef, problem) {
	name := d.Name
	if !d.Anonymous {
		name = l.declName(d)
	}
	k := ir.RefStruct
	if d.Union {
		k = ir.RefUnion
	}
	ref := ir.TypeRef{Kind: k, Name: name}
	if hasRepr(d.Repr, "transparent") {
		ref.Kind = ir.RefTypedef
	}
	if prev, ok := l.done[d]; ok {
		return ref, prev
	}
	l.done[d] = "" // in progress: a pointer cycle back here is fine
	defer l.inModule(d.Module)()
	if hasRepr(d.Repr, "transparent") {
		f := transparentField(d)
		if f == nil {
			l.done[d] = "a repr(transparent) struct needs one non-zero-sized field"
			return ref, l.done[d]
		}
		ct, p := l.ctype(f.Type, true)
		if p != "" {
			l.done[d] = problem(fmt.Sprintf("field `%s`: %s", f.Name, p))
			return ref, l.done[d]
		}
		td := &ir.Typedef{Common: d.Common, Type: ct}
		td.Name = name
		l.put(d, td)
		return ref, ""
	}
	r := *d
	r.Name = name
	r.Fields = nil
	for _, f := range d.Fields {
		ct, p := l.ctype(f.Type, true)
		if p != "" {
			l.done[d] = problem(fmt.Sprintf("field `%s` of `%s`: %s", f.Name, d.Name, p))
			l.diags.Warnf(f.Pos, CodeNotFFISafe, "%s; `%s` is declared opaque in C", l.done[d], d.Name)
			return ref, l.done[d]
		}
		nf := f
		nf.Type = ct
		r.Fields = append(r.Fields, nf)
	}
	r.Fields = l.zeroSized(&r, d.Fields)
	if len(r.Fields) == 0 {
		// Only zero-sized fields: C has no empty structs (GNU C gives
		// them size 0, C++ size 1), so C sees it only behind pointers.
		l.done[d] = problem(fmt.Sprintf("`%s` is zero-sized, and C has no zero-sized types", d.Name))
		r.Complete = false
		l.put(d, &r)
		return ref, l.done[d]
	}
	l.put(d, &r)
	return ref, ""
}

// zeroSized rewrites r's zero-sized fields (src holds their Rust types),
// which standard C cannot declare: PhantomData markers are dropped; a
// trailing zero-length array after other fields becomes a flexible array
// member (the same offset, size and alignment, and C code can index it);
// any other zero-length array is dropped and its alignment, which still
// pads what follows, moves to the next field or to the record.
func (l *lowerer) zeroSized(r *ir.Record, src []ir.Field) []ir.Field {
	var out []ir.Field
	var carry int64
	for i, f := range r.Fields {
		if f.Type.Kind != ir.KindArray || f.Type.Len != 0 {
			if carry > f.AlignAttr {
				f.AlignAttr = carry
			}
			carry = 0
			out = append(out, f)
			continue
		}
		if t := src[i].Type; t != nil && (t.Text == "PhantomData" || t.Text == "PhantomPinned") {
			continue
		}
		if i == len(r.Fields)-1 && !r.Union && len(out) > 0 {
			f.Type = ir.ArrayOf(f.Type.Elem, -1)
			if carry > f.AlignAttr {
				f.AlignAttr = carry
			}
			out = append(out, f)
			return out
		}
		a := l.alignOf(f.Type.Elem)
		if r.Packed {
			a = 1
		} else if r.PragmaPack > 0 && a > r.PragmaPack {
			a = r.PragmaPack
		}
		if a > 1 && a > carry {
			carry = a
		}
	}
	if carry > r.AlignAttr && len(out) > 0 {
		r.AlignAttr = carry
	}
	return out
}

// alignOf is the alignment of a lowered C type, from the layout engine
// over what is lowered so far (everything t names by value is).
func (l *lowerer) alignOf(t *ir.Type) int64 {
	m := &ir.Module{Target: l.src.Target}
	for _, d := range l.lowered {
		m.Decls = append(m.Decls, d)
	}
	lay, ok := layout.New(m, layout.Options{}, nil).TypeLayout(t)
	if !ok {
		return 1
	}
	return lay.Align
}

func (l *lowerer) emitEnum(d *ir.Enum) {
	if _, ok := l.done[d]; ok {
		return
	}
	l.done[d] = ""
	e := *d
	e.Name = l.declName(d)
	e.Repr = []string{"C"}
	if e.Underlying == ir.PrimInvalid {
		e.Underlying = ir.Int
	}
	for _, r := range d.Repr {
		if intRepr(r) {
			e.Repr = []string{r}
		}
	}
	if !d.RustEnum {
		// A transparent newtype with associated consts: integer-backed.
		e.Repr = []string{rustIntName(e.Underlying)}
	}
	e.Values = nil
	for _, v := range d.Values {
		nv := v
		if !l.cfg.BareEnumerators {
			nv.Name = e.Name + "_" + v.Name
		}
		e.Values = append(e.Values, nv)
	}
	l.put(d, &e)
}

// rustIntName is the repr spelling of an integer kind.
func rustIntName(p ir.Prim) string {
	switch p {
	case ir.I8, ir.SChar, ir.Char:
		return "i8"
	case ir.U8, ir.UChar, ir.Bool:
		return "u8"
	case ir.I16, ir.Short:
		return "i16"
	case ir.U16, ir.UShort:
		return "u16"
	case ir.U32, ir.UInt:
		return "u32"
	case ir.I64, ir.LongLong, ir.Long:
		return "i64"
	case ir.U64, ir.ULongLong, ir.ULong:
		return "u64"
	case ir.ISize:
		return "isize"
	case ir.USize:
		return "usize"
	}
	return "i32"
}

func (l *lowerer) emitTypedef(d *ir.Typedef) {
	if _, ok := l.done[d]; ok {
		return
	}
	l.done[d] = ""
	t, p := l.typedefTarget(d)
	if p != "" {
		l.done[d] = p
		return
	}
	td := *d
	td.Name = l.declName(d)
	td.Type = t
	l.put(d, &td)
}

// put records the lowered form of a source declaration.
func (l *lowerer) put(src, dst ir.Decl) {
	l.lowered[src] = dst
	c := src.DeclCommon()
	if cond := l.condOf(c); cond != "" {
		l.cond[dst] = cond
	}
}

// stripMarker removes `ferry: export` lines from a doc comment.
func stripMarker(doc string) string {
	var keep []string
	for _, line := range strings.Split(doc, "\n") {
		if _, ok := markerName(line); ok {
			continue
		}
		keep = append(keep, line)
	}
	return strings.TrimRight(strings.Join(keep, "\n"), "\n ")
}

// markerName parses a `ferry: export` or `ferry: export as NAME` doc line.
func markerName(line string) (string, bool) {
	s := strings.TrimSpace(line)
	rest, ok := strings.CutPrefix(s, "ferry:")
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	rest, ok = strings.CutPrefix(rest, "export")
	if !ok {
		return "", false
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return "", true
	}
	if n, ok := strings.CutPrefix(rest, "as "); ok {
		return strings.TrimSpace(n), true
	}
	return "", false
}
