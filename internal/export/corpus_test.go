package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"ferry/internal/cgen"
	"ferry/internal/diag"
	"ferry/internal/rustfront"
	"ferry/internal/testenv"

	"golang.org/x/tools/txtar"
)

// The corpus (testdata/corpus/*.txtar) holds small Rust FFI modules of the
// kinds cbindgen's users write. Each case is a crate: lib.rs (or src/lib.rs
// plus module files) and an optional ferry.toml, with the expected header
// (want.h) and diagnostics (want.diag). Beyond the golden comparison every
// case is held to what a user needs of the header:
//
//   - it compiles as C11 and C++17 with -Wall -Werror, as C99 with
//     -pedantic (unless the case's comment says "flags: no-c99"), and the
//     --lang c++ output compiles with g++;
//   - every #[no_mangle] / #[export_name] function and static, found by a
//     scan of the Rust text independent of rustfront, is declared;
//   - the crate, built by rustc as a staticlib with a layout probe added,
//     links with a C program that takes the address of every unguarded
//     function and static the header declares, and the sizes, alignments
//     and field offsets the two compilers print agree.

func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/corpus/*.txtar")
	if len(files) == 0 {
		t.Fatal("no corpus cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want.") {
					p := filepath.Join(dir, f.Name)
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					writeFile(t, filepath.Dir(p), filepath.Base(p), f.Data)
				}
			}
			res, diags := exportDir(t, dir, ar, Options{Guard: "TEST_H"})
			again, _ := exportDir(t, dir, ar, Options{Guard: "TEST_H"})
			if !bytes.Equal(res.Header, again.Header) {
				t.Fatal("output is not deterministic")
			}
			compareGoldens(t, file, ar, map[string][]byte{"want.h": res.Header, "want.diag": []byte(diags)})

			flags := string(ar.Comment)
			out := t.TempDir()
			writeFile(t, out, "test.h", res.Header)
			compileHeader(t, out)
			if !strings.Contains(flags, "no-c99") {
				gcc := testenv.NeedTool(t, "gcc")
				testenv.Run(t, out, gcc, "-std=c99", "-pedantic", "-Wall", "-Werror", "-c", "use.c", "-o", "use99.o")
			}
			cxx, _ := exportDir(t, dir, ar, Options{Guard: "TEST_H", Lang: cgen.LangCXX})
			writeFile(t, out, "test.hpp", cxx.Header)
			writeFile(t, out, "usexx.cc", []byte("#include \"test.hpp\"\nint main() { return 0; }\n"))
			gxx := testenv.NeedTool(t, "g++")
			testenv.Run(t, out, gxx, "-std=c++17", "-Wall", "-Wextra", "-Werror", "-c", "usexx.cc", "-o", "usexx.o")

			for _, s := range exportedSymbols(ar) {
				re := regexp.MustCompile(`\b` + regexp.QuoteMeta(s.name) + `\s*\(`)
				if !s.fn {
					re = regexp.MustCompile(`extern\b[^;]*\b` + regexp.QuoteMeta(s.name) + `\b`)
				}
				if re.Match(res.Header) {
					continue
				}
				// Left out only with an error that names it.
				if !regexp.MustCompile("(?m)error.*`" + regexp.QuoteMeta(s.name) + "`").MatchString(diags) {
					t.Errorf("exported %s `%s` is neither declared in the header nor reported", map[bool]string{true: "function", false: "static"}[s.fn], s.name)
				}
			}
			if !strings.Contains(flags, "no-probe") && !strings.Contains(diags, "error[") {
				probeCrate(t, dir, out, ar, res)
			}
		})
	}
}

// exportDir runs the pipeline on a crate directory, as `ferry export DIR`
// does; positions in the diagnostics are made relative to dir.
func exportDir(t *testing.T, dir string, ar *txtar.Archive, opts Options) (*Result, string) {
	t.Helper()
	diags := &diag.List{}
	cfg := &Config{}
	for _, f := range ar.Files {
		if f.Name == "ferry.toml" {
			c, err := ParseConfig("ferry.toml", f.Data, diags)
			if err != nil {
				t.Fatalf("config: %v", err)
			}
			cfg = c
		}
	}
	m, err := rustfront.LoadCrate(dir, rustfront.Options{Aggregates: true}, diags)
	if err != nil {
		t.Fatal(err)
	}
	opts.Source = "lib.rs"
	res := Run(m, cfg, opts, diags)
	diags.Sort()
	var db strings.Builder
	for _, d := range diags.Items {
		db.WriteString(d.String() + "\n")
		for _, n := range d.Notes {
			fmt.Fprintf(&db, "  %s: note: %s\n", n.Pos, n.Message)
		}
	}
	return res, strings.ReplaceAll(db.String(), dir+string(filepath.Separator), "")
}

// compareGoldens checks (or, with -update, rewrites) the want.* files.
func compareGoldens(t *testing.T, file string, ar *txtar.Archive, got map[string][]byte) {
	t.Helper()
	if *update {
		var keep []txtar.File
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want.") {
				keep = append(keep, f)
			}
		}
		for _, n := range []string{"want.h", "want.diag"} {
			if g := got[n]; len(g) > 0 {
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
}

type symbol struct {
	name string
	fn   bool
}

// symbolRE finds items with an unmangled symbol in Rust text: the
// attribute, any further attributes and doc lines, then the item head.
var symbolRE = regexp.MustCompile(`#\[\s*(?:unsafe\s*\(\s*)?(no_mangle|export_name\s*=\s*"([^"]+)")\s*\)?\s*\]` +
	`(?:\s*#\[[^\]]*\]|\s*///[^\n]*|\s)*` +
	`(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?(?:extern\s+"([^"]+)"\s+)?(fn|static\s+mut|static)\s+(\w+)`)

