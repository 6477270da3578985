package rustgen

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Names of the helper types the output may define.
const (
	helperBitfield   = "FerryBitfieldUnit"
	helperLongDouble = "ferry_long_double"
	helperFloat128   = "ferry_float128"
	helperFloat16    = "ferry_float16"
)

// wellKnown maps the fixed-width C typedefs to the Rust primitive they
// equal, when the typedef really has that width and signedness.
var wellKnown = map[string]ir.Prim{
	"int8_t": ir.I8, "uint8_t": ir.U8, "int16_t": ir.I16, "uint16_t": ir.U16,
	"int32_t": ir.I32, "uint32_t": ir.U32, "int64_t": ir.I64, "uint64_t": ir.U64,
	"size_t": ir.USize, "ssize_t": ir.ISize, "ptrdiff_t": ir.ISize,
	"intptr_t": ir.ISize, "uintptr_t": ir.USize,
}

// rustIntPrim maps Rust's integer type names to their kinds.
var rustIntPrim = map[string]ir.Prim{
	"i8": ir.I8, "u8": ir.U8, "i16": ir.I16, "u16": ir.U16, "i32": ir.I32, "u32": ir.U32,
	"i64": ir.I64, "u64": ir.U64, "isize": ir.ISize, "usize": ir.USize,
}

// nameTypes gives every emitted record, enum and typedef its Rust name,
// first come first served in declaration order. Typedefs that only restate
// a type (`typedef struct foo foo;`, `typedef struct {..} foo;`, int32_t)
// are elided and spelled as what they name.
func (e *emitter) nameTypes() {
	for _, h := range []string{helperBitfield, helperLongDouble, helperFloat128, helperFloat16} {
		e.types.take(h)
	}
	e.values.take(helperBitfield)
	for p := range primNames {
		e.types.used[p] = true
	}
	// Where anonymous records and enums are used, for readable names.
	for _, d := range e.m.Decls {
		r, ok := d.(*ir.Record)
		if !ok || !r.Complete || !e.canonicalRecord(r) {
			continue
		}
		k := 0
		for i := range r.Fields {
			f := &r.Fields[i]
			t := f.Type
			for t != nil && t.Kind == ir.KindArray {
				t = t.Elem
			}
			anon := false
			if t != nil && t.Kind == ir.KindNamed && t.Ref.Kind != ir.RefTypedef {
				switch a := e.ix.Lookup(t.Ref).(type) {
				case *ir.Record:
					anon = a.Anonymous && a.TypedefName == ""
				case *ir.Enum:
					anon = a.Anonymous && a.TypedefName == ""
				}
			}
			suffix := ""
			if f.Name == "" && !f.Bitfield {
				suffix = "__anon" + itoa(int64(k))
				k++
			} else if f.Name != "" {
				suffix = "__" + f.Name
			}
			if anon && suffix != "" {
				if _, seen := e.parent[t.Ref]; !seen {
					e.parent[t.Ref] = anonParent{rec: r, suffix: suffix}
				}
			}
		}
	}
	// Typedefs that will keep their own name.
	tdNamed := map[string]bool{}
	for _, d := range e.m.Decls {
		td, ok := d.(*ir.Typedef)
		if !ok {
			continue
		}
		if _, done := e.elided[td.Name]; done || tdNamed[td.Name] {
			continue
		}
		if t := e.elideTypedef(td); t != nil {
			e.elided[td.Name] = t
		} else {
			tdNamed[td.Name] = true
		}
	}
	for _, d := range e.m.Decls {
		switch d := d.(type) {
		case *ir.Record:
			if e.canonicalRecord(d) {
				e.nameRecord(d, tdNamed)
			}
		case *ir.Enum:
			if e.canonicalEnum(d) {
				e.nameEnum(d, tdNamed)
			}
		}
	}
	for _, d := range e.m.Decls {
		td, ok := d.(*ir.Typedef)
		if !ok || !tdNamed[td.Name] {
			continue
		}
		if _, done := e.tdName[td.Name]; done {
			continue
		}
		got := e.takeType(e.typeBase(td.Name, "", false))
		if bare(got) != td.Name {
			e.note(td.Pos, codeRenamed, td.Name, "typedef %s is emitted as %s", td.Name, got)
		}
		e.tdName[td.Name] = got
	}
}

