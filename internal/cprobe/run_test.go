package cprobe

import (
	"context"
	"math"
	"strings"
	"testing"

	"ferry/internal/ir"
	"ferry/internal/testenv"
)

const runPrelude = `
#include <stdint.h>
#define FOO (1u << 31)
#define NEG (-5)
#define HALF 0.5
#define BIG_LD 1.0L
#define NOT_AN_EXPR struct nope
struct s { char c; int x:7; unsigned y:1; int z; double d[]; };
struct __attribute__((packed)) p { char c; int i; };
typedef union { struct { uint8_t r, g; }; uint16_t v; } px;
enum e { A = -3, B = 7 };
`

func TestRun(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	q := Query{
		Prelude: runPrelude,
		Types:   []TypeQuery{{"struct s"}, {"struct p"}, {"px"}, {"int[3]"}, {"struct nope"}},
		Fields: []FieldQuery{
			{"struct s", "x", Bitfield}, {"struct s", "y", Bitfield}, {"struct s", "z", Plain},
			{"struct s", "d", OffsetOnly}, {"struct p", "i", Plain}, {"px", "g", Plain}, {"struct s", "missing", Plain},
		},
		Consts: []ConstQuery{{"FOO"}, {"NEG"}, {"HALF"}, {"BIG_LD"}, {"B"}, {"UINT64_MAX"}, {"NOT_AN_EXPR"}, {"sizeof(long)"}},
	}
	res, err := Run(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := map[string]ir.Layout{"struct s": {Size: 8, Align: 8}, "struct p": {Size: 5, Align: 1}, "px": {Size: 2, Align: 2}, "int[3]": {Size: 12, Align: 4}}
	for k, w := range wantTypes {
		if res.Types[k] != w {
			t.Errorf("type %s: %v, want %v", k, res.Types[k], w)
		}
	}
	wantFields := map[string]FieldResult{
		"struct s.x": {BitOffset: 8, BitWidth: 7},
		"struct s.y": {BitOffset: 15, BitWidth: 1},
		"struct s.z": {BitOffset: 32, BitWidth: 32, Size: 4, Align: 4},
		"struct s.d": {BitOffset: 64},
		"struct p.i": {BitOffset: 8, BitWidth: 32, Size: 4, Align: 4},
		"px.g":       {BitOffset: 8, BitWidth: 8, Size: 1, Align: 1},
	}
	for k, w := range wantFields {
		if res.Fields[k] != w {
			t.Errorf("field %s: %+v, want %+v", k, res.Fields[k], w)
		}
	}
	wantConsts := map[string]ConstResult{
		"FOO":          {Kind: ConstUnsigned, Uint: 1 << 31, Text: "2147483648"},
		"NEG":          {Kind: ConstSigned, Int: -5, Text: "-5"},
		"HALF":         {Kind: ConstFloat, Float: 0.5, Text: "0.5"},
		"BIG_LD":       {Kind: ConstFloat, Float: 1, Text: "1"},
		"B":            {Kind: ConstSigned, Int: 7, Text: "7"},
		"UINT64_MAX":   {Kind: ConstUnsigned, Uint: math.MaxUint64, Text: "18446744073709551615"},
		"sizeof(long)": {Kind: ConstUnsigned, Uint: 8, Text: "8"},
	}
	for k, w := range wantConsts {
		if res.Consts[k] != w {
			t.Errorf("const %s: %+v, want %+v", k, res.Consts[k], w)
		}
	}
	for _, k := range []string{"struct nope", "struct s.missing", "NOT_AN_EXPR"} {
		if res.Failed[k] == "" {
			t.Errorf("%s: not reported as failed", k)
		}
	}
	if len(res.Failed) != 3 {
		t.Errorf("failed: %v", res.Failed)
	}
}

func TestRunPreludeError(t *testing.T) {
	testenv.NeedTool(t, "gcc")
	_, err := Run(context.Background(), Query{Prelude: "struct broken { int x }\n", Types: []TypeQuery{{"int"}}})
	if err == nil || !strings.Contains(err.Error(), "error") {
		t.Fatalf("want gcc's error, got %v", err)
	}
}

func TestParseFloat(t *testing.T) {
	for s, want := range map[string]float64{"0x1.8p+1": 3, "-inf": math.Inf(-1), "inf": math.Inf(1), "0x0p+0": 0} {
		if got, err := parseFloat(s); err != nil || got != want {
			t.Errorf("parseFloat(%q) = %v, %v", s, got, err)
		}
	}
	if got, err := parseFloat("nan"); err != nil || !math.IsNaN(got) {
		t.Errorf("parseFloat(nan) = %v, %v", got, err)
	}
}
