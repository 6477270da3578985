package cfront

import (
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// TestModeAttr: __attribute__((mode(M))) picks the integer of M's width,
// keeping signedness; sizes are GCC's on x86_64.
func TestModeAttr(t *testing.T) {
	testenv.NeedFile(t, "/usr/include/x86_64-linux-gnu/sys/types.h")
	src := `#include <sys/types.h>
typedef int m_word __attribute__ ((__mode__ (__word__)));
typedef unsigned int m_uword __attribute__((mode(word)));
typedef int m_qi __attribute__((mode(QI)));
typedef unsigned m_uhi __attribute__((mode(HI)));
typedef long m_si __attribute__((mode(SI)));
typedef int m_di __attribute__((mode(DI)));
typedef unsigned m_uti __attribute__((mode(TI)));
typedef int m_ptr __attribute__((mode(pointer)));
typedef int __attribute__((mode(DI))) m_spec;
typedef float m_df __attribute__((mode(DF)));
struct m_rec { char c; int w __attribute__((mode(DI))); };
register_t use(register_t r, int p __attribute__((mode(HI))));
`
	m, _ := loadSrc(t, src, Options{})
	var dl diag.List
	eng := layout.New(m, layout.Options{}, &dl)
	ix := ir.NewIndex(m)
	tests := []struct {
		name        string
		size, align int64
		signed      bool
	}{
		{"register_t", 8, 8, true},
		{"m_word", 8, 8, true},
		{"m_uword", 8, 8, false},
		{"m_qi", 1, 1, true},
		{"m_uhi", 2, 2, false},
		{"m_si", 4, 4, true},
		{"m_di", 8, 8, true},
		{"m_uti", 16, 16, false},
		{"m_ptr", 8, 8, true},
		{"m_spec", 8, 8, true},
		{"m_df", 8, 8, false},
	}
	for _, tt := range tests {
		td := ix.Typedefs[tt.name]
		if td == nil {
			t.Errorf("%s missing", tt.name)
			continue
		}
		l, ok := eng.TypeLayout(td.Type)
		if !ok || l.Size != tt.size || l.Align != tt.align {
			t.Errorf("%s: layout %+v (%v), want %d/%d", tt.name, l, ok, tt.size, tt.align)
		}
		if td.Type.Kind == ir.KindPrim && td.Type.Prim.IsInteger() && td.Type.Prim.IsSigned(m.Target) != tt.signed {
			t.Errorf("%s: %s has the wrong signedness", tt.name, td.Type.Prim)
		}
	}
	if r := ix.Structs["m_rec"]; r == nil || len(r.Fields) != 2 || r.Fields[1].Type.Prim != ir.I64 {
		t.Errorf("m_rec.w should be 8 bytes: %s", dumpModule(m))
	}
	if f := ix.Functions["use"]; f == nil || f.Type.Params[1].Type.Prim != ir.I16 {
		t.Errorf("parameter p should be 2 bytes: %s", dumpModule(m))
	}
}
