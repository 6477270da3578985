package cfront

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"ferry/internal/ir"
	"ferry/internal/testenv"
)

// TestMacroKinds: non-constant object-like macros of the primary header
// are kept as ObjectLike macros; constants stay Consts; empty ones go.
func TestMacroKinds(t *testing.T) {
	m, _ := loadSrc(t, `int bar(void);
/** calls bar */
#define FOO (bar())
#define Z_NULL 0
#define EMPTY
#define KEYWORD extern
#define FN(x) ((x) + 1)
`, Options{})
	expectDecls(t, m,
		`macro FOO ( bar ( ) ) doc="calls bar"`,
		"const Z_NULL: int = 0",
		"macro KEYWORD extern",
		"macro FN(x) ( ( x ) + 1 )",
	)
	ix := ir.NewIndex(m)
	if ix.Macros["EMPTY"] != nil {
		t.Error("empty macro EMPTY kept")
	}
	if mc := ix.Macros["FOO"]; mc == nil || !mc.ObjectLike || mc.Params != nil || mc.Origin != ir.FromPrimary {
		t.Errorf("FOO: %+v", mc)
	}
	if mc := ix.Macros["FN"]; mc == nil || mc.ObjectLike {
		t.Errorf("FN: %+v", mc)
	}
}

// TestSystemMacrosUsed: system macros that a kept macro uses, transitively,
// are kept with Origin FromSystem; unused ones and names shadowed by a
// parameter are not.
func TestSystemMacrosUsed(t *testing.T) {
	testenv.NeedFile(t, "/usr/include/asm-generic/ioctl.h")
	m, _ := loadSrc(t, `#include <sys/ioctl.h>
#define MY_IOW(nr, T) _IOW('m', nr, T)
#define SHADOW(_IOC_READ) (_IOC_READ + 1)
`, Options{})
	ix := ir.NewIndex(m)
	for _, n := range []string{"_IOW", "_IOC", "_IOC_TYPECHECK"} {
		if mc := ix.Macros[n]; mc == nil || mc.Origin != ir.FromSystem || mc.ObjectLike || len(mc.Params) == 0 {
			t.Errorf("function-like %s: %+v", n, mc)
		}
	}
	for _, n := range []string{"_IOC_WRITE", "_IOC_NRSHIFT", "_IOC_DIRSHIFT", "_IOC_SIZESHIFT", "_IOC_TYPESHIFT"} {
		if mc := ix.Macros[n]; mc == nil || mc.Origin != ir.FromSystem || !mc.ObjectLike || mc.Params != nil {
			t.Errorf("object-like %s: %+v", n, mc)
		}
	}
	for _, n := range []string{"_IOR", "_IOWR", "_IOC_READ"} {
		if ix.Macros[n] != nil || ix.Consts[n] != nil {
			t.Errorf("%s kept but unused", n)
		}
	}
	if mc := ix.Macros["_IOC"]; mc != nil && len(mc.Params) != 4 {
		t.Errorf("_IOC params %v", mc.Params)
	}
}

// TestAttrMacroArgs: a macro named as an attribute argument gives its value,
// whether read straight from one literal (without waiting for the macro
// goroutine) or evaluated.
func TestAttrMacroArgs(t *testing.T) {
	m, _ := loadSrc(t, `#define HEX 0x10
#define OCT 020
#define SUFFIXED 8UL
#define EXPR (4 * 8)
#define SHIFT (1 << 6)
struct hex { char c; } __attribute__((aligned(HEX)));
struct oct { char c; } __attribute__((aligned(OCT)));
struct suffixed { char c; } __attribute__((aligned(SUFFIXED)));
struct expr { char c; } __attribute__((aligned(EXPR)));
struct shift { char c; } __attribute__((aligned(SHIFT)));
`, Options{})
	ix := ir.NewIndex(m)
	for name, want := range map[string]int64{"hex": 16, "oct": 16, "suffixed": 8, "expr": 32, "shift": 64} {
		r := ix.Structs[name]
		if r == nil {
			t.Errorf("struct %s missing", name)
			continue
		}
		if r.AlignAttr != want {
			t.Errorf("struct %s: aligned(%d), want %d", name, r.AlignAttr, want)
		}
	}
}

func TestIntLiteral(t *testing.T) {
	for s, want := range map[string]int64{"0": 0, "42": 42, "0x1F": 31, "017": 15, "0b101": 5, "7u": 7, "7UL": 7, "9223372036854775807": 1<<63 - 1} {
		if v, ok := intLiteral(s); !ok || v != want {
			t.Errorf("intLiteral(%q) = %d, %v; want %d", s, v, ok, want)
		}
	}
	for _, s := range []string{"", "x", "1_000", "1'000", "'a'", "1e3", "1.5", "0x", "18446744073709551615", "-1", "(1)"} {
		if v, ok := intLiteral(s); ok {
			t.Errorf("intLiteral(%q) = %d, want no value", s, v)
		}
	}
}

// TestManyMacrosWithPragmaWait: more kept macros than the first chunks, and
// a pack pragma whose argument waits for the macro goroutine during walk
// (a macro that needs evaluating): Load must not deadlock.
func TestManyMacrosWithPragmaWait(t *testing.T) {
	var b strings.Builder
	for i := range 20000 {
		fmt.Fprintf(&b, "#define M%d (%d + 1)\n", i, i)
	}
	b.WriteString("#define PACK (1 + 1)\n#pragma pack(PACK)\nstruct s { char c; int i; };\n")
	done := make(chan struct{})
	go func() {
		defer close(done)
		m, _ := loadSrc(t, b.String(), Options{})
		if r := ir.NewIndex(m).Structs["s"]; r == nil || r.PragmaPack != 2 {
			t.Errorf("struct s: %+v", r)
		}
	}()
	select {
	case <-done:
	case <-time.After(60 * time.Second):
		t.Fatal("Load did not finish: deadlock between walk and the macro goroutine")
	}
}
