package ir

// VisitTypes calls f for every type reachable from d's own declaration
// (parameters, results, fields, typedef targets), outermost first. It does
// not follow named references into other declarations.
func VisitTypes(d Decl, f func(*Type)) {
	switch d := d.(type) {
	case *Function:
		visitFunc(d.Type, f)
	case *Var:
		visitType(d.Type, f)
	case *Typedef:
		visitType(d.Type, f)
	case *Record:
		for i := range d.Fields {
			visitType(d.Fields[i].Type, f)
		}
	case *Const:
		visitType(d.Type, f)
	}
}

func visitType(t *Type, f func(*Type)) {
	for t != nil {
		f(t)
		switch t.Kind {
		case KindFunc:
			visitFunc(t.Func, f)
			return
		case KindRust:
			for _, a := range t.Args {
				visitType(a, f)
			}
		}
		t = t.Elem
	}
}

func visitFunc(ft *FuncType, f func(*Type)) {
	if ft == nil {
		return
	}
	visitType(ft.Result, f)
	for _, p := range ft.Params {
		visitType(p.Type, f)
	}
}

// Refs returns the named types d refers to directly, in first-use order,
// without duplicates.
func Refs(d Decl) []TypeRef {
	var out []TypeRef
	seen := map[TypeRef]bool{}
	VisitTypes(d, func(t *Type) {
		if t.Kind == KindNamed && !seen[t.Ref] {
			seen[t.Ref] = true
			out = append(out, t.Ref)
		}
	})
	return out
}

// RefOf returns the TypeRef that names d as a type, and false for
// declarations that are not types.
func RefOf(d Decl) (TypeRef, bool) {
	switch d := d.(type) {
	case *Typedef:
		return TypeRef{RefTypedef, d.Name}, true
	case *Record:
		if d.Union {
			return TypeRef{RefUnion, d.Name}, true
		}
		return TypeRef{RefStruct, d.Name}, true
	case *Enum:
		return TypeRef{RefEnum, d.Name}, true
	}
	return TypeRef{}, false
}

// Closure returns the declarations of m for which keep is true, plus every
// type declaration they reach through named references, transitively, in
// m's order.
func Closure(m *Module, keep func(Decl) bool) []Decl {
	byRef := map[TypeRef][]int{}
	for i, d := range m.Decls {
		if r, ok := RefOf(d); ok {
			byRef[r] = append(byRef[r], i)
		}
	}
	kept := make([]bool, len(m.Decls))
	var work []int
	for i, d := range m.Decls {
		if keep(d) {
			kept[i] = true
			work = append(work, i)
		}
	}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		for _, r := range Refs(m.Decls[i]) {
			for _, j := range byRef[r] {
				if !kept[j] {
					kept[j] = true
					work = append(work, j)
				}
			}
		}
	}
	var out []Decl
	for i, d := range m.Decls {
		if kept[i] {
			out = append(out, d)
		}
	}
	return out
}
