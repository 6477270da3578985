package bind

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"ferry/internal/cprobe"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// checkLayoutsAgainstGCC asks gcc for the size, alignment and member
// offsets of every record, typedef and enum in m (and the value of every
// enumerator and macro constant), and fails on any disagreement with
// ferry's layout engine: the Rust assertions are generated from the same
// numbers, and rustc checks those.
func checkLayoutsAgainstGCC(t *testing.T, m *ir.Module, opts Options) {
	t.Helper()
	testenv.NeedTool(t, "gcc")
	var prelude strings.Builder
	for _, h := range opts.Headers {
		fmt.Fprintf(&prelude, "#include %q\n", h)
	}
	// gcc 12 knows neither Clang's nullability keywords nor counted_by.
	cflags := []string{"-D_Nonnull=", "-D_Nullable=", "-D_Null_unspecified=", "-Wno-attributes"}
	for _, d := range opts.IncludeDirs {
		cflags = append(cflags, "-I"+d)
	}
	for _, d := range opts.Defines {
		cflags = append(cflags, "-D"+d)
	}
	cflags = append(cflags, opts.CFlags...)
	q := cprobe.ModuleQuery(m, cprobe.ModuleOptions{Prelude: prelude.String(), CFlags: cflags, Consts: true})
	res, err := cprobe.Run(context.Background(), q)
	if err != nil {
		t.Fatalf("gcc probe: %v", err)
	}
	eng := layout.New(m, layout.Options{}, &diag.List{})
	if ms := cprobe.Compare(m, eng, res); len(ms) > 0 {
		t.Errorf("%d layout disagreements with gcc:\n%s", len(ms), cprobe.Summary(ms))
	}
}

// TestRealHeaderLayoutsMatchGCC: every record, typedef and enum of real
// library headers has gcc's size, alignment and offsets.
func TestRealHeaderLayoutsMatchGCC(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers []string
	}{
		{"zlib", []string{"/usr/include/zlib.h"}},
		{"sqlite3", []string{"/usr/include/sqlite3.h"}},
		{"png", []string{"/usr/include/png.h"}},
		{"lua", []string{"/usr/include/lua5.4/lua.h", "/usr/include/lua5.4/lualib.h", "/usr/include/lua5.4/lauxlib.h"}},
		{"uv", []string{"/usr/include/uv.h"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, h := range tc.headers {
				testenv.NeedFile(t, h)
			}
			opts := Options{Headers: tc.headers}
			res, err := Run(opts, &diag.List{})
			if err != nil {
				t.Fatal(err)
			}
			checkLayoutsAgainstGCC(t, res.Module, opts)
		})
	}
}
