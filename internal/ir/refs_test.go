package ir

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestClosureFollowsReferences(t *testing.T) {
	m := &Module{Decls: []Decl{
		&Typedef{Common: Common{Name: "unused"}, Type: PrimType(Int)},
		&Record{Common: Common{Name: "inner"}, Complete: true, Fields: []Field{{Name: "x", Type: PrimType(Int)}}},
		&Typedef{Common: Common{Name: "inner_t"}, Type: Named(RefStruct, "inner")},
		&Record{Common: Common{Name: "outer"}, Complete: true, Fields: []Field{{Name: "p", Type: PointerTo(Named(RefTypedef, "inner_t"))}}},
		&Function{Common: Common{Name: "f"}, Type: &FuncType{Result: PrimType(Void), Params: []Param{{Name: "o", Type: PointerTo(Named(RefStruct, "outer"))}}}},
		&Function{Common: Common{Name: "g"}, Type: &FuncType{Result: PrimType(Void)}},
	}}
	got := Closure(m, func(d Decl) bool { return d.DeclName() == "f" })
	var names []string
	for _, d := range got {
		names = append(names, d.DeclName())
	}
	if diff := cmp.Diff([]string{"inner", "inner_t", "outer", "f"}, names); diff != "" {
		t.Errorf("Closure (-want +got):\n%s", diff)
	}
}
