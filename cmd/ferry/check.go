package main

import "fmt"

func runCheck(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: check is not implemented yet")
	return exitUsage
}
