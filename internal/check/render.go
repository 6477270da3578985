package check

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"ferry/internal/diag"
)

// WriteText renders findings rustc-style, with the source line under each
// position when the file can be read:
//
//	error[F005]: parameter `c_arr` of `do_thing` is `usize` (64-bit unsigned) in Rust but `int` (32-bit signed) in C
//	  --> bind.rs:2:35
//	   |
//	 2 |     pub fn do_thing(arr: *mut u8, c_arr: usize);
//	   |                                   ^^^^^
//	  note: C declaration at do_thing.h:1:6
//	   |
//	 1 | void do_thing(char* arr, int c_arr);
//	   |      ^^^^^^^^
//	  help: declare it as core::ffi::c_int
func WriteText(w io.Writer, ds []*diag.Diagnostic) error {
	src := sources{}
	for _, d := range ds {
		code := ""
		if d.Code != "" {
			code = "[" + d.Code + "]"
		}
		if _, err := fmt.Fprintf(w, "%s%s: %s\n", d.Severity, code, d.Message); err != nil {
			return err
		}
		if d.Pos.IsValid() {
			fmt.Fprintf(w, "  --> %s\n", d.Pos)
			src.snippet(w, d.Pos)
		}
		for _, n := range d.Notes {
			fmt.Fprintf(w, "  note: %s at %s\n", n.Message, n.Pos)
			src.snippet(w, n.Pos)
		}
		if d.Help != "" {
			if _, err := fmt.Fprintf(w, "  help: %s\n", d.Help); err != nil {
				return err
			}
		}
	}
	return nil
}

// sources caches the lines of the files findings point into, for one
// rendering; nil marks a file that cannot be read.
type sources map[string][]string

func (s sources) line(file string, n int) (string, bool) {
	lines, ok := s[file]
	if !ok {
		if b, err := os.ReadFile(file); err == nil {
			lines = strings.Split(string(b), "\n")
		}
		s[file] = lines
	}
	if n < 1 || n > len(lines) {
		return "", false
	}
	return strings.TrimRight(lines[n-1], "\r"), true
}

// snippet prints the line at p with the identifier at p's column
// underlined. Tabs are shown as four spaces so the carets line up.
func (s sources) snippet(w io.Writer, p diag.Pos) {
	text, ok := s.line(p.File, p.Line)
	if !ok || p.Col < 1 || p.Col > len(text)+1 || strings.TrimSpace(text) == "" {
		return
	}
	start := p.Col - 1
	end := start
	for end < len(text) && isIdentByte(text[end]) {
		end++
	}
	if end == start {
		end = start + 1
	}
	expand := func(b string) string { return strings.ReplaceAll(b, "\t", "    ") }
	pad := strings.Repeat(" ", len(expand(text[:start])))
	carets := strings.Repeat("^", max(1, len(expand(text[start:min(end, len(text))]))))
	num := fmt.Sprint(p.Line)
	gutter := strings.Repeat(" ", len(num))
	fmt.Fprintf(w, "  %s |\n", gutter)
	fmt.Fprintf(w, "  %s | %s\n", num, expand(text))
	fmt.Fprintf(w, "  %s | %s%s\n", gutter, pad, carets)
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// jsonFinding is the stable JSON shape of one finding. Fields are only
// ever added, never renamed or removed.
type jsonFinding struct {
	Code     string     `json:"code"`
	Severity string     `json:"severity"`
	Message  string     `json:"message"`
	Symbol   string     `json:"symbol"`
	File     string     `json:"file"`
	Line     int        `json:"line"`
	Col      int        `json:"col"`
	Notes    []jsonNote `json:"notes"`
	Help     string     `json:"help"`
}

type jsonNote struct {
	Message string `json:"message"`
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
}

// WriteJSON renders findings as one JSON array (`[]` when there are none).
func WriteJSON(w io.Writer, ds []*diag.Diagnostic) error {
	out := make([]jsonFinding, 0, len(ds))
	for _, d := range ds {
		f := jsonFinding{Code: d.Code, Severity: d.Severity.String(), Message: d.Message, Symbol: d.Symbol,
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Notes: []jsonNote{}, Help: d.Help}
		for _, n := range d.Notes {
			f.Notes = append(f.Notes, jsonNote{n.Message, n.Pos.File, n.Pos.Line, n.Pos.Col})
		}
		out = append(out, f)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
