package cfront_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/internal/cfront"
	"ferry/internal/diag"
	"ferry/internal/layout"

	"github.com/rogpeppe/go-internal/txtar"
)

// fuzzTimeout bounds one input. A header of the fuzzer's size (a few KiB)
// loads in well under a second; ten seconds means a hang, not a slow
// machine.
const fuzzTimeout = 10 * time.Second

// FuzzLoad feeds header text through the C front end and the layout engine:
// they must never panic, never hang, and fail only with a positioned
// diagnostic. Run it with
//
//	go test ./internal/cfront -run '^$' -fuzz FuzzLoad -fuzztime 30s
//
// Crashers land in testdata/fuzz/FuzzLoad and are replayed by `go test`.
func FuzzLoad(f *testing.F) {
	for _, s := range cSeeds(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 || bytes.Contains(src, []byte("#include")) && bytes.Contains(src, []byte("/dev/")) {
			// Big inputs only slow the fuzzer down; device files are the
			// user's choice (a header that includes /dev/zero never ends
			// for gcc either).
			t.Skip()
		}
		dir := t.TempDir()
		h := filepath.Join(dir, "fuzz.h")
		if err := os.WriteFile(h, src, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan struct{})
		var loadErr error
		go func() {
			defer close(done)
			diags := &diag.List{}
			m, err := cfront.Load(cfront.Options{Headers: []string{h}}, diags)
			loadErr = err
			if err != nil {
				return
			}
			layout.Compute(m, layout.Options{}, diags)
		}()
		select {
		case <-done:
		case <-time.After(fuzzTimeout):
			t.Fatalf("cfront.Load did not finish within %v on:\n%q", fuzzTimeout, src)
		}
		if loadErr != nil {
			var d *diag.Diagnostic
			if !errors.As(loadErr, &d) {
				t.Fatalf("error is not a diagnostic: %v", loadErr)
			}
			if d.Code == "B113" {
				t.Fatalf("internal error (recovered panic): %v", d)
			}
		}
	})
}

// cSeeds returns the headers of the repository's testdata: cfront's own
// and the C sections of bind's and check's goldens.
func cSeeds(f *testing.F) [][]byte {
	var out [][]byte
	add := func(pattern string) {
		files, _ := filepath.Glob(pattern)
		for _, p := range files {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if !strings.HasSuffix(p, ".txtar") {
				out = append(out, b)
				continue
			}
			for _, file := range txtar.Parse(b).Files {
				if strings.HasSuffix(file.Name, ".h") {
					out = append(out, file.Data)
				}
			}
		}
	}
	add("testdata/*.h")
	add("../layout/testdata/*.h")
	add("../bind/testdata/golden/*.txtar")
	add("../check/testdata/corpus/*.txtar")
	// Small hand-written cases for corners the goldens do not reach.
	out = append(out,
		[]byte("#define A(x) x x\n#define B A(A(A(A(1))))\nint f(int a[B]);\n"),
		[]byte("struct s { int a : 3; char b : 7; } __attribute__((packed));\n"),
		[]byte("#pragma pack(push, 1)\nstruct p { char c; long l; };\n#pragma pack(pop)\n"),
		[]byte("typedef int (*fp)(int (*)(void), ...);\nenum e { A = 1ull << 63, B };\n"),
		[]byte("int \xff\xfe(void);\n"),
		[]byte{0, 1, 2, 3, 0xff},
	)
	return out
}

// loadWithin runs cfront.Load on src with a deadline.
func loadWithin(t *testing.T, src string, limit time.Duration) error {
	t.Helper()
	dir := t.TempDir()
	h := filepath.Join(dir, "rec.h")
	if err := os.WriteFile(h, []byte(strings.ReplaceAll(src, "SELF", h)), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := cfront.Load(cfront.Options{Headers: []string{h}}, &diag.List{})
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("cfront.Load did not finish within %v", limit)
	}
	return nil
}

// A header that includes itself without a guard is an input error with a
// position, found quickly (it once took minutes and 12 GB).
func TestRecursiveInclude(t *testing.T) {
	for _, src := range []string{
		"#include \"rec.h\"\nint f(void);\n",
		"#include \"SELF\"\n",
	} {
		err := loadWithin(t, src, 20*time.Second)
		var d *diag.Diagnostic
		if !errors.As(err, &d) || !d.Pos.IsValid() || d.Code == "B113" {
			t.Errorf("%q: got %v, want a positioned input error", src, err)
		}
	}
}

// Guarded cycles are fine: a.h and b.h include each other, as real
// libraries' headers do.
func TestGuardedCycle(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.h"), []byte("/* a */\n#ifndef A_H\n#define A_H\n#include \"b.h\"\nint a(void);\n#endif\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.h"), []byte("#pragma once\n#include \"a.h\"\nint b(void);\n"), 0o644)
	m, err := cfront.Load(cfront.Options{Headers: []string{filepath.Join(dir, "a.h")}}, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Decls) != 2 {
		t.Errorf("got %d declarations, want a and b", len(m.Decls))
	}
}

// An exponential macro is stopped by the expansion limit within seconds,
// with a positioned error.
func TestMacroBomb(t *testing.T) {
	src := "#define A(x) x x x x x x x x\n#define B(x) A(A(A(A(x))))\n#define C B(B(B(B(1))))\nint f(int a[C]);\n"
	start := time.Now()
	err := loadWithin(t, src, 20*time.Second)
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Pos.Line != 4 || !strings.Contains(d.Message, "expansion limit") {
		t.Errorf("got %v, want an expansion-limit error at line 4", err)
	}
	t.Logf("stopped after %v", time.Since(start))
}
