package rustfront_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ferry/internal/cfront"
	"ferry/internal/check"
	"ferry/internal/diag"
	"ferry/internal/export"
	"ferry/internal/ir"
	"ferry/internal/rustfront"

	"github.com/rogpeppe/go-internal/txtar"
)

// fuzzTimeout bounds one input; the Rust path takes milliseconds.
const fuzzTimeout = 10 * time.Second

// FuzzRust feeds Rust source (and an [export] config) through the Rust
// front end, export (header and shims) and check (against the C headers of
// check's corpus, and against itself). Nothing may panic or hang, every
// diagnostic carries a code, and export is deterministic. Run it with
//
//	go test ./internal/rustfront -run '^$' -fuzz FuzzRust -fuzztime 30s
func FuzzRust(f *testing.F) {
	rs, cs, tomls := rustSeeds(f)
	for i, s := range rs {
		f.Add(s, tomls[i%len(tomls)])
	}
	cmods := cModules(f, cs)
	f.Fuzz(func(t *testing.T, src, cfgText []byte) {
		if len(src) > 64<<10 || len(cfgText) > 4<<10 {
			t.Skip()
		}
		done := make(chan struct{})
		var fail []string
		go func() {
			defer close(done)
			fail = runRust(src, cfgText, cmods)
		}()
		select {
		case <-done:
		case <-time.After(fuzzTimeout):
			t.Fatalf("rust pipeline did not finish within %v on:\n%q", fuzzTimeout, src)
		}
		for _, s := range fail {
			t.Error(s)
		}
	})
}

// runRust is one fuzz iteration; it returns the invariants broken.
func runRust(src, cfgText []byte, cmods []*ir.Module) (fail []string) {
	diags := &diag.List{}
	m, err := rustfront.ParseFile("fuzz.rs", src, rustfront.Options{}, diags)
	if err != nil || m == nil {
		return nil
	}
	cfg, err := export.ParseConfig("ferry.toml", cfgText, diags)
	if err != nil {
		cfg = nil
	}
	a := export.Run(m, cfg, export.Options{Source: "fuzz.rs"}, diags)
	b := export.Run(m, cfg, export.Options{Source: "fuzz.rs"}, &diag.List{})
	if !bytes.Equal(a.Header, b.Header) || !bytes.Equal(a.Shims, b.Shims) {
		fail = append(fail, "export output differs between two runs")
	}
	var all []*diag.Diagnostic
	all = append(all, diags.Items...)
	for _, c := range cmods {
		all = append(all, check.Run(c, m, check.Options{})...)
	}
	all = append(all, check.Run(m, m, check.Options{})...)
	for _, d := range all {
		if d.Code == "" {
			fail = append(fail, "diagnostic without a code: "+d.String())
		}
	}
	return fail
}

// rustSeeds collects the Rust, C and ferry.toml files of the repository's
// testdata (rustfront's, export's, check's and bind's goldens).
func rustSeeds(f *testing.F) (rs, cs, tomls [][]byte) {
	tomls = [][]byte{nil, []byte("[export]\nstatus_prefix = \"X\"\nbare_enumerators = true\nfunctions = [\"crate::f as g\"]\n[export.rename]\n\"S\" = \"T\"\n")}
	files := func(pattern string) {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			if strings.HasSuffix(p, ".rs") {
				rs = append(rs, b)
				continue
			}
			for _, file := range txtar.Parse(b).Files {
				switch filepath.Ext(file.Name) {
				case ".rs":
					rs = append(rs, file.Data)
				case ".h":
					cs = append(cs, file.Data)
				case ".toml":
					tomls = append(tomls, file.Data)
				}
			}
		}
	}
	files("testdata/*.rs")
	files("testdata/*.txtar")
	files("../export/testdata/golden/*.txtar")
	files("../export/testdata/e2e/*.rs")
	files("../check/testdata/corpus/*.txtar")
	files("../bind/testdata/golden/*.txtar")
	rs = append(rs,
		[]byte("fn f( {\n#[repr(C)] pub struct S { pub a: i32 }\n"),
		[]byte("unsafe extern \"C\" { safe fn g(x: i32) -> i32; }\n"),
		[]byte("pub mod m { pub mod n { #[repr(u8)] pub enum E { A = 1, B } } }\n"),
		[]byte("pub const X: u32 = 1 << 40;\npub type T = [[u8; 3]; 0xffff_ffff_ffff];\n"),
		[]byte("pub struct \xff\xfe;\n"),
		[]byte{0, 1, 2, 0xff},
	)
	return rs, cs, tomls
}

// cModules loads each seed header once, as the C side for check.
func cModules(f *testing.F, cs [][]byte) []*ir.Module {
	dir := f.TempDir()
	var out []*ir.Module
	for i, c := range cs {
		h := filepath.Join(dir, "c"+string(rune('a'+i%26))+".h")
		if err := os.WriteFile(h, c, 0o644); err != nil {
			f.Fatal(err)
		}
		m, err := cfront.Load(cfront.Options{Headers: []string{h}}, &diag.List{})
		if err == nil {
			out = append(out, m)
		}
	}
	return out
}
