package main

// Reliability tests of the ferry binary (issue 8): bad input that a txtar
// script cannot express (unreadable files as non-root, a 50 MB header),
// SIGKILL during an atomic write, byte-identical output across runs and
// environments, clippy over every generated .rs golden, UB patterns in
// generated code, and every package's diagnostic codes in `ferry explain`.
// The ferry binary is the test binary itself, which testscript.Main copies
// onto $PATH as "ferry" (see TestMain).

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"ferry/internal/fsutil"
	"ferry/internal/testenv"

	"github.com/rogpeppe/go-internal/txtar"
)

// ferryBin returns the path of the ferry binary on $PATH.
func ferryBin(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("ferry")
	if err != nil {
		t.Fatalf("ferry is not on PATH (TestMain puts it there): %v", err)
	}
	return p
}

type result struct {
	code           int
	stdout, stderr []byte
}

// runFerry runs ferry in dir with extra environment and returns its exit
// code and output.
func runFerry(t *testing.T, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(ferryBin(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code, out.Bytes(), errb.Bytes()}
}

// wantBadInput asserts exit 2 with a one-line cause matching re.
func wantBadInput(t *testing.T, r result, re string) {
	t.Helper()
	if r.code != exitUsage {
		t.Errorf("exit %d, want 2; stderr:\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimRight(string(r.stderr), "\n"), "\n")
	if len(lines) != 1 || !regexp.MustCompile(re).MatchString(lines[0]) {
		t.Errorf("stderr %q, want one line matching %q", r.stderr, re)
	}
}

func unchanged(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Errorf("%s was touched: %q, %v", path, got, err)
	}
}

const keep = "// existing output: bad input must not touch it\n"

// An unreadable input is exit 2 with its name. Root reads files whatever
// their mode, so as root the case cannot happen and is skipped.
func TestBadInputUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root: a chmod 000 file is still readable")
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "secret.h"), []byte("int f(void);\n"), 0o000)
	os.WriteFile(filepath.Join(dir, "secret.rs"), []byte("pub fn f() {}\n"), 0o000)
	os.WriteFile(filepath.Join(dir, "ok.rs"), []byte("pub fn f() {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "out"), []byte(keep), 0o644)
	env := []string{"FERRY_CACHE_DIR=" + filepath.Join(dir, "cache")}
	wantBadInput(t, runFerry(t, dir, env, "bind", "secret.h", "-o", "out"), `^secret.h: error\[U901\]: cannot read: permission denied$`)
	unchanged(t, filepath.Join(dir, "out"), []byte(keep))
	wantBadInput(t, runFerry(t, dir, env, "export", "secret.rs", "-o", "out"), `secret.rs.*permission denied`)
	unchanged(t, filepath.Join(dir, "out"), []byte(keep))
	r := runFerry(t, dir, env, "check", "secret.h", "--rust", "ok.rs")
	wantBadInput(t, r, `^secret.h: error\[U901\]`)
}

// A 50 MB header is refused up front (cc/v4 needed 95 s and 7.7 GB for
// 40 MB) with its size in the message.
func TestBadInputHugeHeader(t *testing.T) {
	dir := t.TempDir()
	h := filepath.Join(dir, "huge.h")
	f, err := os.Create(h)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	for i := 0; b.Len() < 50<<20; i++ {
		fmt.Fprintf(&b, "extern int v%d;\n", i)
	}
	f.Write(b.Bytes())
	f.Close()
	out := filepath.Join(dir, "out.rs")
	os.WriteFile(out, []byte(keep), 0o644)
	os.WriteFile(filepath.Join(dir, "ok.rs"), []byte("pub fn f() {}\n"), 0o644)
	env := []string{"FERRY_CACHE_DIR=" + filepath.Join(dir, "cache")}
	start := time.Now()
	wantBadInput(t, runFerry(t, dir, env, "bind", "huge.h", "-o", "out.rs"), `huge.h: error\[U901\]: .*50 MiB is over the 8 MiB`)
	unchanged(t, out, []byte(keep))
	r := runFerry(t, dir, env, "check", "huge.h", "--rust", "ok.rs")
	if r.code != exitUsage || !bytes.Contains(r.stderr, []byte("MiB is over")) {
		t.Errorf("check: exit %d, stderr %q; want 2 and the size limit", r.code, r.stderr)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("refusing a 50 MB header took %v", d)
	}
}

// SIGKILL while ferry writes a large output leaves the old file intact and
// at most the one documented leftover (.NAME.ferry-*), which a later write
// removes once it is older than fsutil.StaleAge. (fsutil's own test kills
// a bare WriteFileAtomic; this one kills the real command.)
func TestAtomicKill(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and exports a 4 MB crate")
	}
	dir := t.TempDir()
	var src bytes.Buffer
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&src, "pub const CONSTANT_NUMBER_%d: u32 = %d;\n", i, i)
	}
	os.WriteFile(filepath.Join(dir, "lib.rs"), src.Bytes(), 0o644)
	out := filepath.Join(dir, "out.h")
	old := []byte("/* old header */\n")
	os.WriteFile(out, old, 0o644)

	cmd := exec.Command(ferryBin(t), "export", "lib.rs", "-o", "out.h")
	cmd.Dir = dir
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	pattern := filepath.Join(dir, fsutil.TempPattern("out.h"))
	deadline := time.Now().Add(60 * time.Second)
	killed := false
	for time.Now().Before(deadline) {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
		time.Sleep(200 * time.Microsecond)
	}
	cmd.Wait()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !killed || !ws.Signaled() {
		// The write window (about 4 MB plus fsync) was missed: the only
		// acceptable outcome then is the complete new file.
		got, _ := os.ReadFile(out)
		if !bytes.HasSuffix(got, []byte("#endif\n")) && !bytes.Contains(got, []byte("CONSTANT_NUMBER_99999")) {
			t.Fatalf("ferry finished but out.h is not complete: %d bytes", len(got))
		}
		t.Skip("the kill missed the write window")
	}
	unchanged(t, out, old)
	left, _ := filepath.Glob(pattern)
	if len(left) != 1 {
		t.Fatalf("leftovers after SIGKILL: %v, want exactly one %s", left, fsutil.TempPattern("out.h"))
	}
	past := time.Now().Add(-2 * fsutil.StaleAge)
	os.Chtimes(left[0], past, past)
	if r := runFerry(t, dir, nil, "export", "lib.rs", "-o", "out.h"); r.code != 0 {
		t.Fatalf("second run: exit %d: %s", r.code, r.stderr)
	}
	if l, _ := filepath.Glob(pattern); len(l) != 0 {
		t.Errorf("leftovers after the next write: %v", l)
	}
	if got, _ := os.ReadFile(out); !bytes.Contains(got, []byte("CONSTANT_NUMBER_99999")) {
		t.Errorf("out.h incomplete after the second run")
	}
}

