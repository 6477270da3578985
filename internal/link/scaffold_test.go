package link

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

func TestEnvPrefix(t *testing.T) {
	for in, want := range map[string]string{"zlib": "ZLIB", "sqlite3": "SQLITE3", "lib-foo.x": "LIB_FOO_X"} {
		if got := EnvPrefix(in); got != want {
			t.Errorf("EnvPrefix(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIncludeSpelling(t *testing.T) {
	for _, tc := range []struct {
		h    string
		dirs []string
		want string
	}{
		{"/usr/include/zlib.h", nil, "<zlib.h>"},
		{"/usr/include/libpng16/png.h", []string{"/usr/include/libpng16"}, "<png.h>"},
		{"/opt/x/foo.h", nil, `"/opt/x/foo.h"`},
	} {
		if got := IncludeSpelling(tc.h, tc.dirs); got != tc.want {
			t.Errorf("IncludeSpelling(%q) = %s, want %s", tc.h, got, tc.want)
		}
	}
}

// TestBuildRSCompiles compiles a generated build script with every option
// set, warnings as errors.
func TestBuildRSCompiles(t *testing.T) {
	src := BuildRS(BuildRSOptions{
		Name: "foo-bar", PkgConfig: "foo", Libs: []string{"foo", "m"}, LibDirs: []string{"/opt/foo/lib"},
		IncludeDirs: []string{"/opt/foo/include"}, Headers: []string{"/opt/foo/include/foo.h"},
		Static: true, CSources: []string{"csrc/a.c", "src/ferry_wrap.c"},
	})
	for _, want := range []string{`const ENV_PREFIX: &str = "FOO_BAR";`, `Some("foo")`, "cargo:rustc-link-lib=static=", "cargo:include=", "cargo:rerun-if-env-changed="} {
		if !strings.Contains(string(src), want) {
			t.Errorf("build.rs lacks %q", want)
		}
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "build.rs")
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	rustc := testenv.NeedTool(t, "rustc")
	testenv.Run(t, dir, rustc, "--edition=2021", "-D", "warnings", "-o", filepath.Join(dir, "build"), p)
	rustfmt := testenv.NeedTool(t, "rustfmt")
	testenv.Run(t, dir, rustfmt, "--edition=2021", "--check", p)
}

// TestScaffoldLocalStaticLib builds a scaffold against a static library
// made here, with a bundled C source and an inline wrapper, under cargo
// offline: the whole build.rs path without any system library.
func TestScaffoldLocalStaticLib(t *testing.T) {
	cargo := testenv.NeedTool(t, "cargo")
	gcc := testenv.NeedTool(t, "gcc")
	ar := testenv.NeedTool(t, "ar")
	dir := t.TempDir()
	inc := filepath.Join(dir, "include")
	lib := filepath.Join(dir, "lib")
	for _, d := range []string{inc, lib} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(inc, "demo.h"), "int demo_add(int a, int b);\nstatic inline int demo_twice(int x) { return demo_add(x, x); }\nint demo_extra(void);\n")
	write(filepath.Join(dir, "demo.c"), "#include \"demo.h\"\nint demo_add(int a, int b) { return a + b; }\n")
	testenv.Run(t, dir, gcc, "-fPIC", "-c", "demo.c", "-I", inc, "-o", "demo.o")
	testenv.Run(t, dir, ar, "crs", filepath.Join(lib, "libdemo.a"), "demo.o")

	files, err := Scaffold(ScaffoldOptions{
		Name: "demo",
		Build: BuildRSOptions{
			Libs: []string{"demo"}, LibDirs: []string{lib}, IncludeDirs: []string{inc},
			Headers: []string{filepath.Join(inc, "demo.h")}, Static: true,
		},
		Bindings: []byte("extern \"C\" {\n    pub fn demo_add(a: core::ffi::c_int, b: core::ffi::c_int) -> core::ffi::c_int;\n    pub fn demo_extra() -> core::ffi::c_int;\n}\n"),
		Inline:   []byte("use core::ffi::c_int;\n\nextern \"C\" {\n    #[link_name = \"ferry_wrap_demo_twice\"]\n    pub fn demo_twice(x: c_int) -> c_int;\n}\n"),
		Wrapper:  []byte("#include <demo.h>\n\nint ferry_wrap_demo_twice(int x) {\n\treturn demo_twice(x);\n}\n"),
		CSources: []File{{Path: "csrc/extra.c", Data: []byte("int demo_extra(void) { return 42; }\n")}},
		Test:     LinkTest{VersionFn: "demo_extra", Symbols: []string{"demo_add", "demo_twice"}},
		Safe: &SafeCrate{
			Lib:  PlaceholderSafeLib("demo"),
			Test: []byte("#[test]\nfn values() {\n    unsafe {\n        assert_eq!(demo::sys::demo_add(1, 2), 3);\n        assert_eq!(demo::sys::demo_twice(21), 42);\n        assert_eq!(demo::sys::demo_extra(), 42);\n    }\n}\n"),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	ws := filepath.Join(dir, "ws")
	for _, f := range files {
		p := filepath.Join(ws, f.Path)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		write(p, string(f.Data))
	}
	CargoOffline(t, cargo, ws, "build")
	CargoOffline(t, cargo, ws, "test")
}

// CargoOffline runs cargo offline in dir with a private CARGO_HOME and
// target directory, so the test neither reads nor writes the user's.
func CargoOffline(t testing.TB, cargo, dir string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(cargo, append(append([]string(nil), args...), "--offline", "--quiet")...)
	cmd.Dir = dir
	home := filepath.Join(dir, ".cargo-home")
	cmd.Env = append(os.Environ(), "CARGO_HOME="+home, "CARGO_TARGET_DIR="+filepath.Join(dir, "target"), "CARGO_TERM_COLOR=never")
	if rustup := os.Getenv("RUSTUP_HOME"); rustup == "" {
		if h, err := os.UserHomeDir(); err == nil {
			cmd.Env = append(cmd.Env, "RUSTUP_HOME="+filepath.Join(h, ".rustup"))
		}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("cargo %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}
