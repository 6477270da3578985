package cfront

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// loadSrc writes src as a header in a temp dir and loads it.
func loadSrc(t *testing.T, src string, opts Options) (*ir.Module, *diag.List) {
	t.Helper()
	dir := t.TempDir()
	h := filepath.Join(dir, "t.h")
	if err := os.WriteFile(h, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Headers = append([]string{h}, opts.Headers...)
	var dl diag.List
	m, err := Load(opts, &dl)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return m, &dl
}

// expectDecls checks that each want block (one declaration as dumpDecl
// renders it) appears in the module.
func expectDecls(t *testing.T, m *ir.Module, wants ...string) {
	t.Helper()
	got := map[string]bool{}
	for _, d := range m.Decls {
		got[dumpDecl(d)] = true
	}
	for _, w := range wants {
		w = strings.TrimSpace(w)
		if !got[w] {
			t.Errorf("missing declaration:\n%s\nmodule:\n%s", w, dumpModule(m))
		}
	}
}

func TestDeclarations(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{"pointer quals", `
int const_levels(const char *const *argv, char *const *p2, const char **p3, volatile int *const vp);
const char *const names[3];`,
			[]string{
				"func const_levels: fn(argv * *const const char, p2 * *const char, p3 * * const char, vp *const volatile int) int",
				"var names: [3]*const const char",
			}},
		{"nullability", `
int nullable_q(int * _Nullable p);
int nullu_q(int * _Null_unspecified p);
int nonnull_q(int * _Nonnull p);
int * _Nullable ret_nullable(void);
#define NULLABLE _Nullable
void via_macro(char * NULLABLE s, int * _Nonnull * _Nullable pp);`,
			[]string{
				"func nullable_q: fn(p *(nullable) int) int",
				"func nullu_q: fn(p * int) int",
				"func nonnull_q: fn(p *(nonnull) int !nonnull) int",
				"func ret_nullable: fn() *(nullable) int",
				"func via_macro: fn(s *(nullable) char, pp *(nullable) *(nonnull) int) void",
			}},
		{"c23 attributes", `
[[deprecated("c23 style")]] int c23_fn(void);
[[nodiscard]] int c23_nd(void);
[[noreturn]] void c23_nr(void);
[[maybe_unused, gnu::malloc]] void *c23_mu(void);
#define DEP23 [[deprecated("via macro")]]
DEP23 int c23_macro(void);
struct C23S { int old [[deprecated]]; };
enum C23E { C23_A [[deprecated("gone")]], C23_B };`,
			[]string{
				`func c23_fn: fn() int [deprecated("c23 style")]`,
				"func c23_nd: fn() int [must_use]",
				"func c23_nr: fn() void [noreturn]",
				"func c23_mu: fn() * void [malloc]",
				`func c23_macro: fn() int [deprecated("via macro")]`,
				"struct C23S\n  old: int deprecated(\"\")",
				"enum C23E: unsigned int\n  C23_A = 0 deprecated(\"gone\")\n  C23_B = 1",
			}},
		{"gnu attributes", `
void acc(void *buf, unsigned long n) __attribute__((access(write_only, 1, 2)));
void *xm(unsigned long n) __attribute__((malloc(free, 1), returns_nonnull));
int nn_all(char *a, int b, char *c) __attribute__((nonnull));
__attribute__((deprecated("use new_fn"))) int old_fn(void);
int fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die(int);
static inline int sq(int x) { return x * x; }
int renamed(void) __asm__("renamed64");`,
			[]string{
				"func acc: fn(buf * void !write_only !size=1, n unsigned long) void [access(write_only,1,2)]",
				"func xm: fn(n unsigned long) *(nonnull) void [malloc dealloc(free,1) returns_nonnull]",
				"func nn_all: fn(a *(nonnull) char !nonnull, b int !nonnull, c *(nonnull) char !nonnull) int [nonnull_all]",
				`func old_fn: fn() int [deprecated("use new_fn")]`,
				"func fmt: fn(f * const char, ...) int [format(printf(1, 2))]",
				"func die: fn(int) void [noreturn]",
				"func sq: fn(x int) int [inline static]",
				"func renamed: fn() int link=renamed64",
			}},
		{"params", `
int arr_param(int a[static 4], const int b[const 3], char m[2][3], int (*cb)(int), int f(void));
void noproto();
int (*fp_ret(int))(double);
void vf(int n, ...);`,
			[]string{
				"func arr_param: fn(a *(nonnull)[static 4] int !nonnull, b *const const int, m * [3]char, cb * fn(int) int, f * fn() int) int",
				"func noproto: fn(<noproto>) void",
				"func fp_ret: fn(int) * fn(double) int",
				"func vf: fn(n int, ...) void",
			}},
		{"layout attributes", `
#pragma pack(push, 2)
struct pragma2 { char c; int i; double d; };
#pragma pack(pop)
#pragma pack(1)
struct pragma1 { char c; int i; };
#pragma pack()
struct nopack { char c; int i; };
#define PACKVAL 4
#pragma pack(push, PACKVAL)
struct pragma4 { char c; long l; };
#pragma pack(pop)
struct __attribute__((packed)) pk1 { char c; int i; };
struct pk2 { char c; int i; } __attribute__((packed));
struct al_member { char c; int x __attribute__((aligned(32))); _Alignas(8) char d; char e __attribute__((packed)); } __attribute__((aligned(64)));
typedef int myint __attribute__((aligned(8)));
typedef struct __attribute__((packed, aligned(4))) { char c; int i; } packed_al4;`,
			[]string{
				"struct pragma2 pack(2)\n  c: char\n  i: int\n  d: double",
				"struct pragma1 pack(1)\n  c: char\n  i: int",
				"struct nopack\n  c: char\n  i: int",
				"struct pragma4 pack(4)\n  c: char\n  l: long",
				"struct pk1 packed\n  c: char\n  i: int",
				"struct pk2 packed\n  c: char\n  i: int",
				"struct al_member aligned(64)\n  c: char\n  x: int aligned(32)\n  d: char aligned(8)\n  e: char packed",
				"typedef myint = int aligned(8)",
				"struct packed_al4 anon(typedef=\"packed_al4\") packed aligned(4)\n  c: char\n  i: int",
			}},
		{"bitfields and anonymous members", `
struct S2 { int a: 3; unsigned : 0; unsigned b : 5; struct { int x; } named; union { int u1; float u2; }; };
typedef union { struct { unsigned char r, g, b, a; }; unsigned rgba; } pixel;
struct { int v; } anon_var;
struct clash { int real; };
typedef struct { int fake; } clash;`,
			[]string{
				"struct S2__named anon(typedef=\"\")\n  x: int",
				"union S2__anon4 anon(typedef=\"\")\n  u1: int\n  u2: float",
				"struct S2\n  a: int :3\n  : unsigned int :0\n  b: unsigned int :5\n  named: struct S2__named\n  : union S2__anon4",
				"struct pixel__anon0 anon(typedef=\"\")\n  r: unsigned char\n  g: unsigned char\n  b: unsigned char\n  a: unsigned char",
				"union pixel anon(typedef=\"pixel\")\n  : struct pixel__anon0\n  rgba: unsigned int",
				"typedef pixel = union pixel",
				"struct anon_t_3 anon(typedef=\"\")\n  v: int",
				"var anon_var: struct anon_t_3",
				"struct clash\n  real: int",
				"struct clash__anon anon(typedef=\"clash\")\n  fake: int",
				"typedef clash = struct clash__anon",
			}},
		{"enums", `
enum neg { NA = -1, NB = 2 };
enum pos { PA, PB = 7 };
enum big { BA = 0x100000000 };
enum bigneg { BN = -1, BM = 0x100000000 };
enum __attribute__((packed)) pk { PKA, PKB };
enum pk2 { PK2A = -3, PK2B } __attribute__((packed));
enum { ANON_E1, ANON_E2 };
typedef enum { TE_A } te_t;
enum fixed : unsigned char { FA };
enum __attribute__((packed, deprecated("old"))) pkd { PKD };`,
			[]string{
				"enum neg: int\n  NA = -1\n  NB = 2",
				"enum pos: unsigned int\n  PA = 0\n  PB = 7",
				"enum big: unsigned long\n  BA = 4294967296",
				"enum bigneg: long\n  BN = -1\n  BM = 4294967296",
				"enum pk: unsigned char packed\n  PKA = 0\n  PKB = 1",
				"enum pk2: signed char packed\n  PK2A = -3\n  PK2B = -2",
				"enum anon_t_7: unsigned int anon(typedef=\"\")\n  ANON_E1 = 0\n  ANON_E2 = 1",
				"enum te_t: unsigned int anon(typedef=\"te_t\")\n  TE_A = 0",
				"enum fixed: unsigned char\n  FA = 0",
				"enum pkd: unsigned char packed [deprecated(\"old\")]\n  PKD = 0",
			}},
		{"macro constants", `
#include <stdint.h>
#define NEG (-5)
#define UNS 1u
#define ULL 1ULL
#define LL 1LL
#define LNG 1L
#define UL 1UL
#define HEX 0xFFFFFFFF
#define HEXL 0x100000000
#define BIGD 3000000000
#define CASTV ((int)-1)
#define CASTU ((uint32_t)5)
#define FLT 1.5f
#define DBL 2.5
#define STR "hello"
#define CHR 'x'
#define EXPR (1 << 4)
#define EMPTY
#define NOTCONST foo(1)
#define FNM(a, b) ((a) + (b))
#define VAR(fmt, ...) printf(fmt, __VA_ARGS__)`,
			[]string{
				"const NEG: int = -5",
				"const UNS: unsigned int = 1u",
				"const ULL: unsigned long long = 1u",
				"const LL: long long = 1",
				"const LNG: long = 1",
				"const UL: unsigned long = 1u",
				"const HEX: unsigned int = 4294967295u",
				"const HEXL: long = 4294967296",
				"const BIGD: long = 3000000000",
				"const CASTV: int = -1",
				"const CASTU: typedef uint32_t = 5u",
				"const FLT: float = 1.5",
				"const DBL: double = 2.5",
				`const STR: [6]char = "hello"`,
				"const CHR: int = char 120",
				"const EXPR: int = 16",
				"macro FNM(a, b) ( ( a ) + ( b ) )",
				"macro VAR(fmt, ...) printf ( fmt , __VA_ARGS__ )",
				"typedef uint32_t = typedef __uint32_t",
			}},
		{"va_list", `
#include <stdarg.h>
int vfn(const char *fmt, va_list ap);
struct va { int n; va_list ap; };`,
			[]string{
				"struct __va_list_tag\n  gp_offset: unsigned int\n  fp_offset: unsigned int\n  overflow_arg_area: * void\n  reg_save_area: * void",
				"typedef __builtin_va_list = [1]struct __va_list_tag",
				"func vfn: fn(fmt * const char, ap * struct __va_list_tag) int",
				"struct va\n  n: int\n  ap: typedef va_list",
				"typedef va_list = typedef __gnuc_va_list",
			}},
		{"forward declarations", `
struct fwd;
struct fwd *getfwd(void);
typedef struct undefined_s undefined_t;
undefined_t *getu(void);
struct later;
struct later { int x; };`,
			[]string{
				"struct fwd incomplete",
				"struct undefined_s incomplete",
				"typedef undefined_t = struct undefined_s",
				"struct later\n  x: int",
			}},
		{"other types", `
_Float16 h16(_Float16 x);
long double ld(long double x);
__int128 i128(unsigned __int128 x);
_Bool b(signed char c, unsigned char u, char p);
_Complex double cplx(void);`,
			[]string{
				"func h16: fn(x _Float16) _Float16",
				"func ld: fn(x long double) long double",
				"func i128: fn(x unsigned __int128) __int128",
				"func b: fn(c signed char, u unsigned char, p char) _Bool",
				"func cplx: fn() opaque(_Complex double)",
			}},
		{"docs", `
/** Doc for f. */
int f(void);
/// Line one
/// line two
int g(void);
/** Doc for MAC */
#define MAC 1
int after_macro(void);
#define TRAIL 2 /**< trailing macro doc */
/** A struct. */
struct D {
	/** field doc */
	int a;
	int b; /**< trailing b */
};
enum DE {
	DE_A, /**< trailing A */
	/** leading B */
	DE_B
};
/** typedef'd anonymous struct doc */
typedef struct { int z; } DT;`,
			[]string{
				`func f: fn() int doc="Doc for f."`,
				"func g: fn() int doc=\"Line one\\nline two\"",
				`const MAC: int = 1 doc="Doc for MAC"`,
				"func after_macro: fn() int",
				`const TRAIL: int = 2 doc="trailing macro doc"`,
				"struct D doc=\"A struct.\"\n  a: int doc=\"field doc\"\n  b: int doc=\"trailing b\"",
				"enum DE: unsigned int\n  DE_A = 0 doc=\"trailing A\"\n  DE_B = 1 doc=\"leading B\"",
				"struct DT anon(typedef=\"DT\") doc=\"typedef'd anonymous struct doc\"\n  z: int",
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := loadSrc(t, strings.TrimPrefix(tt.src, "\n"), Options{})
			expectDecls(t, m, tt.want...)
		})
	}
}

