package safegen

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"sort"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/link"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"
)

// TestCorpus runs the loop a user runs on each library of the bind corpus
// (internal/bind/testdata/corpus/libs.txt), in process:
//
//	ferry suggest HEADERS --link L -- CFLAGS > ferry.toml
//	ferry safe --config ferry.toml -o out.rs
//
// and lints the result with clippy-driver -D warnings, the safe module
// with no allows. It is gated by FERRY_CORPUS=1 (it takes minutes).
// FERRY_CORPUS_ONLY=a,b runs only the named libraries;
// FERRY_CORPUS_REPORT=FILE writes the table (Markdown) to FILE;
// FERRY_CORPUS_OUT=DIR keeps NAME.toml, NAME.raw.rs and NAME.safe.rs.
func TestCorpus(t *testing.T) {
	if os.Getenv("FERRY_CORPUS") != "1" {
		t.Skip("set FERRY_CORPUS=1 to run suggest and safe over the whole corpus of real headers (slow)")
	}
	driver := testenv.NeedTool(t, "clippy-driver")
	rustc := testenv.NeedTool(t, "rustc")
	testenv.NeedTool(t, "pkg-config")
	only := os.Getenv("FERRY_CORPUS_ONLY")
	keep := os.Getenv("FERRY_CORPUS_OUT")
	var rows []corpusRow
	for _, l := range testenv.ReadCorpus(t, filepath.Join("..", "bind", "testdata", "corpus", "libs.txt")) {
		if only != "" && !strings.Contains(","+only+",", ","+l.Name+",") {
			continue
		}
		t.Run(l.Name, func(t *testing.T) {
			row := safeCorpusLib(t, l, rustc, driver, keep)
			rows = append(rows, row)
			if row.failed() {
				t.Errorf("%s", row.detail())
			}
		})
	}
	report := corpusTable(rows)
	t.Logf("corpus results:\n%s", report)
	if p := os.Getenv("FERRY_CORPUS_REPORT"); p != "" {
		must(t, os.WriteFile(p, []byte(report), 0o644))
	}
}

// corpusRow is one library's outcome.
type corpusRow struct {
	Name                     string
	Total, Safe, Unsafe, Raw int
	Compile, Clippy          string // "ok", "-" (not reached) or the first errors
	Err                      string
}

func (r corpusRow) failed() bool { return r.Err != "" || r.Compile != "ok" || r.Clippy != "ok" }

func (r corpusRow) detail() string {
	if r.Err != "" {
		return "error: " + r.Err
	}
	return fmt.Sprintf("compile: %s\nclippy: %s", r.Compile, r.Clippy)
}

func corpusTable(rows []corpusRow) string {
	var b strings.Builder
	b.WriteString("| library | functions | safe | unsafe | raw | compile | clippy |\n|---|---|---|---|---|---|---|\n")
	var tot corpusRow
	var compOK, clipOK int
	for _, r := range rows {
		if r.Err != "" {
			fmt.Fprintf(&b, "| %s | failed: %s | | | | | |\n", r.Name, oneLine(r.Err))
			continue
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %s | %s |\n", r.Name, r.Total, r.Safe, r.Unsafe, r.Raw, oneLine(r.Compile), oneLine(r.Clippy))
		tot.Total += r.Total
		tot.Safe += r.Safe
		tot.Unsafe += r.Unsafe
		tot.Raw += r.Raw
		if r.Compile == "ok" {
			compOK++
		}
		if r.Clippy == "ok" {
			clipOK++
		}
	}
	fmt.Fprintf(&b, "| **total (%d)** | %d | %d | %d | %d | %d ok | %d ok |\n", len(rows), tot.Total, tot.Safe, tot.Unsafe, tot.Raw, compOK, clipOK)
	return b.String()
}

func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	s = strings.ReplaceAll(s, "|", "\\|")
	if len(s) > 100 {
		s = s[:100] + "…"
	}
	return s
}

