package inline

import (
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

func TestLiteralTypes(t *testing.T) {
	for _, tc := range []struct {
		lit  string
		want ir.Prim
	}{
		{"1", ir.Int}, {"0xFFu", ir.UInt}, {"2147483648", ir.Long}, {"0x80000000", ir.UInt},
		{"1UL", ir.ULong}, {"10ll", ir.Long}, {"1.5", ir.Double}, {"1.5f", ir.Float}, {"1e3", ir.Double},
	} {
		e, err := parseNumber(tc.lit)
		if err != nil {
			t.Errorf("%s: %v", tc.lit, err)
			continue
		}
		if got := e.ctype().Prim; got != tc.want {
			t.Errorf("%s: type %s, want %s", tc.lit, got, tc.want)
		}
	}
}

func TestUsualConversions(t *testing.T) {
	c := &checker{target: ir.X86_64Linux()}
	for _, tc := range []struct{ a, b, want ir.Prim }{
		{ir.Char, ir.Short, ir.Int},
		{ir.Int, ir.UInt, ir.UInt},
		{ir.Long, ir.UInt, ir.Long},
		{ir.Long, ir.ULong, ir.ULong},
		{ir.Int, ir.Double, ir.Double},
		{ir.Float, ir.Long, ir.Float},
		{ir.U8, ir.U16, ir.Int},
	} {
		got, err := c.usual(tc.a, tc.b)
		if err != nil || got != tc.want {
			t.Errorf("usual(%s, %s) = %s, %v; want %s", tc.a, tc.b, got, err, tc.want)
		}
	}
}

func TestUnsupportedBodiesDoNotPanic(t *testing.T) {
	m := &ir.Module{Decls: []ir.Decl{
		&ir.Macro{Common: ir.Common{Name: "A"}, Params: []string{"x"}, Body: "( x"},
		&ir.Macro{Common: ir.Common{Name: "B"}, Params: []string{"x"}, Body: "x ++"},
		&ir.Macro{Common: ir.Common{Name: "C"}, Params: nil, Body: "C ( )"},
		&ir.Macro{Common: ir.Common{Name: "D"}, Params: []string{"x"}, Body: "'\\x41' + x"},
		&ir.Macro{Common: ir.Common{Name: "E"}, Params: []string{"x"}, Body: "( int ) ( x ) [ 3 ]"},
	}}
	_, _, _, st := Translate(m, Options{}, &diag.List{})
	if st.Translated+st.Wrapped+st.Skipped != 5 {
		t.Errorf("stats %+v do not add up to 5", st)
	}
}
