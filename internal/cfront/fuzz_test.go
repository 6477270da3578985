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
