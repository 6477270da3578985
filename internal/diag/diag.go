package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity orders diagnostics by how much they matter.
type Severity int

const (
	Note Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Note:
		return "note"
	case Warning:
		return "warning"
	}
	return "error"
}

// Related is a secondary position attached to a diagnostic, e.g. the C
// declaration that a Rust declaration disagrees with.
type Related struct {
	Pos     Pos
	Message string
}

// Diagnostic is one finding. Code is stable across releases (see Explain);
// Message is lower-case with no trailing period.
type Diagnostic struct {
	Severity Severity
	Code     string
	Pos      Pos
	Message  string
	Symbol   string    // the C or Rust symbol the finding is about, if any
	Notes    []Related // further positions
	Help     string    // a suggested fix, if any
}

func (d *Diagnostic) Error() string { return d.String() }

// String renders the diagnostic on one line: "file:line:col: error[F001]: msg".
func (d *Diagnostic) String() string {
	var b strings.Builder
	if d.Pos.IsValid() {
		b.WriteString(d.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	if d.Code != "" {
		fmt.Fprintf(&b, "[%s]", d.Code)
	}
	b.WriteString(": ")
	b.WriteString(d.Message)
	return b.String()
}

// List collects diagnostics. It is passed to the stages that report; it is
// not safe for concurrent use.
type List struct {
	Items []*Diagnostic
}

// Add appends d.
func (l *List) Add(d *Diagnostic) { l.Items = append(l.Items, d) }

// Errorf adds an error.
func (l *List) Errorf(pos Pos, code, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Severity: Error, Code: code, Pos: pos, Message: fmt.Sprintf(format, args...)}
	l.Add(d)
	return d
}

// Warnf adds a warning.
func (l *List) Warnf(pos Pos, code, format string, args ...any) *Diagnostic {
	d := &Diagnostic{Severity: Warning, Code: code, Pos: pos, Message: fmt.Sprintf(format, args...)}
	l.Add(d)
	return d
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	for _, d := range l.Items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Sort orders diagnostics by position then code, for deterministic output.
func (l *List) Sort() {
	sort.SliceStable(l.Items, func(i, j int) bool {
		a, b := l.Items[i], l.Items[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Code < b.Code
	})
}
