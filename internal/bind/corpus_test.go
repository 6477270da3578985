package bind

import (
	"os"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

// The corpus tests judge `ferry bind` the way issue 2 does: on real Debian
// library headers, each is bound, compiled by rustc, linked against the
// real library (a program takes the address of every exported function),
// and every record, typedef, enum and constant is compared with gcc. The
// header's own function declarations (a gcc -E scan) are compared with the
// functions bound, so coverage gaps fail too.
//
// TestCorpus runs the whole list (testdata/corpus/libs.txt) and is gated by
// FERRY_CORPUS=1: it takes minutes. TestCorpusQuick runs the small list of
// testdata/corpus/quick.txt in every `go test`; .ci/run installs its -dev
// packages.
//
// Environment: FERRY_CORPUS_ONLY=a,b runs only the named libraries;
// FERRY_CORPUS_REPORT=FILE writes the results table (Markdown) to FILE;
// FERRY_CORPUS_OUT=DIR keeps each library's bindings as DIR/NAME.rs.

func TestCorpus(t *testing.T) {
	if os.Getenv("FERRY_CORPUS") != "1" {
		t.Skip("set FERRY_CORPUS=1 to bind the whole corpus of real headers (slow)")
	}
	runCorpus(t, "testdata/corpus/libs.txt", os.Getenv("FERRY_CORPUS_ONLY"))
}

func TestCorpusQuick(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	runCorpus(t, "testdata/corpus/quick.txt", "")
}

func runCorpus(t *testing.T, list, only string) {
	testenv.NeedTool(t, "rustc")
	testenv.NeedTool(t, "gcc")
	testenv.NeedTool(t, "nm")
	testenv.NeedTool(t, "pkg-config")
	var rows []corpusRow
	for _, lib := range testenv.ReadCorpus(t, list) {
		if only != "" && !strings.Contains(","+only+",", ","+lib.Name+",") {
			continue
		}
		t.Run(lib.Name, func(t *testing.T) {
			row := bindCorpusLib(t, lib)
			rows = append(rows, row)
			if row.failed() {
				t.Errorf("%s", row.detail())
			} else if len(row.Details) > 0 {
				t.Logf("%s", row.detail())
			}
		})
	}
	report := corpusTable(rows)
	t.Logf("corpus results:\n%s", report)
	if p := os.Getenv("FERRY_CORPUS_REPORT"); p != "" {
		if err := os.WriteFile(p, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}
}
