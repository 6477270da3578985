package inline

import (
	"fmt"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// rustPrim spells a scalar kind as the Rust FFI type of the same name.
func rustPrim(p ir.Prim) (string, error) {
	if path, ok := ir.RustPrimName(p); ok && p != ir.Void && p != ir.RustChar {
		return path, nil
	}
	return "", fmt.Errorf("%s has no Rust type", p)
}

// rustType spells t as a Rust type. Scalars and pointers are spelled
// structurally (a typedef of int is c_int), so the result does not depend
// on how the bindings name them; records and enums by their Rust name.
func rustType(ix *ir.Index, t *ir.Type) (string, error) {
	if t == nil {
		return "", fmt.Errorf("missing type")
	}
	switch t.Kind {
	case ir.KindPrim:
		if t.Prim == ir.Void {
			return "core::ffi::c_void", nil
		}
		return rustPrim(t.Prim)
	case ir.KindPointer, ir.KindArray:
		elem := t.Elem
		if elem != nil && ix.Resolve(elem).Kind == ir.KindFunc {
			return rustFnPtr(ix, ix.Resolve(elem).Func)
		}
		e, err := rustType(ix, elem)
		if err != nil {
			return "", err
		}
		if elem.Const {
			return "*const " + e, nil
		}
		return "*mut " + e, nil
	case ir.KindNamed:
		switch t.Ref.Kind {
		case ir.RefTypedef:
			r := ix.Resolve(t)
			if r == nil {
				return "", fmt.Errorf("unknown type %s", t.Ref.Name)
			}
			// Spelled as the bindings spell them (size_t is usize), so
			// values pass between the two without casts.
			if p, ok := wellKnown[t.Ref.Name]; ok && r.Kind == ir.KindPrim && r.Prim.IsInteger() {
				return rustPrim(p)
			}
			if r.Kind == ir.KindNamed && r.Ref.Kind == ir.RefTypedef {
				return "", fmt.Errorf("unknown type %s", r.Ref.Name)
			}
			if r.Kind == ir.KindNamed || r.Kind == ir.KindArray {
				return rustIdent(t.Ref.Name), nil
			}
			return rustType(ix, r)
		case ir.RefStruct, ir.RefUnion:
			rec, _ := ix.Lookup(t.Ref).(*ir.Record)
			if rec == nil {
				return "", fmt.Errorf("unknown type %s", t)
			}
			if rec.Anonymous {
				if rec.TypedefName == "" {
					return "", fmt.Errorf("anonymous %s has no Rust name", t.Ref.Kind)
				}
				return rustIdent(rec.TypedefName), nil
			}
			return rustIdent(rec.Name), nil
		case ir.RefEnum:
			en, _ := ix.Lookup(t.Ref).(*ir.Enum)
			if en == nil {
				return "", fmt.Errorf("unknown type %s", t)
			}
			if en.Anonymous {
				if en.TypedefName == "" {
					return "", fmt.Errorf("anonymous enum has no Rust name")
				}
				return rustIdent(en.TypedefName), nil
			}
			return rustIdent(en.Name), nil
		}
	case ir.KindFunc:
		return rustFnPtr(ix, t.Func)
	}
	return "", fmt.Errorf("type %s has no Rust spelling", t)
}

func rustFnPtr(ix *ir.Index, f *ir.FuncType) (string, error) {
	var b strings.Builder
	b.WriteString(`Option<unsafe extern "C" fn(`)
	for i, p := range f.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		s, err := rustType(ix, p.Type)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	if f.Variadic {
		if len(f.Params) > 0 {
			b.WriteString(", ")
		}
		b.WriteString("...")
	}
	b.WriteString(")")
	if !f.Result.IsVoid() {
		s, err := rustType(ix, f.Result)
		if err != nil {
			return "", err
		}
		b.WriteString(" -> " + s)
	}
	b.WriteString(">")
	return b.String(), nil
}

// rustParamType is rustType for a parameter: arrays decay to pointers.
func rustParamType(ix *ir.Index, t *ir.Type) (string, error) {
	if r := ix.Resolve(t); r != nil && r.Kind == ir.KindArray {
		return rustType(ix, ir.PointerTo(r.Elem))
	}
	return rustType(ix, t)
}

var rustKeywords = map[string]bool{
	"as": true, "break": true, "const": true, "continue": true, "else": true, "enum": true,
	"extern": true, "false": true, "fn": true, "for": true, "if": true, "impl": true, "in": true,
	"let": true, "loop": true, "match": true, "mod": true, "move": true, "mut": true, "pub": true,
	"ref": true, "return": true, "static": true, "struct": true, "trait": true, "true": true,
	"type": true, "unsafe": true, "use": true, "where": true, "while": true, "async": true,
	"await": true, "dyn": true, "abstract": true, "become": true, "box": true, "do": true,
	"final": true, "macro": true, "override": true, "priv": true, "typeof": true, "unsized": true,
	"virtual": true, "yield": true, "try": true, "gen": true,
}

// rustIdent escapes a C name that is a Rust keyword.
func rustIdent(s string) string {
	switch s {
	case "self", "Self", "super", "crate", "_":
		return s + "_"
	}
	if rustKeywords[s] {
		return "r#" + s
	}
	return s
}

var cFixed = map[ir.Prim]string{
	ir.I8: "int8_t", ir.U8: "uint8_t", ir.I16: "int16_t", ir.U16: "uint16_t",
	ir.I32: "int32_t", ir.U32: "uint32_t", ir.I64: "int64_t", ir.U64: "uint64_t",
	ir.ISize: "ptrdiff_t", ir.USize: "size_t",
}

// cDecl spells t as a C declarator around inner (a name or "").
func cDecl(ix *ir.Index, t *ir.Type, inner string) (string, error) {
	if t == nil {
		return "", fmt.Errorf("missing type")
	}
	q := ""
	if t.Const {
		q = "const "
	}
	join := func(base string) string {
		if inner == "" {
			return base
		}
		return base + " " + inner
	}
	switch t.Kind {
	case ir.KindPrim:
		if s, ok := cFixed[t.Prim]; ok {
			return join(q + s), nil
		}
		if t.Prim == ir.RustChar || t.Prim == ir.PrimInvalid {
			return "", fmt.Errorf("%s is not a C type", t.Prim)
		}
		return join(q + t.Prim.String()), nil
	case ir.KindNamed:
		switch t.Ref.Kind {
		case ir.RefTypedef:
			return join(q + t.Ref.Name), nil
		case ir.RefStruct, ir.RefUnion:
			rec, _ := ix.Lookup(t.Ref).(*ir.Record)
			if rec != nil && rec.Anonymous {
				if rec.TypedefName == "" {
					return "", fmt.Errorf("anonymous record has no C name")
				}
				return join(q + rec.TypedefName), nil
			}
			return join(q + t.Ref.Kind.String() + " " + t.Ref.Name), nil
		case ir.RefEnum:
			en, _ := ix.Lookup(t.Ref).(*ir.Enum)
			if en != nil && en.Anonymous {
				if en.TypedefName == "" {
					return "", fmt.Errorf("anonymous enum has no C name")
				}
				return join(q + en.TypedefName), nil
			}
			return join(q + "enum " + t.Ref.Name), nil
		}
	case ir.KindPointer:
		star := "*"
		if t.Const {
			star = "*const "
		}
		in := star + inner
		if t.Elem != nil && (t.Elem.Kind == ir.KindFunc || t.Elem.Kind == ir.KindArray) {
			in = "(" + in + ")"
		}
		return cDecl(ix, t.Elem, in)
	case ir.KindArray:
		n := ""
		if t.Len >= 0 {
			n = strconv.FormatInt(t.Len, 10)
		}
		return cDecl(ix, t.Elem, inner+"["+n+"]")
	case ir.KindFunc:
		var ps []string
		for _, p := range t.Func.Params {
			s, err := cDecl(ix, p.Type, "")
			if err != nil {
				return "", err
			}
			ps = append(ps, s)
		}
		if t.Func.Variadic {
			ps = append(ps, "...")
		}
		if len(ps) == 0 {
			ps = []string{"void"}
		}
		return cDecl(ix, t.Func.Result, inner+"("+strings.Join(ps, ", ")+")")
	}
	return "", fmt.Errorf("type %s has no C spelling", t)
}
