package layout_test

import (
	"testing"

	"ferry/internal/ir"
	"ferry/internal/layout"
)

// BenchmarkCompute lays out a large module: 4,000 random records (about
// 20,000 members with nested anonymous records), roughly GTK's size.
func BenchmarkCompute(b *testing.B) {
	m := randomModule(7, 4000)
	records := 0
	for _, d := range m.Decls {
		if _, ok := d.(*ir.Record); ok {
			records++
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for _, d := range m.Decls {
			if r, ok := d.(*ir.Record); ok {
				r.LayoutDone = false
			}
		}
		layout.Compute(m, layout.Options{}, nil)
	}
	b.ReportMetric(float64(records), "records")
}
