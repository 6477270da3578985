package main

import (
	"fmt"
	"os"
	"path/filepath"

	"ferry/internal/bind"
	"ferry/internal/cache"
	"ferry/internal/diag"
	"ferry/internal/safegen"
)

func runBind(e *env) int {
	fs := newFlagSet(e, "bind", "ferry bind HEADER... [-o FILE] [--link NAME[:static|dylib]] [--pkg-config PKG] [--allow RE]... [--block RE]... [--opaque RE]... [--all] [-I DIR] [-D NAME[=VAL]] [-- CFLAGS...]")
	var (
		out     string
		verify  bool
		noCache bool
		verbose bool
		safe    bool
		bf      bind.Flags
	)
	fs.StringVarP(&out, "output", "o", "", "write the bindings to `FILE` (atomically) instead of stdout")
	bf.Register(fs)
	fs.BoolVar(&verify, "verify", false, "write nothing; exit 1 with a diff if -o FILE is stale")
	fs.BoolVar(&safe, "safe", false, "also generate the safe layer from inferred rules: one file with modules raw and safe (ferry safe --config takes explicit rules)")
	fs.BoolVarP(&verbose, "verbose", "v", false, "also print notes (e.g. each skipped static inline function)")
	fs.BoolVar(&noCache, "no-cache", false, "neither read nor write the output cache ($FERRY_CACHE_DIR or the user cache dir)")
	headers, cflags, stop := parseFlags(fs, e.args)
	if stop >= 0 {
		return stop
	}
	if len(headers) == 0 {
		fmt.Fprintln(e.stderr, "ferry bind: error[U900]: no header given; usage: ferry bind HEADER... [-o FILE]")
		return exitUsage
	}
	opts, err := bf.Options(headers, cflags)
	if err != nil {
		fmt.Fprintf(e.stderr, "ferry bind: error[U900]: %v\n", err)
		return exitUsage
	}
	opts.AfterLoad = collectAfterLoad
	// A relative name that is not a file here is looked up on the include
	// path by the front end (ferry bind SDL.h -- -I/usr/include/SDL2).
	if code := checkInputs(e, existingOrAbsolute(headers)); code >= 0 {
		return code
	}
	if !verify {
		if err := checkOutputPath(out, headers); err != nil {
			fmt.Fprintf(e.stderr, "ferry bind: error[U902]: %v\n", err)
			return exitUsage
		}
	}
	diags := &diag.List{}
	var c *cache.Cache
	if !noCache && !safe {
		c, _ = cache.Open("") // no usable cache dir: run uncached
	}
	res, _, err := bind.RunCached(c, opts, diags)
	if verbose {
		printAllDiags(e.stderr, diags)
	} else {
		printDiags(e.stderr, diags)
	}
	if err != nil {
		reportError(e.stderr, err)
		return exitUsage
	}
	if !safe {
		return writeOutput(e, out, res.Rust, verify)
	}
	safeDiags := &diag.List{}
	safeSrc, plan, err := safegen.Generate(res.Module, nil, safegen.Options{Rustfmt: true}, safeDiags)
	printDiags(e.stderr, safeDiags)
	if err != nil {
		reportError(e.stderr, err)
		return exitUsage
	}
	st := plan.Stats
	fmt.Fprintf(e.stderr, "ferry bind --safe: %d functions: %d safe, %d unsafe, %d left raw\n", st.Total, st.Safe, st.Unsafe, st.Raw)
	return writeOutput(e, out, combine(res.Rust, safeSrc), verify)
}

// checkInputs rejects missing, unreadable and directory inputs with exit 2
// before any work starts; it returns -1 when all are readable files.
func checkInputs(e *env, paths []string) int {
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err == nil && fi.IsDir() {
			fmt.Fprintf(e.stderr, "%s: error[U901]: is a directory, not a file\n", p)
			return exitUsage
		}
		if err == nil {
			var f *os.File
			if f, err = os.Open(p); err == nil {
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "%s: error[U901]: cannot read: %v\n", p, unwrapPathErr(err))
			return exitUsage
		}
	}
	return -1
}

// existingOrAbsolute drops relative paths that do not exist: the front end
// searches the include path for them and reports them if not found.
func existingOrAbsolute(paths []string) []string {
	var out []string
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil || filepath.IsAbs(p) || !os.IsNotExist(err) {
			out = append(out, p)
		}
	}
	return out
}
