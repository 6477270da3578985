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

// TestBindOutputChecksClean binds real headers with ferry bind and checks
// the result against the same headers: no finding is allowed, neither from
// the static comparison nor from the compilers (--probe).
func TestBindOutputChecksClean(t *testing.T) {
	for _, h := range []string{"/usr/include/zlib.h", "/usr/include/sqlite3.h"} {
		t.Run(filepath.Base(h), func(t *testing.T) {
			testenv.NeedFile(t, h)
			var dl diag.List
			res, err := bind.Run(bind.Options{Headers: []string{h}}, &dl)
			if err != nil {
				t.Fatalf("bind: %v", err)
			}
			rs := filepath.Join(t.TempDir(), "bindings.rs")
			if err := os.WriteFile(rs, res.Rust, 0o644); err != nil {
				t.Fatal(err)
			}
			cm, err := cfront.Load(cfront.Options{Headers: []string{h}, All: true}, &dl)
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

			testenv.NeedTool(t, "gcc")
			testenv.NeedTool(t, "rustc")
			plan := check.ProbePlan(cm, rm, check.Options{})
			if len(plan.Records) == 0 && len(plan.Values) == 0 {
				t.Fatal("probe plan is empty: nothing was paired")
			}
			pds, err := probe.Run(context.Background(), plan, probe.Options{Headers: []string{h}, RustRoot: rs})
			if err != nil {
				t.Fatal(err)
			}
			report(t, "probe", pds)
			t.Logf("%s: %d records and %d values probed", filepath.Base(h), len(plan.Records), len(plan.Values))
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
