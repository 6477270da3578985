package cfront

import (
	"testing"

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
