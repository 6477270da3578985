package export

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
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
	l.put(d, &r)
	return ref, ""
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
	c := common(src)
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