// environments ferry must not depend on: scheduling, locale, time zone and
// working directory.
var environments = []struct {
	name string
	env  []string
	cwd  string // "" = a fresh temp dir; "/" = the root
}{
	{"procs1", []string{"GOMAXPROCS=1", "LANG=C", "LC_ALL=C", "TZ=UTC"}, ""},
	{"procs2", []string{"GOMAXPROCS=2", "LANG=tr_TR.UTF-8", "LC_ALL=tr_TR.UTF-8", "TZ=Asia/Kolkata"}, "/"},
}

// runEverywhere runs ferry once per environment and fails if the outputs
// differ: stdout, and the files written to OUT (an argument "OUT/x" names a
// file in a fresh output directory per run).
func runEverywhere(t *testing.T, args ...string) {
	t.Helper()
	var first map[string][]byte
	for i, e := range environments {
		dir := e.cwd
		if dir == "" {
			dir = t.TempDir()
		}
		out := t.TempDir()
		var a []string
		for _, x := range args {
			if rest, ok := strings.CutPrefix(x, "OUT/"); ok {
				x = filepath.Join(out, rest)
			}
			a = append(a, x)
		}
		env := append([]string{"FERRY_CACHE_DIR=" + t.TempDir()}, e.env...)
		r := runFerry(t, dir, env, a...)
		if r.code != 0 {
			t.Fatalf("%s: ferry %s: exit %d\n%s", e.name, strings.Join(args, " "), r.code, r.stderr)
		}
		got := map[string][]byte{"stdout": r.stdout}
		files, _ := os.ReadDir(out)
		for _, f := range files {
			got[f.Name()], _ = os.ReadFile(filepath.Join(out, f.Name()))
		}
		if i == 0 {
			first = got
			continue
		}
		for name, b := range first {
			if !bytes.Equal(b, got[name]) {
				t.Errorf("ferry %s: %s under %s differs from %s (%d vs %d bytes)", strings.Join(args, " "), name, e.name, environments[0].name, len(got[name]), len(b))
			}
		}
		if len(got) != len(first) {
			t.Errorf("ferry %s: %s wrote %d files, %s %d", strings.Join(args, " "), e.name, len(got), environments[0].name, len(first))
		}
	}
}

