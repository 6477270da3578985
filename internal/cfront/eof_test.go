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