// safeCorpusLib runs suggest, then safe on the suggestion, then rustc and
// clippy on the modules.
func safeCorpusLib(t *testing.T, l testenv.CorpusLib, rustc, driver, keep string) (row corpusRow) {
	t.Helper()
	row = corpusRow{Name: l.Name, Compile: "-", Clippy: "-"}
	defer func() {
		if e := recover(); e != nil {
			row.Err = fmt.Sprintf("panic: %v\n%s", e, debug.Stack())
		}
	}()
	for _, h := range l.Headers {
		testenv.NeedFile(t, h)
	}
	dir := t.TempDir()
	headers := l.HeaderPaths(t, dir)
	cflags := append([]string(nil), l.CFlags...)
	linkName := ""
	if l.Pkg != "" {
		info, err := link.PkgConfig(l.Pkg)
		if err != nil {
			testenv.Skip(t, "%v", err)
		}
		cflags = append(append([]string(nil), info.CFlags...), cflags...)
		if len(info.Libs) > 0 {
			linkName = info.Libs[0].Name
		}
	} else {
		linkName = l.Libs[0]
	}
	var dl diag.List
	m, err := cfront.Load(cfront.Options{Headers: headers, CFlags: cflags}, &dl)
	if err != nil {
		row.Err = err.Error()
		return row
	}
	layout.Compute(m, layout.Options{}, &dl)
	toml, _, err := Suggest(m, SuggestOptions{Headers: headers, CFlags: cflags, Link: linkName})
	if err != nil {
		row.Err = "suggest: " + err.Error()
		return row
	}
	cfg, err := config.Parse(filepath.Join(dir, "ferry.toml"), toml)
	if err != nil {
		row.Err = "the suggestion does not load: " + err.Error()
		return row
	}
	safe, plan, err := Generate(m, &cfg.Safe, Options{}, &dl)
	if err != nil {
		row.Err = "safe: " + err.Error()
		return row
	}
	raw, err := rustgen.Emit(m, rustgen.Options{LinkName: linkName, Edition: "2021"}, &dl)
	if err != nil {
		row.Err = "raw: " + err.Error()
		return row
	}
	s := plan.Stats
	row.Total, row.Safe, row.Unsafe, row.Raw = s.Total, s.Safe, s.Unsafe, s.Raw
	if keep != "" {
		must(t, os.WriteFile(filepath.Join(keep, l.Name+".toml"), toml, 0o644))
		must(t, os.WriteFile(filepath.Join(keep, l.Name+".raw.rs"), raw, 0o644))
		must(t, os.WriteFile(filepath.Join(keep, l.Name+".safe.rs"), safe, 0o644))
	}
	must(t, os.WriteFile(filepath.Join(dir, "raw.rs"), raw, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "safe.rs"), safe, 0o644))
	// The raw module is rustgen's, linted by the bind corpus; the safe one
	// must need no allows.
	must(t, os.WriteFile(filepath.Join(dir, "lib.rs"), []byte("#[allow(warnings, clippy::all)]\npub mod raw;\npub mod safe;\n"), 0o644))
	args := []string{"--edition=2021", "--crate-type=lib", "--emit=metadata", "--crate-name", "corpus", "-o", filepath.Join(dir, "lib.rmeta")}
	// Clippy compiles too: only when it fails is rustc asked whether the
	// code compiles at all.
	out, err := exec.Command(driver, append(args, "-D", "warnings", filepath.Join(dir, "lib.rs"))...).CombinedOutput()
	if err == nil {
		row.Compile, row.Clippy = "ok", "ok"
		return row
	}
	row.Clippy = firstErrors(out)
	out, err = exec.Command(rustc, append(args, filepath.Join(dir, "lib.rs"))...).CombinedOutput()
	if err == nil {
		row.Compile = "ok"
	} else {
		row.Compile = firstErrors(out)
		row.Clippy = "-"
	}
	return row
}

var errLineRE = regexp.MustCompile(`(?m)^error(\[\w+\])?: .*$`)

// firstErrors summarises compiler output: the distinct error lines, with
// counts, most frequent first.
func firstErrors(out []byte) string {
	counts := map[string]int{}
	for _, l := range errLineRE.FindAllString(string(out), -1) {
		if strings.HasPrefix(l, "error: aborting") || strings.HasPrefix(l, "error: could not compile") {
			continue
		}
		counts[l]++
	}
	if len(counts) == 0 {
		return strings.TrimSpace(string(out))
	}
	keys := sortedKeys(counts)
	sort.SliceStable(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	var parts []string
	for i, k := range keys {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("... %d more kinds", len(keys)-i))
			break
		}
		parts = append(parts, fmt.Sprintf("%dx %s", counts[k], k))
	}
	return strings.Join(parts, "\n")
}