// exportedSymbols scans the case's Rust files for functions and statics
// C can link to: extern "C"-family fns and statics with an unmangled name.
func exportedSymbols(ar *txtar.Archive) []symbol {
	var out []symbol
	for _, f := range ar.Files {
		if !strings.HasSuffix(f.Name, ".rs") {
			continue
		}
		for _, m := range symbolRE.FindAllStringSubmatch(string(f.Data), -1) {
			name := m[5]
			if m[2] != "" {
				name = m[2]
			}
			isFn := m[4] == "fn"
			if isFn && m[3] == "" && !strings.Contains(m[0], `extern "`) && !strings.Contains(m[0], "extern fn") {
				continue // Rust ABI: not callable from C
			}
			out = append(out, symbol{name, isFn})
		}
	}
	return out
}

// probeCrate builds the crate plus a layout probe as a staticlib, links it
// with a C program that prints the same facts from the header and takes
// the address of every declared symbol, and compares the two halves.
func probeCrate(t *testing.T, dir, out string, ar *txtar.Archive, res *Result) {
	t.Helper()
	rustc := testenv.NeedTool(t, "rustc")
	gcc := testenv.NeedTool(t, "gcc")
	root := filepath.Join(dir, "lib.rs")
	if _, err := os.Stat(root); err != nil {
		root = filepath.Join(dir, "src", "lib.rs")
	}
	src, err := os.ReadFile(root)
	if err != nil {
		t.Fatal(err)
	}
	var rs, cs strings.Builder
	rs.Write(src)
	rs.WriteString("\n#[doc(hidden)]\n#[no_mangle]\npub extern \"C\" fn ferry_probe_rust() {\n")
	cs.WriteString("#include <stddef.h>\n#include <stdio.h>\n#include \"test.h\"\n\nvoid ferry_probe_rust(void);\n\n")
	syms := append([]string(nil), res.Symbols...)
	sort.Strings(syms)
	cs.WriteString("static void *const ferry_syms[] = {\n  (void *)0,\n")
	for _, s := range syms {
		fmt.Fprintf(&cs, "  (void *)&%s,\n", s)
	}
	cs.WriteString("};\n\nint main(void) {\n  size_t i, n = 0;\n")
	cs.WriteString("  for (i = 0; i < sizeof ferry_syms / sizeof ferry_syms[0]; i++) n += ferry_syms[i] != 0;\n")
	fmt.Fprintf(&cs, "  if (n != %d) return 1;\n", len(syms))
	// Every unguarded constant macro must expand to a valid expression.
	for _, m := range regexp.MustCompile(`(?m)^#define (\w+) `).FindAllSubmatch(res.Header, -1) {
		fmt.Fprintf(&cs, "#ifdef %s\n  (void)(%s);\n#endif\n", m[1], m[1])
	}
	for _, p := range res.Types {
		fmt.Fprintf(&rs, "    println!(\"%s {} {}\", core::mem::size_of::<%s>(), core::mem::align_of::<%s>());\n", p.C, p.Rust, p.Rust)
		fmt.Fprintf(&cs, "  printf(\"%s %%zu %%zu\\n\", sizeof(%s), _Alignof(%s));\n", p.C, p.C, p.C)
		for _, f := range p.Fields {
			fmt.Fprintf(&rs, "    println!(\"%s.%s {}\", core::mem::offset_of!(%s, %s));\n", p.C, f.C, p.Rust, f.Rust)
			fmt.Fprintf(&cs, "  printf(\"%s.%s %%zu\\n\", offsetof(%s, %s));\n", p.C, f.C, p.C, f.C)
		}
	}
	rs.WriteString("}\n")
	cs.WriteString("  printf(\"--\\n\");\n  fflush(stdout);\n  ferry_probe_rust();\n  return 0;\n}\n")
	if err := os.WriteFile(root, []byte(rs.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	writeFile(t, out, "probe.c", []byte(cs.String()))
	lib := filepath.Join(out, "libprobe.a")
	testenv.Run(t, dir, rustc, "--edition=2021", "--crate-type=staticlib", "--crate-name=probe", "-A", "warnings", "-o", lib, root)
	testenv.Run(t, out, gcc, "-std=c11", "-Wall", "-Werror", "-Wno-deprecated-declarations", "-o", "probe", "probe.c", lib, "-lpthread", "-ldl", "-lm")
	got := string(testenv.Run(t, out, filepath.Join(out, "probe")))
	c, r, ok := strings.Cut(got, "--\n")
	if !ok {
		t.Fatalf("probe output has no separator:\n%s", got)
	}
	if c != r {
		t.Errorf("layouts differ:\n--- gcc\n%s--- rustc\n%s", c, r)
	}
}
