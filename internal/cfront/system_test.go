package cfront

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/testenv"
)

// TestScopeZlib: zlib.h's own declarations and zconf.h's (a quoted include)
// are kept; glibc's appear only when referenced, and never as functions.
func TestScopeZlib(t *testing.T) {
	h := testenv.NeedFile(t, "/usr/include/zlib.h")
	var dl diag.List
	m, err := Load(Options{Headers: []string{h}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	ix := ir.NewIndex(m)
	if r := ix.Structs["z_stream_s"]; r == nil || r.Origin != ir.FromPrimary || !r.Complete {
		t.Errorf("z_stream_s: %+v", r)
	}
	if td := ix.Typedefs["uLong"]; td == nil || td.Origin != ir.FromCompanion {
		t.Errorf("uLong from zconf.h should be a companion declaration: %+v", td)
	}
	if f := ix.Functions["deflate"]; f == nil || f.Origin != ir.FromPrimary {
		t.Errorf("deflate missing")
	}
	if c := ix.Consts["Z_OK"]; c == nil || c.Int != 0 {
		t.Errorf("Z_OK missing")
	}
	nf := 0
	for _, d := range m.Decls {
		c := d.(interface{ DeclName() string })
		switch d := d.(type) {
		case *ir.Function:
			nf++
			if d.Origin == ir.FromSystem {
				t.Errorf("system function %s kept", d.Name)
			}
		case *ir.Var, *ir.Const, *ir.Macro:
			if origin(d) == ir.FromSystem {
				t.Errorf("system declaration %s kept", c.DeclName())
			}
		}
	}
	if nf < 80 {
		t.Errorf("only %d functions", nf)
	}
	for _, name := range []string{"printf", "malloc", "fopen"} {
		if ix.Functions[name] != nil {
			t.Errorf("glibc function %s kept", name)
		}
	}
	if !slices.Contains(m.Files, "/usr/include/zconf.h") || m.Files[0] != h {
		t.Errorf("Files = %v", m.Files)
	}
	// Every referenced type is declared.
	for _, d := range m.Decls {
		ir.VisitTypes(d, func(ty *ir.Type) {
			if ty.Kind == ir.KindNamed && ix.Lookup(ty.Ref) == nil {
				t.Errorf("%s references undeclared %s %s", d.DeclName(), ty.Ref.Kind, ty.Ref.Name)
			}
		})
	}
}

func origin(d ir.Decl) ir.Origin {
	switch d := d.(type) {
	case *ir.Var:
		return d.Origin
	case *ir.Const:
		return d.Origin
	case *ir.Macro:
		return d.Origin
	}
	return ir.FromPrimary
}

// TestDeterministic: two loads give the same module.
func TestDeterministic(t *testing.T) {
	h := testenv.NeedFile(t, "/usr/include/zlib.h")
	var a, b diag.List
	m1, err1 := Load(Options{Headers: []string{h}}, &a)
	m2, err2 := Load(Options{Headers: []string{h}}, &b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if d1, d2 := dumpModule(m1), dumpModule(m2); d1 != d2 {
		t.Error("two loads differ")
	}
}

// TestSDL2: SDL.h reaches gcc's immintrin.h (_Float16, AVX512-FP16); it
// must still bind, with SDL's packed SDL_AudioCVT captured.
func TestSDL2(t *testing.T) {
	h := testenv.NeedFile(t, "/usr/include/SDL2/SDL.h")
	var dl diag.List
	m, err := Load(Options{Headers: []string{h}, Defines: []string{"_REENTRANT"}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	ix := ir.NewIndex(m)
	if ix.Functions["SDL_Init"] == nil || ix.Functions["SDL_CreateWindow"] == nil {
		t.Error("SDL functions missing")
	}
	if r := ix.Structs["SDL_AudioCVT"]; r == nil || !r.Packed {
		t.Errorf("SDL_AudioCVT: %+v", r)
	}
	n := 0
	for _, d := range m.Decls {
		if _, ok := d.(*ir.Function); ok {
			n++
		}
	}
	if n < 700 {
		t.Errorf("only %d functions", n)
	}
}

// TestDegradeParseError: a syntax error in a system header drops the lines
// of that declaration and keeps the rest.
func TestDegradeParseError(t *testing.T) {
	dir := t.TempDir()
	sys := filepath.Join(dir, "sys")
	os.MkdirAll(sys, 0o755)
	os.WriteFile(filepath.Join(sys, "bad2.h"), []byte("typedef int before_t;\ntypedef int bad bad_t;\ntypedef int after_t;\n"), 0o644)
	m, dl := loadSrc(t, "#include <bad2.h>\nbefore_t f(after_t x);\n", Options{IncludeDirs: []string{sys}})
	expectDecls(t, m, "func f: fn(x typedef after_t) typedef before_t", "typedef before_t = int", "typedef after_t = int")
	if len(dl.Items) == 0 || dl.Items[0].Code != codeSysDegraded {
		t.Errorf("want a B111 warning, got %v", dl.Items)
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, bc := range []struct{ h, pkg string }{
		{"/usr/include/zlib.h", ""},
		{"/usr/include/sqlite3.h", ""},
		{"/usr/include/SDL2/SDL.h", "sdl2"},
		{"/usr/include/gtk-3.0/gtk/gtk.h", "gtk+-3.0"},
		// The rest of bench/compare's set.
		{"/usr/include/openssl/ssl.h", ""},
		{"/usr/include/x86_64-linux-gnu/curl/curl.h", ""},
		{"/usr/include/uv.h", ""},
		{"/usr/include/git2.h", ""},
	} {
		h := bc.h
		b.Run(filepath.Base(h), func(b *testing.B) {
			testenv.NeedFile(b, h)
			var cflags []string
			if bc.pkg != "" {
				cflags = strings.Fields(string(testenv.Run(b, "", "pkg-config", "--cflags", bc.pkg)))
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				var dl diag.List
				if _, err := Load(Options{Headers: []string{h}, CFlags: cflags}, &dl); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
