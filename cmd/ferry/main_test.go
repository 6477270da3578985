package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ferry": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI behaviour tests in testdata/script/*.txtar.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(e *testscript.Env) error {
			e.Setenv("CI", os.Getenv("CI"))
			// rustup finds its toolchains from HOME, which testscript
			// replaces: point it at the real ones (check --probe runs rustc).
			if home, err := os.UserHomeDir(); err == nil {
				for k, d := range map[string]string{"RUSTUP_HOME": ".rustup", "CARGO_HOME": ".cargo"} {
					if v := os.Getenv(k); v != "" {
						e.Setenv(k, v)
					} else {
						e.Setenv(k, filepath.Join(home, d))
					}
				}
			}
			return nil
		},
	})
}
