package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/bind"
	"ferry/internal/cfront"
	"ferry/internal/check"
	"ferry/internal/check/probe"
	"ferry/internal/diag"
	"ferry/internal/rustfront"
	"ferry/internal/testenv"
)

// library is a real library's headers as ferry bind is run on them.
type library struct {
	name    string
	headers []string
	cflags  []string
	probe   bool // also ask the compilers (slower: one rustc run)
}

var libraries = []library{
	{name: "zlib", headers: []string{"/usr/include/zlib.h"}, probe: true},
	{name: "sqlite3", headers: []string{"/usr/include/sqlite3.h"}, probe: true},
	{name: "png", headers: []string{"/usr/include/png.h"}},
	{name: "lua", headers: []string{"/usr/include/lua5.4/lua.h", "/usr/include/lua5.4/lualib.h", "/usr/include/lua5.4/lauxlib.h"}, cflags: []string{"-I/usr/include/lua5.4"}, probe: true},
	{name: "uv", headers: []string{"/usr/include/uv.h"}},
	{name: "expat", headers: []string{"/usr/include/expat.h"}, probe: true},
	{name: "zstd", headers: []string{"/usr/include/zstd.h"}},
	{name: "lz4", headers: []string{"/usr/include/lz4.h"}},
	{name: "bzlib", headers: []string{"/usr/include/bzlib.h"}},
	{name: "yaml", headers: []string{"/usr/include/yaml.h"}},
	{name: "jansson", headers: []string{"/usr/include/jansson.h"}},
	{name: "curl", headers: []string{"/usr/include/x86_64-linux-gnu/curl/curl.h"}},
	{name: "libxml2", headers: []string{"/usr/include/libxml2/libxml/parser.h", "/usr/include/libxml2/libxml/tree.h"}, cflags: []string{"-I/usr/include/libxml2"}},
}

// TestBindOutputChecksClean binds real headers with ferry bind and checks
// the result against the same headers: no finding is allowed, neither from
// the static comparison nor, where asked, from the compilers (--probe).
// zlib and sqlite3 are required by issue 3; the others skip when their
// headers are not installed.
func TestBindOutputChecksClean(t *testing.T) {
	for _, lib := range libraries {
		t.Run(lib.name, func(t *testing.T) {
			for _, h := range lib.headers {
				testenv.NeedFile(t, h)
			}
			var dl diag.List
			res, err := bind.Run(bind.Options{Headers: lib.headers, CFlags: lib.cflags}, &dl)
			if err != nil {
				t.Fatalf("bind: %v", err)
			}
			rs := filepath.Join(t.TempDir(), "bindings.rs")
			if err := os.WriteFile(rs, res.Rust, 0o644); err != nil {
				t.Fatal(err)
			}
			cm, err := cfront.Load(cfront.Options{Headers: lib.headers, CFlags: lib.cflags, All: true}, &dl)
			if err != nil {
				t.Fatalf("cfront: %v", err)
			}
			var rl diag.List
			rm, err := rustfront.ParseFile(rs, res.Rust, rustfront.Options{}, &rl)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range rl.Items {
				if d.Severity == diag.Error {
					t.Errorf("rustfront: %v", d)
				}
			}
			findings := check.Run(cm, rm, check.Options{})
			report(t, "static", findings)
			if !lib.probe {
				return
			}
			testenv.NeedTool(t, "gcc")
			testenv.NeedTool(t, "rustc")
			plan := check.ProbePlan(cm, rm, check.Options{})
			if len(plan.Records) == 0 && len(plan.Values) == 0 {
				t.Fatal("probe plan is empty: nothing was paired")
			}
			var pflags []string
			pflags = append(pflags, lib.cflags...)
			pds, err := probe.Run(context.Background(), plan, probe.Options{Headers: lib.headers, CFlags: pflags, RustRoot: rs})
			if err != nil {
				t.Fatal(err)
			}
			report(t, "probe", pds)
			t.Logf("%s: %d records and %d values probed", lib.name, len(plan.Records), len(plan.Values))
		})
	}
}

func report(t *testing.T, what string, ds []*diag.Diagnostic) {
	t.Helper()
	if len(ds) == 0 {
		return
	}
	var b strings.Builder
	check.WriteText(&b, ds)
	s := b.String()
	if len(s) > 6000 {
		s = s[:6000] + "\n..."
	}
	t.Errorf("%s: %d findings on ferry bind's own output:\n%s", what, len(ds), s)
}
