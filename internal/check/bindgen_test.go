package check

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/check/probe"
	"ferry/internal/diag"
	"ferry/internal/rustfront"
	"ferry/internal/testenv"
)

// bindgenCase is one checked-in bindgen output (testdata/bindgen, see the
// command in each file's first lines) and the findings it must give:
// exactly these, as "CODE symbol", and nothing else. Each one is a real
// bindgen 0.60 bug, not a false positive:
//
//   - F040 UINT_FAST16_MAX, SIZE_MAX, ... (stdint.h) and ZSTD_CONTENTSIZE_*:
//     bindgen evaluates `18446744073709551615UL` and `(0ULL - 2)` in i64
//     and emits `pub const SIZE_MAX: i32 = -1;`.
//   - F012 strtold, qecvt, ...: a long double parameter or return value
//     bound as u128, which the x86_64 ABI passes in two integer registers;
//     C passes long double in memory.
//   - F002 sqlite3_vfs.xDlSym: `void (*(*xDlSym)(sqlite3_vfs*, void*,
//     const char*))(void)` returns a `void (*)(void)`; bindgen gives the
//     returned pointer the outer function's three parameters.
//   - F033 (rust enum style): a C enum as a Rust enum is undefined
//     behaviour for any value C adds later; the style must be flagged.
type bindgenCase struct {
	rs, header string
	want       []string
	probe      bool
}

var stdintBug = []string{"F040 SIZE_MAX", "F040 UINTPTR_MAX", "F040 UINT_FAST16_MAX", "F040 UINT_FAST32_MAX"}

var longDoubleBug = []string{"F012 qecvt", "F012 qecvt_r", "F012 qfcvt", "F012 qfcvt_r", "F012 qgcvt", "F012 strtold"}

var bindgenCases = []bindgenCase{
	{rs: "zlib.rs", header: "/usr/include/zlib.h", probe: true},
	{rs: "lz4.rs", header: "/usr/include/lz4.h", want: stdintBug},
	{rs: "expat.rs", header: "/usr/include/expat.h", want: append(append([]string{}, stdintBug...), longDoubleBug...)},
	{rs: "sqlite3_slice.rs", header: "/usr/include/sqlite3.h", want: []string{"F002 sqlite3_vfs"}, probe: true},
	{rs: "expat_moduleconsts.rs", header: "/usr/include/expat.h", probe: true},
	{rs: "expat_newtype.rs", header: "/usr/include/expat.h", probe: true},
	{rs: "expat_rust.rs", header: "/usr/include/expat.h", want: []string{
		"F033 XML_Content_Quant", "F033 XML_Content_Type", "F033 XML_Error", "F033 XML_FeatureEnum",
		"F033 XML_ParamEntityParsing", "F033 XML_Parsing", "F033 XML_Status"}},
	{rs: "zstd_core.rs", header: "/usr/include/zstd.h", want: []string{"F040 ZSTD_CONTENTSIZE_ERROR", "F040 ZSTD_CONTENTSIZE_UNKNOWN"}},
}

// TestBindgenOutputs checks real bindgen output against the headers it
// was generated from: no false positives, and bindgen's own bugs found.
// Some cases also run the probe, which must add nothing.
func TestBindgenOutputs(t *testing.T) {
	files, _ := filepath.Glob("testdata/bindgen/*.rs")
	covered := map[string]bool{}
	for _, bc := range bindgenCases {
		covered[bc.rs] = true
	}
	for _, f := range files {
		if !covered[filepath.Base(f)] {
			t.Errorf("%s: no case uses it", f)
		}
	}
	for _, bc := range bindgenCases {
		t.Run(strings.TrimSuffix(bc.rs, ".rs"), func(t *testing.T) {
			testenv.NeedFile(t, bc.header)
			rs := filepath.Join("testdata/bindgen", bc.rs)
			src, err := os.ReadFile(rs)
			if err != nil {
				t.Fatal(err)
			}
			var dl diag.List
			cm, err := cfront.Load(cfront.Options{Headers: []string{bc.header}, All: true}, &dl)
			if err != nil {
				t.Fatalf("cfront: %v", err)
			}
			var rl diag.List
			rm, err := rustfront.ParseFile(rs, src, rustfront.Options{}, &rl)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range rl.Items {
				if d.Severity == diag.Error {
					t.Errorf("rustfront: %v", d)
				}
			}
			ds, n := run(cm, rm, Options{})
			if n < 20 {
				t.Errorf("only %d declaration pairs compared", n)
			}
			expectFindings(t, "static", ds, bc.want)
			if !bc.probe {
				return
			}
			testenv.NeedTool(t, "gcc")
			testenv.NeedTool(t, "rustc")
			pds, err := probe.Run(context.Background(), ProbePlan(cm, rm, Options{}), probe.Options{Headers: []string{bc.header}, RustRoot: rs})
			if err != nil {
				t.Fatal(err)
			}
			expectFindings(t, "probe", MergeProbe(nil, pds), nil)
		})
	}
}

func expectFindings(t *testing.T, what string, ds []*diag.Diagnostic, want []string) {
	t.Helper()
	var got []string
	for _, d := range ds {
		got = append(got, d.Code+" "+d.Symbol)
	}
	sort.Strings(got)
	w := append([]string{}, want...)
	sort.Strings(w)
	if fmt.Sprint(got) != fmt.Sprint(w) {
		var b strings.Builder
		WriteText(&b, ds)
		s := b.String()
		if len(s) > 4000 {
			s = s[:4000] + "\n..."
		}
		t.Errorf("%s findings:\n got %v\nwant %v\n%s", what, got, w, s)
	}
}
