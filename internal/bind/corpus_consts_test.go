package bind

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"ferry/internal/cprobe"
)

// rustConst is a numeric top-level constant of the generated Rust that gcc
// also answered for: the corpus program prints it, so the value rustc
// computes from ferry's spelling is compared with gcc's, end to end.
type rustConst struct {
	name string // the C name (= the Rust name)
	expr string // what to print: NAME, or NAME.0 for an enum newtype
	ty   string
}

var (
	reRustConst = regexp.MustCompile(`^pub const (\w+): ([^=]+?) = (.+);$`)
	reNumLit    = regexp.MustCompile(`^-?(0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?)(_?[iuf](8|16|32|64|128|size))?$`)
	reNewtype   = regexp.MustCompile(`^(\w+)\((.*)\)$`)
)

// rustConsts lists the numeric top-level constants of src that gcc
// answered about (constants rustgen renamed have no C counterpart).
func rustConsts(src []byte, res *cprobe.Result) []rustConst {
	if res == nil {
		return nil
	}
	var out []rustConst
	var stmt strings.Builder
	in := false
	for _, line := range strings.Split(string(src), "\n") {
		if strings.HasPrefix(line, "pub const ") {
			in = true
			stmt.Reset()
		}
		if !in {
			continue
		}
		if stmt.Len() > 0 {
			stmt.WriteByte(' ')
		}
		stmt.WriteString(strings.TrimSpace(line))
		if !strings.HasSuffix(line, ";") {
			continue
		}
		in = false
		m := reRustConst.FindStringSubmatch(stmt.String())
		if m == nil {
			continue
		}
		name, ty, val := m[1], strings.TrimSpace(m[2]), m[3]
		if _, ok := res.Consts[name]; !ok {
			continue
		}
		expr := name
		if nt := reNewtype.FindStringSubmatch(val); nt != nil && nt[1] == ty {
			expr, val = name+".0", nt[2]
		}
		if !reNumLit.MatchString(strings.TrimSpace(val)) {
			continue
		}
		out = append(out, rustConst{name: name, expr: expr, ty: ty})
	}
	return out
}

// compareRustConsts reads the program's "C NAME VALUE" lines and compares
// each value with gcc's.
func compareRustConsts(out string, consts []rustConst, res *cprobe.Result) (n int, bad []string) {
	types := map[string]string{}
	for _, c := range consts {
		types[c.name] = c.ty
	}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "C" {
			continue
		}
		name, val := f[1], f[2]
		g, ok := res.Consts[name]
		if !ok {
			continue
		}
		n++
		if !sameConst(val, types[name], g) {
			bad = append(bad, fmt.Sprintf("rust const %s: rust %s, gcc %s", name, val, g.Text))
		}
	}
	return n, bad
}

// sameConst: integers must have the same bits (32-bit values may differ
// in sign extension: a C enumerator is an int, its newtype may be u32);
// floats the same value in the Rust type's precision.
func sameConst(rust, ty string, g cprobe.ConstResult) bool {
	if g.Kind == cprobe.ConstFloat {
		v, err := strconv.ParseFloat(rust, 64)
		if err != nil {
			return false
		}
		if math.IsNaN(v) && math.IsNaN(g.Float) {
			return true
		}
		if strings.HasSuffix(ty, "f32") || strings.HasSuffix(ty, "c_float") {
			return float32(v) == float32(g.Float)
		}
		return v == g.Float
	}
	var bits uint64
	if i, err := strconv.ParseInt(rust, 10, 64); err == nil {
		bits = uint64(i)
	} else if u, err := strconv.ParseUint(rust, 10, 64); err == nil {
		bits = u
	} else {
		return false
	}
	gb := g.Bits()
	if bits == gb {
		return true
	}
	switch strings.TrimPrefix(ty, "::core::ffi::") {
	case "i64", "u64", "isize", "usize", "c_long", "c_ulong", "c_longlong", "c_ulonglong", "i128", "u128":
		return false // a 64-bit Rust constant must have gcc's 64 bits
	}
	ext := func(x uint64) bool { return x>>32 == 0 || x>>32 == math.MaxUint32 }
	return uint32(bits) == uint32(gb) && ext(bits) && ext(gb)
}

func TestRustConsts(t *testing.T) {
	src := "pub const A: ::core::ffi::c_int = 0x12D0;\npub const B: E = E(-3);\npub const C: &::core::ffi::CStr = c\"x\";\n" +
		"pub const LONG_NAME: ::core::ffi::c_long =\n    1_000;\npub const R: ::core::ffi::c_int = 5;\n"
	res := &cprobe.Result{Consts: map[string]cprobe.ConstResult{"A": {}, "B": {}, "C": {}, "LONG_NAME": {}}}
	got := fmt.Sprint(rustConsts([]byte(src), res))
	if want := "[{A A ::core::ffi::c_int} {B B.0 E} {LONG_NAME LONG_NAME ::core::ffi::c_long}]"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if !sameConst("4294967295", "E", cprobe.ConstResult{Kind: cprobe.ConstSigned, Int: -1}) ||
		sameConst("5", "i32", cprobe.ConstResult{Kind: cprobe.ConstSigned, Int: 6}) ||
		sameConst("-1", "i64", cprobe.ConstResult{Kind: cprobe.ConstUnsigned, Uint: 4294967295}) ||
		!sameConst("3.4028235e38", "f32", cprobe.ConstResult{Kind: cprobe.ConstFloat, Float: float64(float32(3.4028235e38))}) {
		t.Error("sameConst")
	}
}
