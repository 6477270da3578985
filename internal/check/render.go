package check

import (
	"encoding/json"
	"fmt"
	"io"

	"ferry/internal/diag"
)

// WriteText renders findings rustc-style:
//
//	error[F005]: parameter `n` of `f` is `usize` (64-bit unsigned) in Rust but `int` (32-bit signed) in C
//	  --> bind.rs:3:26
//	  note: C declaration at f.h:1:6
//	  help: declare it as core::ffi::c_int
func WriteText(w io.Writer, ds []*diag.Diagnostic) error {
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
		}
		for _, n := range d.Notes {
			fmt.Fprintf(w, "  note: %s at %s\n", n.Message, n.Pos)
		}
		if d.Help != "" {
			fmt.Fprintf(w, "  help: %s\n", d.Help)
		}
	}
	return nil
}

// jsonFinding is the stable JSON shape of one finding.
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
