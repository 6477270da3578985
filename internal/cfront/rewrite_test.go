package cfront

import (
	"bytes"
	"strings"
	"testing"
)

func TestRewriteSource(t *testing.T) {
	src := "int *_Nullable a; int *_Null_unspecified b;\n" +
		"[[deprecated(\"x\")]] int f(void); int y;\n" +
		"#define D [[nodiscard, clang::foo]]\n" +
		"#pragma pack(push, 2)\n" +
		"enum __attribute__((packed)) E { A };\n" +
		"#include \"dep.h\"\n" +
		"const char *s = \"[[not]] _Nullable\"; // [[no]]\n" +
		"int a[b[0]];\n"
	out, quoted, changed := rewriteSource([]byte(src))
	if !changed || len(quoted) != 1 || quoted[0] != "dep.h" {
		t.Fatalf("changed=%v quoted=%v", changed, quoted)
	}
	got := strings.Split(string(out), "\n")
	want := []string{
		"int *\f_Nonnull a; int *\v\v\v\v\v\v\v\v\v_Nonnull b;",
		"/*deprecated(\"x\")*/ int f(void); int y;",
		"#define D __attribute__((warn_unused_result))",
		`_Static_assert(1, "ferry-pack:push,2");`,
		"enum /*attribute__((packed*/ E { A };",
		"#include \"dep.h\"",
		"const char *s = \"[[not]] _Nullable\"; // [[no]]",
		"int a[b[0]];",
		"",
	}
	if len(got) != len(want) {
		t.Fatalf("line count %d, want %d:\n%s", len(got), len(want), out)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("line %d:\n got %q\nwant %q", i+1, got[i], want[i])
		}
	}
	// Outside #define and #pragma lines, columns do not move.
	for _, i := range []int{0, 1, 4, 6, 7} {
		if len(got[i]) != len(strings.Split(src, "\n")[i]) {
			t.Errorf("line %d changed length", i+1)
		}
	}
	plain := []byte("int x;\n#include \"a.h\"\n")
	if out, q, ch := rewriteSource(plain); ch || !bytes.Equal(out, plain) || len(q) != 1 {
		t.Errorf("plain source: changed=%v quoted=%v", ch, q)
	}
}

// TestRewritePragmaOperator: literal `_Pragma("pack(...)")`, in code and in
// #define bodies (across continuations), becomes the pack marker with its
// lines kept; other _Pragma uses are left alone.
func TestRewritePragmaOperator(t *testing.T) {
	src := "#define PS _Pragma(\"pack(push, 2)\")\n" +
		"#define PE _Pragma( \\\n  \"pack(pop)\" )\n" +
		"_Pragma(\"pack(1)\") struct S { char c; };\n" +
		"#define DYN(x) _Pragma(#x)\n" +
		"_Pragma(\"GCC diagnostic push\")\n" +
		"int packed_not_pragma;\n"
	out, _, _ := rewriteSource([]byte(src))
	want := "#define PS _Static_assert(1, \"ferry-pack:push,2\");\n" +
		"#define PE _Static_assert(1, \"ferry-pack:pop\"); \\\n\n" +
		"_Static_assert(1, \"ferry-pack:1\"); struct S { char c; };\n" +
		"#define DYN(x) _Pragma(#x)\n" +
		"_Pragma(\"GCC diagnostic push\")\n" +
		"int packed_not_pragma;\n"
	if string(out) != want {
		t.Errorf("got:\n%s\nwant:\n%s", out, want)
	}
}
