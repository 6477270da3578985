package main

import "fmt"

func runSafe(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: safe is not implemented yet")
	return exitUsage
}
