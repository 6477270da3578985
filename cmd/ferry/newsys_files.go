package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ferry/internal/bind"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/link"
)

// newSysFiles computes every file of the workspace: it finds the library,
// binds its headers, translates the inline API, generates the safe layer,
// and type-checks the crates with rustc so that what it writes builds.
func newSysFiles(e *env, name string, f newSysFlags, extraCFlags []string) ([]link.File, int) {
	fail := func(code string, err error) ([]link.File, int) {
		if d, ok := err.(*diag.Diagnostic); ok {
			reportError(e.stderr, d)
		} else {
			fmt.Fprintf(e.stderr, "ferry new-sys: error[%s]: %v\n", code, err)
		}
		return nil, exitUsage
	}
	say := func(format string, args ...any) {
		if !f.verify { // --verify reports only staleness
			fmt.Fprintf(e.stderr, "ferry new-sys: "+format+"\n", args...)
		}
	}
	build := link.BuildRSOptions{PkgConfig: f.pkgConfig, Static: f.static}
	cflags := append([]string(nil), extraCFlags...)
	includeDirs := append([]string(nil), f.includeDirs...)
	// Macros the headers need, given with -D or by pkg-config: the C
	// wrappers define them too, so build.rs compiles them the same way.
	defines := append([]string(nil), f.defines...)
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
		for _, fl := range info.CFlags {
			if d, ok := strings.CutPrefix(fl, "-D"); ok && d != "" {
				defines = append(defines, d)
			}
		}
	}
	for _, fl := range extraCFlags {
		if d, ok := strings.CutPrefix(fl, "-D"); ok && d != "" {
			defines = append(defines, d)
		}
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
	for i, d := range includeDirs {
		if abs, err := filepath.Abs(d); err == nil {
			includeDirs[i] = abs
		}
	}
	var headers []string
	guessed := len(f.headers) == 0
	if guessed {
		h, err := link.GuessHeader(name, f.pkgConfig, includeDirs)
		if err != nil {
			return fail("U900", err)
		}
		say("binding %s (guessed from %s; pass --header to choose)", h, firstNonEmptyStr(f.pkgConfig, name))
		headers = []string{h}
	}
	for _, h := range f.headers {
		abs, err := link.FindHeader(h, includeDirs)
		if err != nil {
			return fail("U901", err)
		}
		headers = append(headers, abs)
	}

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
	// An umbrella header (event.h) declares nothing itself: bind the
	// library headers it includes instead.
	if guessed && countFuncs(res.Module) == 0 {
		if more := link.UmbrellaIncludes(headers[0], includeDirs); len(more) > 0 {
			d2 := &diag.List{}
			opts.Headers = append(append([]string(nil), headers...), more...)
			if r2, err := bind.Run(opts, d2); err == nil && countFuncs(r2.Module) > 0 {
				say("%s declares no functions; binding the %d library headers it includes", headers[0], len(more))
				headers, res, diags = opts.Headers, r2, d2
			}
		}
	}
	if countFuncs(res.Module) == 0 {
		say("warning[K502]: the headers declare no functions to bind; pass --header with the library's main header")
	}

	// The headers' own directories let the wrapper say #include <h.h>.
	wrapperDirs := append([]string(nil), includeDirs...)
	for _, h := range headers {
		wrapperDirs = append(wrapperDirs, filepath.Dir(h))
	}
	build.IncludeDirs = uniq(wrapperDirs)
	build.Headers = headers

	g := &sysGen{
		name: name, f: f, res: res, diags: diags, rustc: findRustc(),
		dirs: build.IncludeDirs, cflags: cflags, defines: uniq(defines),
		sc: link.ScaffoldOptions{
			Name: name, Edition: f.edition, Build: build, Bindings: res.Rust,
			Readme: link.ReadmeInfo{Command: newSysCommand(name, f), Headers: headers, PkgConfig: f.pkgConfig},
		},
	}
	for _, h := range headers {
		g.io.Includes = append(g.io.Includes, link.IncludeSpelling(h, build.IncludeDirs))
	}
	g.io.Edition, g.io.Defines = f.edition, g.defines
	for _, src := range f.cSrcs {
		data, err := os.ReadFile(src)
		if err != nil {
			return fail("U901", fmt.Errorf("--c-src %s: %v", src, unwrapPathErr(err)))
		}
		g.sc.CSources = append(g.sc.CSources, link.File{Path: "csrc/" + filepath.Base(src), Data: data})
	}
	g.exported = exportedSymbols(build.Libs, build.LibDirs)
	if f.safe {
		g.sc.Safe = &link.SafeCrate{Lib: link.PlaceholderSafeLib(name)}
		if src, err := safeModule(res, diags); err == nil {
			g.safeSrc = src
		} else {
			say("warning[K501]: the safe layer could not be generated (%v); the %s crate re-exports the raw bindings", err, name)
		}
	}
	files, err := g.generate(say)
	if err != nil {
		return fail("K500", err)
	}
	if f.verbose && !f.verify {
		printAllDiags(e.stderr, diags)
	} else if !f.verify {
		printDiags(e.stderr, diags)
	}
	return files, exitOK
}

func countFuncs(m *ir.Module) int {
	n := 0
	for _, d := range m.Decls {
		if fn, ok := d.(*ir.Function); ok && fn.Origin != ir.FromSystem {
			n++
		}
	}
	return n
}

// exportedSymbols is what the libraries define, by nm; nil when unknown.
func exportedSymbols(libs, dirs []string) map[string]bool {
	var exported map[string]bool
	for _, l := range libs {
		if file := link.LibraryFile(l, dirs); file != "" {
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
	return exported
}

func firstNonEmptyStr(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
