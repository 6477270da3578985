package cfront

import "testing"

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
