package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

// corpusLib is one library of the new-user corpus: the new-sys flags as
// a user would type them, and whether a static build is tried too.
type corpusLib struct {
	name   string
	args   []string
	need   string // a header that must exist, else the library is skipped
	static bool   // also build and test with NAME_STATIC=1
	csrc   string // a bundled C source (--c-src), compiled by build.rs
}

var corpusLibs = []corpusLib{
	{"jansson", []string{"--pkg-config", "jansson"}, "/usr/include/jansson.h", false, ""},
	{"yaml", []string{"--pkg-config", "yaml-0.1"}, "/usr/include/yaml.h", false, ""},
	{"expat", []string{"--pkg-config", "expat"}, "/usr/include/expat.h", false, ""},
	{"zstd", []string{"--pkg-config", "libzstd"}, "/usr/include/zstd.h", true, ""},
	{"lz4", []string{"--pkg-config", "liblz4"}, "/usr/include/lz4.h", true, "#include <lz4.h>\nint lz4_bundled_version(void) { return LZ4_versionNumber(); }\n"},
	{"cjson", []string{"--pkg-config", "libcjson"}, "/usr/include/cjson/cJSON.h", false, ""},
	{"sodium", []string{"--pkg-config", "libsodium"}, "/usr/include/sodium.h", false, ""},
	{"archive", []string{"--pkg-config", "libarchive"}, "/usr/include/archive.h", false, ""},
	{"xml2", []string{"--pkg-config", "libxml-2.0"}, "/usr/include/libxml2/libxml/parser.h", false, ""},
	{"pcre2", []string{"--pkg-config", "libpcre2-8", "-D", "PCRE2_CODE_UNIT_WIDTH=8"}, "/usr/include/pcre2.h", false, ""},
	{"event", []string{"--pkg-config", "libevent"}, "/usr/include/event2/event.h", false, ""},
	{"usb", []string{"--pkg-config", "libusb-1.0"}, "/usr/include/libusb-1.0/libusb.h", false, ""},
	{"png", []string{"--pkg-config", "libpng"}, "/usr/include/png.h", false, ""},
	{"lua", []string{"--pkg-config", "lua5.4"}, "/usr/include/lua5.4/lua.h", false, ""},
	{"uv", []string{"--pkg-config", "libuv"}, "/usr/include/uv.h", false, ""},
	{"zlib", []string{"--pkg-config", "zlib"}, "/usr/include/zlib.h", true, ""},
	// Without a .pc file: the header and the library by name.
	{"bz2", []string{"--header", "/usr/include/bzlib.h", "--lib", "bz2"}, "/usr/include/bzlib.h", true, ""},
	{"gdbm", []string{"--header", "gdbm.h", "--lib", "gdbm"}, "/usr/include/gdbm.h", false, ""},
	{"readline", []string{"--header", "readline/readline.h", "--lib", "readline"}, "/usr/include/readline/readline.h", false, ""},
	{"magic", []string{"--header", "/usr/include/magic.h", "--lib", "magic"}, "/usr/include/magic.h", false, ""},
}

// TestNewSysCorpus is the new-user path over libraries the issue does not
// name: one new-sys command, then cargo build, test, clippy -D warnings,
// fmt --check and the example, offline. It is slow (minutes), so it runs
// only with FERRY_CORPUS=1; FERRY_CORPUS_ONLY=a,b picks libraries. The
// results table is logged (go test -v) and every failure is an error.
func TestNewSysCorpus(t *testing.T) {
	if os.Getenv("FERRY_CORPUS") == "" {
		t.Skip("set FERRY_CORPUS=1 to run the library corpus (slow)")
	}
	cargo := testenv.NeedTool(t, "cargo")
	testenv.NeedTool(t, "pkg-config")
	testenv.NeedTool(t, "cc")
	only := map[string]bool{}
	for _, n := range strings.Split(os.Getenv("FERRY_CORPUS_ONLY"), ",") {
		if n != "" {
			only[n] = true
		}
	}
	steps := []string{"gen", "build", "test", "clippy", "fmt", "example", "static"}
	var table strings.Builder
	fmt.Fprintf(&table, "%-9s %s\n", "library", strings.Join(steps, " "))
	root := t.TempDir()
	for _, lib := range corpusLibs {
		if len(only) > 0 && !only[lib.name] {
			continue
		}
		if _, err := os.Stat(lib.need); err != nil {
			fmt.Fprintf(&table, "%-9s skipped: %s missing\n", lib.name, lib.need)
			continue
		}
		res := corpusRun(t, cargo, root, lib)
		fmt.Fprintf(&table, "%-9s", lib.name)
		for _, s := range steps {
			fmt.Fprintf(&table, " %s", res[s])
		}
		table.WriteString("\n")
	}
	t.Logf("new-sys corpus results:\n%s", table.String())
}

// corpusRun runs one library's steps; each result is ok, FAIL or -.
func corpusRun(t *testing.T, cargo, root string, lib corpusLib) map[string]string {
	t.Helper()
	res := map[string]string{"gen": "-", "build": "-", "test": "-", "clippy": "-", "fmt": "-", "example": "-", "static": "-"}
	ws := filepath.Join(root, lib.name+"-rs")
	args := append(append([]string{"new-sys", lib.name}, lib.args...), "--safe", "-o", ws)
	if lib.csrc != "" {
		src := filepath.Join(root, lib.name+"_bundled.c")
		if err := os.WriteFile(src, []byte(lib.csrc), 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--c-src", src)
	}
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Errorf("%s: ferry %s: exit %d\n%s", lib.name, strings.Join(args, " "), code, stderr.String())
		res["gen"] = "FAIL"
		return res
	}
	res["gen"] = "ok"
	if strings.Contains(stderr.String(), "warning[K503]") {
		t.Errorf("%s: generated crates do not type-check:\n%s", lib.name, stderr.String())
	}
	step := func(key string, env []string, cargoArgs ...string) {
		out, err := cargoIn(cargo, ws, env, cargoArgs...)
		if err != nil {
			res[key] = "FAIL"
			t.Errorf("%s: cargo %s: %v\n%s", lib.name, strings.Join(cargoArgs, " "), err, out)
			return
		}
		res[key] = "ok"
	}
	step("build", nil, "build", "--offline")
	step("test", nil, "test", "--offline")
	step("clippy", nil, "clippy", "--offline", "--all-targets", "--", "-D", "warnings")
	step("fmt", nil, "fmt", "--check")
	step("example", nil, "run", "--offline", "--example", lib.name)
	if lib.static {
		step("static", []string{strings.ToUpper(lib.name) + "_STATIC=1"}, "test", "--offline")
	}
	return res
}

// cargoIn runs cargo in dir with a private CARGO_HOME, so the run neither
// reads nor writes the user's and no registry is reachable.
func cargoIn(cargo, dir string, env []string, args ...string) ([]byte, error) {
	full := args
	if args[0] != "fmt" {
		full = append([]string{args[0], "--quiet"}, args[1:]...)
	}
	cmd := exec.Command(cargo, full...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CARGO_HOME="+filepath.Join(dir, ".cargo-home"),
		"CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	if os.Getenv("RUSTUP_HOME") == "" {
		if h, err := os.UserHomeDir(); err == nil {
			cmd.Env = append(cmd.Env, "RUSTUP_HOME="+filepath.Join(h, ".rustup"))
		}
	}
	cmd.Env = append(cmd.Env, env...)
	return cmd.CombinedOutput()
}
