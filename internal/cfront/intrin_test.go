package cfront

import (
	"bytes"
	"strings"
	"testing"
)

func TestBlankInlineDefs(t *testing.T) {
	src := `typedef float __m128 __attribute__ ((__vector_size__ (16)));
extern __inline __m128 __attribute__((__gnu_inline__))
_mm_a (__m128 __A)
{
  return __A;
}
#ifdef __OPTIMIZE__
extern __inline int __attribute__((__gnu_inline__))
_mm_b (int __A)
{
#if 1
  return __A;
#endif
}
#endif
extern __inline int _mm_decl (int);
#define _mm_c(x) (x)
`
	b := []byte(src)
	if !blankInlineDefs(b) {
		t.Fatal("nothing blanked")
	}
	got := string(b)
	if bytes.Count(b, []byte("\n")) != strings.Count(src, "\n") {
		t.Error("line count changed")
	}
	for _, keep := range []string{"typedef float __m128", "_mm_b (int __A)", "#if 1", "extern __inline int _mm_decl (int);", "#define _mm_c(x) (x)", "#ifdef __OPTIMIZE__"} {
		if !strings.Contains(got, keep) {
			t.Errorf("%q lost:\n%s", keep, got)
		}
	}
	if strings.Contains(got, "_mm_a") || strings.Contains(got, "return __A;\n}\n#ifdef") {
		t.Errorf("_mm_a not blanked:\n%s", got)
	}
	if !isIntrinsicsHeader("/usr/lib/gcc/x86_64-linux-gnu/12/include/xmmintrin.h") || isIntrinsicsHeader("/usr/include/myintrin.h") {
		t.Error("isIntrinsicsHeader")
	}
}
