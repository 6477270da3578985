package cfront

import (
	"os"
	"strings"
	"testing"

	"ferry/internal/diag"
)

func BenchmarkTmpHeader(b *testing.B) {
	h := os.Getenv("H")
	if h == "" {
		b.Skip()
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var dl diag.List
		if _, err := Load(Options{Headers: []string{h}, CFlags: strings.Fields(os.Getenv("HFLAGS"))}, &dl); err != nil {
			b.Fatal(err)
		}
	}
}
