package main

import (
	"fmt"
	"strings"

	"ferry/internal/cfront"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/safegen"
)

// runSuggest prints the safe-layer rules ferry infers for the headers, as
// a ferry.toml with a comment on each rule, and a summary line on stderr.
func runSuggest(e *env) int {
	fs := newFlagSet(e, "suggest", "ferry suggest HEADER... [-I DIR] [-D NAME[=VAL]] [--link NAME] [-o FILE] [-- CFLAGS...]")
	var out, linkName string
	var incs, defs []string
	fs.StringVarP(&out, "output", "o", "", "write the suggestion to `FILE` instead of stdout")
	fs.StringVar(&linkName, "link", "", "the library to link, written into [bind] link")
	fs.StringArrayVarP(&incs, "include", "I", nil, "add `DIR` to the include path")
	fs.StringArrayVarP(&defs, "define", "D", nil, "define `NAME[=VAL]`")
	headers, cflags, stop := parseFlags(fs, e.args)
	if stop >= 0 {
		return stop
	}
	if len(headers) == 0 {
		fmt.Fprintln(e.stderr, "ferry suggest: error[U900]: no header given; usage: ferry suggest HEADER... [-- CFLAGS]")
		return exitUsage
	}
	if code := checkInputs(e, headers); code >= 0 {
		return code
	}
	if err := checkOutputPath(out, headers); err != nil {
		fmt.Fprintf(e.stderr, "ferry suggest: error[U902]: %v\n", err)
		return exitUsage
	}
	diags := &diag.List{}
	m, err := cfront.Load(cfront.Options{Headers: headers, IncludeDirs: incs, Defines: defs, CFlags: cflags}, diags)
	if err != nil {
		printDiags(e.stderr, diags)
		reportError(e.stderr, err)
		return exitUsage
	}
	layout.Compute(m, layout.Options{}, diags)
	var bindFlags []string
	for _, d := range incs {
		bindFlags = append(bindFlags, "-I"+d)
	}
	for _, d := range defs {
		bindFlags = append(bindFlags, "-D"+d)
	}
	src, plan, err := safegen.Suggest(m, safegen.SuggestOptions{Headers: headers, CFlags: append(bindFlags, cflags...), Link: linkName})
	if err != nil {
		reportError(e.stderr, err)
		return exitUsage
	}
	s := plan.Stats
	fmt.Fprintf(e.stderr, "ferry suggest: %s: %d functions: %d handled (%d safe, %d unsafe), %d left raw\n",
		strings.Join(headers, " "), s.Total, s.Handled(), s.Safe, s.Unsafe, s.Raw)
	return writeOutput(e, out, src, false)
}
