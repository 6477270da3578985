package check

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"ferry/internal/diag"
)

func TestWriteJSONShape(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJSON(&b, nil); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Fatalf("no findings: %q, %v", b.String(), err)
	}
	b.Reset()
	d := &diag.Diagnostic{Severity: diag.Error, Code: CodeIntWidth, Pos: diag.Pos{File: "b.rs", Line: 2, Col: 3}, Message: "m", Symbol: "f", Help: "h",
		Notes: []diag.Related{{Pos: diag.Pos{File: "h.h", Line: 1, Col: 6}, Message: "C declaration"}}}
	if err := WriteJSON(&b, []*diag.Diagnostic{d}); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"code", "severity", "message", "symbol", "file", "line", "col", "notes", "help"} {
		if _, ok := got[0][k]; !ok {
			t.Errorf("key %q missing in %s", k, b.String())
		}
	}
}

func TestWriteTextShape(t *testing.T) {
	var b bytes.Buffer
	d := &diag.Diagnostic{Severity: diag.Error, Code: "F005", Pos: diag.Pos{File: "b.rs", Line: 2, Col: 3}, Message: "m", Help: "h",
		Notes: []diag.Related{{Pos: diag.Pos{File: "h.h", Line: 1, Col: 6}, Message: "C declaration"}}}
	WriteText(&b, []*diag.Diagnostic{d})
	want := "error[F005]: m\n  --> b.rs:2:3\n  note: C declaration at h.h:1:6\n  help: h\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestCodesDocumented: every code an analyzer can emit has an entry.
func TestCodesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes {
		if seen[c.Code] {
			t.Errorf("duplicate code %s", c.Code)
		}
		seen[c.Code] = true
		if c.Title == "" || c.Explain == "" || strings.HasSuffix(c.Title, ".") {
			t.Errorf("%s: bad title or explanation", c.Code)
		}
	}
	for _, a := range Analyzers {
		if a.Name == "" || a.Doc == "" || a.Run == nil {
			t.Errorf("analyzer %q incomplete", a.Name)
		}
	}
}

// TestWriteTextSnippet: with readable sources, each position gets its line
// and the name at the column underlined; tabs become four spaces.
func TestWriteTextSnippet(t *testing.T) {
	dir := t.TempDir()
	rs, h := dir+"/b.rs", dir+"/h.h"
	if err := os.WriteFile(rs, []byte("extern \"C\" {\n\tpub fn f(n: usize);\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(h, []byte("void f(int n);\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := &diag.Diagnostic{Severity: diag.Error, Code: "F005", Pos: diag.Pos{File: rs, Line: 2, Col: 11}, Message: "m", Help: "h",
		Notes: []diag.Related{{Pos: diag.Pos{File: h, Line: 1, Col: 6}, Message: "C declaration"}}}
	var b bytes.Buffer
	WriteText(&b, []*diag.Diagnostic{d})
	want := "error[F005]: m\n" +
		"  --> " + rs + ":2:11\n" +
		"    |\n" +
		"  2 |     pub fn f(n: usize);\n" +
		"    |              ^\n" +
		"  note: C declaration at " + h + ":1:6\n" +
		"    |\n" +
		"  1 | void f(int n);\n" +
		"    |      ^\n" +
		"  help: h\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}
