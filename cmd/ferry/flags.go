package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"ferry/internal/diag"

	"github.com/spf13/pflag"
)

// newFlagSet returns a flag set that reports errors instead of exiting.
func newFlagSet(e *env, name, usageLine string) *pflag.FlagSet {
	fs := pflag.NewFlagSet(name, pflag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.SortFlags = false
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: %s\n\nflags:\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args; it returns the positional arguments before "--",
// the ones after it, and an exit code >= 0 if the command should stop.
func parseFlags(fs *pflag.FlagSet, args []string) (pos, rest []string, stop int) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			return nil, nil, exitOK
		}
		fmt.Fprintf(fs.Output(), "ferry %s: error[U900]: %v; run 'ferry help %s' for the flags\n", fs.Name(), err, fs.Name())
		return nil, nil, exitUsage
	}
	all := fs.Args()
	if at := fs.ArgsLenAtDash(); at >= 0 {
		return all[:at], all[at:], -1
	}
	return all, nil, -1
}

// reportError prints an error: diagnostics with their position, anything
// else prefixed with "ferry:".
func reportError(w io.Writer, err error) {
	var d *diag.Diagnostic
	if errors.As(err, &d) {
		l := &diag.List{Items: []*diag.Diagnostic{d}}
		printDiags(w, l)
		return
	}
	fmt.Fprintf(w, "ferry: %v\n", err)
}

// unwrapPathErr drops the path from an *os.PathError: the caller already
// printed it in position.
func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
