package safegen

import (
	"fmt"
	"os"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/diag"
)

func TestDevDump(t *testing.T) {
	h := os.Getenv("SG_HEADER")
	if h == "" {
		t.Skip()
	}
	var dl diag.List
	m, err := cfront.Load(cfront.Options{Headers: []string{h}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	out, plan, err := Generate(m, nil, Options{}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile("/tmp/sg/out.rs", out, 0o644)
	fmt.Printf("%+v\n", plan.Stats)
	for _, fp := range plan.Funcs {
		if fp.Unsafe {
			fmt.Println("UNSAFE", fp.Fn.Name, fp.Reasons)
		} else {
			fmt.Println("SAFE", fp.Fn.Name)
		}
	}
	for _, d := range dl.Items {
		fmt.Println(d)
	}
}
