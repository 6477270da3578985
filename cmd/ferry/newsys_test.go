package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

// TestNewSysZlibStatic scaffolds zlib (statically linked, with the safe
// crate) and builds and tests it with cargo, offline.
func TestNewSysZlibStatic(t *testing.T) {
	testenv.NeedFile(t, "/usr/include/zlib.h")
	ws := newSysCargo(t, "zlib", "--pkg-config", "zlib", "--static", "--safe")
	lib, _ := os.ReadFile(filepath.Join(ws, "zlib-sys", "tests", "link.rs"))
	if !bytes.Contains(lib, []byte("zlibVersion()")) {
		t.Errorf("link test does not call zlibVersion:\n%s", lib)
	}
}

// TestNewSysSqlite3 scaffolds sqlite3 (dynamically linked, with the safe
// crate) and builds and tests it with cargo, offline.
func TestNewSysSqlite3(t *testing.T) {
	testenv.NeedFile(t, "/usr/include/sqlite3.h")
	ws := newSysCargo(t, "sqlite3", "--pkg-config", "sqlite3", "--safe")
	lib, _ := os.ReadFile(filepath.Join(ws, "sqlite3-sys", "tests", "link.rs"))
	if !bytes.Contains(lib, []byte("sqlite3_libversion()")) {
		t.Errorf("link test does not call sqlite3_libversion:\n%s", lib)
	}
}

// newSysCargo runs new-sys into a temp dir, checks --verify on fresh and
// stale output, then runs cargo build and cargo test offline.
func newSysCargo(t *testing.T, name string, args ...string) string {
	t.Helper()
	cargo := testenv.NeedTool(t, "cargo")
	testenv.NeedTool(t, "pkg-config")
	testenv.NeedTool(t, "cc")
	ws := filepath.Join(t.TempDir(), name+"-rs")
	full := append([]string{"new-sys", name}, args...)
	full = append(full, "-o", ws)
	var stdout, stderr bytes.Buffer
	if code := run(full, &stdout, &stderr); code != exitOK {
		t.Fatalf("ferry %s: exit %d\n%s", strings.Join(full, " "), code, stderr.String())
	}
	if !strings.Contains(stderr.String(), "inline: ") {
		t.Errorf("no inline summary line on stderr:\n%s", stderr.String())
	}
	stderr.Reset()
	if code := run(append(full, "--verify"), &stdout, &stderr); code != exitOK {
		t.Fatalf("--verify on fresh output: exit %d\n%s", code, stderr.String())
	}
	bindings := filepath.Join(ws, name+"-sys", "src", "bindings.rs")
	fresh, err := os.ReadFile(bindings)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bindings, append(fresh, "// edited\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	stderr.Reset()
	if code := run(append(full, "--verify"), &stdout, &stderr); code != exitFindings || !strings.Contains(stderr.String(), "+++ ") {
		t.Fatalf("--verify on stale output: exit %d, want 1 with a diff\n%s", code, stderr.String())
	}
	if err := os.WriteFile(bindings, fresh, 0o644); err != nil {
		t.Fatal(err)
	}
	cargoOffline(t, cargo, ws, "build")
	cargoOffline(t, cargo, ws, "test")
	return ws
}

func cargoOffline(t *testing.T, cargo, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command(cargo, append(append([]string(nil), args...), "--offline", "--quiet")...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CARGO_HOME="+filepath.Join(dir, ".cargo-home"),
		"CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	if os.Getenv("RUSTUP_HOME") == "" {
		if h, err := os.UserHomeDir(); err == nil {
			cmd.Env = append(cmd.Env, "RUSTUP_HOME="+filepath.Join(h, ".rustup"))
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cargo %s in %s: %v\n%s", strings.Join(args, " "), dir, err, out)
	}
}
