package check

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/rustfront"

	"golang.org/x/tools/txtar"
)

var verbose = flag.Bool("verbose-findings", false, "print every finding of the corpus")

// wantRE matches an inline expectation: // want F005 "substring" ...
var wantRE = regexp.MustCompile(`//\s*want\s+(F\d{3})(\s+"[^"]*")?`)

// loadCase writes a corpus case to a temp dir and reads both sides.
func loadCase(t *testing.T, path string) (c, r *ir.Module, dir string) {
	t.Helper()
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for _, f := range ar.Files {
		p := filepath.Join(dir, f.Name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var dl diag.List
	c, err = cfront.Load(cfront.Options{Headers: []string{filepath.Join(dir, "header.h")}}, &dl)
	if err != nil {
		t.Fatalf("cfront: %v\n%v", err, dl.Items)
	}
	rp := filepath.Join(dir, "bind.rs")
	src, err := os.ReadFile(rp)
	if err != nil {
		t.Fatal(err)
	}
	r, err = rustfront.ParseFile(rp, src, rustfront.Options{}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dl.Items {
		if d.Severity == diag.Error {
			t.Errorf("front end: %v", d)
		}
	}
	return c, r, dir
}

type want struct {
	line int
	code string
	sub  string
}

func wants(t *testing.T, file string) []want {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var ws []want
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range wantRE.FindAllStringSubmatch(line, -1) {
			ws = append(ws, want{i + 1, m[1], strings.Trim(strings.TrimSpace(m[2]), `"`)})
		}
	}
	return ws
}

// TestCorpus runs every good/bad pair in testdata/corpus: a finding must be
// expected on its Rust line (`// want F005 "c_arr"`), and every expectation
// must be met. Bad cases carry exactly one expectation; good ones none.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.txtar")
	if len(files) == 0 {
		t.Fatal("no corpus")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			c, r, dir := loadCase(t, file)
			ds, n := run(c, r, Options{})
			if min := countItems(mustRead(t, filepath.Join(dir, "bind.rs"))); n == 0 || strings.HasPrefix(name, "good_") && n < min/2 {
				t.Errorf("only %d declaration pairs compared", n)
			}
			ws := wants(t, filepath.Join(dir, "bind.rs"))
			if strings.HasPrefix(name, "bad_") && len(ws) != 1 {
				t.Errorf("a bad case must carry exactly one expectation, has %d", len(ws))
			}
			if strings.HasPrefix(name, "good_") && len(ws) != 0 {
				t.Errorf("a good case must carry no expectation")
			}
			met := make([]bool, len(ws))
			for _, d := range ds {
				if *verbose {
					var b strings.Builder
					WriteText(&b, []*diag.Diagnostic{d})
					t.Log(b.String())
				}
				ok := false
				for i, w := range ws {
					if !met[i] && d.Pos.Line == w.line && filepath.Base(d.Pos.File) == "bind.rs" && d.Code == w.code && strings.Contains(d.Message, w.sub) {
						met[i], ok = true, true
						break
					}
				}
				if !ok {
					var b strings.Builder
					WriteText(&b, []*diag.Diagnostic{d})
					t.Errorf("unexpected finding:\n%s", b.String())
				}
			}
			for i, w := range ws {
				if !met[i] {
					t.Errorf("bind.rs:%d: want %s %q, not found (got %s)", w.line, w.code, w.sub, summary(ds))
				}
			}
		})
	}
}

func summary(ds []*diag.Diagnostic) string {
	var s []string
	for _, d := range ds {
		s = append(s, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
	}
	sort.Strings(s)
	return "[" + strings.Join(s, " ") + "]"
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// countItems counts the public items of a Rust file, to tell a good case
// that compared its declarations from one whose C side did not load.
func countItems(src []byte) int {
	n := 0
	for _, l := range strings.Split(string(src), "\n") {
		l = strings.TrimSpace(l)
		for _, k := range []string{"pub fn ", "pub struct ", "pub union ", "pub type ", "pub const ", "pub static ", "pub unsafe fn ", "pub safe fn "} {
			if strings.HasPrefix(l, k) {
				n++
			}
		}
	}
	return n
}
