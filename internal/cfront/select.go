package cfront

import (
	"ferry/internal/ir"
	"strings"
)

// selector computes which converted declarations the module keeps: the
// roots (primary and companion declarations, or everything with All) and,
// transitively, every typedef, record and enum they reference. System
// declarations are converted on first reference.
type selector struct {
	c        *conv
	indexed  int
	typedefs map[string][]*item
	tags     map[ir.TypeRef][]*item
	vaList   []*item
}

func newSelector(c *conv) *selector {
	s := &selector{c: c, typedefs: map[string][]*item{}, tags: map[ir.TypeRef][]*item{}}
	s.indexNew()
	return s
}

func (s *selector) indexNew() {
	for _, it := range s.c.items[s.indexed:] {
		switch d := it.decl.(type) {
		case *ir.Typedef:
			s.typedefs[d.Name] = append(s.typedefs[d.Name], it)
		case *ir.Record, *ir.Enum:
			ref, _ := ir.RefOf(d)
			s.tags[ref] = append(s.tags[ref], it)
		}
	}
	s.indexed = len(s.c.items)
}

func complete(it *item) bool {
	switch d := it.decl.(type) {
	case *ir.Record:
		return d.Complete
	case *ir.Enum:
		return d.Complete
	}
	return true
}

// resolve returns the declaration a reference names, converting a system
// declaration or synthesizing a forward declaration when needed.
func (s *selector) resolve(ref ir.TypeRef) *item {
	c := s.c
	if ref.Kind == ir.RefTypedef {
		if ref.Name == vaListBuiltin {
			return s.vaListItems()
		}
		if its := s.typedefs[ref.Name]; len(its) > 0 {
			return its[0]
		}
		if d := c.sysTypedefs[ref.Name]; d != nil {
			c.convertSys(d)
			s.indexNew()
		}
		if its := s.typedefs[ref.Name]; len(its) > 0 {
			return its[0]
		}
		return nil
	}
	if ref.Kind == ir.RefStruct && ref.Name == vaListTag {
		s.vaListItems()
	}
	best := func() *item {
		var fwd *item
		for _, it := range s.tags[ref] {
			if complete(it) {
				return it
			}
			if fwd == nil {
				fwd = it
			}
		}
		return fwd
	}
	if it := best(); it != nil && complete(it) {
		return it
	}
	if d := c.sysTags[ref.Name]; d != nil && !c.done[d] {
		c.convertSys(d)
		s.indexNew()
		if it := best(); it != nil && complete(it) {
			return it
		}
	}
	if it := best(); it != nil {
		return it
	}
	// Never declared on its own: a tag only mentioned (`typedef struct foo
	// foo_t;`). Synthesize the forward declaration at its first mention.
	k, ok := c.tagMention[ref]
	if !ok {
		return nil
	}
	var d ir.Decl
	switch ref.Kind {
	case ir.RefEnum:
		e := &ir.Enum{Underlying: ir.UInt}
		e.Name, e.Pos = ref.Name, k.pos
		d = e
	default:
		r := &ir.Record{Union: ref.Kind == ir.RefUnion}
		r.Name, r.Pos = ref.Name, k.pos
		d = r
	}
	it := c.add(d, k)
	s.indexNew()
	return it
}

func (s *selector) vaListItems() *item {
	if s.vaList == nil {
		for _, d := range vaListDecls() {
			it := &item{decl: d, file: -1, off: -1, seq: s.c.nseq, origin: ir.FromSystem}
			s.c.nseq++
			s.c.items = append(s.c.items, it)
			s.vaList = append(s.vaList, it)
		}
		s.indexNew()
	}
	return s.vaList[1]
}

// keptSet is the set of kept items, indexed by item.seq (c.items[i].seq
// is i: items are only appended, each with the next seq).
type keptSet []bool

func (k keptSet) has(it *item) bool { return it.seq < len(k) && k[it.seq] }

// closure returns the kept items: roots plus everything they reference.
func (s *selector) closure() keptSet {
	c := s.c
	kept := make(keptSet, len(c.items), len(c.items)+64)
	var work []*item
	push := func(it *item) {
		if it == nil {
			return
		}
		for it.seq >= len(kept) {
			kept = append(kept, false)
		}
		if !kept[it.seq] {
			kept[it.seq] = true
			work = append(work, it)
		}
	}
	for _, it := range c.items {
		// --all means every header's declarations, not the compiler's
		// builtins or ferry's own pseudo sources (<builtin>, <ferry-eof>).
		all := c.all && !strings.HasPrefix(it.decl.DeclPos().File, "<")
		if all || it.origin != ir.FromSystem || it.keep {
			push(it)
		}
	}
	visit := func(t *ir.Type) {
		if t.Kind == ir.KindNamed {
			ref := t.Ref
			r := s.resolve(ref)
			push(r)
			// Keep the complete definition of a tag (and, for a record
			// with a forward declaration in a root, the definition).
			if ref.Kind != ir.RefTypedef {
				for _, x := range s.tags[ref] {
					if complete(x) {
						push(x)
						break
					}
				}
			}
		}
	}
	for len(work) > 0 {
		it := work[len(work)-1]
		work = work[:len(work)-1]
		ir.VisitTypes(it.decl, visit)
	}
	return kept
}

