package main

import (
	"fmt"
	"sort"
	"strings"

	"ferry/internal/cfront"
	"ferry/internal/check"
	"ferry/internal/diag"
	"ferry/internal/export"
	"ferry/internal/inline"
	"ferry/internal/layout"
	"ferry/internal/link"
	"ferry/internal/rustfront"
	"ferry/internal/rustgen"
	"ferry/internal/safegen"
)

// codeTables lists every package's diagnostic codes; `ferry explain` and
// the test that every code is documented read it.
func codeTables() [][]diag.CodeInfo {
	return [][]diag.CodeInfo{
		diag.Codes,
		cfront.Codes,
		check.Codes,
		export.Codes,
		inline.Codes,
		layout.Codes,
		link.Codes,
		rustfront.Codes,
		rustgen.Codes,
		safegen.Codes,
	}
}

func allCodes() map[string]diag.CodeInfo {
	out := map[string]diag.CodeInfo{}
	for _, tab := range codeTables() {
		for _, c := range tab {
			out[c.Code] = c
		}
	}
	return out
}

func runExplain(e *env) int {
	fs := newFlagSet(e, "explain", "ferry explain CODE | --list")
	list := fs.Bool("list", false, "list every diagnostic code")
	args, _, stop := parseFlags(fs, e.args)
	if stop >= 0 {
		return stop
	}
	codes := allCodes()
	if *list {
		keys := make([]string, 0, len(codes))
		for k := range codes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(e.stdout, "%s  %s\n", k, codes[k].Title)
		}
		return exitOK
	}
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: ferry explain CODE (e.g. ferry explain F012), or ferry explain --list")
		return exitUsage
	}
	code := strings.ToUpper(strings.Trim(args[0], "[]"))
	c, ok := codes[code]
	if !ok {
		fmt.Fprintf(e.stderr, "ferry explain: error[U900]: no diagnostic code %q; run ferry explain --list\n", args[0])
		return exitUsage
	}
	fmt.Fprintf(e.stdout, "%s: %s\n\n%s\n", c.Code, c.Title, c.Explain)
	return exitOK
}
