/* More layouts for the front end + layout engine vs gcc check
   (internal/layout/cfronttest). Each record exercises one rule. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef int int2 __attribute__((aligned(2)));
typedef int int8a __attribute__((aligned(8)));
typedef long long ll4 __attribute__((aligned(4)));
struct __attribute__((aligned(16))) xal16 { int x; };
enum __attribute__((packed)) small { SMALL_A, SMALL_B = 200 };
enum __attribute__((packed)) negs { NEG_A = -1, NEG_B = 100 };
enum wide { WIDE_A, WIDE_B = 1ULL << 40 };
enum color2 { C2_R, C2_G, C2_B };

/* Nested packed in unpacked, unpacked in packed. */
struct np_outer { char c; struct __attribute__((packed)) { char ic; int ii; }; double d; };
struct __attribute__((packed)) pk_with_al16 { char c; struct xal16 a; };
struct __attribute__((packed)) pk_field_al { char c; int x __attribute__((aligned(2))); long long y; };
struct field_packed { char c; int x __attribute__((packed)); short y; };

/* #pragma pack with bitfields, zero-width bitfields and aligned members. */
#pragma pack(push, 2)
struct pp2_bits { char c; int x:16; int y:20; char d; long long z:40; };
struct pp2_arr { char c; double d[2]; struct xal16 e; };
#pragma pack(pop)
#pragma pack(1)
struct pp1_zero { char a; int :0; char b; };
struct __attribute__((aligned(8))) pp1_recal { char c; int x; };
#pragma pack()
#pragma pack(push, 4)
struct pp4_al { char c; int x __attribute__((aligned(16))); double d; };
struct __attribute__((packed)) pp4_packed_bits { char a; int b:4; };
#pragma pack(pop)

/* Aligned typedefs as members and as bitfields. */
struct ta_members { char c; int2 x; int8a y; ll4 z; };
struct ta_bits { char c; int8a x:5; int2 y:20; ll4 z:30; };
struct ta_mode { char c, d; int2 x:32; short e; int2 y:32; };

/* Arrays of aligned structs, zero-length arrays, flexible arrays. */
struct arr_al { char c; struct xal16 a[3]; int z[0]; };
struct zero_len_mid { char c; long long z[0]; char d; };
struct fam_packed { char c; int n; short d[]; } __attribute__((packed));

/* Unions with bitfields and aligned members. */
union u_bits { char c[5]; int x:3; long long y:35; };
union u_unnamed_bf { char c; int :31; };
union __attribute__((aligned(4))) u_al { char c; short s __attribute__((aligned(8))); };

/* long double, __int128, enum bitfields, packed enums. */
struct wide_members { char c; long double x; short s; __int128 i; float f; };
struct enum_bits { enum color2 a:2; enum small s:3; enum negs n:7; enum wide w:41; enum small e; };
struct mixed_bits { char c; char a:7; char b:2; short s:9; short t:9; unsigned long long l:60; unsigned long long m:5; };
/* cc/v4 rejects bitfields wider than 64 bits (__int128 i:100); the hand-built IR tests cover them. */
struct unnamed_bits { char c; long long :3; char x:3; int :0; char y:1; };
struct zero_after_char { char a; long long :0; char b; };
struct bool_bits { bool a:1; bool :0; bool b:1; char c; };
struct bf_aligned_attr { char c; int x:3 __attribute__((aligned(8))); int y:3; };
struct __attribute__((packed)) packed_char_bits { char a:7; char b:2; unsigned char c:4; };
struct mode_bits { char c; int x:8; short y:16; int z:32; long long w:64; };

/* Anonymous members at depth, named members of unnamed record types. */
struct deep_anon {
	int a;
	union {
		struct { char b; int c:5; };
		struct { short d; union { long e; char f[3]; }; };
	};
	struct { char g; double h; } named;
	char tail;
};
typedef struct { char k; union { int v; float w; } u; } tdef_anon;

/* Function pointers, pointers to arrays, va_list, complex. */
struct misc { void (*cb)(int); int (*pa)[4]; va_list ap; _Complex double z; size_t n; ptrdiff_t d; };
