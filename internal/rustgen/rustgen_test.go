package rustgen_test

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"
)

var update = flag.Bool("update", false, "rewrite testdata goldens")

// emit lays out and emits a case's module, returning the Rust text and the
// rendered diagnostics.
func emit(t testing.TB, c goldenCase) ([]byte, string) {
	t.Helper()
	m := c.build()
	var dl diag.List
	layout.Compute(m, layout.Options{}, &dl)
	out, err := rustgen.Emit(m, c.opts, &dl)
	if err != nil {
		t.Fatalf("%s: %v", c.name, err)
	}
	var ds strings.Builder
	for _, d := range dl.Items {
		fmt.Fprintf(&ds, "%s [%s]\n", d, d.Symbol)
	}
	return out, ds.String()
}

func TestGolden(t *testing.T) {
	used := map[string]bool{}
	for _, c := range goldenCases {
		rsPath := filepath.Join("testdata", c.name+".rs")
		diagPath := filepath.Join("testdata", c.name+".diag")
		used[filepath.Base(rsPath)], used[filepath.Base(diagPath)] = true, true
		t.Run(c.name, func(t *testing.T) {
			out, ds := emit(t, c)
			again, _ := emit(t, c)
			if !bytes.Equal(out, again) {
				t.Fatal("output differs between two runs")
			}
			if *update {
				if err := os.WriteFile(rsPath, out, 0o644); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(diagPath, []byte(ds), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(rsPath)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if !bytes.Equal(out, want) {
				t.Errorf("%s differs from the emitted output (run with -update):\n%s", rsPath, firstDiff(string(want), string(out)))
			}
			wantDiag, _ := os.ReadFile(diagPath)
			if ds != string(wantDiag) {
				t.Errorf("%s differs:\n--- want\n%s--- got\n%s", diagPath, wantDiag, ds)
			}
		})
	}
	ents, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if !used[e.Name()] {
			t.Errorf("testdata/%s is not used by any case (orphaned golden)", e.Name())
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return ""
}

// TestCompile compiles every golden with rustc (editions 2021 and 2024,
// warnings denied), which also evaluates the layout assertions, and checks
// that rustfmt would not change it.
func TestCompile(t *testing.T) {
	rustfmt := testenv.NeedTool(t, "rustfmt")
	for _, c := range goldenCases {
		t.Run(c.name, func(t *testing.T) {
			out, _ := emit(t, c)
			dir := t.TempDir()
			src := filepath.Join(dir, c.name+".rs")
			if err := os.WriteFile(src, out, 0o644); err != nil {
				t.Fatal(err)
			}
			testenv.RustcLib(t, src, "-D", "warnings")
			rustc2024(t, src)
			// Doc comments must not turn into failing doctests.
			if rustdoc, err := exec.LookPath("rustdoc"); err == nil {
				testenv.Run(t, dir, rustdoc, "--test", "--edition=2021", "--crate-type=lib", src)
			}
			cmd := exec.Command(rustfmt, "--check", "--edition", "2021", src)
			if msg, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("rustfmt --check: %v\n%s", err, msg)
			}
		})
	}
}

// rustc2024 compiles src as a 2024-edition library, warnings denied.
func rustc2024(t *testing.T, src string) {
	t.Helper()
	rustc := testenv.NeedTool(t, "rustc")
	dir := t.TempDir()
	testenv.Run(t, dir, rustc, "--edition=2024", "--crate-type=lib", "--emit=metadata", "-D", "warnings", "-o", filepath.Join(dir, "lib.rmeta"), src)
}

// TestIncludable checks the output works through include! inside a module
// (no inner attributes) next to a user item.
func TestIncludable(t *testing.T) {
	out, _ := emit(t, goldenCases[1])
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bindings.rs"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	lib := filepath.Join(dir, "lib.rs")
	src := "pub mod sys {\n    include!(\"bindings.rs\");\n}\npub fn size() -> usize {\n    core::mem::size_of::<sys::S>()\n}\n"
	if err := os.WriteFile(lib, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.RustcLib(t, lib, "-D", "warnings")
}

// TestAssertionsBite changes one number in the layout assertions of a
// golden and expects rustc to reject it: the assertions are evaluated.
func TestAssertionsBite(t *testing.T) {
	rustc := testenv.NeedTool(t, "rustc")
	out, _ := emit(t, goldenCases[1])
	for _, re := range []string{
		`(assert!\(::core::mem::offset_of!\(L, i\) == )1\)`,
		`(assert!\(::core::mem::size_of::<L>\(\) == )15\)`,
		`(assert!\(::core::mem::align_of::<L>\(\) == )16\)`,
	} {
		rx := regexp.MustCompile(re)
		if !rx.Match(out) {
			t.Fatalf("pattern %s not in the records golden", re)
		}
		bad := rx.ReplaceAll(out, []byte("${1}3)"))
		dir := t.TempDir()
		src := filepath.Join(dir, "bad.rs")
		if err := os.WriteFile(src, bad, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(rustc, "--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", filepath.Join(dir, "x.rmeta"), src)
		msg, err := cmd.CombinedOutput()
		if err == nil {
			t.Errorf("rustc accepted a wrong layout assertion (%s)", re)
		} else if !strings.Contains(string(msg), "assertion failed") {
			t.Errorf("rustc failed for another reason:\n%s", msg)
		}
	}
}

// TestBitfieldAccessors runs the generated accessors against values written
// by C (gcc) to prove bit placement and sign extension.
func TestBitfieldAccessors(t *testing.T) {
	gcc := testenv.NeedTool(t, "gcc")
	out, _ := emit(t, goldenCases[2])
	dir := t.TempDir()
	csrc := `#include <stdint.h>
#include <stdbool.h>
enum color { RED, GREEN, BLUE };
struct bits2 { char c; int x:7; int y:25; long long z:40; short s:3; };
struct bits4 { bool f1:1; bool f2:1; uint8_t k:3; uint64_t big:63; uint16_t w:9; };
struct bits5 { enum color col:2; int after; };
struct full64 { unsigned long long all:64; long long neg:64; int :3; int type:2; unsigned set_type:1; };
void fill2(struct bits2 *b) { b->c = 1; b->x = -3; b->y = 12345678; b->z = -549755813887LL; b->s = -2; }
void fill4(struct bits4 *b) { b->f1 = 0; b->f2 = 1; b->k = 5; b->big = 0x7fffffffffffff0fULL; b->w = 300; }
void fill5(struct bits5 *b) { b->col = BLUE; b->after = -1; }
void fill64(struct full64 *b) { b->all = 0xfedcba9876543210ULL; b->neg = -2; b->type = -1; b->set_type = 1; }
int check2(struct bits2 *b) { return b->c == 9 && b->x == 63 && b->y == -16777216 && b->z == 549755813887LL && b->s == 3; }
`
	if err := os.WriteFile(filepath.Join(dir, "fill.c"), []byte(csrc), 0o644); err != nil {
		t.Fatal(err)
	}
	testenv.Run(t, dir, gcc, "-c", "-fPIC", "-o", "fill.o", "fill.c")
	testenv.Run(t, dir, "ar", "rcs", "libfill.a", "fill.o")
	main := string(out) + `
unsafe extern "C" {
    fn fill2(b: *mut bits2);
    fn fill4(b: *mut bits4);
    fn fill5(b: *mut bits5);
    fn fill64(b: *mut full64);
    fn check2(b: *mut bits2) -> ::core::ffi::c_int;
}

fn main() {
    unsafe {
        let mut b2: bits2 = core::mem::zeroed();
        fill2(&mut b2);
        assert_eq!((b2.c, b2.x(), b2.y(), b2.z(), b2.s()), (1, -3, 12345678, -549755813887, -2));
        b2.c = 9;
        b2.set_x(63);
        b2.set_y(-16777216);
        b2.set_z(549755813887);
        b2.set_s(3);
        assert_eq!(check2(&mut b2), 1);
        let mut b4: bits4 = core::mem::zeroed();
        fill4(&mut b4);
        assert_eq!((b4.f1(), b4.f2(), b4.k(), b4.big(), b4.w()), (false, true, 5, 0x7fffffffffffff0f, 300));
        let mut b5: bits5 = core::mem::zeroed();
        fill5(&mut b5);
        assert_eq!((b5.col(), b5.after), (color::BLUE, -1));
        let mut b6: full64 = core::mem::zeroed();
        fill64(&mut b6);
        assert_eq!((b6.all(), b6.neg(), b6.r#type(), b6.set_type_1()), (0xfedcba9876543210, -2, -1, 1));
    }
    println!("ok");
}
`
	src := filepath.Join(dir, "main.rs")
	if err := os.WriteFile(src, []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := testenv.RustcBin(t, src, "-L", dir, "-l", "static=fill")
	if got := testenv.Run(t, dir, exe); strings.TrimSpace(string(got)) != "ok" {
		t.Fatalf("accessor program printed %q", got)
	}
}

func TestBadOptions(t *testing.T) {
	for _, o := range []rustgen.Options{{Edition: "2018"}, {LinkKind: "framework"}} {
		if _, err := rustgen.Emit(module(), o, nil); err == nil {
			t.Errorf("Emit(%+v) accepted invalid options", o)
		}
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range rustgen.Codes {
		if seen[c.Code] || !strings.HasPrefix(c.Code, "B1") || c.Title == "" || c.Explain == "" {
			t.Errorf("bad code entry %+v", c)
		}
		seen[c.Code] = true
		if strings.HasSuffix(c.Title, ".") || strings.ToLower(c.Title[:1]) != c.Title[:1] {
			t.Errorf("title of %s should be lower-case without a trailing period", c.Code)
		}
	}
}

// bigModule is a synthetic module shaped like a large library header.
func bigModule(n int) *ir.Module {
	m := module()
	for i := 0; i < n; i++ {
		s := fmt.Sprintf("rec_%d", i)
		m.Decls = append(m.Decls,
			st(s, fld("id", tInt), fld("name", cptr(tChar)), bf("flag", tUInt, 1), bf("kind", tUInt, 3),
				fld("data", arr(tDbl, 4)), fld("cb", ptr(fnType(tInt, false, p("ctx", tVoidP), p("n", tInt))))),
			typedef(s+"_t", sref(s)),
			enum(fmt.Sprintf("kind_%d", i), ir.UInt, ev{fmt.Sprintf("KIND_%d_A", i), 0}, ev{fmt.Sprintf("KIND_%d_B", i), 1}),
			fn(fmt.Sprintf("rec_%d_new", i), ptr(tdref(s+"_t")), p("name", cptr(tChar)), p("flags", tUInt)),
			fn(fmt.Sprintf("rec_%d_free", i), tVoid, p("r", ptr(tdref(s+"_t")))),
			iconst(fmt.Sprintf("REC_%d_MAX", i), tInt, int64(i), false),
		)
	}
	layout.Compute(m, layout.Options{}, &diag.List{})
	return m
}

func BenchmarkEmit(b *testing.B) {
	m := bigModule(2000)
	b.ReportAllocs()
	var size int
	for b.Loop() {
		out, err := rustgen.Emit(m, rustgen.Options{LinkName: "big"}, &diag.List{})
		if err != nil {
			b.Fatal(err)
		}
		size = len(out)
	}
	b.SetBytes(int64(size))
}
