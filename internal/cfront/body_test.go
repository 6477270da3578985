package cfront

import (
	"testing"

	"ferry/internal/ir"
)

// TestFunctionBody: a definition in a header carries its compound statement
// as written (before cfront's rewrite), braces included.
func TestFunctionBody(t *testing.T) {
	src := `struct S { int x; };
static inline int get_x(const struct S *s) { return s->x; }
static inline int *_Nullable pick(int *_Nullable p,
                                  int *_Nonnull q) {
	[[maybe_unused]] int unused = 0; /* keep me */
	return p ? p : q;
}
static inline int twice(int);
static inline int twice(int v) { return 2 * v; }
#define BODY { return 1; }
static inline int one(void) BODY
int proto(int a);
int defined_here(int a) { return a + 1; }
`
	m, _ := loadSrc(t, src, Options{})
	ix := ir.NewIndex(m)
	tests := []struct {
		name, body     string
		inline, static bool
		params         []string
	}{
		{"get_x", "{ return s->x; }", true, true, []string{"s"}},
		{"pick", "{\n\t[[maybe_unused]] int unused = 0; /* keep me */\n\treturn p ? p : q;\n}", true, true, []string{"p", "q"}},
		{"twice", "{ return 2 * v; }", true, true, []string{"v"}},
		{"one", "{ return 1; }", true, true, nil},
		{"proto", "", false, false, []string{"a"}},
		{"defined_here", "{ return a + 1; }", false, false, []string{"a"}},
	}
	for _, tt := range tests {
		f := ix.Functions[tt.name]
		if f == nil {
			t.Errorf("%s missing", tt.name)
			continue
		}
		if f.Body != tt.body {
			t.Errorf("%s: Body = %q, want %q", tt.name, f.Body, tt.body)
		}
		if f.Attrs.Inline != tt.inline || f.Attrs.Static != tt.static {
			t.Errorf("%s: inline=%v static=%v", tt.name, f.Attrs.Inline, f.Attrs.Static)
		}
		var names []string
		for _, p := range f.Type.Params {
			names = append(names, p.Name)
		}
		if len(names) != len(tt.params) {
			t.Errorf("%s: params %v, want %v", tt.name, names, tt.params)
			continue
		}
		for i := range names {
			if names[i] != tt.params[i] {
				t.Errorf("%s: params %v, want %v", tt.name, names, tt.params)
			}
		}
	}
}
