package cgen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/ir"
	"ferry/internal/testenv"
)

// TestOrderAndNames builds a module whose source order needs reordering
// (a by-value use before the definition, a pointer cycle) and whose names
// clash with C keywords, and compiles the header as C11 and C++17.
func TestOrderAndNames(t *testing.T) {
	u8 := ir.PrimType(ir.U8)
	m := &ir.Module{Decls: []ir.Decl{
		&ir.Record{Common: ir.Common{Name: "Outer", Doc: "has /* and */ inside"}, Complete: true, Fields: []ir.Field{
			{Name: "inner", Type: ir.Named(ir.RefStruct, "Inner")},
			{Name: "class", Type: u8},
		}},
		&ir.Record{Common: ir.Common{Name: "Inner"}, Complete: true, Fields: []ir.Field{
			{Name: "back", Type: ir.PointerTo(ir.Named(ir.RefStruct, "Outer"))},
		}},
		&ir.Function{Common: ir.Common{Name: "f"}, Type: &ir.FuncType{
			Result: ir.PrimType(ir.Bool),
			Params: []ir.Param{{Name: "new", Type: ir.PointerTo(ir.Named(ir.RefStruct, "Outer"))}, {Name: "_", Type: u8}, {Name: "_", Type: u8}},
		}},
	}}
	h := string(Generate(m, Options{Guard: "T_H"}))
	if strings.Index(h, "typedef struct Inner {") > strings.Index(h, "struct Outer {") {
		t.Errorf("Inner must be defined before Outer:\n%s", h)
	}
	for _, want := range []string{"uint8_t class_;", "bool f(Outer *new_, uint8_t arg1, uint8_t arg2);", "#include <stdbool.h>", "/** has /\\* and *\\/ inside */"} {
		if !strings.Contains(h, want) {
			t.Errorf("missing %q in:\n%s", want, h)
		}
	}
	again := string(Generate(m, Options{Guard: "T_H"}))
	if again != h {
		t.Error("output is not deterministic")
	}
	gcc := testenv.NeedTool(t, "gcc")
	gxx := testenv.NeedTool(t, "g++")
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "t.h"), []byte(h), 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.c"), []byte("#include \"t.h\"\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.cc"), []byte("#include \"t.h\"\n"), 0o644)
	testenv.Run(t, dir, gcc, "-std=c11", "-Wall", "-Werror", "-c", "a.c", "-o", "a.o")
	testenv.Run(t, dir, gxx, "-std=c++17", "-Wall", "-Werror", "-c", "a.cc", "-o", "b.o")
}

func TestGuardFor(t *testing.T) {
	for in, want := range map[string]string{"out/my-lib.h": "MY_LIB_H", "1x.h": "FERRY_1X_H", "": "FERRY_H"} {
		if got := GuardFor(in); got != want {
			t.Errorf("GuardFor(%q) = %q, want %q", in, got, want)
		}
	}
}
