package bind

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"testing"

	"ferry/internal/cprobe"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/link"
	"ferry/internal/testenv"
)

// corpusRow is what one library's run measured.
type corpusRow struct {
	Name string
	// Functions: declared by the header (gcc -E scan), in the IR, bound
	// in the Rust output, exported by the library, linked.
	Declared, InIR, Bound, Exported, Linked int
	NotExported                             []string // bound, but the library does not export them
	Missing                                 []string // declared by the header, absent from the IR
	MissingInline                           []string // defined (static inline) by the header, absent from the IR
	Dropped                                 []string // in the IR, not in the Rust output
	Vars, VarsLinked                        int
	Types, Fields, Consts                   int // questions gcc answered about layouts and values
	RustConsts                              int // Rust constants whose printed value was compared with gcc's
	Mismatches                              []string
	Compile, Link, Rustfmt                  string // "ok" or a short failure
	Err                                     string // bind error or panic
	Details                                 []string
}

func (r corpusRow) failed() bool {
	return r.Err != "" || r.Compile != "ok" || r.Link != "ok" || len(r.Mismatches) > 0 ||
		len(r.Missing) > 0 || r.Rustfmt != "ok"
}

func (r corpusRow) detail() string {
	var b strings.Builder
	if r.Err != "" {
		fmt.Fprintf(&b, "bind: %s\n", r.Err)
	}
	if r.Compile != "ok" {
		fmt.Fprintf(&b, "compile: %s\n", r.Compile)
	}
	if r.Link != "ok" {
		fmt.Fprintf(&b, "link: %s\n", r.Link)
	}
	if r.Rustfmt != "ok" {
		fmt.Fprintf(&b, "rustfmt --check: %s\n", r.Rustfmt)
	}
	if len(r.Mismatches) > 0 {
		fmt.Fprintf(&b, "%d disagreements with gcc:\n  %s\n", len(r.Mismatches), strings.Join(head(r.Mismatches, 40), "\n  "))
	}
	if len(r.Missing) > 0 {
		fmt.Fprintf(&b, "%d functions the header declares are not in the IR: %s\n", len(r.Missing), strings.Join(head(r.Missing, 40), " "))
	}
	for _, d := range r.Details {
		b.WriteString(d + "\n")
	}
	return b.String()
}

func head(s []string, n int) []string {
	if len(s) > n {
		return append(s[:n:n], fmt.Sprintf("... (%d more)", len(s)-n))
	}
	return s
}

// corpusTable renders the rows as a Markdown table.
func corpusTable(rows []corpusRow) string {
	var b strings.Builder
	b.WriteString("| library | fns declared / in IR / bound / exported / linked | not exported | vars linked | types / fields / consts / Rust consts vs gcc | mismatches | missing fns | compile | link | rustfmt |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		if r.Err != "" {
			fmt.Fprintf(&b, "| %s | bind failed: %s | | | | | | | | |\n", r.Name, firstLineOf(r.Err))
			continue
		}
		fmt.Fprintf(&b, "| %s | %d / %d / %d / %d / %d | %d | %d / %d | %d / %d / %d / %d | %d | %d | %s | %s | %s |\n",
			r.Name, r.Declared, r.InIR, r.Bound, r.Exported, r.Linked, len(r.NotExported), r.VarsLinked, r.Vars,
			r.Types, r.Fields, r.Consts, r.RustConsts, len(r.Mismatches), len(r.Missing), r.Compile, r.Link, r.Rustfmt)
	}
	return b.String()
}

