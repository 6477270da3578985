package layout_test

import (
	"context"
	"testing"
	"time"

	"ferry/internal/cprobe"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// checkWithGCC lays m out, prints it as C, asks gcc about every record,
// member, typedef and enum, and fails on any disagreement. It returns how
// many answers gcc gave, so callers can tell the check was not vacuous.
func checkWithGCC(t *testing.T, m *ir.Module, target *ir.Target, msStruct bool) int {
	t.Helper()
	testenv.NeedTool(t, "gcc")
	var diags diag.List
	opts := layout.Options{Target: target}
	layout.Compute(m, opts, &diags)
	for _, d := range diags.Items {
		t.Errorf("unexpected diagnostic: %v", d)
	}
	src := printC(m, msStruct)
	q := cprobe.ModuleQuery(m, cprobe.ModuleOptions{Prelude: src})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	res, err := cprobe.Run(ctx, q)
	if err != nil {
		t.Fatalf("probe: %v\n--- C source:\n%s", err, src)
	}
	for k, msg := range res.Failed {
		t.Errorf("gcc rejected query %q: %s", k, msg)
	}
	eng := layout.New(m, opts, nil)
	if ms := cprobe.Compare(m, eng, res); len(ms) > 0 {
		t.Errorf("%d layout mismatches with gcc:\n%s--- C source:\n%s", len(ms), cprobe.Summary(ms), src)
	}
	// Compute must have written what the engine answers.
	for _, d := range m.Decls {
		r, ok := d.(*ir.Record)
		if !ok || !r.Complete {
			continue
		}
		l, ok := eng.Record(r)
		if !ok || !r.LayoutDone || r.Layout != l {
			t.Errorf("%s: Compute wrote %v (done %v), engine says %v", r.Name, r.Layout, r.LayoutDone, l)
		}
	}
	n := len(res.Types) + len(res.Fields) + len(res.Consts)
	if n < len(q.Types)+len(q.Fields)+len(q.Consts) || n == 0 {
		t.Errorf("gcc answered %d of %d questions", n, len(q.Types)+len(q.Fields)+len(q.Consts))
	}
	return n
}

func TestTrickyAgainstGCC(t *testing.T) {
	checkWithGCC(t, trickyModule(), nil, false)
}

func TestExtraAgainstGCC(t *testing.T) {
	checkWithGCC(t, extraModule(), nil, false)
}
