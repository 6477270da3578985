package export

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/rustfront"
	"ferry/internal/testenv"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want files of testdata/golden")

// runCase exports the lib.rs (and ferry.toml) of a txtar archive.
func runCase(t *testing.T, ar *txtar.Archive) (*Result, string) {
	t.Helper()
	var src, conf []byte
	for _, f := range ar.Files {
		switch f.Name {
		case "lib.rs":
			src = f.Data
		case "ferry.toml":
			conf = f.Data
		}
	}
	diags := &diag.List{}
	cfg := &Config{}
	if conf != nil {
		c, err := ParseConfig("ferry.toml", conf, diags)
		if err != nil {
			t.Fatalf("config: %v", err)
		}
		cfg = c
	}
	m, err := rustfront.ParseFile("lib.rs", src, rustfront.Options{Aggregates: true}, diags)
	if err != nil {
		t.Fatal(err)
	}
	res := Run(m, cfg, Options{Guard: "TEST_H"}, diags)
	diags.Sort()
	var db strings.Builder
	for _, d := range diags.Items {
		db.WriteString(d.String() + "\n")
		for _, n := range d.Notes {
			fmt.Fprintf(&db, "  %s: note: %s\n", n.Pos, n.Message)
		}
	}
	return res, db.String()
}

func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/golden/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			res, diags := runCase(t, ar)
			again, _ := runCase(t, ar)
			if !bytes.Equal(res.Header, again.Header) || !bytes.Equal(res.Shims, again.Shims) {
				t.Fatal("output is not deterministic")
			}
			got := map[string][]byte{"want.h": res.Header, "want.diag": []byte(diags)}
			if res.Shims != nil {
				got["want.rs"] = res.Shims
			}
			if *update {
				var keep []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want.") {
						keep = append(keep, f)
					}
				}
				for _, n := range []string{"want.h", "want.rs", "want.diag"} {
					if g, ok := got[n]; ok && (n != "want.diag" || len(g) > 0) {
						keep = append(keep, txtar.File{Name: n, Data: g})
					}
				}
				ar.Files = keep
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			seen := map[string]bool{}
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want.") {
					continue
				}
				seen[f.Name] = true
				g, ok := got[f.Name]
				if !ok {
					t.Errorf("orphaned %s: the case produces no such output", f.Name)
					continue
				}
				if !bytes.Equal(g, f.Data) {
					t.Errorf("%s differs (run with -update):\n--- got\n%s\n--- want\n%s", f.Name, g, f.Data)
				}
			}
			for n, g := range got {
				if !seen[n] && len(g) > 0 {
					t.Errorf("missing %s in the case (run with -update):\n%s", n, g)
				}
			}
			if strings.Contains(diags, "error") {
				return // an error case: the header is not meant to be complete
			}
			dir := t.TempDir()
			writeFile(t, dir, "test.h", res.Header)
			compileHeader(t, dir)
			if res.Shims != nil {
				rustfmtCheck(t, dir, res.Shims)
			}
			checkLayouts(t, dir, ar, res)
		})
	}
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// compileHeader compiles test.h as C11 and as C++17 with warnings as errors.
func compileHeader(t *testing.T, dir string) {
	t.Helper()
	gcc := testenv.NeedTool(t, "gcc")
	gxx := testenv.NeedTool(t, "g++")
	writeFile(t, dir, "use.c", []byte("#include \"test.h\"\n#include \"test.h\"\nint main(void) { return 0; }\n"))
	writeFile(t, dir, "use.cc", []byte("#include \"test.h\"\nint main() { return 0; }\n"))
	testenv.Run(t, dir, gcc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-c", "use.c", "-o", "use_c.o")
	testenv.Run(t, dir, gxx, "-std=c++17", "-Wall", "-Werror", "-c", "use.cc", "-o", "use_cc.o")
}

func rustfmtCheck(t *testing.T, dir string, shims []byte) {
	t.Helper()
	rf := testenv.NeedTool(t, "rustfmt")
	p := writeFile(t, dir, "shims_fmt.rs", shims)
	testenv.Run(t, dir, rf, "--check", "--edition", "2021", p)
}

// checkLayouts compares C's sizeof/_Alignof of every complete type in the
// header with rustc's size_of/align_of of the Rust type it mirrors.
func checkLayouts(t *testing.T, dir string, ar *txtar.Archive, res *Result) {
	t.Helper()
	if len(res.Types) == 0 {
		return
	}
	rustc := testenv.NeedTool(t, "rustc")
	gcc := testenv.NeedTool(t, "gcc")
	var src []byte
	for _, f := range ar.Files {
		if f.Name == "lib.rs" {
			src = f.Data
		}
	}
	var rs, cs strings.Builder
	rs.WriteString("#![allow(dead_code, unused)]\n")
	rs.Write(src)
	rs.WriteString("\nfn main() {\n")
	cs.WriteString("#include <stdio.h>\n#include \"test.h\"\nint main(void) {\n")
	for _, p := range res.Types {
		fmt.Fprintf(&rs, "    println!(\"%s {} {}\", core::mem::size_of::<%s>(), core::mem::align_of::<%s>());\n", p.C, p.Rust, p.Rust)
		fmt.Fprintf(&cs, "  printf(\"%s %%zu %%zu\\n\", sizeof(%s), _Alignof(%s));\n", p.C, p.C, p.C)
	}
	rs.WriteString("}\n")
	cs.WriteString("  return 0;\n}\n")
	writeFile(t, dir, "probe.rs", []byte(rs.String()))
	writeFile(t, dir, "probe.c", []byte(cs.String()))
	testenv.Run(t, dir, rustc, "--edition=2021", "-o", "probe_rs", "probe.rs")
	testenv.Run(t, dir, gcc, "-std=c11", "-o", "probe_c", "probe.c")
	r := testenv.Run(t, dir, filepath.Join(dir, "probe_rs"))
	c := testenv.Run(t, dir, filepath.Join(dir, "probe_c"))
	if !bytes.Equal(r, c) {
		t.Errorf("layouts differ:\n--- rustc\n%s--- gcc\n%s", r, c)
	}
}

// TestEndToEnd builds testdata/e2e/lib.rs plus its generated shims as a
// staticlib, links a C program compiled against the generated header, and
// runs it: happy paths, NULL with a nonzero length, invalid UTF-8, a panic.
func TestEndToEnd(t *testing.T) {
	rustc := testenv.NeedTool(t, "rustc")
	gcc := testenv.NeedTool(t, "gcc")
	src, err := os.ReadFile("testdata/e2e/lib.rs")
	if err != nil {
		t.Fatal(err)
	}
	diags := &diag.List{}
	m, _ := rustfront.ParseFile("lib.rs", src, rustfront.Options{}, diags)
	res := Run(m, &Config{Functions: []string{"crate::sum_checked as sum"}}, Options{Guard: "E2E_H"}, diags)
	if diags.HasErrors() {
		t.Fatalf("export: %v", diags.Items)
	}
	dir := t.TempDir()
	writeFile(t, dir, "e2e.h", res.Header)
	writeFile(t, dir, "ferry_shims.rs", res.Shims)
	writeFile(t, dir, "lib.rs", append(src, []byte("\nmod ferry_shims;\n")...))
	mainC, err := os.ReadFile("testdata/e2e/main.c")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "main.c", mainC)
	testenv.Run(t, dir, rustc, "--edition=2021", "--crate-type=staticlib", "--crate-name=e2e", "-o", "libe2e.a", "lib.rs")
	testenv.Run(t, dir, gcc, "-std=c11", "-Wall", "-Werror", "-o", "main", "main.c", "libe2e.a", "-lpthread", "-ldl", "-lm")
	cmd := exec.Command(filepath.Join(dir, "main"))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("main: %v\n%s%s", err, out.String(), errb.String())
	}
	want, _ := os.ReadFile("testdata/e2e/want.txt")
	if out.String() != string(want) {
		t.Errorf("output:\n%s\nwant:\n%s\nstderr:\n%s", out.String(), want, errb.String())
	}
	if !strings.Contains(errb.String(), "boom") {
		t.Errorf("expected the panic message on stderr, got %q", errb.String())
	}
}

// TestCodesDocumented keeps every code constant in the Codes table.
func TestCodesDocumented(t *testing.T) {
	var got []string
	for _, c := range Codes {
		if !strings.HasPrefix(c.Code, "E3") || c.Explain == "" {
			t.Errorf("bad code entry %+v", c)
		}
		got = append(got, c.Code)
	}
	if !sort.StringsAreSorted(got) {
		t.Errorf("codes not sorted: %v", got)
	}
}
