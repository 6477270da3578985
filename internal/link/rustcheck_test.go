package link

import (
	"testing"

	"ferry/internal/testenv"
)

func TestItemAt(t *testing.T) {
	src := []byte("mod safe {\n    /// Doc.\n    #[inline]\n    pub fn a(\n        x: i32,\n    ) -> i32 {\n        x\n    }\n\n    pub type B = u8;\n}\n")
	for _, tc := range []struct {
		line, start, end int
		name             string
	}{
		{7, 1, 8, "a"},
		{5, 1, 8, "a"},
		{10, 9, 10, "B"},
	} {
		start, end, ok := ItemAt(src, tc.line, 4)
		if !ok || start != tc.start || end != tc.end {
			t.Errorf("ItemAt(line %d) = %d, %d, %v; want %d, %d", tc.line, start, end, ok, tc.start, tc.end)
			continue
		}
		if n := ItemName(splitLines(src)[headOf(src, start)][4:]); n != tc.name {
			t.Errorf("ItemName at line %d = %q, want %q", tc.line, n, tc.name)
		}
	}
}

func splitLines(src []byte) []string {
	var out []string
	start := 0
	for i, c := range src {
		if c == '\n' {
			out = append(out, string(src[start:i]))
			start = i + 1
		}
	}
	return append(out, string(src[start:]))
}

func headOf(src []byte, start int) int {
	lines := splitLines(src)
	for i := start; i < len(lines); i++ {
		if l := lines[i]; len(l) > 4 && l[4] != '/' && l[4] != '#' {
			return i
		}
	}
	return start
}

// TestCheckCrate type-checks a two-crate pair with rustc and reports an
// error by file and line in the dependent crate.
func TestCheckCrate(t *testing.T) {
	rustc := testenv.NeedTool(t, "rustc")
	dir := t.TempDir()
	errs, meta, err := CheckCrate(rustc, dir, "dep_sys", "2021", "src/lib.rs", []File{{Path: "src/lib.rs", Data: []byte("pub fn v() -> u32 { 1 }\n")}}, nil)
	if err != nil || len(errs) > 0 || meta == "" {
		t.Fatalf("dep_sys: %v %v %q", errs, err, meta)
	}
	bad := []byte("pub fn ok() -> u32 {\n    dep_sys::v()\n}\n\npub fn bad() -> u32 {\n    dep_sys::missing()\n}\n")
	errs, _, err = CheckCrate(rustc, dir, "dep", "2021", "src/lib.rs", []File{{Path: "src/lib.rs", Data: bad}}, map[string]string{"dep_sys": meta})
	if err != nil || len(errs) == 0 || errs[0].File != "src/lib.rs" || errs[0].Line != 6 {
		t.Fatalf("dep: errs %+v, err %v; want an error at src/lib.rs:6", errs, err)
	}
	if start, end, ok := ItemAt(bad, errs[0].Line, 0); !ok || start != 4 || end != 7 {
		t.Errorf("ItemAt = %d, %d, %v; want 4, 7", start, end, ok)
	}
}
