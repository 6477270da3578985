package main

import (
	"fmt"
	"os"

	"ferry/internal/bind"
	"ferry/internal/cache"
	"ferry/internal/diag"
)

func runBind(e *env) int {
	fs := newFlagSet(e, "bind", "ferry bind HEADER... [-o FILE] [--link NAME[:static|dylib]] [--pkg-config PKG] [--allow RE]... [--block RE]... [--opaque RE]... [--all] [-I DIR] [-D NAME[=VAL]] [-- CFLAGS...]")
	var (
		out     string
		verify  bool
		noCache bool
		verbose bool
		bf      bind.Flags
	)
	fs.StringVarP(&out, "output", "o", "", "write the bindings to `FILE` (atomically) instead of stdout")
	bf.Register(fs)
	fs.BoolVar(&verify, "verify", false, "write nothing; exit 1 with a diff if -o FILE is stale")
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
	if code := checkInputs(e, headers); code >= 0 {
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
	if !noCache {
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
	return writeOutput(e, out, res.Rust, verify)
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
