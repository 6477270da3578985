package cfront

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/testenv"
)

// TestMacroEvalFastPath: the cc fork evaluates a macro under LazyMacros by
// handing the expanded tokens to a reused parser (fast path) instead of
// parsing their text with a new parser and preprocessor (slow path, as
// upstream does), and skips cpp.expand for a replacement list with no
// identifier. For every object-like macro of these headers, system ones
// included, both ways must give the same value and type.
func TestMacroEvalFastPath(t *testing.T) {
	if testing.Short() {
		t.Skip("loads nine large headers")
	}
	for _, tc := range []struct{ h, pkg string }{
		{"/usr/include/gtk-3.0/gtk/gtk.h", "gtk+-3.0"},
		{"/usr/include/openssl/ssl.h", ""},
		{"/usr/include/SDL2/SDL.h", "sdl2"},
		{"/usr/include/x86_64-linux-gnu/curl/curl.h", ""},
		{"/usr/include/uv.h", ""},
		{"/usr/include/git2.h", ""},
		{"/usr/include/zlib.h", ""},
		{"/usr/include/sqlite3.h", ""},
		{"/usr/include/png.h", ""},
	} {
		t.Run(tc.h[strings.LastIndexByte(tc.h, '/')+1:], func(t *testing.T) {
			testenv.NeedFile(t, tc.h)
			var cflags []string
			if tc.pkg != "" {
				cflags = strings.Fields(string(testenv.Run(t, "", "pkg-config", "--cflags", tc.pkg)))
			}
			ast := loadAST(t, tc.h, cflags)
			var names []string
			for n, m := range ast.Macros {
				if !m.IsFnLike {
					names = append(names, n)
				}
			}
			sort.Strings(names)
			fed, slow, bad, consts := 0, 0, 0, 0
			for _, n := range names {
				isFed, fv, ft, sv, st := ast.Macros[n].MacroEvalPaths()
				if sv != nil {
					consts++
				}
				if isFed {
					fed++
				} else {
					slow++
				}
				if fv != sv || typeSig(ft) != typeSig(st) {
					bad++
					if bad <= 20 {
						t.Errorf("%s: fast path %v %s, slow path %v %s", n, fv, typeSig(ft), sv, typeSig(st))
					}
				}
			}
			t.Logf("%d object-like macros, %d constants: %d fed to the parser, %d not, %d differ", len(names), consts, fed, slow, bad)
			if fed == 0 {
				t.Error("fast path never taken")
			}
		})
	}
}

func typeSig(t cc.Type) string {
	if t == nil {
		return "<nil>"
	}
	return fmt.Sprintf("%s/%v/%d/%d", t.String(), t.Kind(), t.Size(), t.Align())
}

// loadAST is Load up to the translation: the checked AST of header, its
// macros not evaluated yet.
func loadAST(t *testing.T, header string, cflags []string) *cc.AST {
	t.Helper()
	cfg, err := newConfigCached(cflags, "")
	if err != nil {
		t.Fatal(err)
	}
	cfg.HasBuiltin = hasBuiltin
	roots := includeRoots(cfg, cflags)
	p, err := resolveHeader(header, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ofs, _, sources := setupSources(cfg, []string{p})
	var dl diag.List
	ast, checked, err := translate(cfg, sources, ofs, []string{p}, roots, &dl)
	if err != nil {
		t.Fatal(err)
	}
	if !checked {
		t.Fatalf("%s: not type checked", header)
	}
	return ast
}
