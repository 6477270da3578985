package cfront

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/testenv"
)

// writeFiles writes name → source files into a new temporary directory
// and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func loadHeader(t *testing.T, h string) *ir.Module {
	t.Helper()
	var dl diag.List
	m, err := Load(Options{Headers: []string{h}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestPositionMacros: a macro whose expansion reaches __LINE__ (or
// __FILE__, __COUNTER__, ...) has no single value: it is not a constant,
// and the position macro itself is not bound.
func TestPositionMacros(t *testing.T) {
	dir := writeFiles(t, map[string]string{"p.h": `#define MY_LINE __LINE__
#define MY_L2 (MY_LINE + 1)
#define MY_FILE __FILE__
#define MY_CNT __COUNTER__
#define MY_DATE __DATE__
#define MY_TIME __TIME__
#define MY_FUNC __func__
#define PLAIN 42
int use(void);
`})
	ix := ir.NewIndex(loadHeader(t, filepath.Join(dir, "p.h")))
	for _, n := range []string{"MY_LINE", "MY_L2", "MY_FILE", "MY_CNT", "MY_DATE", "MY_TIME", "MY_FUNC"} {
		if ix.Consts[n] != nil {
			t.Errorf("%s is a constant: its value depends on where it is used", n)
		}
	}
	for _, n := range []string{"__LINE__", "__FILE__", "__COUNTER__"} {
		if ix.Consts[n] != nil || ix.Macros[n] != nil {
			t.Errorf("%s bound", n)
		}
	}
	if c := ix.Consts["PLAIN"]; c == nil || c.Int != 42 {
		t.Errorf("PLAIN = %+v, want 42", c)
	}
}

// TestHasFeatureDefined: like gcc 12, #ifdef and defined() see
// __has_builtin, __has_attribute, __has_c_attribute, __has_cpp_attribute
// and __has_include, and the operators answer as gcc does (glib's
// gmacros.h, SDL_stdinc.h).
func TestHasFeatureDefined(t *testing.T) {
	dir := writeFiles(t, map[string]string{"h.h": `#ifdef __has_builtin
#define HB(x) __has_builtin(x)
#else
#define HB(x) 0
#endif
#if HB(__builtin_add_overflow)
int has_builtin_add_overflow(void);
#endif
#if HB(__builtin_arm_rbit) || HB(__c11_atomic_load) || HB(__builtin_assume)
int bad_builtin(void);
#endif
#if defined(__has_attribute) && __has_attribute(__pure__) && __has_attribute(packed) && !__has_attribute(nonsense) && __has_attribute(deprecated) == 201904
int has_attribute(void);
#endif
#define g_macro__has_attribute __has_attribute
#if g_macro__has_attribute(__noreturn__)
int glib_style(void);
#endif
#if defined(__has_c_attribute) && __has_c_attribute(nodiscard) == 202003 && !__has_c_attribute(noreturn)
int has_c_attribute(void);
#endif
#ifdef __has_cpp_attribute
int has_cpp_attribute(void);
#endif
#if defined(__has_include) && __has_include(<stddef.h>)
int has_include(void);
#endif
#ifdef __has_feature
int bad_feature(void);
#endif
`})
	ix := ir.NewIndex(loadHeader(t, filepath.Join(dir, "h.h")))
	for _, n := range []string{"has_builtin_add_overflow", "has_attribute", "glib_style", "has_c_attribute", "has_cpp_attribute", "has_include"} {
		if ix.Functions[n] == nil {
			t.Errorf("%s missing: gcc 12 declares it", n)
		}
	}
	for _, n := range []string{"bad_builtin", "bad_feature"} {
		if ix.Functions[n] != nil {
			t.Errorf("%s declared: gcc 12 does not", n)
		}
	}
}

// TestConditionalSelfInclude: an X-macro list that includes itself only
// under a condition never true (fribidi-bidi-types-list.h) is fine; the
// same include taken is rejected at gcc's depth limit, quickly.
func TestConditionalSelfInclude(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"list.h": "#ifdef NEVER\n#include \"list.h\"\n#endif\n#if defined(NEVER2) && NEVER2 > 1\n# include \"list.h\"\n#endif\nX(a)\nX(b)\n",
		"top.h":  "#define X(n) int n;\n#include \"list.h\"\n#undef X\n#define X(n) int n##2;\n#include \"list.h\"\n#undef X\n",
		"bad.h":  "#ifndef ALWAYS_UNDEFINED\n#include \"bad.h\"\n#endif\nint b;\n",
		"cnt.h":  "#if !defined(N)\n#define N 1\n#elif N == 1\n#undef N\n#define N 2\n#else\n#undef N\n#define N 3\n#endif\n#if N < 3\n#include \"cnt.h\"\n#endif\nint n_done;\n",
	})
	ix := ir.NewIndex(loadHeader(t, filepath.Join(dir, "top.h")))
	for _, n := range []string{"a", "b", "a2", "b2"} {
		if ix.Vars[n] == nil {
			t.Errorf("%s missing", n)
		}
	}
	if ir.NewIndex(loadHeader(t, filepath.Join(dir, "cnt.h"))).Vars["n_done"] == nil {
		t.Error("cnt.h: a self-include bounded by a counter should load")
	}
	start := time.Now()
	_, err := Load(Options{Headers: []string{filepath.Join(dir, "bad.h")}}, &diag.List{})
	var d *diag.Diagnostic
	if !errors.As(err, &d) || d.Pos.Line != 2 || !strings.Contains(d.Message, "200 levels") {
		t.Errorf("bad.h: got %v, want a depth error at line 2", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("depth error took %v", el)
	}
}

// TestEnumCast: a cast to an enum converts to its underlying type, as gcc
// does: unsigned int for non-negative enumerators.
func TestEnumCast(t *testing.T) {
	dir := writeFiles(t, map[string]string{"e.h": `enum e { A, B };
typedef enum { C, D } et;
enum n { N = -1, M };
enum big { BG = 0x100000000 };
#define E_NONE ((enum e) -1)
#define T_NONE ((et)-1)
#define N_NONE ((enum n) -2)
#define BG_NONE ((enum big)-1)
#define E_B ((enum e) B)
`})
	ix := ir.NewIndex(loadHeader(t, filepath.Join(dir, "e.h")))
	for _, tc := range []struct {
		name     string
		v        int64
		unsigned bool
		typ      string
	}{
		{"E_NONE", 4294967295, true, "enum e"}, {"T_NONE", 4294967295, true, "et"},
		{"N_NONE", -2, false, "enum n"}, {"BG_NONE", -1, true, "enum big"}, {"E_B", 1, true, "enum e"},
	} {
		c := ix.Consts[tc.name]
		if c == nil {
			t.Errorf("%s missing", tc.name)
			continue
		}
		if c.Int != tc.v || c.Unsigned != tc.unsigned || c.Type.String() != tc.typ {
			t.Errorf("%s = %d unsigned=%v type %s; want %d unsigned=%v type %s", tc.name, c.Int, c.Unsigned, c.Type, tc.v, tc.unsigned, tc.typ)
		}
	}
}

// TestHasFeatureMatchesGCC compares the feature-test tables with the host
// gcc: every attribute in the table and a list of builtins headers test,
// plus names gcc 12 does not know.
func TestHasFeatureMatchesGCC(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	var names []string
	for a := range gccAttributes() {
		names = append(names, a)
	}
	sort.Strings(names)
	names = append(names, "counted_by", "flag_enum", "enum_extensibility", "nonsense", "swift_name", "assume", "musttail")
	builtins := strings.Fields(`__builtin_add_overflow __builtin_mul_overflow __builtin_expect
	__builtin_unreachable __builtin_assume __builtin_assume_aligned __builtin_bswap32
	__builtin_clz __builtin_popcountg __builtin_constant_p __builtin_object_size
	__builtin_dynamic_object_size __builtin_memcpy __builtin_memcpy_inline __builtin_offsetof
	__builtin_types_compatible_p __builtin_choose_expr __builtin_va_arg __builtin_shufflevector
	__builtin_convertvector __builtin_bit_cast __builtin_is_constant_evaluated
	__builtin_complex __builtin_LINE __builtin_COLUMN __builtin_arm_rbit
	__builtin_debugtrap __builtin_rotateleft32 __builtin_elementwise_abs __builtin_addc
	__builtin_stdc_bit_width __builtin_ia32_crc32si __builtin_trap __builtin_prefetch
	__sync_synchronize __atomic_load_n __atomic_thread_fence __c11_atomic_load __is_identifier`)
	var src strings.Builder
	for _, a := range names {
		fmt.Fprintf(&src, "a %s __has_attribute(%s) __has_attribute(__%s__) __has_c_attribute(%s)\n", a, a, a, a)
	}
	for _, b := range builtins {
		fmt.Fprintf(&src, "b %s __has_builtin(%s)\n", b, b)
	}
	dir := writeFiles(t, map[string]string{"q.c": src.String()})
	out := testenv.Run(t, dir, "gcc", "-E", "-P", "q.c")
	cAttrs := map[string]int{"deprecated": 201904, "fallthrough": 201904, "maybe_unused": 201904, "nodiscard": 202003}
	attrs := gccAttributes()
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 5 && f[0] == "a":
			n++
			if want := f[2] + " " + f[3]; want != fmt.Sprint(attrs[f[1]], " ", attrs[f[1]]) {
				t.Errorf("__has_attribute(%s): gcc %s, ferry %d", f[1], want, attrs[f[1]])
			}
			if f[4] != fmt.Sprint(cAttrs[f[1]]) || gccCAttributes[f[1]] != cAttrs[f[1]] {
				t.Errorf("__has_c_attribute(%s): gcc %s, ferry %d", f[1], f[4], gccCAttributes[f[1]])
			}
		case len(f) == 3 && f[0] == "b":
			n++
			if got := hasBuiltin(f[1]); fmt.Sprint(b2i(got)) != f[2] {
				t.Errorf("__has_builtin(%s): gcc %s, ferry %v", f[1], f[2], got)
			}
		}
	}
	if n != len(names)+len(builtins) {
		t.Errorf("parsed %d gcc answers, want %d:\n%s", n, len(names)+len(builtins), out)
	}
}
