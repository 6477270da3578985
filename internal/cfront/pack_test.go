package cfront

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// packSrc uses pack pragmas inside struct bodies and from macros; the
// structs' sizes are checked against gcc.
const packSrc = `#define PS _Pragma("pack(push, 2)")
#define PE _Pragma ( "pack(pop)" )
PS
struct F { char c; int i; };
PE
struct G { char c; int i; };
struct B {
#pragma pack(1)
char c; int i;
#pragma pack()
};
struct C { char c;
#pragma pack(push, 1)
int i; };
struct D { char c; int i; };
#pragma pack(pop)
struct E { char c; int i; };
_Pragma("pack(push, 1)") struct I { char c; int i; };
_Pragma("pack(pop)")
#define MULTI _Pragma( \
   "pack(push, 8)")
MULTI
struct J { char c; double d; };
#pragma pack(pop)
struct K { struct { char c; int i;
#pragma pack(push, 1)
} in; char x; int y; };
#pragma pack(pop)
struct L { char c; int i; };
int after_lines;
`

func TestPackPragmas(t *testing.T) {
	m, dl := loadSrc(t, packSrc, Options{})
	expectDecls(t, m,
		"struct F pack(2)\n  c: char\n  i: int",
		"struct G\n  c: char\n  i: int",
		"struct B\n  c: char\n  i: int",
		"struct C pack(1)\n  c: char\n  i: int",
		"struct D pack(1)\n  c: char\n  i: int",
		"struct E\n  c: char\n  i: int",
		"struct I pack(1)\n  c: char\n  i: int",
		"struct J pack(8)\n  c: char\n  d: double",
		"struct L\n  c: char\n  i: int",
	)
	ix := ir.NewIndex(m)
	if v := ix.Vars["after_lines"]; v == nil || v.Pos.Line != 30 {
		t.Errorf("after_lines: lines moved: %+v", v)
	}
	for _, d := range dl.Items {
		t.Errorf("unexpected diagnostic %s", d)
	}
	gccSizes(t, m, packSrc, "F", "G", "B", "C", "D", "E", "I", "J", "K", "L")
}

// TestPackFromStringizedMacro: a pack pragma built by stringizing cannot be
// placed; ferry warns (B115).
func TestPackFromStringizedMacro(t *testing.T) {
	_, dl := loadSrc(t, `#define DYN(x) _Pragma(#x)
DYN(pack(push, 4))
struct H { char c; long l; };
DYN(pack(pop))
`, Options{})
	n := 0
	for _, d := range dl.Items {
		if d.Code == codePragma && strings.Contains(d.Message, "pack(push, 4)") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("want one B115 warning for pack(push, 4), got %v", dl.Items)
	}
}

// gccSizes compares the layout engine's sizes of the named structs with
// gcc's.
func gccSizes(t *testing.T, m *ir.Module, src string, names ...string) {
	t.Helper()
	testenv.NeedTool(t, "gcc")
	var dl diag.List
	eng := layout.New(m, layout.Options{}, &dl)
	ix := ir.NewIndex(m)
	prog := src + "#include <stdio.h>\nint main(void) {\n"
	var want []string
	for _, n := range names {
		prog += fmt.Sprintf("\tprintf(\"%s %%zu %%zu\\n\", sizeof(struct %s), _Alignof(struct %s));\n", n, n, n)
		r := ix.Structs[n]
		if r == nil {
			t.Fatalf("struct %s missing", n)
		}
		l, ok := eng.Record(r)
		if !ok {
			t.Fatalf("no layout for %s", n)
		}
		want = append(want, fmt.Sprintf("%s %d %d", n, l.Size, l.Align))
	}
	prog += "\treturn 0;\n}\n"
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.c"), []byte(prog), 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.Run(t, dir, "gcc", "-o", "p", "p.c")
	got := strings.Fields(strings.TrimSpace(string(testenv.Run(t, dir, "./p"))))
	if g, w := strings.Join(got, " "), strings.Join(want, " "); g != w {
		t.Errorf("sizes differ from gcc:\n gcc:   %s\n ferry: %s", g, w)
	}
}

// TestPackedSizeChecks: cc/v4 ignores packing, so a header's compile-time
// size checks of packed records fail there but not in gcc: they are
// dropped with B116, not reported as errors, and the layouts match gcc.
func TestPackedSizeChecks(t *testing.T) {
	src := `struct p32 {
	int type;
	union {
		unsigned value32;
		unsigned long long value64;
	} __attribute__((packed)) u;
} __attribute__((packed));
_Static_assert(sizeof(struct p32) == 12, "size");
#pragma pack(push, 1)
struct pp { char c; long l; };
#pragma pack(pop)
typedef char pp_check[1 - 2 * !!(sizeof(struct pp) != 9)];
int after(void);
`
	m, dl := loadSrc(t, src, Options{})
	n := 0
	for _, d := range dl.Items {
		if d.Code == codeLayoutCheck {
			n++
		} else {
			t.Errorf("unexpected diagnostic %s", d)
		}
	}
	if n != 2 {
		t.Errorf("want 2 B116 warnings, got %v", dl.Items)
	}
	if ir.NewIndex(m).Functions["after"] == nil {
		t.Error("declarations after the checks lost")
	}
	gccSizes(t, m, src, "p32", "pp")
}