// elideTypedef returns the type to spell instead of td, or nil when td is
// emitted as a `pub type`.
func (e *emitter) elideTypedef(td *ir.Typedef) *ir.Type {
	t := td.Type
	if t == nil {
		return nil
	}
	if p, ok := wellKnown[td.Name]; ok {
		if r := e.ix.Resolve(t); r != nil && r.Kind == ir.KindPrim && r.Prim.IsInteger() {
			cl, ok1 := e.tgt.PrimLayout(r.Prim)
			rl, ok2 := e.tgt.PrimLayout(p)
			if ok1 && ok2 && cl.Size == rl.Size && r.Prim.IsSigned(e.tgt) == p.IsSigned(e.tgt) {
				return ir.PrimType(p)
			}
		}
	}
	if primNames[td.Name] {
		if r := e.ix.Resolve(t); r != nil && r.Kind == ir.KindPrim && primRust(r.Prim) == td.Name {
			return r
		}
		if p, ok := rustIntPrim[td.Name]; ok {
			if r := e.ix.Resolve(t); r != nil && r.Kind == ir.KindPrim && r.Prim.IsInteger() {
				cl, ok1 := e.tgt.PrimLayout(r.Prim)
				rl, ok2 := e.tgt.PrimLayout(p)
				if ok1 && ok2 && cl.Size == rl.Size && r.Prim.IsSigned(e.tgt) == p.IsSigned(e.tgt) {
					return ir.PrimType(p) // typedef unsigned char u8: u8 is that type
				}
			}
		}
	}
	if t.Kind == ir.KindNamed && t.Ref.Kind != ir.RefTypedef {
		switch d := e.ix.Lookup(t.Ref).(type) {
		case *ir.Record:
			if (!d.Anonymous && d.Name == td.Name) || (d.Anonymous && d.TypedefName == td.Name) {
				return t
			}
		case *ir.Enum:
			if (!d.Anonymous && d.Name == td.Name) || (d.Anonymous && d.TypedefName == td.Name) {
				return t
			}
		}
	}
	return nil
}

func (e *emitter) nameRecord(r *ir.Record, tdNamed map[string]bool) string {
	if n, ok := e.recName[r]; ok {
		return n
	}
	e.recName[r] = "ferry_anon" // placeholder against cycles
	kind, ref := "struct_", ir.TypeRef{Kind: ir.RefStruct, Name: r.Name}
	if r.Union {
		kind, ref.Kind = "union_", ir.RefUnion
	}
	base := r.Name
	switch {
	case !r.Anonymous:
	case r.TypedefName != "":
		base = r.TypedefName
	default:
		if p, ok := e.parent[ref]; ok {
			base = bare(e.nameRecord(p.rec, tdNamed)) + p.suffix
		}
	}
	got := e.takeType(e.typeBase(base, kind, !r.Anonymous && tdNamed[base]))
	if bare(got) != base && !(r.Anonymous && r.TypedefName == "") {
		e.note(r.Pos, codeRenamed, r.Name, "%s %s is emitted as %s", kind[:len(kind)-1], r.Name, got)
	}
	e.recName[r] = got
	return got
}

func (e *emitter) nameEnum(en *ir.Enum, tdNamed map[string]bool) {
	ref := ir.TypeRef{Kind: ir.RefEnum, Name: en.Name}
	base := en.Name
	switch {
	case !en.Anonymous:
	case en.TypedefName != "":
		base = en.TypedefName
	default:
		p, ok := e.parent[ref]
		if !ok {
			e.enumName[en] = "" // constants only
			return
		}
		base = bare(e.nameRecord(p.rec, tdNamed)) + p.suffix
	}
	got := e.takeType(e.typeBase(base, "enum_", !en.Anonymous && tdNamed[base]))
	if bare(got) != base && !(en.Anonymous && en.TypedefName == "") {
		e.note(en.Pos, codeRenamed, en.Name, "enum %s is emitted as %s", en.Name, got)
	}
	e.enumName[en] = got
}

