package bind

import (
	"os"
	"testing"

	"ferry/internal/diag"
)

// BenchmarkBind times the whole pipeline (front end, layout, emit) on real
// headers; run with go test -bench Bind ./internal/bind.
func BenchmarkBind(b *testing.B) {
	for _, bc := range []struct {
		name    string
		headers []string
		pkg     []string // pkg-config packages (cflags and libs)
	}{
		{"zlib", []string{"/usr/include/zlib.h"}, nil},
		{"sqlite3", []string{"/usr/include/sqlite3.h"}, nil},
		{"png", []string{"/usr/include/png.h"}, nil},
		{"lua", []string{"/usr/include/lua5.4/lua.h", "/usr/include/lua5.4/lualib.h", "/usr/include/lua5.4/lauxlib.h"}, nil},
		{"uv", []string{"/usr/include/uv.h"}, nil},
		// Large headers: SDL2 reaches the compiler's intrinsics headers,
		// gtk3 is the largest common binding (about 5.7 MB of C).
		{"SDL2", []string{"/usr/include/SDL2/SDL.h"}, []string{"sdl2"}},
		{"gtk3", []string{"/usr/include/gtk-3.0/gtk/gtk.h"}, []string{"gtk+-3.0"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for _, h := range bc.headers {
				if _, err := os.Stat(h); err != nil {
					b.Skipf("%s not installed", h)
				}
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Run(Options{Headers: bc.headers, PkgConfig: bc.pkg}, &diag.List{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
