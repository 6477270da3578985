package main

import "fmt"

func runBind(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: bind is not implemented yet")
	return exitUsage
}
