package main

import "fmt"

func runNewSys(e *env) int {
	fmt.Fprintln(e.stderr, "ferry: newsys is not implemented yet")
	return exitUsage
}
