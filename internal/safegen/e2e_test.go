package safegen

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"
)

// example is one generated example crate.
type example struct {
	cfg   *config.File
	mod   *ir.Module
	raw   []byte
	safe  []byte
	plan  *Plan
	diags diag.List
}

// loadExample runs the pipeline on examples/NAME/ferry.toml.
func loadExample(t *testing.T, name string) *example {
	t.Helper()
	path := filepath.Join("..", "..", "examples", name, "ferry.toml")
	cfg, err := config.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range cfg.Bind.Headers {
		testenv.NeedFile(t, h)
	}
	ex := &example{cfg: cfg}
	m, err := cfront.Load(cfront.Options{Headers: cfg.Bind.Headers, CFlags: cfg.Bind.CFlags}, &ex.diags)
	if err != nil {
		t.Fatal(err)
	}
	layout.Compute(m, layout.Options{}, &ex.diags)
	ex.mod = m
	ex.raw, err = rustgen.Emit(m, rustgen.Options{LinkName: cfg.Bind.Link}, &ex.diags)
	if err != nil {
		t.Fatal(err)
	}
	ex.safe, ex.plan, err = Generate(m, &cfg.Safe, Options{}, &ex.diags)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ex.diags.Items {
		if d.Severity == diag.Warning && strings.HasPrefix(d.Code, "S4") {
			t.Errorf("%s", d)
		}
	}
	return ex
}

// writeCrate writes raw.rs, safe.rs and lib.rs into a temp dir.
func (ex *example) writeCrate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	must(t, os.WriteFile(filepath.Join(dir, "raw.rs"), ex.raw, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "safe.rs"), ex.safe, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "lib.rs"), []byte("pub mod raw;\npub mod safe;\n"), 0o644))
	return dir
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// unsafeRE finds the keyword in code (comments and the forbid attribute are
// stripped first).
var unsafeRE = regexp.MustCompile(`\bunsafe\b`)

// assertNoUnsafe fails if the Rust source uses unsafe anywhere.
func assertNoUnsafe(t *testing.T, path string, src []byte) {
	t.Helper()
	for i, line := range strings.Split(string(src), "\n") {
		if j := strings.Index(line, "//"); j >= 0 {
			line = line[:j]
		}
		line = strings.ReplaceAll(line, "#![forbid(unsafe_code)]", "")
		if unsafeRE.MatchString(line) {
			t.Fatalf("%s:%d uses unsafe: the example programs must be safe Rust", path, i+1)
		}
	}
	if !strings.Contains(string(src), "#![forbid(unsafe_code)]") {
		t.Fatalf("%s lacks #![forbid(unsafe_code)]", path)
	}
}

// runExample compiles the generated crate and the example's safe program
// against the real library, runs it and returns its output.
func runExample(t *testing.T, name, lib string) (*example, string) {
	t.Helper()
	rustc := testenv.NeedTool(t, "rustc")
	ex := loadExample(t, name)
	prog := filepath.Join("..", "..", "examples", name, "main.rs")
	src, err := os.ReadFile(prog)
	must(t, err)
	assertNoUnsafe(t, prog, src)
	dir := ex.writeCrate(t)
	crate := "ferry_" + name
	rlib := filepath.Join(dir, "lib"+crate+".rlib")
	testenv.Run(t, dir, rustc, "--edition=2021", "--crate-type=rlib", "--crate-name", crate, "-o", rlib, "lib.rs")
	abs, err := filepath.Abs(prog)
	must(t, err)
	exe := filepath.Join(dir, "prog")
	testenv.Run(t, dir, rustc, "--edition=2021", "-o", exe, "--extern", crate+"="+rlib, "-L", dir, "-l", lib, abs)
	// Memory errors the program does not notice still fail the test.
	var out []byte
	if vg, err := exec.LookPath("valgrind"); err == nil {
		out = testenv.Run(t, dir, vg, "-q", "--error-exitcode=1", exe)
	} else {
		out = testenv.Run(t, dir, exe)
	}
	t.Logf("%s", out)
	return ex, string(out)
}

func TestZlibExample(t *testing.T) {
	ex, out := runExample(t, "zlib", "z")
	if !strings.Contains(out, "zlib ok") {
		t.Fatalf("program output:\n%s", out)
	}
	clippy(t, ex)
}

func TestSqliteExample(t *testing.T) {
	ex, out := runExample(t, "sqlite3", "sqlite3")
	if !strings.Contains(out, "sqlite3 ok") {
		t.Fatalf("program output:\n%s", out)
	}
	clippy(t, ex)
}

// clippy lints the generated safe module with every default lint denied.
// The raw module is rustgen's and is linted by its own tests.
func clippy(t *testing.T, ex *example) {
	t.Helper()
	driver := testenv.NeedTool(t, "clippy-driver")
	dir := ex.writeCrate(t)
	must(t, os.WriteFile(filepath.Join(dir, "lib.rs"), []byte("#[allow(warnings, clippy::all)]\npub mod raw;\npub mod safe;\n"), 0o644))
	testenv.Run(t, dir, driver, "--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", filepath.Join(dir, "lib.rmeta"), "-D", "warnings", "lib.rs")
}
