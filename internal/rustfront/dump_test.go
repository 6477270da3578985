package rustfront

import (
	"os"
	"testing"

	"ferry/internal/diag"
	"github.com/google/go-cmp/cmp"
)

func TestDumpIR(t *testing.T) {
	p := os.Getenv("DUMP")
	if p == "" {
		t.Skip()
	}
	var dl diag.List
	m, _ := LoadCrate(p, Options{}, &dl)
	for _, d := range dl.Items {
		t.Log(d)
	}
	for _, d := range m.Decls {
		t.Logf("%T %s", d, cmp.Diff(nil, d))
	}
}
