package safegen

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/cfront"
	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/layout"
	"ferry/internal/rustgen"
	"ferry/internal/testenv"
)

// corpusFixesH has, in small, each shape that broke the corpus: names that
// clash after prefix stripping (readline's rl_tilde_expand and
// tilde_expand), a chain of parent types (libxml2's attr → node → ns), a
// method that would be called new without returning Self (libevent's
// event_new on an event_base), flags whose C type is an enum newtype
// (glib), an enum tag that rustgen renames because a function has its
// name (gnutls_random_art), a deprecated destructor (gdk_pixbuf_unref),
// and a constructor that takes over what it is made from (libxml2's
// xmlNewTextReader).
const corpusFixesH = `
typedef struct lib lib_t;
typedef struct kid kid_t;
typedef struct grandkid grandkid_t;
typedef struct old old_t;
typedef struct src src_t;
typedef struct rdr rdr_t;
lib_t *lib_new(void);
void lib_free(lib_t *l);
int lib_tilde_expand(int a, int b);
char *tilde_expand(const char *s);
kid_t *kid_new(lib_t *ctx);
void kid_free(kid_t *k);
grandkid_t *grandkid_create(kid_t *ctx);
void grandkid_destroy(grandkid_t *g);
typedef enum { LIB_FLAG_A = 1, LIB_FLAG_B = 2, LIB_FLAG_C = 4 } lib_flags_t;
void lib_set_flags(lib_t *l, lib_flags_t flags);
lib_flags_t lib_get_flags(lib_t *l);
enum art { ART_ONE = 1, ART_TWO = 2 };
int art(enum art kind, int x);
old_t *old_new(void);
__attribute__((deprecated)) void old_free(old_t *o);
src_t *src_new(void);
void src_free(src_t *s);
rdr_t *rdr_new(src_t *input);
void rdr_free(rdr_t *r);
`

func TestCorpusFixes(t *testing.T) {
	dir := t.TempDir()
	h := filepath.Join(dir, "lib.h")
	must(t, os.WriteFile(h, []byte(corpusFixesH), 0o644))
	var dl diag.List
	m, err := cfront.Load(cfront.Options{Headers: []string{h}}, &dl)
	must(t, err)
	layout.Compute(m, layout.Options{}, &dl)
	src, _, err := Suggest(m, SuggestOptions{Headers: []string{h}, Link: "lib"})
	must(t, err)
	cfg, err := config.Parse("lib.toml", src)
	must(t, err)
	cfg.Safe.StripPrefix = []string{"lib_"}
	safe, plan, err := Generate(m, &cfg.Safe, Options{}, &dl)
	must(t, err)

	byC := map[string]*FuncPlan{}
	for _, fp := range plan.Funcs {
		byC[fp.Fn.Name] = fp
	}
	for c, want := range map[string]string{"tilde_expand": "tilde_expand", "lib_tilde_expand": "lib_tilde_expand"} {
		if fp := byC[c]; fp == nil || fp.Name != want {
			t.Errorf("%s: wrapper %v, want named %s", c, fp, want)
		}
	}
	if fp := byC["rdr_new"]; fp == nil || !fp.Unsafe {
		t.Errorf("rdr_new(src_t *input) is safe: the reader may free its input, and so would Src's Drop")
	}
	if fp := byC["kid_new"]; fp == nil || fp.Unsafe {
		t.Errorf("kid_new(lib_t *ctx) is not safe: a child borrowing its context should be")
	}
	for _, tp := range plan.Types {
		if tp.Drop == "old_free" {
			t.Errorf("type %s is released by a deprecated function", tp.Name)
		}
	}
	if t.Failed() || os.Getenv("FERRY_DEBUG") != "" {
		t.Logf("suggestion:\n%s\nsafe:\n%s", src, safe)
	}

	// Both orders of the clashing names give the same names.
	rev := strings.Replace(corpusFixesH, "int lib_tilde_expand(int a, int b);\nchar *tilde_expand(const char *s);",
		"char *tilde_expand(const char *s);\nint lib_tilde_expand(int a, int b);", 1)
	must(t, os.WriteFile(h, []byte(rev), 0o644))
	m2, err := cfront.Load(cfront.Options{Headers: []string{h}}, &dl)
	must(t, err)
	layout.Compute(m2, layout.Options{}, &dl)
	_, plan2, err := Generate(m2, &cfg.Safe, Options{}, &dl)
	must(t, err)
	for _, fp := range plan2.Funcs {
		if want := byC[fp.Fn.Name]; want != nil && want.Name != fp.Name {
			t.Errorf("%s is named %s in one order, %s in the other", fp.Fn.Name, want.Name, fp.Name)
		}
	}

	// The module compiles and is clippy-clean with no allows.
	driver := testenv.NeedTool(t, "clippy-driver")
	raw, err := rustgen.Emit(m, rustgen.Options{LinkName: "lib"}, &dl)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "raw.rs"), raw, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "safe.rs"), safe, 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "lib.rs"), []byte("#[allow(warnings, clippy::all)]\npub mod raw;\npub mod safe;\n"), 0o644))
	testenv.Run(t, dir, driver, "--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", filepath.Join(dir, "lib.rmeta"), "-D", "warnings", "lib.rs")
}
