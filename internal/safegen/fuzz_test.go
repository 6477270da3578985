package safegen_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/rustfront"
	"ferry/internal/safegen"

	"github.com/rogpeppe/go-internal/txtar"
)

// fuzzTimeout bounds one input; planning a small header takes milliseconds.
const fuzzTimeout = 10 * time.Second

// FuzzSafe feeds a header and a ferry.toml through the safe-layer planner
// and emitter, and through suggest. Nothing may panic or hang; a config
// error is a positioned U903; the output is deterministic and parses as
// Rust. Run it with
//
//	go test ./internal/safegen -run '^$' -fuzz FuzzSafe -fuzztime 30s -fuzzminimizetime 0
func FuzzSafe(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txtar")
	for _, p := range paths {
		ar, err := txtar.ParseFile(p)
		if err != nil {
			f.Fatal(err)
		}
		sec := map[string][]byte{}
		for _, file := range ar.Files {
			sec[file.Name] = file.Data
		}
		f.Add(sec["input.h"], sec["ferry.toml"])
		f.Add(sec["input.h"], sec["want.toml"])
	}
	f.Add([]byte("typedef struct h h;\nh *h_open(const char *p);\nvoid h_close(h *);\nint h_read(h *, char *buf, unsigned long n);\n"),
		[]byte("[safe]\n[safe.types.h]\nfree = \"h_close\"\n"))
	f.Fuzz(func(t *testing.T, header, cfgText []byte) {
		if len(header) > 32<<10 || len(cfgText) > 8<<10 || bytes.Contains(header, []byte("#include")) && bytes.Contains(header, []byte("/dev/")) {
			t.Skip()
		}
		h := filepath.Join(t.TempDir(), "input.h")
		if err := os.WriteFile(h, header, 0o644); err != nil {
			t.Fatal(err)
		}
		done := make(chan []string, 1)
		go func() { done <- runSafe(h, cfgText) }()
		select {
		case fail := <-done:
			for _, s := range fail {
				t.Error(s)
			}
		case <-time.After(fuzzTimeout):
			t.Fatalf("safe pipeline did not finish within %v on:\n%q\n%q", fuzzTimeout, header, cfgText)
		}
	})
}

// runSafe is one fuzz iteration; it returns the invariants broken.
func runSafe(h string, cfgText []byte) (fail []string) {
	cfg, err := config.Parse("ferry.toml", cfgText)
	if err != nil {
		d, ok := err.(*diag.Diagnostic)
		if !ok || d.Code != "U903" || d.Pos.File == "" {
			fail = append(fail, fmt.Sprintf("config error is not a positioned U903: %v", err))
		}
		return fail
	}
	dl := &diag.List{}
	m, err := cfront.Load(cfront.Options{Headers: []string{h}}, dl)
	if err != nil {
		return nil
	}
	layout.Compute(m, layout.Options{}, dl)
	a, _, err := safegen.Generate(m, &cfg.Safe, safegen.Options{}, dl)
	if err != nil {
		return nil
	}
	b, _, _ := safegen.Generate(m, &cfg.Safe, safegen.Options{}, &diag.List{})
	if !bytes.Equal(a, b) {
		fail = append(fail, "safe output differs between two runs")
	}
	pd := &diag.List{}
	rustfront.ParseFile("safe.rs", a, rustfront.Options{}, pd)
	if pd.HasErrors() {
		var msgs []string
		for _, d := range pd.Items {
			msgs = append(msgs, d.String())
		}
		fail = append(fail, "safe output does not parse:\n"+strings.Join(msgs, "\n")+"\n"+string(a))
	}
	if _, _, err := safegen.Suggest(m, safegen.SuggestOptions{Headers: []string{"input.h"}}); err != nil {
		fail = append(fail, fmt.Sprintf("suggest: %v", err))
	}
	return fail
}
