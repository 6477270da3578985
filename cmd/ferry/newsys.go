package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"ferry/internal/bind"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/fsutil"
	"ferry/internal/inline"
	"ferry/internal/link"
	"ferry/internal/safegen"

	"github.com/rogpeppe/go-internal/diff"
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
	out         string
	edition     string
}

const newSysUsage = "ferry new-sys NAME (--pkg-config PKG | --header H --lib L [--lib-dir D] [--static]) [--safe] [--c-src FILE]... [-o DIR] [--verify]"

func runNewSys(e *env) int {
	fs := newFlagSet(e, "new-sys", newSysUsage)
	var f newSysFlags
	fs.StringVar(&f.pkgConfig, "pkg-config", "", "find headers and libraries with pkg-config `PKG` (now and at build time)")
	fs.StringArrayVar(&f.headers, "header", nil, "bind header `H` (default: guessed from NAME or PKG)")
	fs.StringArrayVar(&f.libs, "lib", nil, "link library `L` (NAME[:static|dylib]; default from pkg-config)")
	fs.StringArrayVar(&f.libDirs, "lib-dir", nil, "look for the library in `DIR`")
	fs.BoolVar(&f.static, "static", false, "link statically by default (NAME_STATIC=0/1 switches at build time)")
	fs.StringArrayVarP(&f.includeDirs, "include", "I", nil, "add `DIR` to the include path")
	fs.StringArrayVarP(&f.defines, "define", "D", nil, "predefine macro `NAME[=VAL]`")
	fs.StringArrayVar(&f.cSrcs, "c-src", nil, "bundle C source `FILE`, compiled by build.rs into a static library")
	fs.StringArrayVar(&f.allow, "allow", nil, "bind only declarations whose name matches `REGEX`")
	fs.StringArrayVar(&f.block, "block", nil, "do not bind declarations whose name matches `REGEX`")
	fs.BoolVar(&f.safe, "safe", false, "also generate the safe crate NAME (from ferry safe)")
	fs.BoolVar(&f.noInline, "no-inline", false, "do not translate static inline functions and function-like macros")
	fs.StringVar(&f.edition, "edition", "2021", "Rust `EDITION` of the crates (2021 or 2024)")
	fs.StringVarP(&f.out, "output", "o", "", "write the workspace to `DIR` (default: ./NAME)")
	fs.BoolVar(&f.verify, "verify", false, "write nothing; exit 1 with a diff if any file in -o DIR is stale")
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
	fmt.Fprintf(e.stderr, "ferry new-sys: wrote %d files to %s; build with: cd %s && cargo build --offline && cargo test --offline\n", len(files), f.out, f.out)
	return exitOK
}

