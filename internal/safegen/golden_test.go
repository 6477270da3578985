package safegen

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"

	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want.rs and want.toml sections of testdata/*.txtar")

// TestGolden generates the safe module (want.rs) and the suggestion
// (want.toml) for each testdata/*.txtar holding input.h and ferry.toml,
// and compiles want.rs against the raw module with rustc and clippy.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden cases")
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			must(t, err)
			sec := map[string][]byte{}
			for _, f := range ar.Files {
				sec[f.Name] = f.Data
			}
			for _, need := range []string{"input.h", "ferry.toml"} {
				if sec[need] == nil {
					t.Fatalf("%s has no %s section (an orphaned golden?)", file, need)
				}
			}
			dir := t.TempDir()
			h := filepath.Join(dir, "input.h")
			must(t, os.WriteFile(h, sec["input.h"], 0o644))
			cfg, err := config.Parse("ferry.toml", sec["ferry.toml"])
			must(t, err)
			var dl diag.List
			m, err := cfront.Load(cfront.Options{Headers: []string{h}}, &dl)
			must(t, err)
			layout.Compute(m, layout.Options{}, &dl)
			testenv.NeedTool(t, "rustfmt")
			got, _, err := Generate(m, &cfg.Safe, Options{Rustfmt: true}, &dl)
			must(t, err)
			sug, _, err := Suggest(m, SuggestOptions{Headers: []string{"input.h"}})
			must(t, err)
			if *update {
				var out []txtar.File
				for _, f := range ar.Files {
					if f.Name != "want.rs" && f.Name != "want.toml" {
						out = append(out, f)
					}
				}
				ar.Files = append(out, txtar.File{Name: "want.rs", Data: got}, txtar.File{Name: "want.toml", Data: sug})
				must(t, os.WriteFile(file, txtar.Format(ar), 0o644))
				return
			}
			if !bytes.Equal(got, sec["want.rs"]) {
				t.Errorf("want.rs differs; rerun with -update and review the diff")
			}
			if !bytes.Equal(sug, sec["want.toml"]) {
				t.Errorf("want.toml differs; rerun with -update and review the diff")
			}
			raw, err := rustgen.Emit(m, rustgen.Options{}, &dl)
			must(t, err)
			ex := &example{raw: raw, safe: got}
			clippy(t, ex)
			if f, err := Rustfmt(got); err != nil || !bytes.Equal(f, got) {
				t.Errorf("want.rs is not rustfmt-clean: %v", err)
			}
		})
	}
}
