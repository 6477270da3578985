package bind_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/internal/bind"
	"ferry/internal/diag"
	"ferry/internal/rustfront"

	"github.com/rogpeppe/go-internal/txtar"
)

// fuzzTimeout bounds one input: a few KiB of header bind in milliseconds.
const fuzzTimeout = 10 * time.Second

// FuzzBind runs the whole bind pipeline on header text. It must not panic
// or hang; a failure is a positioned diagnostic; the output is the same on
// a second run and parses as Rust. Run it with
//
//	go test ./internal/bind -run '^$' -fuzz FuzzBind -fuzztime 30s -fuzzminimizetime 0
func FuzzBind(f *testing.F) {
	paths, _ := filepath.Glob("testdata/golden/*.txtar")
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range ar.Files {
			if strings.HasSuffix(file.Name, ".h") {
				f.Add(file.Data)
			}
		}
	}
	f.Add([]byte("struct s { int a : 3; unsigned b : 31; long c; };\nunion u { struct s s; char c[3]; };\n"))
	f.Add([]byte("enum e { A = -1, B = 0xffffffff };\ntypedef enum e e_t;\nvoid f(e_t, union { int i; } *);\n"))
	f.Add([]byte("#define S \"a\\xff\"\n#define N (1 << 31)\n#define F 1.5e300\nextern const char *const names[];\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if len(src) > 64<<10 || bytes.Contains(src, []byte("#include")) && bytes.Contains(src, []byte("/dev/")) {
			t.Skip() // see cfront's FuzzLoad
		}
		h := filepath.Join(t.TempDir(), "fuzz.h")
		if err := os.WriteFile(h, src, 0o644); err != nil {
			t.Fatal(err)
		}
		type out struct {
			rust []byte
			err  error
		}
		run := func() out {
			c := make(chan out, 1)
			go func() {
				res, err := bind.Run(bind.Options{Headers: []string{h}}, &diag.List{})
				if err != nil {
					c <- out{err: err}
					return
				}
				c <- out{rust: res.Rust}
			}()
			select {
			case o := <-c:
				return o
			case <-time.After(fuzzTimeout):
				t.Fatalf("bind did not finish within %v on:\n%q", fuzzTimeout, src)
			}
			return out{}
		}
		a := run()
		if a.err != nil {
			var d *diag.Diagnostic
			if !errors.As(a.err, &d) {
				t.Fatalf("error is not a diagnostic: %v", a.err)
			}
			if d.Code == "B113" {
				t.Fatalf("internal error (recovered panic): %v", d)
			}
			return
		}
		if b := run(); !bytes.Equal(a.rust, b.rust) {
			t.Fatalf("two runs differ on:\n%q", src)
		}
		diags := &diag.List{}
		if _, err := rustfront.ParseFile("out.rs", a.rust, rustfront.Options{}, diags); err != nil || diags.HasErrors() {
			var msgs []string
			for _, d := range diags.Items {
				msgs = append(msgs, d.String())
			}
			t.Fatalf("generated Rust does not parse: %v %s\ninput:\n%q\noutput:\n%s", err, strings.Join(msgs, "\n"), src, a.rust)
		}
	})
}
