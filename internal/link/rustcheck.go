package link

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// RustError is one rustc error, by the file (relative to the crate root,
// slash-separated) and 1-based line of its primary span.
type RustError struct {
	File    string
	Line    int
	Message string
}

// CheckCrate type-checks a library crate with rustc --emit=metadata, as
// `cargo check` would, without linking: the files are written to a
// temporary directory. root is the crate root among files (src/lib.rs);
// externs maps crate names to .rmeta files from earlier calls. It returns
// the errors and the crate's .rmeta path (in dir), or an error when rustc
// cannot be run at all.
func CheckCrate(rustc, dir, crate, edition, root string, files []File, externs map[string]string) ([]RustError, string, error) {
	src := filepath.Join(dir, crate)
	for _, f := range files {
		p := filepath.Join(src, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return nil, "", err
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			return nil, "", err
		}
	}
	if edition == "" {
		edition = "2021"
	}
	out := filepath.Join(dir, "lib"+crate+".rmeta")
	args := []string{"--crate-type=lib", "--crate-name=" + crate, "--edition=" + edition,
		"--emit=metadata=" + out, "--error-format=json", "--cap-lints=allow"}
	names := make([]string, 0, len(externs))
	for n := range externs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		// -L lets rustc find the extern crates' own dependencies.
		args = append(args, "--extern", n+"="+externs[n], "-L", "dependency="+filepath.Dir(externs[n]))
	}
	args = append(args, filepath.FromSlash(root)) // relative, so spans are too
	cmd := exec.Command(rustc, args...)
	cmd.Dir = src
	var errb bytes.Buffer
	cmd.Stderr = &errb
	runErr := cmd.Run()
	if _, ok := runErr.(*exec.ExitError); runErr != nil && !ok {
		return nil, "", runErr
	}
	var errs []RustError
	dec := json.NewDecoder(&errb)
	for {
		var m struct {
			Level   string
			Message string
			Spans   []struct {
				FileName  string `json:"file_name"`
				LineStart int    `json:"line_start"`
				IsPrimary bool   `json:"is_primary"`
			}
		}
		if err := dec.Decode(&m); err != nil {
			break
		}
		if m.Level != "error" {
			continue
		}
		e := RustError{Message: m.Message}
		for _, s := range m.Spans {
			if s.IsPrimary {
				abs := s.FileName
				if !filepath.IsAbs(abs) {
					abs = filepath.Join(src, abs)
				}
				rel, err := filepath.Rel(src, abs)
				if err == nil {
					e.File, e.Line = filepath.ToSlash(rel), s.LineStart
				}
				break
			}
		}
		errs = append(errs, e)
	}
	if runErr != nil && len(errs) == 0 {
		return nil, "", fmt.Errorf("rustc failed: %s", firstLine(errb.String()))
	}
	if runErr != nil {
		return errs, "", nil
	}
	return nil, out, nil
}

var itemStart = regexp.MustCompile(`^(pub(\([a-z]+\))? )?(const |unsafe |extern "C" |async )*(fn|struct|enum|union|type|const|static|trait|impl|mod|use|macro_rules!)\b`)

// ItemAt finds the top-level item of src (at indentation indent, in
// spaces) that holds 1-based line, with the doc comments and attributes
// before it. It returns 0-based [start, end) line bounds, or ok false.
func ItemAt(src []byte, line, indent int) (start, end int, ok bool) {
	lines := strings.Split(string(src), "\n")
	pad := strings.Repeat(" ", indent)
	at := func(i int) (string, bool) {
		l := lines[i]
		if !strings.HasPrefix(l, pad) || strings.HasPrefix(l, pad+" ") {
			return "", false
		}
		return l[indent:], true
	}
	i := line - 1
	if i < 0 || i >= len(lines) {
		return 0, 0, false
	}
	for ; i >= 0; i-- {
		if t, ok := at(i); ok && itemStart.MatchString(t) {
			break
		}
	}
	if i < 0 {
		return 0, 0, false
	}
	head := i
	for j := i; j < len(lines); j++ {
		t, ok := at(j)
		if !ok {
			continue
		}
		if j == i && (strings.HasSuffix(t, ";") || strings.HasSuffix(t, "}")) || j > i && (strings.HasPrefix(t, "}") || strings.HasSuffix(t, ";")) {
			end = j + 1
			break
		}
	}
	if end == 0 || end < line {
		return 0, 0, false
	}
	start = head
	for start > 0 {
		t, ok := at(start - 1)
		if !ok || !(strings.HasPrefix(t, "///") || strings.HasPrefix(t, "#[") || strings.HasPrefix(t, "//")) {
			break
		}
		start--
	}
	return start, end, true
}

var itemName = regexp.MustCompile(`\b(?:fn|struct|enum|union|type|const|static|trait|mod)\s+([A-Za-z_][A-Za-z0-9_]*)|\bimpl(?:<[^>]*>)?\s+(?:[A-Za-z_:<>]+\s+for\s+)?([A-Za-z_][A-Za-z0-9_]*)`)

// ItemName is the name an item's first line declares ("" if none).
func ItemName(line string) string {
	m := itemName.FindStringSubmatch(line)
	switch {
	case m == nil:
		return ""
	case m[1] != "":
		return m[1]
	}
	return m[2]
}
