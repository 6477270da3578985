package check

import (
	"fmt"
	"sort"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Records compares each Rust struct and union with the C record of the
// same name: kind, fields (count, order, names, types, offsets), packing,
// size and alignment.
var Records = &Analyzer{
	Name: "records",
	Doc:  "struct and union fields, offsets, size, alignment and packing",
	Run: func(p *Pass) {
		for _, d := range p.R.M.Decls {
			r, ok := d.(*ir.Record)
			if !ok {
				continue
			}
			c := p.cRecordNamed(r.Name)
			if c == nil {
				continue // a Rust-only or differently named type: compared where used
			}
			for _, rd := range p.recordDiffs(c, r) {
				p.report("rec:"+rd.key, rd.code, rd.sev, rd.rpos, rd.cpos, p.cRecordName(c, r), rd.msg, rd.help)
			}
		}
	},
}

// recordDiff is one difference between a C and a Rust record.
type recordDiff struct {
	key, code, msg, help string
	sev                  diag.Severity
	rpos, cpos           diag.Pos
}

// cRecordNamed finds the C record a Rust type name stands for: a tag, a
// typedef of a record, or an anonymous record's typedef name.
func (p *Pass) cRecordNamed(name string) *ir.Record {
	ix := p.C.Ix
	if r := ix.Structs[name]; r != nil {
		return r
	}
	if r := ix.Unions[name]; r != nil {
		return r
	}
	if td := ix.Typedefs[name]; td != nil {
		if r := ix.Record(td.Type); r != nil {
			return r
		}
	}
	for _, d := range p.C.M.Decls {
		if r, ok := d.(*ir.Record); ok && r.TypedefName == name {
			return r
		}
	}
	return nil
}

func (p *Pass) cRecordName(c, r *ir.Record) string {
	switch {
	case !c.Anonymous:
		return c.Name
	case c.TypedefName != "":
		return c.TypedefName
	}
	return r.Name
}

func kindWord(r *ir.Record) string {
	if r.Union {
		return "union"
	}
	return "struct"
}

// sameRecordName reports whether a C and a Rust record are meant to be the
// same type: a name of one (tag, typedef) is a name of the other.
func (p *Pass) sameRecordName(c *ir.Record, r *ir.Record, cType, rType *ir.Type) bool {
	cn := typedefChain(cType, p.C.Ix)
	if !c.Anonymous {
		cn = append(cn, c.Name)
	}
	if c.TypedefName != "" {
		cn = append(cn, c.TypedefName)
	}
	rn := append(typedefChain(rType, p.R.Ix), r.Name)
	for _, a := range cn {
		for _, b := range rn {
			if a == b {
				return true
			}
		}
	}
	// The C typedef names the Rust record: typedef struct s_x {..} x_t; struct x_t.
	return p.cRecordNamed(r.Name) == c
}

// typedefChain lists the typedef names t goes through.
func typedefChain(t *ir.Type, ix *ir.Index) []string {
	var out []string
	for i := 0; t != nil && t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefTypedef && i < 50; i++ {
		out = append(out, t.Ref.Name)
		td := ix.Typedefs[t.Ref.Name]
		if td == nil {
			break
		}
		t = td.Type
	}
	return out
}

// cmpRecordType compares record types met inside other types.
func (p *Pass) cmpRecordType(c, r *ir.Type, cRec, rRec *ir.Record, help string) *mismatch {
	if cRec == nil || rRec == nil {
		return &mismatch{code: CodeTypeKind, sev: diag.Error, help: help}
	}
	if !rRec.Complete || p.rustOpaque(rRec) {
		return nil // an opaque stand-in: only ever behind a pointer
	}
	if p.cRecordNamed(rRec.Name) == cRec && p.sameRecordName(cRec, rRec, c, r) {
		return nil // Records compares the pair once, at the declaration
	}
	if cRec.Union != rRec.Union && cRec.Complete {
		return &mismatch{code: CodeUnionStruct, sev: diag.Error, help: help}
	}
	if !hasRepr(rRec.Repr, "C") && !hasRepr(rRec.Repr, "transparent") && !p.sameRecordName(cRec, rRec, c, r) {
		return &mismatch{code: CodeNotFFISafe, sev: diag.Error, detail: fmt.Sprintf(": `%s` has no #[repr(C)], so its layout is unspecified", rRec.Name), help: help}
	}
	if p.sameRecordName(cRec, rRec, c, r) {
		return nil // Records compares the pair once, at the declaration
	}
	if ds := p.recordDiffs(cRec, rRec); len(ds) > 0 {
		return &mismatch{code: CodeRecordType, sev: diag.Error, detail: ": " + ds[0].msg, help: help}
	}
	return nil
}

func normName(s string) string {
	s = strings.TrimPrefix(s, "r#")
	return strings.TrimSuffix(s, "_")
}

// isFiller reports whether a Rust field is padding or bitfield storage a
// binding generator adds: a leading underscore, a name saying so, and a
// byte array or zero-sized type.
func isFiller(f ir.Field) bool {
	n := strings.ToLower(f.Name)
	if !strings.HasPrefix(n, "_") {
		return false
	}
	return strings.Contains(n, "pad") || strings.Contains(n, "bitfield") || strings.Contains(n, "bindgen_align") || strings.Contains(n, "reserved_bits") || strings.Contains(n, "_bf")
}

// reserved reports whether a name is reserved for the implementation
// (`__x`): system headers of different compilers name such members
// differently (clang's max_align_t has `__clang_max_align_nonce1` where
// gcc's has `__max_align_ll`).
func reserved(name string) bool { return strings.HasPrefix(name, "__") }

// rustOpaque reports whether a Rust record is an opaque stand-in: no
// fields, or only zero-sized ones (`_private: [u8; 0]`, PhantomData), or
// bindgen's one-byte placeholder `_address: u8` for a type it cannot lay
// out (a forward declaration, an empty struct).
func (p *Pass) rustOpaque(r *ir.Record) bool {
	if len(r.Fields) == 1 && r.Fields[0].Name == "_address" {
		if t := p.R.Ix.Resolve(r.Fields[0].Type); t != nil && t.Kind == ir.KindPrim && p.primSize(t.Prim) == 1 {
			return true
		}
	}
	for _, f := range r.Fields {
		if !p.isZST(f.Type) {
			return false
		}
	}
	return true
}

func (p *Pass) recordDiffs(c, r *ir.Record) []recordDiff {
	key := [2]*ir.Record{c, r}
	if d, ok := p.recordMemo[key]; ok {
		return d
	}
	p.recordMemo[key] = nil // a cycle through pointers compares as equal
	p.compared++
	out := p.computeRecordDiffs(c, r)
	p.recordMemo[key] = out
	return out
}

func (p *Pass) computeRecordDiffs(c, r *ir.Record) []recordDiff {
	name := p.cRecordName(c, r)
	subj := fmt.Sprintf("%s `%s`", kindWord(c), name)
	var out []recordDiff
	add := func(code string, sev diag.Severity, rpos, cpos diag.Pos, help, format string, args ...any) {
		msg := fmt.Sprintf(format, args...)
		out = append(out, recordDiff{key: name + "/" + r.Name + "/" + code + "/" + msg, code: code, sev: sev, rpos: rpos, cpos: cpos, msg: msg, help: help})
	}
	if !r.Complete || p.rustOpaque(r) {
		return nil // opaque in Rust: only ever behind a pointer
	}
	if c.Union != r.Union && c.Complete {
		add(CodeUnionStruct, diag.Error, r.Pos, c.Pos, "declare it as a "+kindWord(c), "%s is a %s in Rust", subj, kindWord(r))
		return out
	}
	if !c.Complete {
		add(CodeOpaqueFields, diag.Error, r.Pos, c.Pos, "make it opaque: `#[repr(C)] pub struct "+r.Name+" { _private: [u8; 0] }`", "%s is only declared in C, but Rust gives it fields", subj)
		return out
	}
	if !hasRepr(r.Repr, "C") && !hasRepr(r.Repr, "transparent") {
		add(CodeNotReprC, diag.Error, r.Pos, c.Pos, "add #[repr(C)]", "%s has no #[repr(C)] in Rust, so its layout is unspecified", subj)
		return out
	}
	cFields, hasBF := []ir.Field{}, false
	for _, f := range c.Fields {
		if f.Bitfield {
			hasBF = true
			continue
		}
		cFields = append(cFields, f)
	}
	cNames := map[string]bool{}
	for _, f := range cFields {
		cNames[normName(f.Name)] = true
	}
	var rFields []ir.Field
	rIdx := []int{}
	for i, f := range r.Fields {
		// Padding a generator added is skipped, but C's own padding
		// members (`__pad0` in struct stat) are fields like any other.
		if isFiller(f) && !cNames[normName(f.Name)] || p.isZST(f.Type) && !(len(cFields) > 0 && normName(cFields[len(cFields)-1].Name) == normName(f.Name)) {
			continue
		}
		rFields = append(rFields, f)
		rIdx = append(rIdx, i)
	}
	cIdx := []int{}
	for i, f := range c.Fields {
		if !f.Bitfield {
			cIdx = append(cIdx, i)
		}
	}
	type pair struct{ ci, ri int } // indexes into c.Fields, r.Fields
	var pairs []pair
	if hasBF {
		// Bitfields are stored as generator-specific units: match the other
		// fields by name.
		for k, cf := range cFields {
			found := -1
			for j, rf := range rFields {
				if normName(rf.Name) == normName(cf.Name) {
					found = j
				}
			}
			if found < 0 {
				if cf.Name != "" {
					add(CodeFieldCount, diag.Error, r.Pos, cf.Pos, "", "%s: field `%s` is missing in Rust", subj, cf.Name)
				}
				continue
			}
			pairs = append(pairs, pair{cIdx[k], rIdx[found]})
		}
	} else {
		if len(cFields) != len(rFields) {
			add(CodeFieldCount, diag.Error, r.Pos, c.Pos, "declare the fields as C does", "%s has %d fields in Rust but %d in C%s", subj, len(rFields), len(cFields), fieldSetDiff(cFields, rFields))
			return out
		}
		var cn, rn []string
		orderDiff := false
		for i := range cFields {
			cn = append(cn, normName(cFields[i].Name))
			rn = append(rn, normName(rFields[i].Name))
			if cn[i] != rn[i] && cn[i] != "" {
				orderDiff = true
			}
		}
		if orderDiff && sameSet(cn, rn) {
			add(CodeFieldOrder, diag.Error, r.Pos, c.Pos, "declare the fields in C's order", "%s declares its fields in another order: `%s` in Rust, `%s` in C", subj, strings.Join(rn, ", "), strings.Join(cn, ", "))
			return out
		}
		for i := range cFields {
			if cn[i] != rn[i] && cn[i] != "" && !(reserved(cn[i]) && reserved(rn[i])) {
				add(CodeFieldName, diag.Warning, rFields[i].Pos, cFields[i].Pos, "rename it `"+cFields[i].Name+"`", "field %d of %s is named `%s` in Rust but `%s` in C", i+1, subj, rFields[i].Name, cFields[i].Name)
			}
			pairs = append(pairs, pair{cIdx[i], rIdx[i]})
		}
	}
	typeDiffs := 0
	for _, pr := range pairs {
		cf, rf := c.Fields[pr.ci], r.Fields[pr.ri]
		fname := cf.Name
		if fname == "" {
			fname = rf.Name
		}
		x := tctx{what: fmt.Sprintf("field `%s` of %s", fname, subj)}
		if m := p.cmp(cf.Type, rf.Type, x); m != nil {
			typeDiffs++
			add(m.code, m.sev, rf.Pos, cf.Pos, m.help, "%s", p.message(x, cf.Type, rf.Type, m))
		} else if p.memberRecordDiffers(cf.Type, rf.Type) {
			typeDiffs++ // reported at that record; this one's offsets follow from it
		}
	}
	if typeDiffs > 0 || len(out) > 0 && hasBF {
		return out
	}
	packDiff := p.packingDiff(c, r)
	cOff, okC := p.C.Layout.FieldOffsets(c)
	rOff, okR := p.R.Layout.FieldOffsets(r)
	if okC && okR {
		for _, pr := range pairs {
			if cOff[pr.ci] != rOff[pr.ri] {
				cf, rf := c.Fields[pr.ci], r.Fields[pr.ri]
				if packDiff != "" {
					add(CodePacking, diag.Error, r.Pos, c.Pos, "match C's packing and alignment", "%s %s: field `%s` is at offset %d in Rust but %d in C", subj, packDiff, cf.Name, rOff[pr.ri]/8, cOff[pr.ci]/8)
					return out
				}
				add(CodeFieldOffset, diag.Error, rf.Pos, cf.Pos, "", "field `%s` of %s is at offset %d in Rust but %d in C", cf.Name, subj, rOff[pr.ri]/8, cOff[pr.ci]/8)
				return out
			}
		}
	}
	cl, okC := p.C.Layout.Record(c)
	rl, okR := p.R.Layout.Record(r)
	// `typedef struct {..} T __attribute__((aligned(16)));` aligns T, not
	// the struct: a Rust record named T must have T's alignment.
	// Unless T's size is not a multiple of that alignment (glibc's
	// __pthread_unwind_buf_t: 104 bytes, 16-aligned), which no Rust type
	// can express: repr(align) would round the size up.
	if td := p.C.Ix.Typedefs[r.Name]; okC && td != nil && td.AlignAttr > cl.Align && p.C.Ix.Record(td.Type) == c && cl.Size%td.AlignAttr == 0 {
		cl.Align = td.AlignAttr
		if r.AlignAttr != td.AlignAttr && packDiff == "" {
			packDiff = fmt.Sprintf("has %s in Rust but aligned(%d) on its typedef in C", alignDesc(r.AlignAttr), td.AlignAttr)
		}
	}
	if okC && okR {
		switch {
		case (cl.Size != rl.Size || cl.Align != rl.Align) && packDiff != "":
			add(CodePacking, diag.Error, r.Pos, c.Pos, "match C's packing and alignment", "%s %s: size %d align %d in Rust, size %d align %d in C", subj, packDiff, rl.Size, rl.Align, cl.Size, cl.Align)
		case cl.Size != rl.Size:
			add(CodeSize, diag.Error, r.Pos, c.Pos, "", "%s is %d bytes in Rust but %d in C", subj, rl.Size, cl.Size)
		case cl.Align != rl.Align:
			add(CodeAlign, diag.Error, r.Pos, c.Pos, "", "%s is %d-byte aligned in Rust but %d-byte aligned in C", subj, rl.Align, cl.Align)
		}
	}
	return out
}

// memberRecordDiffers reports whether a field's type is (an array of) a
// record paired by name whose own comparison found differences.
func (p *Pass) memberRecordDiffers(c, r *ir.Type) bool {
	for i := 0; i < 8; i++ {
		c, r = p.C.Ix.Resolve(c), p.R.Ix.Resolve(r)
		if c == nil || r == nil || c.Kind != ir.KindArray || r.Kind != ir.KindArray {
			break
		}
		c, r = c.Elem, r.Elem
	}
	cRec, rRec := p.C.Ix.Record(c), p.R.Ix.Record(r)
	if cRec == nil || rRec == nil || !p.sameRecordName(cRec, rRec, c, r) {
		return false
	}
	return len(p.recordDiffs(cRec, rRec)) > 0
}

// packingDiff describes how packing and alignment attributes differ, or "".
func (p *Pass) packingDiff(c, r *ir.Record) string {
	pack := func(rec *ir.Record) int64 {
		if rec.Packed {
			return 1
		}
		return rec.PragmaPack
	}
	desc := func(n int64) string {
		if n == 0 {
			return "not packed"
		}
		if n == 1 {
			return "packed"
		}
		return fmt.Sprintf("packed(%d)", n)
	}
	if pc, pr := pack(c), pack(r); pc != pr {
		return fmt.Sprintf("is %s in Rust but %s in C", desc(pr), desc(pc))
	}
	if c.AlignAttr != r.AlignAttr {
		rs, cs := alignDesc(r.AlignAttr), fmt.Sprintf("aligned(%d)", c.AlignAttr)
		if c.AlignAttr == 0 {
			cs = "no aligned attribute"
		}
		return fmt.Sprintf("has %s in Rust but %s in C", rs, cs)
	}
	return ""
}

func alignDesc(n int64) string {
	if n == 0 {
		return "no repr(align)"
	}
	return fmt.Sprintf("repr(align(%d))", n)
}

func sameSet(a, b []string) bool {
	x := append([]string{}, a...)
	y := append([]string{}, b...)
	sort.Strings(x)
	sort.Strings(y)
	return strings.Join(x, ",") == strings.Join(y, ",")
}

// fieldSetDiff names the fields one side has and the other lacks.
func fieldSetDiff(c, r []ir.Field) string {
	in := func(fs []ir.Field, n string) bool {
		for _, f := range fs {
			if normName(f.Name) == normName(n) {
				return true
			}
		}
		return false
	}
	var missing, extra []string
	for _, f := range c {
		if f.Name != "" && !in(r, f.Name) {
			missing = append(missing, "`"+f.Name+"`")
		}
	}
	for _, f := range r {
		if !in(c, f.Name) {
			extra = append(extra, "`"+f.Name+"`")
		}
	}
	s := ""
	if len(missing) > 0 {
		s += "; missing in Rust: " + strings.Join(missing, ", ")
	}
	if len(extra) > 0 {
		s += "; not in C: " + strings.Join(extra, ", ")
	}
	return s
}
