package cfront

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/internal/diag"
)

// A header that ends right after a pointer's `*` made cc/v4's parser loop
// forever (found by FuzzLoad). Each must fail fast with a positioned error.
func TestTruncatedHeaderEndsFast(t *testing.T) {
	for _, src := range []string{
		"int *",
		"struct s { int *",
		"typedef int *",
		"int * const",
		"int * _Nonnull",
		"int f(int a",
		"typedef int (*visit_fn)(void *ctx);\nint walk(visit_fn v, void *",
	} {
		dir := t.TempDir()
		h := filepath.Join(dir, "t.h")
		if err := os.WriteFile(h, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() {
			_, err := Load(Options{Headers: []string{h}}, &diag.List{})
			done <- err
		}()
		select {
		case err := <-done:
			d, ok := err.(*diag.Diagnostic)
			if !ok || d.Pos.File != h || d.Pos.Line == 0 || !strings.Contains(d.Code, "B110") {
				t.Errorf("%q: got %v, want a B110 error positioned in t.h", src, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%q: Load did not finish", src)
		}
	}
}

// The sentinel that prevents the hang must not show up in the module.
func TestEOFSentinelNotInModule(t *testing.T) {
	dir := t.TempDir()
	h := filepath.Join(dir, "t.h")
	os.WriteFile(h, []byte("int ok(void);\n"), 0o644)
	m, err := Load(Options{Headers: []string{h}, All: true}, &diag.List{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range m.Decls {
		if strings.Contains(d.DeclName(), "__ferry_eof") || strings.HasPrefix(d.DeclPos().File, "<") {
			t.Errorf("pseudo declaration %s at %s in the module", d.DeclName(), d.DeclPos())
		}
	}
	for _, f := range m.Files {
		if strings.HasPrefix(f, "<") {
			t.Errorf("pseudo source %s in Module.Files", f)
		}
	}
}

// A line continuation that ends the source made cc/v4's scanner read past
// its buffer (found by FuzzLoad); on the read-ahead goroutine the panic
// ended the process. As with GCC, a backslash-newline at the end ends the
// last line; stray backslashes are an input error.
func TestContinuationAtEOF(t *testing.T) {
	for src, binds := range map[string]bool{
		"int f(void);\\\n":          true,
		"int f(void);\\\r\n":        true,
		"int f(void); /* c */ \\\n": true,
		"int f(void);\\":            true, // the scanner adds the new-line
		"int f(void);\\\\\\\\":      false,
	} {
		dir := t.TempDir()
		h := filepath.Join(dir, "t.h")
		if err := os.WriteFile(h, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		m, err := Load(Options{Headers: []string{h}}, &diag.List{})
		switch {
		case !binds:
			if d, ok := err.(*diag.Diagnostic); !ok || d.Code != "B110" {
				t.Errorf("%q: got %v, want a B110 error", src, err)
			}
		case err != nil:
			t.Errorf("%q: %v", src, err)
		case len(m.Decls) == 0:
			t.Errorf("%q: no declaration of f", src)
		}
	}
}
