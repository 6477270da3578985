package inline

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/diag"
	"ferry/internal/testenv"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want.* sections of testdata/*.txtar")

// A case is a txtar archive in testdata:
//
//	-- input.h --    the header
//	-- ext.c --      optional: C definitions of the header's extern functions
//	-- main.rs --    optional: a Rust program (with `mod inline_fns;`) that
//	                 calls the output and panics on a wrong value
//	-- want.rs --    the Rust module (RustModule of both tiers)
//	-- want.c --     the C wrapper file
//	-- want.diag --  the diagnostics and the summary line
//
// With main.rs, the wrapper and ext.c are compiled by gcc into a static
// library, main.rs by rustc against it, and the program must print "ok".
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, file := range files {
		if filepath.Ext(file) != ".txtar" {
			t.Errorf("%s: not a .txtar case; remove it", file)
			continue
		}
		n++
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) { runCase(t, file) })
	}
	if n == 0 {
		t.Fatal("no cases")
	}
}

func runCase(t *testing.T, file string) {
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range ar.Files {
		if strings.HasPrefix(f.Name, "want.") {
			continue
		}
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	header := filepath.Join(dir, "input.h")
	gen := func() (rs, c, diags []byte) {
		dl := &diag.List{}
		m, err := cfront.Load(cfront.Options{Headers: []string{header}}, dl)
		if err != nil {
			t.Fatalf("cfront: %v", err)
		}
		dl = &diag.List{}
		rust, cw, ext, stats := Translate(m, Options{Includes: []string{`"input.h"`}}, dl)
		dl.Sort()
		var db bytes.Buffer
		for _, d := range dl.Items {
			db.WriteString(strings.ReplaceAll(d.String(), dir+string(filepath.Separator), "") + "\n")
		}
		db.WriteString(stats.String() + "\n")
		return Format(RustModule(rust, ext), "2021"), cw, db.Bytes()
	}
	rs, cw, dg := gen()
	rs2, cw2, dg2 := gen()
	if !bytes.Equal(rs, rs2) || !bytes.Equal(cw, cw2) || !bytes.Equal(dg, dg2) {
		t.Errorf("two runs differ")
	}
	got := map[string][]byte{"want.rs": rs, "want.c": cw, "want.diag": dg}
	if *update {
		for _, name := range []string{"want.rs", "want.c", "want.diag"} {
			setSection(ar, name, got[name])
		}
		if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
			t.Fatal(err)
		}
	} else {
		for _, name := range []string{"want.rs", "want.c", "want.diag"} {
			if want := section(ar, name); !bytes.Equal(want, got[name]) {
				t.Errorf("%s differs (go test -update to accept):\n--- want\n%s\n--- got\n%s", name, want, got[name])
			}
		}
	}
	if section(ar, "main.rs") == nil {
		return
	}
	rsPath := filepath.Join(dir, "inline_fns.rs")
	if err := os.WriteFile(rsPath, rs, 0o644); err != nil {
		t.Fatal(err)
	}
	rustfmt := testenv.NeedTool(t, "rustfmt")
	testenv.Run(t, dir, rustfmt, "--edition=2021", "--check", rsPath)

	gcc := testenv.NeedTool(t, "gcc")
	ar2 := testenv.NeedTool(t, "ar")
	if err := os.WriteFile(filepath.Join(dir, "wrap.c"), cw, 0o644); err != nil {
		t.Fatal(err)
	}
	objs := []string{"wrap.o"}
	testenv.Run(t, dir, gcc, "-Wall", "-Werror", "-fPIC", "-c", "wrap.c", "-o", "wrap.o")
	if section(ar, "ext.c") != nil {
		testenv.Run(t, dir, gcc, "-Wall", "-fPIC", "-c", "ext.c", "-o", "ext.o")
		objs = append(objs, "ext.o")
	}
	testenv.Run(t, dir, ar2, append([]string{"crs", "libwrap.a"}, objs...)...)
	exe := testenv.RustcBin(t, filepath.Join(dir, "main.rs"), "-D", "warnings", "-L", dir, "-l", "static=wrap")
	out := testenv.Run(t, dir, exe)
	if strings.TrimSpace(string(out)) != "ok" {
		t.Fatalf("program printed %q, want ok", out)
	}
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
