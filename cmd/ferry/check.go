package main

import (
	"context"
	"fmt"
	"os"

	"ferry/internal/cfront"
	"ferry/internal/check"
	"ferry/internal/check/probe"
	"ferry/internal/diag"
	"ferry/internal/link"
	"ferry/internal/rustfront"
)

const checkUsage = "ferry check HEADER... --rust FILE.rs|CRATE_DIR [-I DIR] [-D NAME[=VAL]] [--pkg-config PKG] [--probe] [--format text|json] [-- CFLAGS...]"

// runCheck cross-checks C headers against Rust declarations. Exit 0 when
// clean, 1 with findings, 2 on a usage or input error.
func runCheck(e *env) int {
	fs := newFlagSet(e, "check", checkUsage)
	rust := fs.String("rust", "", "the Rust bindings: a .rs file or a crate directory (required)")
	incs := fs.StringArrayP("include", "I", nil, "add a header search directory")
	defs := fs.StringArrayP("define", "D", nil, "define a preprocessor macro NAME[=VAL]")
	pkgs := fs.StringArray("pkg-config", nil, "take -I/-D flags from pkg-config for PKG")
	doProbe := fs.Bool("probe", false, "also compile and run a C (gcc) and a Rust (rustc) probe and compare their answers")
	format := fs.String("format", "text", "output format: text or json")
	headers, cflags, stop := parseFlags(fs, e.args)
	if stop >= 0 {
		return stop
	}
	usageErr := func(format string, args ...any) int {
		fmt.Fprintf(e.stderr, "ferry check: error[U900]: "+format+"\nusage: %s\n", append(args, checkUsage)...)
		return exitUsage
	}
	switch {
	case len(headers) == 0:
		return usageErr("no header given")
	case *rust == "":
		return usageErr("--rust FILE.rs|CRATE_DIR is required")
	case *format != "text" && *format != "json":
		return usageErr("--format must be text or json, not %q", *format)
	}
	for _, h := range headers {
		if fi, err := os.Stat(h); err != nil || fi.IsDir() {
			fmt.Fprintf(e.stderr, "%s: error[U901]: header cannot be read\n", h)
			return exitUsage
		}
	}
	if _, err := os.Stat(*rust); err != nil {
		fmt.Fprintf(e.stderr, "%s: error[U901]: rust input cannot be read\n", *rust)
		return exitUsage
	}
	for _, pkg := range *pkgs {
		info, err := link.PkgConfig(pkg)
		if err != nil {
			fmt.Fprintf(e.stderr, "ferry check: error[U901]: %v\n", err)
			return exitUsage
		}
		cflags = append(cflags, info.CFlags...)
	}

	var front diag.List
	cm, err := cfront.Load(cfront.Options{Headers: headers, IncludeDirs: *incs, Defines: *defs, CFlags: cflags, All: true}, &front)
	if err != nil {
		printFront(e, &front)
		reportError(e.stderr, err)
		return exitUsage
	}
	var rfront diag.List
	rm, err := rustfront.LoadCrate(*rust, rustfront.Options{Target: cm.Target}, &rfront)
	printFront(e, &rfront)
	if err != nil {
		return exitUsage
	}
	findings := check.Run(cm, rm, check.Options{})
	if *doProbe {
		var pflags []string
		for _, d := range *incs {
			pflags = append(pflags, "-I"+d)
		}
		for _, d := range *defs {
			pflags = append(pflags, "-D"+d)
		}
		pflags = append(pflags, cflags...)
		pds, err := probe.Run(context.Background(), check.ProbePlan(cm, rm, check.Options{}), probe.Options{Headers: headers, CFlags: pflags, RustRoot: *rust})
		if err != nil {
			fmt.Fprintf(e.stderr, "ferry check: %v\n", err)
			return exitUsage
		}
		findings = check.MergeProbe(findings, pds)
	}
	if *format == "json" {
		err = check.WriteJSON(e.stdout, findings)
	} else {
		err = check.WriteText(e.stdout, findings)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "ferry check: %v\n", err)
		return exitUsage
	}
	// Rust that does not parse is bad input (exit 2) even when the parts
	// that did parse gave findings: those are printed best-effort above.
	if rfront.HasErrors() {
		fmt.Fprintln(e.stderr, "ferry check: the Rust input has syntax errors; fix them and run again")
		return exitUsage
	}
	if len(findings) > 0 {
		if *format == "text" {
			fmt.Fprintf(e.stderr, "ferry check: %d finding(s)\n", len(findings))
		}
		return exitFindings
	}
	return exitOK
}

// printFront prints front-end errors and warnings about the user's input
// (not about system headers) to stderr.
func printFront(e *env, l *diag.List) {
	var keep diag.List
	for _, d := range l.Items {
		if d.Severity >= diag.Warning {
			keep.Add(d)
		}
	}
	if len(keep.Items) > 20 {
		keep.Items = keep.Items[:20]
	}
	printDiags(e.stderr, &keep)
}
