package main

import "fmt"

func runSuggest(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: suggest is not implemented yet")
	return exitUsage
}
