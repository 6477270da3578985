package bind

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"ferry/internal/cache"
	"ferry/internal/diag"
	"ferry/internal/link"
)

func TestRunCachedInvalidation(t *testing.T) {
	dir := t.TempDir()
	c, err := cache.Open(filepath.Join(dir, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	top := filepath.Join(dir, "top.h")
	inc := filepath.Join(dir, "inc.h")
	os.WriteFile(top, []byte("#include \"inc.h\"\nint top_fn(thing *t);\n"), 0o644)
	os.WriteFile(inc, []byte("typedef struct thing { int a; } thing;\n"), 0o644)
	opts := Options{Headers: []string{top}}

	run := func(o Options) ([]byte, bool) {
		t.Helper()
		res, hit, err := RunCached(c, o, &diag.List{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Rust, hit
	}
	first, hit := run(opts)
	if hit {
		t.Fatal("first run hit the cache")
	}
	second, hit := run(opts)
	if !hit || !bytes.Equal(first, second) {
		t.Fatalf("second run: hit=%v, same output=%v", hit, bytes.Equal(first, second))
	}
	// A change to an included header invalidates.
	os.WriteFile(inc, []byte("typedef struct thing { long a; int b; } thing;\n"), 0o644)
	third, hit := run(opts)
	if hit || bytes.Equal(third, first) || !bytes.Contains(third, []byte("pub b:")) {
		t.Fatalf("after editing an included header: hit=%v, output changed=%v", hit, !bytes.Equal(third, first))
	}
	// A flag change invalidates.
	withLink := opts
	withLink.Links = []link.Lib{{Name: "thing"}}
	fourth, hit := run(withLink)
	if hit || !bytes.Contains(fourth, []byte(`#[link(name = "thing")]`)) {
		t.Fatalf("after adding --link: hit=%v", hit)
	}
	// The same flags again hit.
	if _, hit := run(withLink); !hit {
		t.Fatal("repeating the run did not hit")
	}
}
