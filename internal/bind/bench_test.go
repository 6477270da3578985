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
	}{
		{"zlib", []string{"/usr/include/zlib.h"}},
		{"sqlite3", []string{"/usr/include/sqlite3.h"}},
		{"png", []string{"/usr/include/png.h"}},
		{"lua", []string{"/usr/include/lua5.4/lua.h", "/usr/include/lua5.4/lualib.h", "/usr/include/lua5.4/lauxlib.h"}},
		{"uv", []string{"/usr/include/uv.h"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for _, h := range bc.headers {
				if _, err := os.Stat(h); err != nil {
					b.Skipf("%s not installed", h)
				}
			}
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Run(Options{Headers: bc.headers}, &diag.List{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
