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

func TestNullable(t *testing.T) {
	for _, tc := range []struct {
		in   PtrFlavor
		want PtrFlavor
	}{{Ref, OptRef}, {NonNullP, OptNonNul}, {BoxP, OptBox}, {Raw, Raw}} {
		p := &Type{Kind: KindPointer, Elem: PrimType(Int), Null: NonNull, Flavor: tc.in}
		got := p.Nullable()
		if got == nil || got.Null != Nullable || got.Flavor != tc.want || p.Null != NonNull {
			t.Errorf("Nullable(%v) = %+v; want flavor %v, input unchanged", tc.in, got, tc.want)
		}
	}
	if (&Type{Kind: KindPointer, Elem: PrimType(Int)}).Nullable() != nil || PrimType(Int).Nullable() != nil {
		t.Error("Nullable of a pointer that may already be null, or of a non-pointer, must be nil")
	}
}
