package main

import "fmt"

func runExplain(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: explain is not implemented yet")
	return exitUsage
}
