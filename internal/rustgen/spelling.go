package rustgen

import (
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Spelling tells other generators how Emit names a module's declarations,
// so code that refers into the raw module (the safe layer) uses the same
// names: Emit renames on clashes (an enum tag that is also a typedef or a
// function becomes enum_NAME; a function that clashes with an enum
// newtype's constructor gets a suffix and #[link_name]).
type Spelling struct {
	types map[ir.TypeRef]string
	funcs map[string]string
}

// Spell names m's declarations exactly as Emit would. Naming depends on
// the module alone, not on Options.
func Spell(m *ir.Module) *Spelling {
	e := newEmitter(m, Options{}, &diag.List{})
	e.nameTypes()
	e.nameValues()
	s := &Spelling{types: map[ir.TypeRef]string{}, funcs: map[string]string{}}
	for r, n := range e.recName {
		k := ir.RefStruct
		if r.Union {
			k = ir.RefUnion
		}
		if e.ix.Lookup(ir.TypeRef{Kind: k, Name: r.Name}) == ir.Decl(r) {
			s.types[ir.TypeRef{Kind: k, Name: r.Name}] = n
		}
	}
	for en, n := range e.enumName {
		if n != "" && e.canonicalEnum(en) {
			s.types[ir.TypeRef{Kind: ir.RefEnum, Name: en.Name}] = n
		}
	}
	for td, n := range e.tdName {
		s.types[ir.TypeRef{Kind: ir.RefTypedef, Name: td}] = n
	}
	for f, n := range e.fnName {
		if _, ok := s.funcs[f.Name]; !ok {
			s.funcs[f.Name] = n
		}
	}
	return s
}

// Type is the Rust name the raw module declares for a record, an enum or a
// typedef, or "" when it declares none of its own (an elided typedef such
// as `typedef struct foo foo;` or int32_t, an enum of constants only).
func (s *Spelling) Type(ref ir.TypeRef) string { return s.types[ref] }

// Func is the Rust name of the C function, or "" when Emit skips it
// (static inline, or a type the ABI cannot pass).
func (s *Spelling) Func(name string) string { return s.funcs[name] }
