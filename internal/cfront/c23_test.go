package cfront

import (
	"testing"

	"ferry/internal/ir"
)

// TestC23AttrPlacement: C23 attributes on parameters and members stay off
// the enclosing declaration; those on the declaration itself still apply,
// to definitions too.
func TestC23AttrPlacement(t *testing.T) {
	m, _ := loadSrc(t, `int f(int *p [[deprecated("param")]], [[maybe_unused]] int y);
[[deprecated("whole")]] int g(int x [[deprecated("param")]]);
int h(int x) [[deprecated("after")]];
typedef struct { int old [[deprecated("member")]]; } T;
typedef enum { EA [[deprecated("enumerator")]], EB } TE;
[[nodiscard]] static inline int d(int v [[maybe_unused]]) { return 1; }
`, Options{})
	expectDecls(t, m,
		"func f: fn(p * int, y int) int",
		`func g: fn(x int) int [deprecated("whole")]`,
		`func h: fn(x int) int [deprecated("after")]`,
		"typedef T = struct T",
		"typedef TE = enum TE",
		"struct T anon(typedef=\"T\")\n  old: int deprecated(\"member\")",
		"func d: fn(v int) int [must_use inline static]",
	)
}

// TestC23AttrOnTag: `struct [[gnu::aligned(N)]] s {` aligns the record, as
// GCC does (it was dropped: a layout off by the alignment), with N a
// literal or a macro, named or anonymous; attributes before `struct`
// belong to the declaration, not the record.
func TestC23AttrOnTag(t *testing.T) {
	m, _ := loadSrc(t, `#define AL 16
struct [[gnu::aligned(16)]] lit { char c; };
struct [[gnu::aligned(AL)]] mac { char c; };
typedef struct [[gnu::aligned(32)]] { char c; } anon_t;
[[maybe_unused]] struct plain { char c; } v;
`, Options{})
	ix := ir.NewIndex(m)
	want := map[string]int64{"lit": 16, "mac": 16, "plain": 0}
	for name, al := range want {
		r := ix.Structs[name]
		if r == nil || r.AlignAttr != al {
			t.Errorf("struct %s: %+v, want aligned(%d)", name, r, al)
		}
	}
	td := ix.Typedefs["anon_t"]
	if td == nil || td.Type.Kind != ir.KindNamed {
		t.Fatalf("anon_t: %+v", td)
	}
	if r := ix.Structs[td.Type.Ref.Name]; r == nil || r.AlignAttr != 32 {
		t.Errorf("anon_t's record: %+v, want aligned(32)", r)
	}
}
