package layout

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// typeLayout returns t's layout, or a non-empty reason why it is unknown
// (worded to follow "member x has ...").
func (e *Engine) typeLayout(t *ir.Type) (ir.Layout, string) {
	if t == nil {
		return ir.Layout{}, "no type"
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			return ir.Layout{}, "type void"
		}
		if l, ok := e.target.PrimLayout(t.Prim); ok {
			return l, ""
		}
		return ir.Layout{}, fmt.Sprintf("type %s, which target %s does not define", t.Prim, e.target.Name)
	case ir.KindPointer:
		if isUnsized(t.Elem) {
			// &[T], &str, &CStr, &dyn Trait: a pointer and a length or vtable.
			return ir.Layout{Size: 2 * e.target.Pointer.Size, Align: e.target.Pointer.Align}, ""
		}
		return e.target.Pointer, ""
	case ir.KindArray:
		el, why := e.typeLayout(t.Elem)
		if why != "" {
			return ir.Layout{}, why
		}
		if t.Len <= 0 {
			return ir.Layout{Size: 0, Align: el.Align}, ""
		}
		return ir.Layout{Size: el.Size * t.Len, Align: el.Align}, ""
	case ir.KindFunc:
		return ir.Layout{}, "function type " + t.String()
	case ir.KindNamed:
		return e.namedLayout(t.Ref)
	case ir.KindOpaque:
		return e.opaqueLayout(t.Text)
	case ir.KindRust:
		return e.rustLayout(t)
	}
	return ir.Layout{}, "an invalid type"
}

func (e *Engine) namedLayout(ref ir.TypeRef) (ir.Layout, string) {
	switch d := e.ix.Lookup(ref).(type) {
	case *ir.Typedef:
		return e.typedefLayout(d)
	case *ir.Record:
		if !d.Complete {
			return ir.Layout{}, fmt.Sprintf("incomplete type %s %s", ref.Kind, d.Name)
		}
		res := e.record(d)
		if !res.ok {
			return ir.Layout{}, fmt.Sprintf("type %s %s, whose layout is unknown", ref.Kind, d.Name)
		}
		return res.layout, ""
	case *ir.Enum:
		return e.enumLayout(d)
	}
	return ir.Layout{}, "undefined type " + ref.Kind.String() + " " + ref.Name
}

// typedefLayout is the underlying type's layout, with aligned(N) on the
// typedef replacing the alignment: GCC lets it both raise and lower it
// (typedef int int2 __attribute__((aligned(2))) has alignment 2).
func (e *Engine) typedefLayout(td *ir.Typedef) (ir.Layout, string) {
	if r, ok := e.typedefs[td.Name]; ok {
		return r.layout, r.why
	}
	// Mark first so that a typedef cycle ends instead of recursing.
	e.typedefs[td.Name] = typedefResult{why: "typedef cycle through " + td.Name}
	l, why := e.typeLayout(td.Type)
	if why == "" && td.AlignAttr > 0 {
		l.Align = td.AlignAttr
	}
	e.typedefs[td.Name] = typedefResult{l, why}
	return l, why
}

// enumLayout is the underlying integer's layout. For a packed enum GCC picks
// the smallest integer that holds every value.
func (e *Engine) enumLayout(en *ir.Enum) (ir.Layout, string) {
	p := en.Underlying
	if en.Packed {
		p = smallestFitting(en.Values)
	}
	if p == ir.PrimInvalid {
		if !en.Complete {
			return ir.Layout{}, "incomplete type enum " + en.Name
		}
		p = ir.UInt
	}
	if l, ok := e.target.PrimLayout(p); ok {
		return l, ""
	}
	return ir.Layout{}, fmt.Sprintf("enum %s with underlying type %s", en.Name, p)
}

func smallestFitting(vals []ir.Enumerator) ir.Prim {
	lo, hi := int64(0), int64(0)
	for _, v := range vals {
		lo, hi = min(lo, v.Value), max(hi, v.Value)
	}
	switch {
	case lo >= 0 && hi <= 0xff:
		return ir.UChar
	case lo >= -0x80 && hi <= 0x7f:
		return ir.SChar
	case lo >= 0 && hi <= 0xffff:
		return ir.UShort
	case lo >= -0x8000 && hi <= 0x7fff:
		return ir.Short
	case lo >= 0 && hi <= 0xffffffff:
		return ir.UInt
	case lo >= -0x80000000 && hi <= 0x7fffffff:
		return ir.Int
	case lo >= 0:
		return ir.ULongLong
	}
	return ir.LongLong
}

// opaqueLayout knows the few compiler types the front end may leave opaque.
func (e *Engine) opaqueLayout(text string) (ir.Layout, string) {
	s := strings.Join(strings.Fields(text), " ")
	switch s {
	case "va_list", "__builtin_va_list", "__gnuc_va_list", "__va_list_tag[1]", "struct __va_list_tag[1]":
		if e.target.VaList.Size > 0 {
			return e.target.VaList, ""
		}
	}
	if base, ok := complexBaseText(s); ok {
		if p, ok := complexBase[base]; ok {
			if l, ok := e.target.PrimLayout(p); ok {
				return ir.Layout{Size: 2 * l.Size, Align: l.Align}, ""
			}
		}
	}
	return ir.Layout{}, fmt.Sprintf("type %q, which ferry cannot lay out", text)
}

var complexBase = map[string]ir.Prim{"float": ir.Float, "double": ir.Double, "long double": ir.LongDouble}

// complexBaseText returns "double" for "_Complex double", "double _Complex"
// or "__complex__ double".
func complexBaseText(s string) (string, bool) {
	var rest []string
	found := false
	for _, w := range strings.Fields(s) {
		switch w {
		case "_Complex", "__complex__", "complex":
			found = true
		default:
			rest = append(rest, w)
		}
	}
	return strings.Join(rest, " "), found
}
