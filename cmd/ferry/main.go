// Command ferry generates and checks the boundary between Rust and C.
//
// This package only turns flags into options, calls the stages in
// internal/, prints diagnostics and chooses the exit code: 0 ok, 1 problems
// found, 2 usage or input error.
package main

import (
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"sort"

	"ferry/internal/version"
)

// Exit codes.
const (
	exitOK       = 0
	exitFindings = 1
	exitUsage    = 2
)

// env is what a subcommand may touch: its arguments and output streams.
type env struct {
	args   []string
	stdout io.Writer
	stderr io.Writer
}

type command struct {
	summary string
	run     func(e *env) int
}

func commands() map[string]command {
	return map[string]command{
		"bind":    {"C headers → raw Rust FFI bindings", runBind},
		"check":   {"cross-check C headers against Rust declarations", runCheck},
		"export":  {"Rust → C header, plus extern \"C\" shims for idiomatic functions", runExport},
		"safe":    {"generate the safe, idiomatic Rust layer from ferry.toml", runSafe},
		"suggest": {"print the safe-layer rules ferry infers, as a ferry.toml", runSuggest},
		"new-sys": {"scaffold a NAME-sys crate (and a safe NAME crate)", runNewSys},
		"explain": {"explain a diagnostic code", runExplain},
		"version": {"print ferry's version", runVersion},
	}
}

func main() {
	// The collector's settings for a short-lived process: gc.go.
	tuneGC()
	// FERRY_CPUPROFILE=FILE writes a pprof CPU profile of the run, for the
	// profile-driven work in bench/ and the README's performance notes.
	if p := os.Getenv("FERRY_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			code := run(os.Args[1:], os.Stdout, os.Stderr)
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	cmds := commands()
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c, ok := cmds[args[1]]; ok {
				return c.run(&env{args: []string{"--help"}, stdout: stdout, stderr: stderr})
			}
		}
		usage(stderr, cmds)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	c, ok := cmds[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "ferry: unknown command %q\n", args[0])
		usage(stderr, cmds)
		return exitUsage
	}
	return c.run(&env{args: args[1:], stdout: stdout, stderr: stderr})
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "usage: ferry COMMAND [ARGS]\n\ncommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'ferry help COMMAND' for a command's flags.")
}

func runVersion(e *env) int {
	fmt.Fprintln(e.stdout, "ferry", version.Version)
	return exitOK
}
