package layout_test

import (
	"fmt"
	"strings"

	"ferry/internal/ir"
)

// printC renders a hand-built module as C, so that gcc sees exactly the
// declarations the IR describes. Anonymous records are printed inline where
// they are used (or behind their typedef); msStruct adds ms_struct to every
// record, for the Microsoft bitfield policy.
func printC(m *ir.Module, msStruct bool) string {
	p := &cprinter{ix: ir.NewIndex(m), ms: msStruct}
	for _, d := range m.Decls {
		switch d := d.(type) {
		case *ir.Record:
			if d.Anonymous && d.TypedefName == "" {
				continue // printed inline where it is used
			}
			if !d.Complete {
				fmt.Fprintf(&p.b, "%s;\n", kw(d)+" "+d.Name)
				continue
			}
			if d.PragmaPack > 0 {
				fmt.Fprintf(&p.b, "#pragma pack(push, %d)\n", d.PragmaPack)
			}
			if d.Anonymous {
				p.b.WriteString("typedef ")
			}
			p.record(d)
			if d.Anonymous {
				p.b.WriteString(" " + d.TypedefName)
			}
			p.b.WriteString(";\n")
			if d.PragmaPack > 0 {
				p.b.WriteString("#pragma pack(pop)\n")
			}
		case *ir.Typedef:
			if r := p.anonRecord(d.Type); r != nil && r.TypedefName == d.Name {
				continue // printed with the record
			}
			fmt.Fprintf(&p.b, "typedef %s", p.decl(d.Type, d.Name))
			if d.AlignAttr > 0 {
				fmt.Fprintf(&p.b, " __attribute__((aligned(%d)))", d.AlignAttr)
			}
			p.b.WriteString(";\n")
		case *ir.Enum:
			if d.Anonymous {
				continue
			}
			fmt.Fprintf(&p.b, "enum %s {", d.Name)
			for i, v := range d.Values {
				if i > 0 {
					p.b.WriteString(",")
				}
				fmt.Fprintf(&p.b, " %s = %d", v.Name, v.Value)
			}
			p.b.WriteString(" }")
			if d.Packed {
				p.b.WriteString(" __attribute__((packed))")
			}
			p.b.WriteString(";\n")
		}
	}
	return p.b.String()
}

type cprinter struct {
	b  strings.Builder
	ix *ir.Index
	ms bool
}

func kw(r *ir.Record) string {
	if r.Union {
		return "union"
	}
	return "struct"
}

// record prints `struct [attrs] [tag] { fields }` without a trailing ';'.
func (p *cprinter) record(r *ir.Record) {
	p.b.WriteString(kw(r))
	var attrs []string
	if r.Packed {
		attrs = append(attrs, "packed")
	}
	if r.AlignAttr > 0 {
		attrs = append(attrs, fmt.Sprintf("aligned(%d)", r.AlignAttr))
	}
	if p.ms {
		attrs = append(attrs, "ms_struct")
	}
	if len(attrs) > 0 {
		fmt.Fprintf(&p.b, " __attribute__((%s))", strings.Join(attrs, ", "))
	}
	if !r.Anonymous {
		p.b.WriteString(" " + r.Name)
	}
	p.b.WriteString(" {")
	for _, f := range r.Fields {
		p.b.WriteString(" ")
		if sub := p.anonRecord(f.Type); sub != nil && sub.TypedefName == "" {
			p.record(sub)
			if f.Name != "" {
				p.b.WriteString(" " + f.Name)
			}
		} else {
			p.b.WriteString(p.decl(f.Type, f.Name))
		}
		if f.Bitfield {
			fmt.Fprintf(&p.b, " : %d", f.Width)
		}
		if f.AlignAttr > 0 {
			fmt.Fprintf(&p.b, " __attribute__((aligned(%d)))", f.AlignAttr)
		}
		if f.Packed {
			p.b.WriteString(" __attribute__((packed))")
		}
		p.b.WriteString(";")
	}
	p.b.WriteString(" }")
}

func (p *cprinter) anonRecord(t *ir.Type) *ir.Record {
	if t == nil || t.Kind != ir.KindNamed || t.Ref.Kind == ir.RefTypedef {
		return nil
	}
	if r, ok := p.ix.Lookup(t.Ref).(*ir.Record); ok && r.Anonymous {
		return r
	}
	return nil
}

// decl prints a declaration of name with type t.
func (p *cprinter) decl(t *ir.Type, name string) string {
	switch t.Kind {
	case ir.KindPointer:
		inner := "*" + name
		if t.Elem.Kind == ir.KindArray || t.Elem.Kind == ir.KindFunc {
			inner = "(" + inner + ")"
		}
		return p.decl(t.Elem, inner)
	case ir.KindArray:
		n := ""
		if t.Len >= 0 {
			n = fmt.Sprint(t.Len)
		}
		return p.decl(t.Elem, name+"["+n+"]")
	case ir.KindFunc:
		var ps []string
		for _, pa := range t.Func.Params {
			ps = append(ps, p.decl(pa.Type, ""))
		}
		if len(ps) == 0 {
			ps = []string{"void"}
		}
		return p.decl(t.Func.Result, name+"("+strings.Join(ps, ", ")+")")
	case ir.KindNamed:
		if r := p.anonRecord(t); r != nil {
			return strings.TrimSpace(r.TypedefName + " " + name)
		}
	case ir.KindOpaque:
		return strings.TrimSpace(t.Text + " " + name)
	}
	return strings.TrimSpace(t.String() + " " + name)
}