func firstLineOf(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// bindCorpusLib runs the whole judgement on one library.
func bindCorpusLib(t *testing.T, lib testenv.CorpusLib) (row corpusRow) {
	t.Helper()
	row = corpusRow{Name: lib.Name, Compile: "-", Link: "-", Rustfmt: "-"}
	dir := t.TempDir()
	for _, h := range lib.Headers {
		testenv.NeedFile(t, h)
	}
	headers := lib.HeaderPaths(t, dir)

	var libs []string
	var libDirs, pkgCFlags []string
	opts := Options{Headers: headers, CFlags: lib.CFlags}
	if lib.Pkg != "" {
		info, err := link.PkgConfig(lib.Pkg)
		if err != nil {
			testenv.Skip(t, "%v", err)
		}
		for _, l := range info.Libs {
			libs = append(libs, l.Name)
		}
		libDirs, pkgCFlags = info.LibDirs, info.CFlags
		opts.PkgConfig = []string{lib.Pkg}
	} else {
		libs = lib.Libs
		for _, l := range libs {
			if link.LibraryFile(l, nil) == "" {
				testenv.Skip(t, "lib%s.so not installed", l)
			}
			opts.Links = append(opts.Links, link.Lib{Name: l})
		}
	}

	res, err := runGuarded(opts)
	if err != nil {
		row.Err = err.Error()
		return row
	}
	rs := filepath.Join(dir, "bindings.rs")
	if err := os.WriteFile(rs, res.Rust, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("FERRY_CORPUS_OUT"); keep != "" {
		// Keep the bindings for inspection (rustfmt, clippy).
		if err := os.WriteFile(filepath.Join(keep, lib.Name+".rs"), res.Rust, 0o644); err != nil {
			t.Error(err)
		}
	}
	m := res.Module
	cflags := append(append([]string(nil), pkgCFlags...), lib.CFlags...)

	// Functions: the IR's, the output's, the library's.
	fnIR := map[string]bool{}
	for _, d := range m.Decls {
		if f, ok := d.(*ir.Function); ok && f.Origin != ir.FromSystem {
			fnIR[f.Name] = true
		}
	}
	row.InIR = len(fnIR)
	fns, vars := externItems(res.Rust)
	row.Bound, row.Vars = len(fns), len(vars)
	for name := range fnIR {
		if !slices.ContainsFunc(fns, func(it externItem) bool { return it.sym == name }) && !isInlineFn(m, name) {
			row.Dropped = append(row.Dropped, name)
		}
	}
	sort.Strings(row.Dropped)
	exported := map[string]bool{}
	for _, l := range libs {
		if libcStub[l] {
			continue // glibc's empty compatibility archives
		}
		if !librarySymbols(l, libDirs, exported, 0) {
			row.Details = append(row.Details, fmt.Sprintf("cannot list the symbols of -l%s", l))
		}
	}
	var linkFns, linkVars []externItem
	for _, f := range fns {
		if exported[f.sym] {
			linkFns = append(linkFns, f)
		} else {
			row.NotExported = append(row.NotExported, f.sym)
		}
	}
	for _, v := range vars {
		if exported[v.sym] {
			linkVars = append(linkVars, v)
		}
	}
	row.Exported = len(linkFns)
	if len(row.NotExported) > 0 {
		row.Details = append(row.Details, fmt.Sprintf("note: %d bound functions are not exported by the library: %s",
			len(row.NotExported), strings.Join(head(row.NotExported, 20), " ")))
	}
	if len(row.Dropped) > 0 {
		row.Details = append(row.Details, fmt.Sprintf("note: %d IR functions are not in the output: %s",
			len(row.Dropped), strings.Join(head(row.Dropped, 20), " ")))
	}

	// Layouts and constants against gcc.
	var gccRes *cprobe.Result
	row.Types, row.Fields, row.Consts, row.Mismatches, gccRes = compareCorpusLayouts(m, headers, cflags)

	// rustfmt, then compile, link and run the program that takes the
	// address of every exported function and static and prints every
	// numeric constant.
	row.Rustfmt = rustfmtCheck(rs)
	consts := rustConsts(res.Rust, gccRes)
	compileErr, linkErr, out := linkProgram(t, dir, rs, linkFns, linkVars, consts, libs, libDirs)
	switch {
	case compileErr != "":
		row.Compile = compileErr
	case linkErr != "":
		row.Compile, row.Link = "ok", linkErr
	default:
		row.Compile, row.Link = "ok", "ok"
		if want := fmt.Sprintf("linked %d %d", len(linkFns), len(linkVars)); !strings.Contains(out, want) {
			row.Link = fmt.Sprintf("program printed %q, want %q", firstLineOf(out), want)
		} else {
			row.Linked, row.VarsLinked = len(linkFns), len(linkVars)
		}
		n, bad := compareRustConsts(out, consts, gccRes)
		row.RustConsts = n
		row.Mismatches = append(row.Mismatches, bad...)
	}

	// Coverage: the functions the header declares.
	declared, err := scanDeclaredFunctions(headers, cflags, userFiles(m, headers))
	if err != nil {
		row.Details = append(row.Details, "declaration scan: "+err.Error())
	}
	row.Declared = len(declared)
	for n, inline := range declared {
		switch {
		case fnIR[n]:
		case inline:
			row.MissingInline = append(row.MissingInline, n)
		default:
			row.Missing = append(row.Missing, n)
		}
	}
	sort.Strings(row.Missing)
	sort.Strings(row.MissingInline)
	if len(row.MissingInline) > 0 {
		row.Details = append(row.Details, fmt.Sprintf("note: %d static inline functions the header defines are not in the IR: %s",
			len(row.MissingInline), strings.Join(head(row.MissingInline, 20), " ")))
	}
	return row
}

// libcStub are libraries that glibc 2.34+ folds into libc.so.6, leaving
// empty archives that nm cannot list.
var libcStub = map[string]bool{"pthread": true, "dl": true, "rt": true, "m": true, "c": true, "util": true}

// librarySymbols adds the dynamic symbols of -lname to syms, following
// linker scripts (libncurses.so is `INPUT(libncurses.so.6 -ltinfo)`).
func librarySymbols(name string, dirs []string, syms map[string]bool, depth int) bool {
	file := link.LibraryFile(name, dirs)
	if file == "" || depth > 4 {
		return false
	}
	return fileSymbols(file, dirs, syms, depth)
}

var reScriptArgs = regexp.MustCompile(`(?:INPUT|GROUP|AS_NEEDED)\s*\(([^()]*)`)

func fileSymbols(file string, dirs []string, syms map[string]bool, depth int) bool {
	if s, ok := link.ExportedSymbols(file); ok {
		for k := range s {
			syms[k] = true
		}
		return true
	}
	text, err := os.ReadFile(file)
	if err != nil || len(text) > 1<<16 || bytes.IndexByte(text, 0) >= 0 {
		return false
	}
	found := false
	for _, m := range reScriptArgs.FindAllStringSubmatch(string(text), -1) {
		for _, arg := range strings.Fields(m[1]) {
			switch {
			case strings.HasPrefix(arg, "-l"):
				found = librarySymbols(arg[2:], dirs, syms, depth+1) || found
			case filepath.IsAbs(arg):
				found = fileSymbols(arg, dirs, syms, depth+1) || found
			default:
				found = fileSymbols(filepath.Join(filepath.Dir(file), arg), dirs, syms, depth+1) || found
			}
		}
	}
	return found
}

// runGuarded runs bind, turning a panic into an error: a panic on a header
// gcc accepts is a bug the corpus must report, not crash on.
func runGuarded(opts Options) (res *Result, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v\n%s", r, debug.Stack())
		}
	}()
	diags := &diag.List{}
	res, err = Run(opts, diags)
	if err == nil {
		for _, d := range diags.Items {
			if d.Severity == diag.Error {
				return nil, fmt.Errorf("error diagnostic: %s", d)
			}
		}
	}
	return res, err
}

