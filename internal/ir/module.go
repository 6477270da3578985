package ir

import "fmt"

// Module is everything ferry knows about one set of headers (or one Rust
// crate): declarations in source order, plus the target they were read for.
type Module struct {
	Target *Target
	Decls  []Decl
	// Files lists the source files read (headers the preprocessor opened, or
	// Rust files), in the order first opened.
	Files []string
}

// Index is a lookup table over a Module's declarations. Build it with
// NewIndex after the Module is complete; it is not updated by later edits.
type Index struct {
	Typedefs  map[string]*Typedef
	Structs   map[string]*Record
	Unions    map[string]*Record
	Enums     map[string]*Enum
	Functions map[string]*Function
	Vars      map[string]*Var
	Consts    map[string]*Const
	Macros    map[string]*Macro
	// Enumerators maps an enumerator name to its enum.
	Enumerators map[string]*Enum
}

// NewIndex indexes m. When a name is declared twice (a forward declaration
// and a definition), the complete one wins.
func NewIndex(m *Module) *Index {
	ix := &Index{
		Typedefs: map[string]*Typedef{}, Structs: map[string]*Record{}, Unions: map[string]*Record{},
		Enums: map[string]*Enum{}, Functions: map[string]*Function{}, Vars: map[string]*Var{},
		Consts: map[string]*Const{}, Macros: map[string]*Macro{}, Enumerators: map[string]*Enum{},
	}
	for _, d := range m.Decls {
		switch d := d.(type) {
		case *Typedef:
			ix.Typedefs[d.Name] = d
		case *Record:
			tab := ix.Structs
			if d.Union {
				tab = ix.Unions
			}
			if old, ok := tab[d.Name]; !ok || !old.Complete {
				tab[d.Name] = d
			}
		case *Enum:
			if old, ok := ix.Enums[d.Name]; !ok || !old.Complete {
				ix.Enums[d.Name] = d
			}
			for _, v := range d.Values {
				ix.Enumerators[v.Name] = d
			}
		case *Function:
			ix.Functions[d.Name] = d
		case *Var:
			ix.Vars[d.Name] = d
		case *Const:
			ix.Consts[d.Name] = d
		case *Macro:
			ix.Macros[d.Name] = d
		}
	}
	return ix
}

// Lookup returns the declaration a named type refers to: *Typedef, *Record
// or *Enum, or nil if the module does not declare it.
func (ix *Index) Lookup(r TypeRef) Decl {
	switch r.Kind {
	case RefTypedef:
		if d, ok := ix.Typedefs[r.Name]; ok {
			return d
		}
	case RefStruct:
		if d, ok := ix.Structs[r.Name]; ok {
			return d
		}
	case RefUnion:
		if d, ok := ix.Unions[r.Name]; ok {
			return d
		}
	case RefEnum:
		if d, ok := ix.Enums[r.Name]; ok {
			return d
		}
	}
	return nil
}

// Resolve follows typedefs until t is not a KindNamed typedef reference.
// It stops (returning the last type reached) at an unknown name or a cycle.
func (ix *Index) Resolve(t *Type) *Type {
	for i := 0; t != nil && t.Kind == KindNamed && t.Ref.Kind == RefTypedef && i < 100; i++ {
		td, ok := ix.Typedefs[t.Ref.Name]
		if !ok {
			return t
		}
		next := td.Type
		if t.Const && !next.Const {
			next = next.WithConst(true)
		}
		t = next
	}
	return t
}

// Record returns the record a (resolved) named type refers to, or nil.
func (ix *Index) Record(t *Type) *Record {
	t = ix.Resolve(t)
	if t == nil || t.Kind != KindNamed {
		return nil
	}
	r, _ := ix.Lookup(t.Ref).(*Record)
	return r
}

// Enum returns the enum a (resolved) named type refers to, or nil.
func (ix *Index) Enum(t *Type) *Enum {
	t = ix.Resolve(t)
	if t == nil || t.Kind != KindNamed {
		return nil
	}
	e, _ := ix.Lookup(t.Ref).(*Enum)
	return e
}

// String renders t in C-like syntax, for diagnostics and tests.
func (t *Type) String() string {
	if t == nil {
		return "<nil>"
	}
	q := ""
	if t.Const {
		q = "const "
	}
	switch t.Kind {
	case KindPrim:
		return q + t.Prim.String()
	case KindPointer:
		s := t.Elem.String() + " *"
		if t.Const {
			s += "const"
		}
		return s
	case KindArray:
		if t.Len < 0 {
			return t.Elem.String() + "[]"
		}
		return fmt.Sprintf("%s[%d]", t.Elem, t.Len)
	case KindFunc:
		s := t.Func.Result.String() + " ("
		for i, p := range t.Func.Params {
			if i > 0 {
				s += ", "
			}
			s += p.Type.String()
		}
		if t.Func.Variadic {
			if len(t.Func.Params) > 0 {
				s += ", "
			}
			s += "..."
		}
		return s + ")"
	case KindNamed:
		if t.Ref.Kind == RefTypedef {
			return q + t.Ref.Name
		}
		return q + t.Ref.Kind.String() + " " + t.Ref.Name
	case KindOpaque, KindRust:
		return q + t.Text
	}
	return "<invalid>"
}