// TestAttrs2 checks the shared attribute corpus (copied to testdata).
func TestAttrs2(t *testing.T) {
	var dl diag.List
	m, err := Load(Options{Headers: []string{"testdata/attrs2.h", "testdata/attrs_nullable_c23.h"}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	expectDecls(t, m,
		`func plain_fn: fn(a int, b int) int doc="Doc for plain_fn: adds numbers."`,
		`func macro_fn: fn(a int) int doc="Doc for macro_fn (declaration starts with a macro)."`,
		`func nn_fn: fn(s *(nonnull) const char !nonnull, p *(nonnull) void !nonnull) int [nonnull[1 2]] doc="Line doc for nn_fn"`,
		`func old_fn: fn() int [deprecated("use new_fn")]`,
		`func old_fn2: fn() int [deprecated("use new_fn2")]`,
		`func ptr_ret_fn: fn(s * const char) * char [deprecated("") must_use]`,
		`func wur_fn: fn() int [must_use]`,
		`func fmt_fn: fn(fmt * const char, ...) int [format(printf(1, 2))]`,
		`func malloc_like: fn(n unsigned long) * void [malloc alloc_size[1]]`,
		`func die: fn(code int) void [noreturn]`,
		`func die2: fn(code int) void [noreturn]`,
		`func vis_fn: fn() int [visibility(default)]`,
		`func nonnull_q: fn(p *(nonnull) int !nonnull) int`,
		"struct S doc=\"A struct doc.\"\n  n: int doc=\"field doc for n\"\n  old_field: int deprecated(\"\") doc=\"trailing doc for old_field\"\n  len: int\n  data: [-1]int counted_by(len)",
		"enum E: unsigned int\n  E_A = 0 doc=\"trailing doc A\"\n  E_B = 5 deprecated(\"\") doc=\"leading doc B\"",
		`const MY_CONST: int = 42 doc="Doc for MY_CONST"`,
		`typedef myint = int aligned(8)`,
		`func nullable_q: fn(p *(nullable) int) int`,
		`func nullu_q: fn(p * int) int`,
		`func c23_fn: fn() int [deprecated("c23 style")]`,
	)
	for _, d := range m.Decls {
		if d.DeclPos().Line == 0 || d.DeclPos().File == "" {
			t.Errorf("%s has no position", d.DeclName())
		}
	}
}

// TestLayoutTricky checks that the layout corpus loads with its layout
// attributes captured.
func TestLayoutTricky(t *testing.T) {
	var dl diag.List
	m, err := Load(Options{Headers: []string{"testdata/layout_tricky.h"}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	expectDecls(t, m,
		"struct pragma2 pack(2)\n  c: char\n  i: int\n  d: double",
		"struct packed_bits packed\n  a: unsigned int :3\n  b: unsigned int :30\n  c: char",
		"struct alignas8 anon(typedef=\"alignas8\")\n  c: char\n  d: char aligned(8)",
		"struct va\n  n: int\n  ap: typedef va_list",
		"struct fam\n  n: int\n  d: [-1]double",
		"struct bits5\n  col: enum color :2\n  after: int",
	)
}

func TestPositions(t *testing.T) {
	m, _ := loadSrc(t, "int a;\n  struct P {\n    int x;\n  };\nenum Q { QA };\n#define K 3\n", Options{})
	want := map[string]diag.Pos{"a": {Line: 1, Col: 5}, "P": {Line: 2, Col: 10}, "Q": {Line: 5, Col: 6}, "K": {Line: 6, Col: 9}}
	for _, d := range m.Decls {
		w, ok := want[d.DeclName()]
		if !ok {
			continue
		}
		p := d.DeclPos()
		if p.Line != w.Line || p.Col != w.Col || filepath.Base(p.File) != "t.h" {
			t.Errorf("%s at %v, want t.h:%d:%d", d.DeclName(), p, w.Line, w.Col)
		}
		if r, ok := d.(*ir.Record); ok && (r.Fields[0].Pos.Line != 3 || r.Fields[0].Pos.Col != 9) {
			t.Errorf("field x at %v, want 3:9", r.Fields[0].Pos)
		}
		if e, ok := d.(*ir.Enum); ok && (e.Values[0].Pos.Line != 5 || e.Values[0].Pos.Col != 10) {
			t.Errorf("enumerator at %v, want 5:10", e.Values[0].Pos)
		}
	}
}

func TestInputErrors(t *testing.T) {
	dir := t.TempDir()
	syn := filepath.Join(dir, "syn.h")
	os.WriteFile(syn, []byte("int ok(void);\nint broken(int x y);\n"), 0o644)
	inc := filepath.Join(dir, "inc.h")
	os.WriteFile(inc, []byte("#include \"nothere.h\"\n"), 0o644)
	tests := []struct {
		header, code, pos, msg string
	}{
		{filepath.Join(dir, "missing.h"), "U901", filepath.Join(dir, "missing.h"), "cannot read header"},
		{dir, "U901", dir, "is a directory"},
		{syn, "B110", syn + ":2:18", "expected ')'"},
		{inc, "U901", inc + ":1:10", "nothere.h"},
	}
	for _, tt := range tests {
		var dl diag.List
		m, err := Load(Options{Headers: []string{tt.header}}, &dl)
		var d *diag.Diagnostic
		if m != nil || !errors.As(err, &d) {
			t.Errorf("%s: got %v, %v; want a diagnostic", tt.header, m, err)
			continue
		}
		if d.Code != tt.code || d.Pos.String() != tt.pos || !strings.Contains(d.Message, tt.msg) {
			t.Errorf("%s: got %s; want %s at %s containing %q", tt.header, d, tt.code, tt.pos, tt.msg)
		}
	}
}

// TestDegrade: a type error in a system header drops that declaration with
// a warning and keeps the rest.
func TestDegrade(t *testing.T) {
	dir := t.TempDir()
	sys := filepath.Join(dir, "sys")
	os.MkdirAll(sys, 0o755)
	os.WriteFile(filepath.Join(sys, "bad.h"), []byte("typedef int good_t;\nstruct nope;\nextern int bad_arr[sizeof(struct nope)];\ntypedef struct { int a; } good_s;\n"), 0o644)
	m, dl := loadSrc(t, "#include <bad.h>\ngood_t use_good(good_s *s);\n", Options{IncludeDirs: []string{sys}})
	expectDecls(t, m, "func use_good: fn(s * typedef good_s) typedef good_t", "typedef good_t = int")
	found := false
	for _, d := range dl.Items {
		if d.Code == codeSysDegraded && d.Pos.Line == 3 && strings.HasSuffix(d.Pos.File, "bad.h") {
			found = true
		}
	}
	if !found {
		t.Errorf("no B111 warning for bad.h:3; got %v", dl.Items)
	}
}