func isInlineFn(m *ir.Module, name string) bool {
	for _, d := range m.Decls {
		if f, ok := d.(*ir.Function); ok && f.Name == name && (f.Attrs.Inline || f.Attrs.Static) {
			return true
		}
	}
	return false
}

// externItem is a function or static of an extern block: its Rust name and
// the symbol it links to.
type externItem struct{ rust, sym string }

var (
	reExternFn     = regexp.MustCompile(`^    pub fn ((?:r#)?\w+)\(`)
	reExternStatic = regexp.MustCompile(`^    pub static (?:mut )?((?:r#)?\w+):`)
	reLinkName     = regexp.MustCompile(`^    #\[link_name = "([^"]+)"\]`)
)

// externItems reads the functions and statics out of the generated Rust.
func externItems(src []byte) (fns, vars []externItem) {
	in := false
	linkName := ""
	for _, line := range strings.Split(string(src), "\n") {
		switch {
		case strings.HasPrefix(line, "unsafe extern \""):
			in = true
			continue
		case line == "}":
			in = false
		}
		if !in {
			continue
		}
		if m := reLinkName.FindStringSubmatch(line); m != nil {
			linkName = m[1]
			continue
		}
		var sink *[]externItem
		var m []string
		if m = reExternFn.FindStringSubmatch(line); m != nil {
			sink = &fns
		} else if m = reExternStatic.FindStringSubmatch(line); m != nil {
			sink = &vars
		} else {
			continue
		}
		sym := linkName
		if sym == "" {
			sym = strings.TrimPrefix(m[1], "r#")
		}
		*sink = append(*sink, externItem{rust: m[1], sym: sym})
		linkName = ""
	}
	return fns, vars
}

func rustfmtCheck(rs string) string {
	rustfmt, err := exec.LookPath("rustfmt")
	if err != nil {
		return "no rustfmt"
	}
	out, err := exec.Command(rustfmt, "--edition", "2021", "--check", rs).CombinedOutput()
	if err != nil {
		return fmt.Sprintf("%d lines differ", bytes.Count(out, []byte("\n")))
	}
	return "ok"
}