// decayParams rewrites parameters whose type is a typedef of an array type
// (va_list, jmp_buf, ...) to the pointer C passes: a parameter of array type
// is adjusted to a pointer to its element.
func (s *selector) decayParams(kept keptSet) {
	// In item order; the order does not matter: every typedef reached here
	// was resolved by the closure, so nothing new is converted.
	decay := func(ft *ir.FuncType) {
		for i := range ft.Params {
			p := &ft.Params[i]
			if p.Type.Kind != ir.KindNamed || p.Type.Ref.Kind != ir.RefTypedef {
				continue
			}
			if arr := s.resolveArray(p.Type); arr != nil {
				elem := arr.Elem
				if p.Type.Const && !elem.Const {
					elem = elem.WithConst(true)
				}
				p.Type = ir.PointerTo(elem)
			}
		}
	}
	items := s.c.items
	for i := range kept {
		if !kept[i] {
			continue
		}
		if fn, ok := items[i].decl.(*ir.Function); ok && fn.Type != nil {
			decay(fn.Type)
		}
		ir.VisitTypes(items[i].decl, func(t *ir.Type) {
			if t.Kind == ir.KindFunc && t.Func != nil {
				decay(t.Func)
			}
		})
	}
}

// resolveArray follows typedefs from t to an array type, or returns nil.
func (s *selector) resolveArray(t *ir.Type) *ir.Type {
	for i := 0; i < 32 && t != nil; i++ {
		switch {
		case t.Kind == ir.KindArray:
			return t
		case t.Kind == ir.KindNamed && t.Ref.Kind == ir.RefTypedef:
			it := s.resolve(t.Ref)
			if it == nil {
				return nil
			}
			t = it.decl.(*ir.Typedef).Type
		default:
			return nil
		}
	}
	return nil
}

// output returns the kept declarations in order, without duplicates: one
// declaration per tag (the complete one when there is one), the first of
// repeated typedefs and variables, and repeated function declarations
// merged into the first.
func (s *selector) output(kept keptSet) ([]ir.Decl, []*item) {
	items := make([]*item, 0, len(kept))
	for i, k := range kept {
		if k {
			items = append(items, s.c.items[i])
		}
	}
	if len(items) == 0 {
		return nil, nil
	}
	sortItems(items)
	type nsKey struct {
		ns   int
		name string
	}
	seen := make(map[nsKey]*item, len(items))
	out := make([]ir.Decl, 0, len(items))
	outItems := make([]*item, 0, len(items))
	for _, it := range items {
		var k nsKey
		switch d := it.decl.(type) {
		case *ir.Typedef:
			k = nsKey{0, d.Name}
		case *ir.Function:
			k = nsKey{1, d.Name}
		case *ir.Var:
			k = nsKey{1, d.Name}
		case *ir.Record:
			ns := 2
			if d.Union {
				ns = 3
			}
			k = nsKey{ns, d.Name}
			if !d.Complete {
				if ref, _ := ir.RefOf(d); hasKeptComplete(s.tags[ref], kept) {
					continue
				}
			}
		case *ir.Enum:
			k = nsKey{4, d.Name}
			if !d.Complete && hasKeptComplete(s.tags[ir.TypeRef{Kind: ir.RefEnum, Name: d.Name}], kept) {
				continue
			}
		case *ir.Const, *ir.Macro:
			k = nsKey{5, it.decl.DeclName()}
		}
		if prev, ok := seen[k]; ok {
			if pf, ok := prev.decl.(*ir.Function); ok {
				// An asm label on a redeclaration renames the symbol
				// (glibc: fscanf → __isoc99_fscanf via __REDIRECT).
				if nf := it.decl.(*ir.Function); pf.LinkName == "" && nf.LinkName != "" {
					pf.LinkName = nf.LinkName
				}
				mergeAttrs(&pf.Attrs, &it.decl.(*ir.Function).Attrs)
				mergeDef(pf, it.decl.(*ir.Function))
			}
			continue
		}
		seen[k] = it
		out = append(out, it.decl)
		outItems = append(outItems, it)
	}
	return out, outItems
}

func hasKeptComplete(its []*item, kept keptSet) bool {
	for _, it := range its {
		if kept.has(it) && complete(it) {
			return true
		}
	}
	return false
}

// mergeAttrs folds the attributes of a redeclaration into the first.
func mergeAttrs(a, b *ir.Attrs) {
	a.Deprecated = a.Deprecated || b.Deprecated
	if a.DeprecatedMsg == "" {
		a.DeprecatedMsg = b.DeprecatedMsg
	}
	a.MustUse = a.MustUse || b.MustUse
	a.NoReturn = a.NoReturn || b.NoReturn
	a.Malloc = a.Malloc || b.Malloc
	if a.Dealloc == "" {
		a.Dealloc, a.DeallocIndex = b.Dealloc, b.DeallocIndex
	}
	if len(a.AllocSize) == 0 {
		a.AllocSize = b.AllocSize
	}
	a.NonNullAll = a.NonNullAll || b.NonNullAll
	a.NonNull = appendUniq(a.NonNull, b.NonNull...)
	a.ReturnsNonNull = a.ReturnsNonNull || b.ReturnsNonNull
	a.Access = append(a.Access, b.Access...)
	if a.Format == "" {
		a.Format = b.Format
	}
	if a.Visibility == "" {
		a.Visibility = b.Visibility
	}
}
