package safegen

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"
)

// lib is one library the judging names as unseen: its safe layer comes
// from `ferry suggest` alone (no edits), as a user's first run would.
type lib struct {
	name, header, link string
	// minSafe is a floor on the safe functions of the suggestion.
	minSafe int
	// prog is testdata/libs/NAME.rs when the library has a program.
	prog bool
}

// The Debian packages CI installs for these: libzstd-dev liblz4-dev
// libbz2-dev libjansson-dev libcjson-dev libexpat1-dev libsodium-dev
// libuv1-dev libarchive-dev libyaml-dev libmagic-dev libpng-dev, and
// valgrind.
var libs = []lib{
	{"zstd", "/usr/include/zstd.h", "zstd", 30, true},
	{"lz4", "/usr/include/lz4.h", "lz4", 12, true},
	{"bzlib", "/usr/include/bzlib.h", "bz2", 5, true},
	{"jansson", "/usr/include/jansson.h", "jansson", 20, true},
	{"cjson", "/usr/include/cjson/cJSON.h", "cjson", 25, true},
	{"expat", "/usr/include/expat.h", "expat", 20, true},
	{"sodium", "/usr/include/sodium.h", "sodium", 300, true},
	{"uv", "/usr/include/uv.h", "uv", 30, true},
	{"archive", "/usr/include/archive.h", "archive", 150, true},
	{"yaml", "/usr/include/yaml.h", "yaml", 5, false},
	{"magic", "/usr/include/magic.h", "magic", 10, false},
	{"png", "/usr/include/png.h", "png16", 1, false},
	{"sqlite3", "/usr/include/sqlite3.h", "sqlite3", 95, false},
}

// generated is one library's suggestion run through ferry safe.
type generated struct {
	plan      *Plan
	raw, safe []byte
}

var (
	genMu    sync.Mutex
	genCache = map[string]*generated{}
)

// generate runs suggest on the header, loads the suggestion back as the
// configuration (as `ferry safe` would) and generates both modules.
func generate(t *testing.T, l lib) *generated {
	t.Helper()
	genMu.Lock()
	defer genMu.Unlock()
	if g := genCache[l.name]; g != nil {
		return g
	}
	testenv.NeedFile(t, l.header)
	var dl diag.List
	m, err := cfront.Load(cfront.Options{Headers: []string{l.header}}, &dl)
	must(t, err)
	layout.Compute(m, layout.Options{}, &dl)
	src, _, err := Suggest(m, SuggestOptions{Headers: []string{l.header}, Link: l.link})
	must(t, err)
	cfg, err := config.Parse(l.name+".toml", src)
	must(t, err)
	g := &generated{}
	g.safe, g.plan, err = Generate(m, &cfg.Safe, Options{}, &dl)
	must(t, err)
	g.raw, err = rustgen.Emit(m, rustgen.Options{LinkName: l.link}, &dl)
	must(t, err)
	genCache[l.name] = g
	return g
}

// crate compiles the modules into an rlib with clippy (-D warnings on the
// safe module) and returns the directory and the rlib.
func (g *generated) crate(t *testing.T, dir string) (string, string) {
	t.Helper()
	driver := testenv.NeedTool(t, "clippy-driver")
	must(t, os.MkdirAll(dir, 0o755))
	must(t, os.WriteFile(filepath.Join(dir, "raw.rs"), g.raw, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "safe.rs"), g.safe, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "lib.rs"), []byte("#[allow(warnings, clippy::all)]\npub mod raw;\npub mod safe;\n"), 0o644))
	rlib := filepath.Join(dir, "liblib.rlib")
	testenv.Run(t, dir, driver, "--edition=2021", "--crate-type=rlib", "--crate-name", "lib", "-o", rlib, "-D", "warnings", "lib.rs")
	return dir, rlib
}

func safeFuncs(p *Plan) map[string]bool {
	out := map[string]bool{}
	for _, fp := range p.Funcs {
		if !fp.Unsafe {
			out[fp.Fn.Name] = true
		}
	}
	return out
}

// TestUnseenLibraries generates each library's safe layer from its
// suggestion, lints it, and runs a program with no unsafe against the real
// library (under valgrind when installed).
func TestUnseenLibraries(t *testing.T) {
	rustc := testenv.NeedTool(t, "rustc")
	valgrind, _ := exec.LookPath("valgrind")
	for _, l := range libs {
		t.Run(l.name, func(t *testing.T) {
			g := generate(t, l)
			s := g.plan.Stats
			t.Logf("%s: %d functions: %d safe, %d unsafe, %d raw", l.name, s.Total, s.Safe, s.Unsafe, s.Raw)
			if s.Safe < l.minSafe {
				t.Errorf("%d safe functions, want >= %d", s.Safe, l.minSafe)
			}
			if !l.prog {
				return
			}
			dir, rlib := g.crate(t, t.TempDir())
			prog := filepath.Join("testdata", "libs", l.name+".rs")
			src, err := os.ReadFile(prog)
			must(t, err)
			assertNoUnsafe(t, prog, src)
			abs, err := filepath.Abs(prog)
			must(t, err)
			exe := filepath.Join(dir, "prog")
			testenv.Run(t, dir, rustc, "--edition=2021", "-o", exe, "--extern", "lib="+rlib, "-L", dir, "-l", l.link, abs)
			var out []byte
			if valgrind != "" {
				out = testenv.Run(t, dir, valgrind, "-q", "--error-exitcode=1", exe)
			} else {
				out = testenv.Run(t, dir, exe)
			}
			if !strings.Contains(string(out), l.name+" ok") {
				t.Fatalf("program output:\n%s", out)
			}
		})
	}
}

// TestAttacks keeps every attack in testdata/attacks closed: each program
// reached undefined behaviour from safe code through a wrapper an earlier
// inference made safe. The functions it names must not be safe now, and
// the program must not compile against the generated module.
func TestAttacks(t *testing.T) {
	rustc := testenv.NeedTool(t, "rustc")
	files, _ := filepath.Glob("testdata/attacks/*.rs")
	if len(files) == 0 {
		t.Fatal("no attack programs")
	}
	byName := map[string]lib{}
	for _, l := range libs {
		byName[l.name] = l
	}
	crates := map[string][2]string{}
	root := t.TempDir()
	sort.Strings(files)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			must(t, err)
			line, _, _ := bufio.NewReader(bytes.NewReader(src)).ReadLine()
			fields := strings.Fields(strings.TrimPrefix(string(line), "// attack:"))
			if len(fields) < 2 {
				t.Fatalf("%s: first line must be `// attack: LIB C_FUNCTION...`", file)
			}
			l, ok := byName[fields[0]]
			if !ok {
				t.Fatalf("%s: unknown library %s", file, fields[0])
			}
			g := generate(t, l)
			safe := safeFuncs(g.plan)
			for _, fn := range fields[1:] {
				if safe[fn] {
					t.Errorf("%s is safe again: %s", fn, file)
				}
			}
			c, ok := crates[l.name]
			if !ok {
				dir, rlib := g.crate(t, filepath.Join(root, l.name))
				c = [2]string{dir, rlib}
				crates[l.name] = c
			}
			abs, err := filepath.Abs(file)
			must(t, err)
			cmd := exec.Command(rustc, "--edition=2021", "--emit=metadata", "-o", filepath.Join(t.TempDir(), "x.rmeta"), "--extern", "lib="+c[1], "-L", c[0], abs)
			if out, err := cmd.CombinedOutput(); err == nil {
				t.Errorf("%s compiles against the generated module: the attack is open\n%s", file, out)
			}
		})
	}
}