// typeBase turns a C tag into a Rust type name candidate.
func (e *emitter) typeBase(base, kind string, clashesTypedef bool) string {
	base = validIdent(base)
	if clashesTypedef {
		base = kind + base
	}
	if primNames[base] || noRaw[base] {
		base += "_"
	}
	return base
}

// takeType claims base in the type namespace and returns it as an
// identifier (raw for keywords).
func (e *emitter) takeType(base string) string {
	got := e.types.take(base)
	if rustKeywords[got] {
		return "r#" + got
	}
	return got
}

// nameValues names functions, statics, enumerator aliases and constants in
// the value namespace. Priority: enum newtype constructors, then functions
// and statics (they keep their symbol via #[link_name] if renamed), then
// enumerators, then macro constants.
func (e *emitter) nameValues() {
	for _, d := range e.m.Decls {
		if en, ok := d.(*ir.Enum); ok && e.enumName[en] != "" && e.canonicalEnum(en) {
			e.values.used[bare(e.enumName[en])] = true
		}
	}
	seen := map[string]bool{}
	for _, d := range e.m.Decls {
		var name string
		var pos = d.DeclPos()
		switch d := d.(type) {
		case *ir.Function:
			if seen[d.Name] || e.skipFunction(d, false) {
				continue
			}
			name = e.takeValue(d.Name, pos, "function")
			e.fnName[d] = name
		case *ir.Var:
			if seen[d.Name] || e.skipVar(d, false) {
				continue
			}
			name = e.takeValue(d.Name, pos, "static")
			e.varName[d] = name
		default:
			continue
		}
		seen[d.DeclName()] = true
	}
	vals := map[string]int64{}
	for _, d := range e.m.Decls {
		en, ok := d.(*ir.Enum)
		if !ok || !e.canonicalEnum(en) {
			continue
		}
		set := map[string]string{}
		for _, v := range en.Values {
			id := ident(v.Name)
			if e.values.used[bare(id)] {
				if e.enumName[en] != "" {
					e.note(v.Pos, codeDupConst, v.Name, "enumerator %s is only emitted as %s::%s: the name is taken", v.Name, e.enumName[en], id)
					continue
				}
				id = e.takeValue(v.Name, v.Pos, "enumerator")
			} else {
				e.values.used[bare(id)] = true
			}
			set[v.Name] = id
			vals[bare(id)] = v.Value
		}
		e.enumConst[en] = set
	}
	for _, d := range e.m.Decls {
		c, ok := d.(*ir.Const)
		if !ok {
			continue
		}
		id := ident(c.Name)
		if e.values.used[bare(id)] {
			if old, ok := vals[bare(id)]; ok && (c.Kind == ir.ConstInt || c.Kind == ir.ConstChar) && old == c.Int {
				e.note(c.Pos, codeDupConst, c.Name, "macro %s repeats an earlier constant of the same value and is skipped", c.Name)
				e.constName[c] = ""
				continue
			}
			id = e.takeValue(c.Name, c.Pos, "constant")
		} else {
			e.values.used[bare(id)] = true
		}
		if c.Kind == ir.ConstInt || c.Kind == ir.ConstChar {
			vals[bare(id)] = c.Int
		}
		e.constName[c] = id
	}
}

// takeValue claims a value name for C name n, renaming on collision.
func (e *emitter) takeValue(n string, pos diag.Pos, what string) string {
	id := ident(n)
	got := e.values.take(bare(id))
	if got != bare(id) {
		e.note(pos, codeRenamed, n, "%s %s is emitted as %s: the name is taken", what, n, got)
		return got
	}
	return id
}