// newSysFiles computes every file of the workspace.
func newSysFiles(e *env, name string, f newSysFlags, extraCFlags []string) ([]link.File, int) {
	fail := func(code string, err error) ([]link.File, int) {
		if d, ok := err.(*diag.Diagnostic); ok {
			reportError(e.stderr, d)
		} else {
			fmt.Fprintf(e.stderr, "ferry new-sys: error[%s]: %v\n", code, err)
		}
		return nil, exitUsage
	}
	build := link.BuildRSOptions{PkgConfig: f.pkgConfig, Static: f.static}
	cflags := append([]string(nil), extraCFlags...)
	includeDirs := append([]string(nil), f.includeDirs...)
	var libs []link.Lib
	if f.pkgConfig != "" {
		info, err := link.PkgConfig(f.pkgConfig)
		if err != nil {
			return fail("K500", err)
		}
		cflags = append(cflags, info.CFlags...)
		includeDirs = append(includeDirs, info.IncludeDirs...)
		libs = info.Libs
		build.LibDirs = append(build.LibDirs, info.LibDirs...)
	}
	if len(f.libs) > 0 {
		libs = nil
		for _, l := range f.libs {
			lib, err := link.ParseLinkFlag(l)
			if err != nil {
				return fail("U900", err)
			}
			if lib.Kind == "static" {
				build.Static = true
			}
			libs = append(libs, lib)
		}
	}
	for _, d := range f.libDirs {
		abs, err := filepath.Abs(d)
		if err != nil {
			return fail("U901", err)
		}
		build.LibDirs = append(build.LibDirs, abs)
	}
	for _, l := range libs {
		build.Libs = append(build.Libs, l.Name)
	}
	headers := f.headers
	if len(headers) == 0 {
		h, err := link.GuessHeader(name, f.pkgConfig, includeDirs)
		if err != nil {
			return fail("U900", err)
		}
		headers = []string{h}
	}
	for i, h := range headers {
		abs, err := filepath.Abs(h)
		if err != nil {
			return fail("U901", err)
		}
		if st, err := os.Stat(abs); err != nil || st.IsDir() {
			return fail("U901", fmt.Errorf("header %s cannot be read", h))
		}
		headers[i] = abs
	}
	for i, d := range includeDirs {
		if abs, err := filepath.Abs(d); err == nil {
			includeDirs[i] = abs
		}
	}
	// The headers' own directories let the wrapper say #include <h.h>.
	wrapperDirs := append([]string(nil), includeDirs...)
	for _, h := range headers {
		wrapperDirs = append(wrapperDirs, filepath.Dir(h))
	}
	build.IncludeDirs = uniq(wrapperDirs)
	build.Headers = headers

	opts := bind.Options{
		Headers: headers, IncludeDirs: includeDirs, Defines: f.defines, CFlags: cflags,
		Edition: f.edition,
	}
	var err error
	if opts.Allow, err = anchored(f.allow); err != nil {
		return fail("U900", err)
	}
	if opts.Block, err = anchored(f.block); err != nil {
		return fail("U900", err)
	}
	diags := &diag.List{}
	res, err := bind.Run(opts, diags)
	if err != nil {
		printDiags(e.stderr, diags)
		return fail("B100", err)
	}

	sc := link.ScaffoldOptions{Name: name, Edition: f.edition, Build: build, Bindings: res.Rust}
	var wrapped []string
	if !f.noInline {
		var includes []string
		for _, h := range headers {
			includes = append(includes, link.IncludeSpelling(h, build.IncludeDirs))
		}
		io := inline.Options{Includes: includes, Edition: f.edition}
		rust, cw, ext, stats := translateChecked(io, res, build.IncludeDirs, cflags, f.defines, diags)
		sc.Inline = inline.RustModule(rust, ext)
		sc.Wrapper = cw
		wrapped = stats.WrappedNames
		if !f.verify { // --verify reports only staleness
			fmt.Fprintf(e.stderr, "ferry new-sys: %s\n", stats)
		}
	}
	for _, src := range f.cSrcs {
		data, err := os.ReadFile(src)
		if err != nil {
			return fail("U901", fmt.Errorf("--c-src %s: %v", src, unwrapPathErr(err)))
		}
		sc.CSources = append(sc.CSources, link.File{Path: "csrc/" + filepath.Base(src), Data: data})
	}
	var exported map[string]bool
	for _, l := range build.Libs {
		if file := link.LibraryFile(l, build.LibDirs); file != "" {
			if syms, ok := link.ExportedSymbols(file); ok {
				if exported == nil {
					exported = map[string]bool{}
				}
				for s := range syms {
					exported[s] = true
				}
			}
		}
	}
	sc.Test = link.PlanLinkTest(res.Module, exported)
	// Taking the wrappers' addresses makes the link test cover build.rs's
	// compiled C as well as the library.
	for i, n := range wrapped {
		if i == 4 {
			break
		}
		sc.Test.Symbols = append(sc.Test.Symbols, n)
	}
	if f.safe {
		sc.Safe = &link.SafeCrate{Lib: link.PlaceholderSafeLib(name)}
		if src, code := safeModule(res, diags); code == nil {
			sc.Safe.Lib = safeLib(name, src)
		} else {
			fmt.Fprintf(e.stderr, "ferry new-sys: warning[K501]: the safe layer could not be generated (%v); the %s crate re-exports the raw bindings\n", code, name)
		}
	}
	if !f.verify {
		printDiags(e.stderr, warningsOnly(diags))
	}
	files, err := link.Scaffold(sc)
	if err != nil {
		return fail("K500", err)
	}
	for i := range files {
		if strings.HasSuffix(files[i].Path, ".rs") {
			files[i].Data = inline.Format(files[i].Data, f.edition)
		}
	}
	return files, exitOK
}

// safeModule runs the safe-layer generator; it never lets a panic in a
// stage under construction take new-sys down.
func safeModule(res *bind.Result, diags *diag.List) (src []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			src, err = nil, fmt.Errorf("internal error: %v", r)
		}
	}()
	src, _, err = safegen.Generate(res.Module, &config.Safe{}, safegen.Options{}, diags)
	return src, err
}

// safeLib is the safe crate's lib.rs around the generated safe module.
func safeLib(name string, safe []byte) []byte {
	sys := link.SysCrate(name)
	return []byte(fmt.Sprintf(`//! Safe Rust API for the C library `+"`%s`"+`, generated by ferry.
//!
//! The raw bindings are re-exported as `+"`sys`"+` for what the safe layer
//! does not cover.

pub use %s as sys;
#[allow(unused_imports)]
use %s as raw;

#[allow(clippy::all)]
mod safe {
%s}
pub use safe::*;
`, name, sys, sys, indent(string(safe))))
}