// Two runs give byte-identical output on real headers and a sample crate.
func TestDeterminism(t *testing.T) {
	for _, h := range []string{"/usr/include/zlib.h", "/usr/include/sqlite3.h", "/usr/include/uv.h"} {
		t.Run("bind "+filepath.Base(h), func(t *testing.T) {
			testenv.NeedFile(t, h)
			runEverywhere(t, "bind", "--no-cache", h)
		})
	}
	t.Run("export", func(t *testing.T) {
		lib, err := filepath.Abs("../../internal/export/testdata/e2e/lib.rs")
		if err != nil {
			t.Fatal(err)
		}
		testenv.NeedFile(t, lib)
		runEverywhere(t, "export", lib, "-o", "OUT/lib.h", "--shims-out", "OUT/shims.rs")
	})
}

// rawAllow is the clippy allow-list for RAW bindings (ferry bind's output
// and rustgen's goldens), justified in README.md, section "clippy
// allow-list". The safe layer and export's shims get no allows.
var rawAllow = []string{
	// C parameter names inside function-pointer types keep their spelling
	// (sqlite3's pCtx, nArg): they are documentation of the C API.
	"non_snake_case",
	// Function pointers taking function pointers, as C declares them
	// (sqlite3_create_function's callbacks).
	"clippy::type_complexity",
	// Bitfield accessors go through the storage unit's integer type, which
	// is sometimes already the field's type (u64 -> u64).
	"clippy::unnecessary_cast",
	// Constants keep the C header's value: `#define PI 3.14159` is not
	// ferry's to round to core::f64::consts::PI.
	"clippy::approx_constant",
}

type rsCase struct {
	name string
	src  []byte
	raw  bool // raw bindings: rawAllow applies
}

