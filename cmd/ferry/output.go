package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/fsutil"

	"github.com/rogpeppe/go-internal/diff"
)

// checkOutputPath rejects an -o path that cannot be written or that names
// an input, before any work is done, so a bad path never costs a run.
func checkOutputPath(out string, inputs []string) error {
	if out == "" || out == "-" {
		return nil
	}
	for _, in := range inputs {
		if fsutil.SameFile(out, in) {
			return fmt.Errorf("-o %s names an input file; choose another output path", out)
		}
	}
	dir := out
	for i := len(dir) - 1; i >= 0; i-- {
		if dir[i] == '/' {
			dir = dir[:i]
			break
		}
		if i == 0 {
			dir = "."
		}
	}
	if dir == "" {
		dir = "/"
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("-o %s: directory %s does not exist", out, dir)
	}
	return nil
}

// writeOutput writes data to out atomically, or to stdout when out is "" or
// "-". With verify it writes nothing: it compares data with the file on disk
// and returns exitFindings with a unified diff on stderr when they differ.
func writeOutput(e *env, out string, data []byte, verify bool) int {
	if verify {
		if out == "" || out == "-" {
			fmt.Fprintln(e.stderr, "ferry: --verify needs -o FILE: the checked-in file to compare with")
			return exitUsage
		}
		old, err := os.ReadFile(out)
		if err != nil {
			fmt.Fprintf(e.stderr, "ferry: %s is stale: %v\n", out, err)
			return exitFindings
		}
		if bytes.Equal(old, data) {
			return exitOK
		}
		fmt.Fprintf(e.stderr, "ferry: %s is stale; regenerate it without --verify\n", out)
		e.stderr.Write(diff.Diff(out, old, out+" (fresh)", data))
		return exitFindings
	}
	if out == "" || out == "-" {
		if _, err := e.stdout.Write(data); err != nil {
			fmt.Fprintf(e.stderr, "ferry: %v\n", err)
			return exitUsage
		}
		return exitOK
	}
	if err := fsutil.WriteFileAtomic(out, data, 0o644); err != nil {
		fmt.Fprintf(e.stderr, "ferry: %v\n", err)
		return exitUsage
	}
	return exitOK
}

// printDiags renders warnings and errors to w in position order. Notes
// are summarised in one line by code (a large header can produce thousands,
// e.g. one per static inline function); printAllDiags shows them too.
func printDiags(w io.Writer, l *diag.List) { printDiagList(w, l, false) }

// printAllDiags renders every diagnostic, notes included (--verbose).
func printAllDiags(w io.Writer, l *diag.List) { printDiagList(w, l, true) }

func printDiagList(w io.Writer, l *diag.List, notes bool) {
	l.Sort()
	noteCount := map[string]int{}
	var codes []string
	for _, d := range l.Items {
		if d.Severity == diag.Note && !notes {
			if noteCount[d.Code] == 0 {
				codes = append(codes, d.Code)
			}
			noteCount[d.Code]++
			continue
		}
		fmt.Fprintln(w, d.String())
		for _, n := range d.Notes {
			fmt.Fprintf(w, "  %s: note: %s\n", n.Pos, n.Message)
		}
		if d.Help != "" {
			fmt.Fprintf(w, "  help: %s\n", d.Help)
		}
	}
	if len(codes) == 0 {
		return
	}
	sort.Strings(codes)
	var parts []string
	total := 0
	for _, c := range codes {
		parts = append(parts, fmt.Sprintf("%s ×%d", c, noteCount[c]))
		total += noteCount[c]
	}
	fmt.Fprintf(w, "ferry: %d notes (%s); --verbose shows them, ferry explain CODE says what they mean\n", total, strings.Join(parts, ", "))
}
