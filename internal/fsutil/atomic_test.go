package fsutil

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func temps(t *testing.T, dir, name string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, escapeGlob(TempPattern(name))))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func wantFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s: got %d bytes %.40q, want %d bytes %.40q", path, len(got), got, len(want), want)
	}
}

func TestWriteNewAndReplace(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.rs")
	if err := WriteFileAtomic(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	wantFile(t, p, []byte("one"))
	if err := WriteFileAtomic(p, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantFile(t, p, []byte("two"))
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if l := temps(t, dir, "out.rs"); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestWriteErrorsLeaveOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "out.h")
	os.WriteFile(p, []byte("old"), 0o644)
	for _, tc := range []struct {
		path, want string
	}{
		{filepath.Join(dir, "missing", "out.h"), "does not exist"},
		{dir, "is a directory"},
	} {
		err := WriteFileAtomic(tc.path, []byte("new"), 0o644)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("WriteFileAtomic(%s) = %v, want error containing %q", tc.path, err, tc.want)
		}
	}
	wantFile(t, p, []byte("old"))
	// A directory that cannot be written to: the temp file cannot be made.
	// Root ignores permissions, so this part only runs unprivileged.
	if os.Geteuid() != 0 {
		if err := os.Chmod(dir, 0o555); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(dir, 0o755)
		if err := WriteFileAtomic(p, []byte("new"), 0o644); err == nil {
			t.Errorf("write into a read-only directory succeeded")
		}
		wantFile(t, p, []byte("old"))
	}
	if l := temps(t, dir, "out.h"); len(l) != 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

func TestStaleTempsRemoved(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a[1].rs") // glob metacharacters in the name
	old := filepath.Join(dir, ".a[1].rs.ferry-111")
	young := filepath.Join(dir, ".a[1].rs.ferry-222")
	other := filepath.Join(dir, ".b.rs.ferry-333")
	for _, f := range []string{old, young, other} {
		os.WriteFile(f, []byte("partial"), 0o600)
	}
	past := time.Now().Add(-2 * StaleAge)
	os.Chtimes(old, past, past)
	os.Chtimes(other, past, past)
	if err := WriteFileAtomic(p, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for f, keep := range map[string]bool{old: false, young: true, other: true} {
		_, err := os.Stat(f)
		if exists := err == nil; exists != keep {
			t.Errorf("%s: exists=%v, want %v", filepath.Base(f), exists, keep)
		}
	}
}

func TestSameFile(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.h")
	os.WriteFile(a, nil, 0o644)
	os.Symlink(a, filepath.Join(dir, "link.h"))
	os.Link(a, filepath.Join(dir, "hard.h"))
	os.WriteFile(filepath.Join(dir, "b.h"), nil, 0o644)
	for _, tc := range []struct {
		b    string
		same bool
	}{
		{"a.h", true}, {"./a.h", true}, {"link.h", true}, {"hard.h", true},
		{"b.h", false}, {"missing.h", false},
	} {
		if got := SameFile(a, filepath.Join(dir, tc.b)); got != tc.same {
			t.Errorf("SameFile(a.h, %s) = %v, want %v", tc.b, got, tc.same)
		}
	}
}

// helperEnv makes the test binary a writer that the test kills.
const helperEnv = "FSUTIL_KILL_HELPER"

// TestKillHelper is not a test: run with helperEnv set, it writes a large
// file atomically (and is killed by TestKillDuringWrite while doing so).
func TestKillHelper(t *testing.T) {
	p := os.Getenv(helperEnv)
	if p == "" {
		t.Skip("helper process for TestKillDuringWrite")
	}
	data := bytes.Repeat([]byte("new content of a big generated file\n"), (512<<20)/37)
	WriteFileAtomic(p, data, 0o644)
	os.Exit(0)
}

// A SIGKILL while the temp file is being written leaves the old file intact
// and at most one documented leftover, which a later write cleans up.
func TestKillDuringWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 512 MiB")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "bindings.rs")
	old := []byte("old content\n")
	os.WriteFile(p, old, 0o644)

	cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
	cmd.Env = append(os.Environ(), helperEnv+"="+p)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	var tmp []string
	for time.Now().Before(deadline) {
		if tmp = temps(t, dir, "bindings.rs"); len(tmp) > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	if len(tmp) == 0 {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatal("the writer never created its temporary file")
	}
	time.Sleep(20 * time.Millisecond) // let the write start
	cmd.Process.Signal(syscall.SIGKILL)
	err := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Skipf("the writer finished before the kill (%v): machine too fast for a 512 MiB window", err)
	}
	wantFile(t, p, old)
	left := temps(t, dir, "bindings.rs")
	if len(left) != 1 {
		t.Fatalf("leftovers after the kill: %v, want exactly the one temp file", left)
	}
	// The next write removes the leftover once it is stale.
	past := time.Now().Add(-2 * StaleAge)
	os.Chtimes(left[0], past, past)
	if err := WriteFileAtomic(p, []byte("fresh\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	wantFile(t, p, []byte("fresh\n"))
	if l := temps(t, dir, "bindings.rs"); len(l) != 0 {
		t.Errorf("leftovers after the next write: %v", l)
	}
}