// goldenRust collects every .rs golden of the repository.
func goldenRust(t *testing.T) []rsCase {
	t.Helper()
	var cases []rsCase
	glob := func(p string) []string {
		m, _ := filepath.Glob(filepath.Join("../..", p))
		return m
	}
	for _, p := range glob("internal/rustgen/testdata/*.rs") {
		b, _ := os.ReadFile(p)
		cases = append(cases, rsCase{p, b, true})
	}
	for _, p := range glob("internal/bind/testdata/golden/*.txtar") {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name == "want.rs" {
				cases = append(cases, rsCase{p, f.Data, true})
			}
		}
	}
	for _, p := range glob("internal/safegen/testdata/*.txtar") {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var header, safe []byte
		for _, f := range ar.Files {
			switch f.Name {
			case "input.h":
				header = f.Data
			case "want.rs":
				safe = f.Data
			}
		}
		if safe == nil || header == nil {
			continue
		}
		// The safe layer sits next to its raw bindings (`use super::raw`):
		// bind the case's header, and lint the raw module with rawAllow
		// and the safe one with nothing allowed.
		dir := t.TempDir()
		h := filepath.Join(dir, "input.h")
		os.WriteFile(h, header, 0o644)
		r := runFerry(t, dir, []string{"FERRY_CACHE_DIR=" + t.TempDir()}, "bind", "--no-cache", h)
		if r.code != 0 {
			t.Fatalf("%s: bind input.h: exit %d\n%s", p, r.code, r.stderr)
		}
		var b bytes.Buffer
		for _, l := range rawAllow {
			fmt.Fprintf(&b, "#[allow(%s)]\n", l)
		}
		fmt.Fprintf(&b, "pub mod raw {\n%s\n}\npub mod safe {\n%s\n}\n", r.stdout, safe)
		cases = append(cases, rsCase{p, b.Bytes(), false})
	}
	for _, p := range glob("internal/export/testdata/golden/*.txtar") {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var lib, shims []byte
		for _, f := range ar.Files {
			switch f.Name {
			case "lib.rs":
				lib = f.Data
			case "want.rs":
				shims = f.Data
			}
		}
		if shims != nil {
			// The shims are a module of the user's crate: compile them
			// inside it (the user's code is not ferry's to lint).
			src := append([]byte("#![allow(clippy::all, unused)]\n"), lib...)
			src = append(src, "\n#[deny(clippy::all, warnings)]\npub mod ferry_shims {\n"...)
			src = append(src, shims...)
			src = append(src, "\n}\n"...)
			cases = append(cases, rsCase{p, src, false})
		}
	}
	return cases
}

// clippy runs clippy-driver -D warnings over src as a library crate.
func clippy(t *testing.T, driver, edition string, c rsCase) {
	t.Helper()
	dir := t.TempDir()
	f := filepath.Join(dir, "lib.rs")
	src := c.src
	if c.raw {
		var b strings.Builder
		for _, l := range rawAllow {
			fmt.Fprintf(&b, "#![allow(%s)]\n", l)
		}
		src = append([]byte(b.String()), src...)
	}
	if err := os.WriteFile(f, src, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(driver, "--edition="+edition, "--crate-type=lib", "--emit=metadata", "-D", "warnings", "-o", filepath.Join(dir, "lib.rmeta"), f)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("%s: clippy-driver --edition=%s -D warnings failed:\n%s", c.name, edition, out)
	}
}

// Every generated .rs golden and bind's output for zlib.h and sqlite3.h
// pass clippy with -D warnings; raw bindings with rawAllow only.
func TestClippyGolden(t *testing.T) {
	driver := testenv.NeedTool(t, "clippy-driver")
	cases := goldenRust(t)
	if len(cases) == 0 {
		t.Fatal("no .rs goldens found")
	}
	for _, h := range []string{"/usr/include/zlib.h", "/usr/include/sqlite3.h"} {
		testenv.NeedFile(t, h)
		r := runFerry(t, t.TempDir(), []string{"FERRY_CACHE_DIR=" + t.TempDir()}, "bind", "--no-cache", h)
		if r.code != 0 {
			t.Fatalf("bind %s: exit %d\n%s", h, r.code, r.stderr)
		}
		cases = append(cases, rsCase{"bind " + h, r.stdout, true})
	}
	for _, c := range cases {
		clippy(t, driver, "2021", c)
	}
}

// Raw bindings compile under edition 2024, where extern blocks must be
// `unsafe extern`.
func TestEdition2024(t *testing.T) {
	driver := testenv.NeedTool(t, "clippy-driver")
	h := testenv.NeedFile(t, "/usr/include/zlib.h")
	r := runFerry(t, t.TempDir(), []string{"FERRY_CACHE_DIR=" + t.TempDir()}, "bind", "--no-cache", "--edition", "2024", h)
	if r.code != 0 {
		t.Fatalf("bind --edition 2024: exit %d\n%s", r.code, r.stderr)
	}
	if !bytes.Contains(r.stdout, []byte("unsafe extern \"C\"")) {
		t.Errorf("edition 2024 output has no `unsafe extern \"C\"` block")
	}
	clippy(t, driver, "2024", rsCase{"bind --edition 2024 zlib.h", r.stdout, true})
}

