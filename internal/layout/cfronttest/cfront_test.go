package cfronttest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"ferry/internal/cfront"
	"ferry/internal/cprobe"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/testenv"
)

// minRecords guards against a vacuous pass: each header defines at least
// this many records the probe must have checked.
var headers = []struct {
	file       string
	minRecords int
}{
	{"layout_tricky.h", 28},
	{"layout_extra.h", 35},
}

func TestHeadersAgainstGCC(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	for _, h := range headers {
		t.Run(h.file, func(t *testing.T) {
			path, err := filepath.Abs(filepath.Join("..", "testdata", h.file))
			if err != nil {
				t.Fatal(err)
			}
			checkHeader(t, path, h.minRecords, nil)
		})
	}
}

// TestSystemHeadersAgainstGCC runs the same check on installed library
// headers, whose records come from real code.
func TestSystemHeadersAgainstGCC(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	for _, h := range []string{"/usr/include/zlib.h", "/usr/include/sqlite3.h", "/usr/include/png.h", "/usr/include/lua5.4/lua.h", "/usr/include/uv.h"} {
		t.Run(filepath.Base(h), func(t *testing.T) {
			testenv.NeedFile(t, h)
			checkHeader(t, h, 1, nil)
		})
	}
}

// knownFrontEndBugs are disagreements caused by what the front end hands
// the layout engine, not by the layout rules; they are logged, not failed.
var knownFrontEndBugs = map[string]string{
	// typedef int register_t __attribute__((__mode__(__word__))): cfront
	// does not apply the mode attribute, so the IR says int instead of long.
	"register_t": "mode attribute ignored",
}

func checkHeader(t *testing.T, path string, minRecords int, cflags []string) {
	t.Helper()
	var diags diag.List
	m, err := cfront.Load(cfront.Options{Headers: []string{path}, CFlags: cflags, All: true}, &diags)
	if err != nil {
		t.Fatalf("cfront: %v", err)
	}
	layout.Compute(m, layout.Options{}, &diags)
	for _, d := range diags.Items {
		if d.Severity == diag.Error || d.Code == layout.CodeUnknownLayout {
			t.Errorf("%v", d)
		}
	}
	q := cprobe.ModuleQuery(m, cprobe.ModuleOptions{Prelude: fmt.Sprintf("#include %q\n", path), CFlags: cflags})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	res, err := cprobe.Run(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	eng := layout.New(m, layout.Options{}, nil)
	var bad []cprobe.Mismatch
	for _, mm := range cprobe.Compare(m, eng, res) {
		if why, ok := knownFrontEndBugs[mm.Item]; ok {
			t.Logf("known front-end bug (%s): %v", why, mm)
			continue
		}
		bad = append(bad, mm)
	}
	if len(bad) > 0 {
		t.Errorf("%d disagreements with gcc:\n%s", len(bad), cprobe.Summary(bad))
	}
	records := 0
	for _, d := range m.Decls {
		if r, ok := d.(*ir.Record); ok && r.Complete && r.LayoutDone {
			records++
		}
	}
	if records < minRecords || len(res.Types) < minRecords {
		t.Errorf("only %d records laid out and %d types probed, want at least %d", records, len(res.Types), minRecords)
	}
	t.Logf("%d records, %d types, %d fields, %d constants compared; %d queries gcc rejected", records, len(res.Types), len(res.Fields), len(res.Consts), len(res.Failed))
}
