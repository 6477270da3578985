package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"ferry/internal/fsutil"
)

// newSysFlags are new-sys's flags as typed.
type newSysFlags struct {
	pkgConfig   string
	headers     []string
	libs        []string
	libDirs     []string
	includeDirs []string
	defines     []string
	cSrcs       []string
	allow       []string
	block       []string
	static      bool
	safe        bool
	noInline    bool
	verify      bool
	verbose     bool
	out         string
	edition     string
}

const newSysUsage = "ferry new-sys NAME (--pkg-config PKG | --header H --lib L [--lib-dir D] [--static]) [-D MACRO[=VAL]]... [--safe] [--c-src FILE]... [-o DIR] [--verify]"

func runNewSys(e *env) int {
	fs := newFlagSet(e, "new-sys", newSysUsage)
	var f newSysFlags
	fs.StringVar(&f.pkgConfig, "pkg-config", "", "find headers and libraries with pkg-config `PKG` (now and at build time)")
	fs.StringArrayVar(&f.headers, "header", nil, "bind header `H`: a path, or relative to the include directories (default: guessed from NAME or PKG)")
	fs.StringArrayVar(&f.libs, "lib", nil, "link library `L` (NAME[:static|dylib]; default from pkg-config)")
	fs.StringArrayVar(&f.libDirs, "lib-dir", nil, "look for the library in `DIR`")
	fs.BoolVar(&f.static, "static", false, "link statically by default (NAME_STATIC=0/1 switches at build time)")
	fs.StringArrayVarP(&f.includeDirs, "include", "I", nil, "add `DIR` to the include path")
	fs.StringArrayVarP(&f.defines, "define", "D", nil, "define macro `NAME[=VAL]` before the headers, for the bindings and the compiled C wrappers (e.g. -D PCRE2_CODE_UNIT_WIDTH=8)")
	fs.StringArrayVar(&f.cSrcs, "c-src", nil, "bundle C source `FILE`, compiled by build.rs into a static library")
	fs.StringArrayVar(&f.allow, "allow", nil, "bind only declarations whose name matches `REGEX`")
	fs.StringArrayVar(&f.block, "block", nil, "do not bind declarations whose name matches `REGEX`")
	fs.BoolVar(&f.safe, "safe", false, "also generate the safe crate NAME (from ferry safe)")
	fs.BoolVar(&f.noInline, "no-inline", false, "do not translate static inline functions and function-like macros")
	fs.StringVar(&f.edition, "edition", "2021", "Rust `EDITION` of the crates (2021 or 2024)")
	fs.StringVarP(&f.out, "output", "o", "", "write the workspace to `DIR` (default: ./NAME)")
	fs.BoolVar(&f.verify, "verify", false, "write nothing; exit 1 with a diff if any file in -o DIR is stale")
	fs.BoolVarP(&f.verbose, "verbose", "v", false, "also print notes (each skipped macro and static inline function)")
	pos, cflags, stop := parseFlags(fs, e.args)
	if stop >= 0 {
		return stop
	}
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "ferry new-sys: error[U900]: "+format+"\n", args...)
		fs.Usage()
		return exitUsage
	}
	if len(pos) != 1 {
		return usageErr("want exactly one NAME, got %d arguments", len(pos))
	}
	name := pos[0]
	if !regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`).MatchString(name) || strings.HasSuffix(name, "-sys") {
		return usageErr("NAME %q: want a crate name such as zlib (ferry adds -sys)", name)
	}
	if f.pkgConfig == "" && (len(f.headers) == 0 || len(f.libs) == 0) {
		return usageErr("give --pkg-config PKG, or --header H and --lib L")
	}
	if f.edition != "2021" && f.edition != "2024" {
		return usageErr("--edition %q: want 2021 or 2024", f.edition)
	}
	if f.out == "" {
		f.out = name
	}
	files, code := newSysFiles(e, name, f, cflags)
	if code != exitOK {
		return code
	}
	if f.verify {
		return verifyTree(e, f.out, files)
	}
	for _, file := range files {
		p := filepath.Join(f.out, filepath.FromSlash(file.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fmt.Fprintf(e.stderr, "ferry new-sys: error[U902]: %v\n", err)
			return exitUsage
		}
		if err := fsutil.WriteFileAtomic(p, file.Data, 0o644); err != nil {
			fmt.Fprintf(e.stderr, "ferry new-sys: error[U902]: %v\n", err)
			return exitUsage
		}
	}
	run := "cargo build --offline && cargo test --offline"
	if f.safe {
		run += " && cargo run --offline --example " + name
	}
	fmt.Fprintf(e.stderr, "ferry new-sys: wrote %d files to %s (see %s/README.md); build with: cd %s && %s\n", len(files), f.out, f.out, f.out, run)
	return exitOK
}

// newSysCommand is the command line that regenerates the workspace, for
// its README: the flags as given, -o and --verify left out.
func newSysCommand(name string, f newSysFlags) string {
	args := []string{"ferry", "new-sys", name}
	add := func(flag string, vals ...string) {
		for _, v := range vals {
			args = append(args, flag, shellQuote(v))
		}
	}
	if f.pkgConfig != "" {
		add("--pkg-config", f.pkgConfig)
	}
	add("--header", f.headers...)
	add("--lib", f.libs...)
	add("--lib-dir", f.libDirs...)
	add("-I", f.includeDirs...)
	add("-D", f.defines...)
	add("--c-src", f.cSrcs...)
	add("--allow", f.allow...)
	add("--block", f.block...)
	if f.static {
		args = append(args, "--static")
	}
	if f.noInline {
		args = append(args, "--no-inline")
	}
	if f.edition != "2021" {
		add("--edition", f.edition)
	}
	if f.safe {
		args = append(args, "--safe")
	}
	return strings.Join(args, " ")
}

func shellQuote(s string) string {
	if regexp.MustCompile(`^[A-Za-z0-9_./:=+,@-]+$`).MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