var (
	zeroedRE    = regexp.MustCompile(`mem::zeroed\s*(::\s*<\s*([^>]+)>)?\s*\(`)
	transmuteRE = regexp.MustCompile(`mem::transmute\s*(::\s*<\s*([^,>]+)\s*,\s*([^>]+)>)?`)
	refFieldRE  = regexp.MustCompile(`(?s)pub (struct|union) (\w+)[^{;]*\{([^}]*)\}`)
)

// Generated code never zero-initializes a type with references or
// non-nullable fields (fn pointers, NonNull, &), and never transmutes an
// integer into an enum.
func TestNoUBPatterns(t *testing.T) {
	cases := goldenRust(t)
	for _, h := range []string{"/usr/include/zlib.h", "/usr/include/sqlite3.h"} {
		if _, err := os.Stat(h); err != nil {
			continue
		}
		r := runFerry(t, t.TempDir(), []string{"FERRY_CACHE_DIR=" + t.TempDir()}, "bind", "--no-cache", h)
		cases = append(cases, rsCase{"bind " + h, r.stdout, true})
	}
	for _, c := range cases {
		src := string(c.src)
		nonNull := map[string]bool{}
		for _, m := range refFieldRE.FindAllStringSubmatch(src, -1) {
			body := m[3]
			if strings.Contains(body, ": &") || strings.Contains(body, "NonNull<") || regexp.MustCompile(`:\s*(unsafe )?extern "C" fn`).MatchString(body) {
				nonNull[m[2]] = true
			}
		}
		for _, m := range zeroedRE.FindAllStringSubmatch(src, -1) {
			ty := strings.TrimSpace(m[2])
			if ty == "" {
				// Untyped zeroed(): the type is inferred; allowed only
				// when the file has no non-nullable records at all.
				if len(nonNull) > 0 {
					t.Errorf("%s: untyped mem::zeroed() in a file with non-nullable records %v", c.name, keys(nonNull))
				}
				continue
			}
			if nonNull[ty] || strings.HasPrefix(ty, "&") || strings.Contains(ty, "NonNull") {
				t.Errorf("%s: mem::zeroed::<%s>() on a type with non-nullable fields", c.name, ty)
			}
		}
		for _, m := range transmuteRE.FindAllStringSubmatch(src, -1) {
			t.Errorf("%s: mem::transmute %q: enums are newtypes or checked conversions", c.name, m[0])
		}
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// Every package that exports a Codes table is registered in codeTables,
// so `ferry explain` knows every code.
func TestEveryCodesTableRegistered(t *testing.T) {
	files, _ := filepath.Glob("../../internal/*/*.go")
	more, _ := filepath.Glob("../../internal/*/*/*.go")
	files = append(files, more...)
	explain, err := os.ReadFile("explain.go")
	if err != nil {
		t.Fatal(err)
	}
	decl := regexp.MustCompile(`(?m)^var Codes = \[\]diag\.CodeInfo`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil || !decl.Match(b) {
			continue
		}
		pkg := filepath.Base(filepath.Dir(f))
		if !bytes.Contains(explain, []byte(pkg+".Codes,")) {
			t.Errorf("%s declares Codes but codeTables in explain.go does not list %s.Codes", f, pkg)
		}
	}
	// And every code string a package reports is documented.
	codes := allCodes()
	lit := regexp.MustCompile(`"([BLFESKU]\d{3})"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		for _, m := range lit.FindAllSubmatch(b, -1) {
			if _, ok := codes[string(m[1])]; !ok {
				t.Errorf("%s uses code %s, which `ferry explain` does not know", f, m[1])
			}
		}
	}
}
