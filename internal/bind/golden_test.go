package bind

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/testenv"

	"github.com/spf13/pflag"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// A golden case is a txtar archive in testdata/golden:
//
//	-- flags --     optional: bind flags, one per line (--link z, --all, -D X=1)
//	-- input.h --   the header (other .h files may sit beside it)
//	-- want.rs --   the expected bindings
//	-- want.diag -- optional: the expected warnings, one per line
//
// Every want.rs is compiled by rustc, and every layout in the module is
// compared with gcc's.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/golden/*")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		if filepath.Ext(file) != ".txtar" {
			t.Errorf("%s: not a .txtar golden case; remove it", file)
			continue
		}
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) { runGolden(t, file) })
	}
}

func runGolden(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var flags []string
	sections := map[string]int{}
	for i, f := range ar.Files {
		sections[f.Name] = i
		switch {
		case f.Name == "flags":
			flags = strings.Fields(string(f.Data))
		case strings.HasPrefix(f.Name, "want."):
		default:
			p := filepath.Join(dir, f.Name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, f.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, ok := sections["input.h"]; !ok {
		t.Fatal("case has no input.h")
	}
	fs := pflag.NewFlagSet("golden", pflag.ContinueOnError)
	var bf Flags
	bf.Register(fs)
	if err := fs.Parse(flags); err != nil {
		t.Fatalf("flags: %v", err)
	}
	opts, err := bf.Options([]string{filepath.Join(dir, "input.h")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	res, err := Run(opts, diags)
	if err != nil {
		t.Fatalf("bind: %v", err)
	}
	// Positions name the temp dir; make them relative for the golden.
	var gotDiag bytes.Buffer
	diags.Sort()
	for _, d := range diags.Items {
		gotDiag.WriteString(strings.ReplaceAll(d.String(), dir+string(filepath.Separator), ""))
		gotDiag.WriteByte('\n')
	}
	got := res.Rust

	// Determinism: a second run gives the same bytes.
	res2, err := Run(opts, &diag.List{})
	if err != nil || !bytes.Equal(res2.Rust, got) {
		t.Errorf("second run differs (err=%v)", err)
	}

	if *update {
		setSection(ar, "want.rs", got)
		if gotDiag.Len() > 0 {
			setSection(ar, "want.diag", gotDiag.Bytes())
		} else {
			dropSection(ar, "want.diag")
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		want := section(ar, "want.rs")
		if want == nil {
			t.Fatal("case has no want.rs; run go test -update")
		}
		if !bytes.Equal(want, got) {
			t.Errorf("bindings differ from want.rs (run with -update to accept):\n%s", lineDiff(want, got))
		}
		if wd := section(ar, "want.diag"); !bytes.Equal(wd, gotDiag.Bytes()) && !(wd == nil && gotDiag.Len() == 0) {
			t.Errorf("diagnostics differ:\nwant:\n%s\ngot:\n%s", wd, gotDiag.Bytes())
		}
	}

	rs := filepath.Join(dir, "bindings.rs")
	if err := os.WriteFile(rs, got, 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.RustcLib(t, rs)
	checkRustfmt(t, rs)
	checkLayoutsAgainstGCC(t, res.Module, opts)
}

func checkRustfmt(t *testing.T, rs string) {
	t.Helper()
	rustfmt := testenv.NeedTool(t, "rustfmt")
	testenv.Run(t, filepath.Dir(rs), rustfmt, "--edition=2021", "--check", rs)
}

func section(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(ar *txtar.Archive, name string, data []byte) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}

func dropSection(ar *txtar.Archive, name string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files = append(ar.Files[:i], ar.Files[i+1:]...)
			return
		}
	}
}

// lineDiff shows the first differing lines, enough to act on.
func lineDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			fmt.Fprintf(&b, "line %d:\n  want: %s\n  got:  %s\n", i+1, w, g)
			if shown++; shown == 10 {
				break
			}
		}
	}
	return b.String()
}
