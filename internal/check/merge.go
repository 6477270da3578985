package check

import "ferry/internal/diag"

// MergeProbe adds the probe's findings to the static ones and sorts them.
// A probe finding at the Rust position of a static finding about the same
// symbol says the same thing again (the compilers confirm it), so it is
// dropped; a probe warning with no position (the probe could not run) is
// kept.
func MergeProbe(static, probe []*diag.Diagnostic) []*diag.Diagnostic {
	type at struct {
		pos diag.Pos
		sym string
	}
	seen := map[at]bool{}
	for _, d := range static {
		seen[at{d.Pos, d.Symbol}] = true
	}
	l := diag.List{Items: append([]*diag.Diagnostic{}, static...)}
	for _, d := range probe {
		if d.Pos.IsValid() && seen[at{d.Pos, d.Symbol}] {
			continue
		}
		l.Add(d)
	}
	l.Sort()
	return l.Items
}