// linkProgram builds (and runs) a program taking the address of every
// given function and static, linked with libs. It returns rustc's compile
// errors or the linker's complaint, and the program's output.
func linkProgram(t *testing.T, dir, rs string, fns, vars []externItem, consts []rustConst, libs, libDirs []string) (compileErr, linkErr, out string) {
	t.Helper()
	rustc := testenv.NeedTool(t, "rustc")
	var b strings.Builder
	b.WriteString("#![allow(dead_code, non_camel_case_types, non_upper_case_globals, non_snake_case, improper_ctypes, deprecated, unused_imports)]\n")
	fmt.Fprintf(&b, "mod raw {\n    include!(%q);\n}\n\nfn main() {\n    let fns: &[*const ()] = &[\n", rs)
	for _, f := range fns {
		fmt.Fprintf(&b, "        raw::%s as *const (),\n", f.rust)
	}
	b.WriteString("    ];\n    let vars: &[*const u8] = &[\n")
	for _, v := range vars {
		fmt.Fprintf(&b, "        (&raw const raw::%s).cast::<u8>(),\n", v.rust)
	}
	b.WriteString("    ];\n")
	b.WriteString("    let n = std::hint::black_box(fns).iter().filter(|p| !p.is_null()).count();\n")
	b.WriteString("    let v = std::hint::black_box(vars).iter().filter(|p| !p.is_null()).count();\n")
	b.WriteString("    println!(\"linked {n} {v}\");\n")
	for _, c := range consts {
		fmt.Fprintf(&b, "    println!(\"C %s {}\", raw::%s);\n", c.name, c.expr)
	}
	b.WriteString("}\n")
	main := filepath.Join(dir, "main.rs")
	if err := os.WriteFile(main, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "prog")
	args := []string{"--edition=2021", "-C", "debuginfo=0", "-o", exe, main}
	for _, d := range libDirs {
		args = append(args, "-L", "native="+d)
	}
	for _, l := range libs {
		args = append(args, "-l", l)
	}
	msg, err := exec.Command(rustc, args...).CombinedOutput()
	if err != nil {
		s := string(msg)
		if strings.Contains(s, "error: linking with") {
			return "", summarizeLinkError(s), ""
		}
		return summarizeRustcErrors(s), "", ""
	}
	run, err := exec.Command(exe).CombinedOutput()
	if err != nil {
		return "", fmt.Sprintf("run: %v: %s", err, firstLineOf(string(run))), ""
	}
	return "", "", string(run)
}

var reUndefined = regexp.MustCompile("undefined reference to `([^']+)'")

func summarizeLinkError(s string) string {
	var names []string
	for _, m := range reUndefined.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(names, m[1]) {
			names = append(names, m[1])
		}
	}
	if len(names) == 0 {
		return "link failed: " + lastLines(s, 5)
	}
	return fmt.Sprintf("%d undefined: %s", len(names), strings.Join(head(names, 20), " "))
}

// summarizeRustcErrors counts rustc's errors and keeps the first few.
func summarizeRustcErrors(s string) string {
	var errs []string
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "error") && !strings.HasPrefix(l, "error: aborting") {
			e := l
			if i+1 < len(lines) {
				e += " " + strings.TrimSpace(lines[i+1])
			}
			errs = append(errs, e)
		}
	}
	return fmt.Sprintf("%d errors:\n    %s", len(errs), strings.Join(head(errs, 15), "\n    "))
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// compareCorpusLayouts asks gcc about every record, typedef, enum and
// constant of m and returns how many of each it answered, and the
// disagreements with ferry.
func compareCorpusLayouts(m *ir.Module, headers, cflags []string) (types, fields, consts int, mismatches []string, res *cprobe.Result) {
	var prelude strings.Builder
	for _, h := range headers {
		fmt.Fprintf(&prelude, "#include %q\n", h)
	}
	flags := append([]string{"-D_Nonnull=", "-D_Nullable=", "-D_Null_unspecified=", "-Wno-attributes"}, cflags...)
	q := cprobe.ModuleQuery(m, cprobe.ModuleOptions{Prelude: prelude.String(), CFlags: flags, Consts: true})
	res, err := cprobe.Run(context.Background(), q)
	if err != nil {
		return 0, 0, 0, []string{"gcc probe: " + firstLineOf(err.Error())}, nil
	}
	eng := layout.New(m, layout.Options{}, &diag.List{})
	for _, ms := range cprobe.Compare(m, eng, res) {
		mismatches = append(mismatches, ms.String())
	}
	return len(res.Types), len(res.Fields), len(res.Consts), mismatches, res
}

// userFiles are the files whose function declarations the library owns:
// the named headers, the files of the IR's primary and companion
// declarations, and the directory trees of headers not directly in an
// include root.
func userFiles(m *ir.Module, headers []string) func(string) bool {
	files := map[string]bool{}
	for _, h := range headers {
		files[filepath.Clean(h)] = true
	}
	for _, d := range m.Decls {
		c := d.DeclCommon()
		if c.Origin != ir.FromSystem && !strings.HasPrefix(c.Pos.File, "<") {
			files[filepath.Clean(c.Pos.File)] = true
		}
	}
	return func(f string) bool { return files[filepath.Clean(f)] }
}
