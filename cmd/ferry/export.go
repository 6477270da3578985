package main

import "fmt"

func runExport(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: export is not implemented yet")
	return exitUsage
}
