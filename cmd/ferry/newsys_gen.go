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
	"ferry/internal/inline"
	"ferry/internal/link"
	"ferry/internal/safegen"

	"github.com/rogpeppe/go-internal/diff"
)

// sysGen assembles the workspace and repairs what does not compile: a
// tier-1 translation rustc rejects is wrapped in C instead, a C wrapper
// the C compiler rejects is dropped, and safe-layer items rustc rejects
// are dropped, so the crates new-sys writes always build.
type sysGen struct {
	name     string
	f        newSysFlags
	res      *bind.Result
	diags    *diag.List
	rustc    string // "" when rustc is not installed: no Rust checks
	dirs     []string
	cflags   []string
	defines  []string
	exported map[string]bool
	io       inline.Options
	sc       link.ScaffoldOptions
	safeSrc  []byte // the safe module from safegen; nil without one
	// inlineDiags are the inline translator's notes from the last round.
	inlineDiags *diag.List
}

func findRustc() string {
	if p, err := exec.LookPath("rustc"); err == nil {
		return p
	}
	return ""
}

// generate returns the workspace's files.
func (g *sysGen) generate(say func(string, ...any)) ([]link.File, error) {
	tmp, err := os.MkdirTemp("", "ferry-new-sys-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var stats inline.Stats
	var sysMeta string
	for round := 0; ; round++ {
		var wrapped []string
		if !g.f.noInline {
			d := &diag.List{}
			var rust, cw, ext []byte
			rust, cw, ext, stats = translateChecked(g.io, g.res, g.dirs, g.cflags, g.defines, d)
			g.sc.Inline = inline.RustModule(rust, ext)
			g.sc.Wrapper = cw
			wrapped = stats.WrappedNames
			g.inlineDiags = d
		}
		g.sc.Test = link.PlanLinkTest(g.res.Module, g.exported).Declared(g.res.Rust)
		// Taking the wrappers' addresses makes the link test cover
		// build.rs's compiled C as well as the library.
		for i, n := range wrapped {
			if i == 4 {
				break
			}
			g.sc.Test.Symbols = append(g.sc.Test.Symbols, n)
		}
		if g.rustc == "" || round == 3 {
			break
		}
		files, err := g.files()
		if err != nil {
			return nil, err
		}
		errs, meta, err := link.CheckCrate(g.rustc, filepath.Join(tmp, fmt.Sprint("sys", round)), link.SysCrate(g.name), g.f.edition, "src/lib.rs", under(files, g.name+"-sys/"), nil)
		if err != nil {
			say("warning[K503]: cannot type-check the generated crates (%v)", err)
			g.rustc = ""
			break
		}
		if len(errs) == 0 {
			sysMeta = meta
			break
		}
		noRust, exclude, other := g.inlineCulprits(errs)
		if len(other) > 0 {
			for _, e := range other {
				say("warning[K503]: the generated %s-sys does not compile: %s:%d: %s", g.name, e.File, e.Line, e.Message)
			}
			break
		}
		g.io.NoRust = append(g.io.NoRust, noRust...)
		g.io.Exclude = append(g.io.Exclude, exclude...)
	}
	if g.inlineDiags != nil {
		g.diags.Items = append(g.diags.Items, g.inlineDiags.Items...)
	}
	if !g.f.noInline {
		say("%s", stats)
	}
	if g.sc.Safe != nil && g.safeSrc != nil {
		g.sc.Safe.Lib = safeLib(g.name, g.safeSrc)
		g.sc.Safe.VersionFn = safeVersionFn(g.safeSrc, g.sc.Test.VersionFn)
		if sysMeta != "" {
			g.repairSafe(tmp, sysMeta, say)
		}
	}
	return g.files()
}

// files renders and formats the workspace as it stands.
func (g *sysGen) files() ([]link.File, error) {
	files, err := link.Scaffold(g.sc)
	if err != nil {
		return nil, err
	}
	for i := range files {
		if strings.HasSuffix(files[i].Path, ".rs") {
			files[i].Data = inline.Format(files[i].Data, g.f.edition)
		}
	}
	return files, nil
}

// under returns the files below prefix, with the prefix cut.
func under(files []link.File, prefix string) []link.File {
	var out []link.File
	for _, f := range files {
		if rest, ok := strings.CutPrefix(f.Path, prefix); ok {
			out = append(out, link.File{Path: rest, Data: f.Data})
		}
	}
	return out
}

var (
	rustFnHead  = regexp.MustCompile(`\bfn\s+([A-Za-z_][A-Za-z0-9_]*)`)
	linkNameRe  = regexp.MustCompile(`#\[link_name = "([^"]+)"\]`)
	safeWrapper = regexp.MustCompile("(?m)^\\s*/// Safe wrapper of `([A-Za-z0-9_]+)`")
)

// inlineCulprits maps rustc errors in src/inline_fns.rs to the C names of
// the items they are in: tier-1 translations (to wrap in C instead) and
// extern declarations of wrappers (to drop). Errors elsewhere come back
// as other.
func (g *sysGen) inlineCulprits(errs []link.RustError) (noRust, exclude []string, other []link.RustError) {
	files, _ := g.files()
	var src []byte
	for _, f := range files {
		if f.Path == g.name+"-sys/src/inline_fns.rs" {
			src = f.Data
		}
	}
	seen := map[string]bool{}
	for _, e := range errs {
		if e.File != "src/inline_fns.rs" || src == nil {
			other = append(other, e)
			continue
		}
		start, end, ok := link.ItemAt(src, e.Line, 0)
		if ok && isExternBlock(src, start, end) {
			start, end, ok = link.ItemAt(src, e.Line, 4)
			if ok {
				if n := itemCName(src, start, end); n != "" && !seen[n] {
					seen[n] = true
					exclude = append(exclude, n)
				}
				continue
			}
		}
		if !ok {
			other = append(other, e)
			continue
		}
		if n := itemCName(src, start, end); n != "" && !seen[n] {
			seen[n] = true
			noRust = append(noRust, n)
		}
	}
	return noRust, exclude, other
}

func isExternBlock(src []byte, start, end int) bool {
	for _, l := range strings.Split(string(src), "\n")[start:end] {
		if strings.HasPrefix(l, "extern \"C\"") || strings.HasPrefix(l, "unsafe extern \"C\"") {
			return true
		}
	}
	return false
}

func linesOf(src []byte, start, end int) string {
	return strings.Join(strings.Split(string(src), "\n")[start:end], "\n")
}

// itemCName is the C name an inline item stands for: its link_name without
// the wrapper prefix, else its Rust function name (the same as C's).
func itemCName(src []byte, start, end int) string {
	text := linesOf(src, start, end)
	if m := linkNameRe.FindStringSubmatch(text); m != nil {
		return strings.TrimPrefix(m[1], "ferry_wrap_")
	}
	if m := rustFnHead.FindStringSubmatch(text); m != nil {
		return strings.TrimPrefix(m[1], "r#")
	}
	return ""
}

// repairSafe type-checks the safe crate (with its example and test) and
// drops the safe-layer items rustc rejects, a few rounds; if it still
// fails, the crate falls back to re-exporting the raw bindings.
func (g *sysGen) repairSafe(tmp, sysMeta string, say func(string, ...any)) {
	ext := map[string]string{link.SysCrate(g.name): sysMeta}
	var dropped []string
	lib := inline.Format(g.sc.Safe.Lib, g.f.edition)
	for round := 0; round < 8; round++ {
		dir := filepath.Join(tmp, fmt.Sprint("safe", round))
		errs, meta, err := link.CheckCrate(g.rustc, dir, crateName(g.name), g.f.edition, "src/lib.rs", []link.File{{Path: "src/lib.rs", Data: lib}}, ext)
		if err != nil {
			return
		}
		if len(errs) == 0 {
			g.sc.Safe.Lib = lib
			if len(dropped) > 0 {
				dropped = link.SortedUnique(dropped)
				say("warning[K501]: dropped %d item(s) of the safe layer that do not compile: %s (the raw functions stay available through %s::sys)", len(dropped), strings.Join(dropped, ", "), crateName(g.name))
			}
			g.checkExample(tmp, ext, meta, say)
			return
		}
		lines := strings.Split(string(lib), "\n")
		cut := map[int]bool{}
		progress := false
		for _, e := range errs {
			if e.File != "src/lib.rs" {
				continue
			}
			start, end, ok := link.ItemAt(lib, e.Line, 4)
			if !ok || cut[start] {
				continue
			}
			cut[start] = true
			progress = true
			dropped = append(dropped, link.ItemName(lines[headLine(lines, start, end)][4:]))
			for i := start; i < end; i++ {
				lines[i] = "\x00"
			}
		}
		if !progress {
			break
		}
		var kept []string
		for _, l := range lines {
			if l != "\x00" {
				kept = append(kept, l)
			}
		}
		lib = inline.Format([]byte(strings.Join(kept, "\n")), g.f.edition)
	}
	say("warning[K501]: the safe layer does not compile; the %s crate re-exports the raw bindings as sys (run ferry safe with a ferry.toml to see why)", g.name)
	g.sc.Safe.Lib = link.PlaceholderSafeLib(g.name)
	g.sc.Safe.VersionFn = ""
}

// checkExample type-checks the example and the smoke test against the safe
// crate; when they do not compile (the safe version function returns
// something without Debug), they fall back to the raw version call.
func (g *sysGen) checkExample(tmp string, ext map[string]string, safeMeta string, say func(string, ...any)) {
	if g.sc.Safe.VersionFn == "" {
		return
	}
	files, err := g.files()
	if err != nil {
		return
	}
	all := map[string]string{crateName(g.name): safeMeta}
	for k, v := range ext {
		all[k] = v
	}
	for _, f := range under(files, g.name+"/") {
		if !strings.HasPrefix(f.Path, "examples/") && !strings.HasPrefix(f.Path, "tests/") {
			continue
		}
		dir := filepath.Join(tmp, "ex"+strconv.Itoa(len(f.Path)))
		errs, _, err := link.CheckCrate(g.rustc, dir, "ferry_example", g.f.edition, f.Path, []link.File{f}, all)
		if err == nil && len(errs) > 0 {
			g.sc.Safe.VersionFn = ""
			return
		}
	}
}

func headLine(lines []string, start, end int) int {
	for i := start; i < end; i++ {
		t := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(t, "///") && !strings.HasPrefix(t, "#[") && !strings.HasPrefix(t, "//") {
			return i
		}
	}
	return start
}

func crateName(name string) string { return strings.ReplaceAll(name, "-", "_") }

// safeVersionFn finds the safe layer's wrapper of the version function
// when it takes no arguments, for the example to call.
func safeVersionFn(src []byte, raw string) string {
	if raw == "" {
		return ""
	}
	for _, m := range safeWrapper.FindAllSubmatchIndex(src, -1) {
		if string(src[m[2]:m[3]]) != raw {
			continue
		}
		rest := src[m[1]:]
		if fm := regexp.MustCompile(`^.*(?:\s*(?:///.*|#\[.*\]))*\s*pub fn ([A-Za-z_][A-Za-z0-9_]*)\(\)`).FindSubmatch(rest); fm != nil {
			return string(fm[1])
		}
	}
	return ""
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
//! The safe functions are at the crate root; the raw bindings are
//! re-exported as `+"`sys`"+` for what the safe layer does not cover.

pub use %s as sys;
#[allow(unused_imports)]
use %s as raw;

%s
mod safe {
%s}
pub use safe::*;
`, name, sys, sys, link.SafeLints(), indent(string(safe))))
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
	// The wrapper defines the -D macros itself (as build.rs compiles it),
	// so only the include directories are passed here.
	args := []string{"-fsyntax-only", "-Werror=incompatible-pointer-types", "-Werror=int-conversion",
		"-Werror=implicit-function-declaration", "-Werror=return-type", "-Werror=discarded-qualifiers"}
	for _, d := range dirs {
		args = append(args, "-I", d)
	}
	for _, fl := range cflags {
		if strings.HasPrefix(fl, "-I") {
			args = append(args, fl)
		}
	}
	args = append(args, file)
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