func indent(s string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if strings.TrimSpace(l) == "" {
			b.WriteString(strings.TrimLeft(l, " \t"))
			continue
		}
		b.WriteString("    " + l)
	}
	return b.String()
}

// translateChecked runs the inline translator, then compiles the C wrapper
// with the system compiler (when there is one) and drops the wrappers it
// rejects, so the generated crate never fails in build.rs.
func translateChecked(io inline.Options, res *bind.Result, dirs, cflags, defines []string, diags *diag.List) (rust, cw, ext []byte, stats inline.Stats) {
	cc, err := exec.LookPath("cc")
	if err != nil {
		cc, _ = exec.LookPath("gcc")
	}
	for round := 0; ; round++ {
		d := &diag.List{}
		rust, cw, ext, stats = inline.Translate(res.Module, io, d)
		bad := wrapperErrors(cc, cw, dirs, cflags, defines)
		if len(bad) == 0 || round == 3 {
			diags.Items = append(diags.Items, d.Items...)
			return
		}
		io.Exclude = append(io.Exclude, bad...)
	}
}

var wrapperHead = regexp.MustCompile(`\b(ferry_wrap_[A-Za-z0-9_]+)\(`)

func wrapperErrors(cc string, src []byte, dirs, cflags, defines []string) []string {
	if cc == "" || len(src) == 0 {
		return nil
	}
	tmp, err := os.MkdirTemp("", "ferry-wrap-")
	if err != nil {
		return nil
	}
	defer os.RemoveAll(tmp)
	file := filepath.Join(tmp, "ferry_wrap.c")
	if err := os.WriteFile(file, src, 0o644); err != nil {
		return nil
	}
	args := []string{"-fsyntax-only", "-Werror=incompatible-pointer-types", "-Werror=int-conversion",
		"-Werror=implicit-function-declaration", "-Werror=return-type", "-Werror=discarded-qualifiers"}
	for _, d := range dirs {
		args = append(args, "-I", d)
	}
	for _, d := range defines {
		args = append(args, "-D", d)
	}
	args = append(append(args, cflags...), file)
	var errb bytes.Buffer
	cmd := exec.Command(cc, args...)
	cmd.Stderr = &errb
	if cmd.Run() == nil {
		return nil
	}
	lines := strings.Split(string(src), "\n")
	seen := map[string]bool{}
	var bad []string
	re := regexp.MustCompile(regexp.QuoteMeta(file) + `:(\d+):\d+: error`)
	for _, m := range re.FindAllStringSubmatch(errb.String(), -1) {
		n, _ := strconv.Atoi(m[1])
		for i := n - 1; i >= 0 && i < len(lines); i-- {
			if w := wrapperHead.FindStringSubmatch(lines[i]); w != nil && !strings.HasPrefix(lines[i], "\t") {
				name := strings.TrimPrefix(w[1], "ferry_wrap_")
				if !seen[name] {
					seen[name] = true
					bad = append(bad, name)
				}
				break
			}
		}
	}
	return bad
}

// verifyTree compares every generated file with the one in dir.
func verifyTree(e *env, dir string, files []link.File) int {
	stale := 0
	for _, file := range files {
		p := filepath.Join(dir, filepath.FromSlash(file.Path))
		old, err := os.ReadFile(p)
		if err != nil {
			fmt.Fprintf(e.stderr, "ferry new-sys: %s is missing\n", p)
			stale++
			continue
		}
		if !bytes.Equal(old, file.Data) {
			fmt.Fprintf(e.stderr, "ferry new-sys: %s is stale\n", p)
			e.stderr.Write(diff.Diff(p, old, p+" (fresh)", file.Data))
			stale++
		}
	}
	if stale > 0 {
		fmt.Fprintf(e.stderr, "ferry new-sys: %d of %d files stale; regenerate without --verify\n", stale, len(files))
		return exitFindings
	}
	return exitOK
}

func warningsOnly(l *diag.List) *diag.List {
	out := &diag.List{}
	for _, d := range l.Items {
		if d.Severity >= diag.Warning {
			out.Add(d)
		}
	}
	return out
}

func anchored(pats []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range pats {
		re, err := regexp.Compile("^(?:" + p + ")$")
		if err != nil {
			return nil, fmt.Errorf("%q: %v", p, err)
		}
		out = append(out, re)
	}
	return out, nil
}

func uniq(list []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range list {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}
