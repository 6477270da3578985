package bind

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/link"
	"ferry/internal/testenv"
)

// bindToFile binds headers and writes the bindings into a temp dir.
func bindToFile(t *testing.T, opts Options) (string, *Result) {
	t.Helper()
	for _, h := range opts.Headers {
		testenv.NeedFile(t, h)
	}
	diags := &diag.List{}
	res, err := Run(opts, diags)
	if err != nil {
		t.Fatalf("bind %v: %v", opts.Headers, err)
	}
	for _, d := range diags.Items {
		if d.Severity == diag.Error {
			t.Errorf("bind: %s", d)
		}
	}
	rs := filepath.Join(t.TempDir(), "bindings.rs")
	if err := os.WriteFile(rs, res.Rust, 0o644); err != nil {
		t.Fatal(err)
	}
	return rs, res
}

// runRustProgram compiles main.rs (which include!s $FERRY_BINDINGS) linked
// with libs, runs it and returns its output.
func runRustProgram(t *testing.T, mainRS, bindings string, libs ...string) string {
	t.Helper()
	rustc := testenv.NeedTool(t, "rustc")
	dir := t.TempDir()
	exe := filepath.Join(dir, "prog")
	args := []string{"--edition=2021", "-o", exe, mainRS}
	for _, l := range libs {
		args = append(args, "-l", l)
	}
	cmd := exec.Command(rustc, args...)
	cmd.Env = append(os.Environ(), "FERRY_BINDINGS="+bindings)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("rustc: %v\n%s", err, out)
	}
	out, err := exec.Command(exe).CombinedOutput()
	if err != nil {
		t.Fatalf("program failed: %v\n%s", err, out)
	}
	return string(out)
}

func TestZlibRoundTrip(t *testing.T) {
	rs, _ := bindToFile(t, Options{Headers: []string{"/usr/include/zlib.h"}, Links: []link.Lib{{Name: "z"}}})
	main, _ := filepath.Abs("testdata/e2e/zlib_main.rs")
	out := runRustProgram(t, main, rs)
	if !strings.Contains(out, "zlib round trip ok") {
		t.Fatalf("unexpected output: %s", out)
	}
}

func TestSqlite3RoundTrip(t *testing.T) {
	rs, _ := bindToFile(t, Options{Headers: []string{"/usr/include/sqlite3.h"}, Links: []link.Lib{{Name: "sqlite3"}}})
	main, _ := filepath.Abs("testdata/e2e/sqlite3_main.rs")
	out := runRustProgram(t, main, rs)
	if !strings.Contains(out, "sqlite3 ok") {
		t.Fatalf("unexpected output: %s", out)
	}
}

// TestLinkEveryFunction binds real headers, then builds a program that takes
// the address of every function the headers declare and links it against
// the real library: a missing or misnamed function fails the link.
func TestLinkEveryFunction(t *testing.T) {
	for _, tc := range []struct {
		name    string
		headers []string
		lib     string
		minFns  int
	}{
		{"png", []string{"/usr/include/png.h"}, "png16", 200},
		{"lua", []string{"/usr/include/lua5.4/lua.h", "/usr/include/lua5.4/lualib.h", "/usr/include/lua5.4/lauxlib.h"}, "lua5.4", 100},
		{"uv", []string{"/usr/include/uv.h"}, "uv", 200},
		{"zlib", []string{"/usr/include/zlib.h"}, "z", 80},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs, res := bindToFile(t, Options{Headers: tc.headers, Links: []link.Lib{{Name: tc.lib}}})
			fns := exportedFunctions(res.Module)
			if len(fns) < tc.minFns {
				t.Errorf("bound %d functions, want at least %d", len(fns), tc.minFns)
			}
			var b strings.Builder
			b.WriteString("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, non_snake_case, improper_ctypes, deprecated)]\n")
			b.WriteString("mod raw {\n    include!(env!(\"FERRY_BINDINGS\"));\n}\n\nfn main() {\n    let fns: &[*const ()] = &[\n")
			for _, f := range fns {
				fmt.Fprintf(&b, "        raw::%s as *const (),\n", rustIdent(f))
			}
			b.WriteString("    ];\n    let n = std::hint::black_box(fns).iter().filter(|p| !p.is_null()).count();\n    println!(\"linked {n}\");\n}\n")
			main := filepath.Join(t.TempDir(), "main.rs")
			os.WriteFile(main, []byte(b.String()), 0o644)
			out := runRustProgram(t, main, rs)
			if want := fmt.Sprintf("linked %d", len(fns)); !strings.Contains(out, want) {
				t.Fatalf("got %q, want %q", out, want)
			}
		})
	}
}

// exportedFunctions lists the functions a library exports: the headers' own
// declarations, minus static inline ones.
func exportedFunctions(m *ir.Module) []string {
	var out []string
	for _, d := range m.Decls {
		f, ok := d.(*ir.Function)
		if !ok || f.Attrs.Inline || f.Attrs.Static || f.Origin == ir.FromSystem {
			continue
		}
		out = append(out, f.Name)
	}
	return out
}

func rustIdent(name string) string {
	switch name {
	case "as", "break", "const", "continue", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
		"let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
		"true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become",
		"box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen":
		return "r#" + name
	}
	return name
}
