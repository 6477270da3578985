package testenv

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// CorpusLib is one line of a corpus list (internal/bind/testdata/corpus):
//
//	NAME pkg:PKG|lib:A,B HEADER... [wrap:<a.h>,b.h] [-- CFLAG...]
type CorpusLib struct {
	Name    string
	Pkg     string   // pkg-config package, or ""
	Libs    []string // -l names when Pkg is ""
	Headers []string // absolute paths
	Wrap    []string // wrapper includes: "<stdio.h>" or "jpeglib.h"
	CFlags  []string
}

// ReadCorpus parses a corpus list, failing the test on a malformed line.
func ReadCorpus(t testing.TB, path string) []CorpusLib {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var libs []CorpusLib
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields, cflags, _ := strings.Cut(line, " -- ")
		fs := strings.Fields(fields)
		if len(fs) < 3 {
			t.Fatalf("%s:%d: want NAME LINK HEADER...", path, n)
		}
		lib := CorpusLib{Name: fs[0], CFlags: strings.Fields(cflags)}
		switch kind, val, _ := strings.Cut(fs[1], ":"); kind {
		case "pkg":
			lib.Pkg = val
		case "lib":
			lib.Libs = strings.Split(val, ",")
		default:
			t.Fatalf("%s:%d: LINK %q: want pkg:PKG or lib:A,B", path, n, fs[1])
		}
		for _, h := range fs[2:] {
			if w, ok := strings.CutPrefix(h, "wrap:"); ok {
				lib.Wrap = append(lib.Wrap, strings.Split(w, ",")...)
				continue
			}
			lib.Headers = append(lib.Headers, h)
		}
		libs = append(libs, lib)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return libs
}

// HeaderPaths returns the headers to bind: the listed ones, after a
// wrapper header written into dir when the line asks for one (as a user
// binds a header that needs others included first).
func (l CorpusLib) HeaderPaths(t testing.TB, dir string) []string {
	t.Helper()
	if len(l.Wrap) == 0 {
		return l.Headers
	}
	var b strings.Builder
	for _, w := range l.Wrap {
		if strings.HasPrefix(w, "<") {
			fmt.Fprintf(&b, "#include %s\n", w)
		} else {
			fmt.Fprintf(&b, "#include %q\n", w)
		}
	}
	p := filepath.Join(dir, l.Name+"_wrapper.h")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return append([]string{p}, l.Headers...)
}
