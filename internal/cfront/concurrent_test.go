package cfront

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/diff"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/testenv"
)

// TestConcurrentSameAsSequential: with cc.Config.Concurrent the
// preprocessor, the file read-ahead and the parser run on goroutines of
// their own; the module, the diagnostics and an input error must be the
// ones a single goroutine produces. The cases put errors in the
// preprocessor, in a file read ahead and in the parser, in that order, and
// bind real headers whose output order depends on the order files are
// preprocessed in.
func TestConcurrentSameAsSequential(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"ok.h": "#include \"a.h\"\n#include <stddef.h>\ntypedef struct { A_T a; size_t n; } pair;\n" +
			"static inline int twice(int x) { return x * 2; }\n#define TWICE(x) twice(x)\nint f(pair *p);\n",
		"a.h": "#ifndef A_H\n#define A_H\n#include \"b.h\"\ntypedef B_T A_T;\n#endif\n",
		"b.h": "typedef long B_T;\n#define B_MAX 42\n",
		// A macro error, then a scan error in an included file, then a
		// parse error.
		"bad.h":  "#define M(a) a\nint x = M(1, 2);\n#include \"bad2.h\"\nint y int;\n",
		"bad2.h": "int z; /* never closed\n",
		// An error inside an inline body, which is not parsed.
		"body.h": "static inline int g(void) { return @; }\nint h(void);\n",
	})
	headers := []struct {
		name  string
		paths []string
		pkg   string
	}{
		{"ok", []string{filepath.Join(dir, "ok.h")}, ""},
		{"bad", []string{filepath.Join(dir, "bad.h")}, ""},
		{"body", []string{filepath.Join(dir, "body.h")}, ""},
		{"zlib", []string{"/usr/include/zlib.h"}, ""},
		{"uv", []string{"/usr/include/uv.h"}, ""},
		{"sdl2", []string{"/usr/include/SDL2/SDL.h"}, "sdl2"},
	}
	for _, h := range headers {
		t.Run(h.name, func(t *testing.T) {
			testenv.NeedFile(t, h.paths[0])
			var cflags []string
			if h.pkg != "" {
				cflags = strings.Fields(string(testenv.Run(t, "", "pkg-config", "--cflags", h.pkg)))
			}
			run := func(seq bool) string {
				var dl diag.List
				m, err := Load(Options{Headers: h.paths, CFlags: cflags, Sequential: seq}, &dl)
				var b strings.Builder
				fmt.Fprintf(&b, "error: %v\n", err)
				for _, d := range dl.Items {
					fmt.Fprintf(&b, "diag: %s\n", d)
				}
				if m != nil {
					b.WriteString(dumpModule(m))
				}
				return b.String()
			}
			seq, conc := run(true), run(false)
			if seq != conc {
				t.Errorf("concurrent run differs from sequential:\n%s", diff.Diff("sequential", []byte(seq), "concurrent", []byte(conc)))
			}
			if h.name == "bad" && strings.HasPrefix(seq, "error: <nil>\n") {
				t.Errorf("bad.h: want an input error, got:\n%s", seq)
			}
		})
	}
}

// TestConcurrentErrorOrder: cc/v4's whole error list (ferry reports only
// the first error of a user header) is the same with the preprocessor on a
// goroutine of its own and files read ahead: errors of the preprocessor, of
// a file's scan and of the parser keep their interleaving.
func TestConcurrentErrorOrder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		// stdio.h first keeps the preprocessor busy while bad3.h is
		// read ahead.
		"bad.h": "#include <stdio.h>\n#include <stdlib.h>\n#define M(a) a\nint x = M(1, 2);\n" +
			"#include \"bad3.h\"\nint w = M(3, 4);\n#include \"bad2.h\"\n",
		"bad2.h": "int z; int q M(5, 6) q;\n",
		"bad3.h": "int r; /* never closed\n",
	})
	translateErr := func(concurrent bool) string {
		cfg, err := newConfigCached(nil, "")
		if err != nil {
			t.Fatal(err)
		}
		cfg.HasBuiltin = hasBuiltin
		cfg.Concurrent = concurrent
		_, _, sources := setupSources(cfg, []string{filepath.Join(dir, "bad.h")})
		_, err = cc.Translate(cfg, sources)
		if err == nil {
			t.Fatal("bad.h translated without errors")
		}
		return err.Error()
	}
	seq := translateErr(false)
	if n := strings.Count(seq, "\n") + 1; n < 4 {
		t.Fatalf("want errors from the preprocessor and from the included files, got %d:\n%s", n, seq)
	}
	// Whether a file is read ahead in time varies from run to run.
	for range 5 {
		if conc := translateErr(true); seq != conc {
			t.Fatalf("concurrent errors differ from sequential:\n%s", diff.Diff("sequential", []byte(seq), "concurrent", []byte(conc)))
		}
	}
}
