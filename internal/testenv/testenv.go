package testenv

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// InCI reports whether the tests run under CI=true.
func InCI() bool { return os.Getenv("CI") == "true" }

// Skip skips the test outside CI and fails it under CI=true.
func Skip(t testing.TB, format string, args ...any) {
	t.Helper()
	if InCI() {
		t.Fatalf("CI=true: required test prerequisite missing: "+format, args...)
	}
	t.Skipf(format, args...)
}

// NeedTool returns the path of the named program, or skips (fails in CI).
func NeedTool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Skip(t, "%s not found on PATH", name)
	}
	return p
}

// NeedFile returns path if it exists, or skips (fails in CI). Use it for
// system headers such as /usr/include/zlib.h.
func NeedFile(t testing.TB, path string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		Skip(t, "%s not installed", path)
	}
	return path
}

// Run runs a command in dir and returns its stdout; it fails the test with
// the command's stderr on a non-zero exit.
func Run(t testing.TB, dir string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s%s", name, strings.Join(args, " "), err, errb.String(), out.String())
	}
	return out.Bytes()
}

// RustcLib compiles a Rust source file as an rlib-free check (crate type
// lib, no linking) and fails the test with rustc's messages on error.
// It returns nothing: success is the assertion.
func RustcLib(t testing.TB, src string, extra ...string) {
	t.Helper()
	rustc := NeedTool(t, "rustc")
	dir := t.TempDir()
	args := append([]string{"--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", filepath.Join(dir, "lib.rmeta"), src}, extra...)
	Run(t, dir, rustc, args...)
}

// RustcBin compiles src into an executable in a temp dir and returns its path.
func RustcBin(t testing.TB, src string, extra ...string) string {
	t.Helper()
	rustc := NeedTool(t, "rustc")
	dir := t.TempDir()
	exe := filepath.Join(dir, "prog")
	args := append([]string{"--edition=2021", "-o", exe, src}, extra...)
	Run(t, dir, rustc, args...)
	return exe
}
