package probe

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"

	"ferry/internal/cprobe"
	"ferry/internal/diag"
)

// Run builds and runs both probes and returns one finding per
// disagreement. A probe that cannot be built gives one F075 warning (the
// static findings still stand); err is only for a context cancellation.
func Run(ctx context.Context, p Plan, o Options) ([]*diag.Diagnostic, error) {
	if len(p.Records) == 0 && len(p.Values) == 0 {
		return nil, nil
	}
	var q cprobe.Query
	var pre strings.Builder
	for _, h := range o.Headers {
		abs, err := filepath.Abs(h)
		if err != nil {
			abs = h
		}
		fmt.Fprintf(&pre, "#include %s\n", strconv.Quote(abs))
	}
	q.Prelude, q.CFlags, q.CC = pre.String(), o.CFlags, o.CC
	for _, r := range p.Records {
		q.Types = append(q.Types, cprobe.TypeQuery{Type: r.CType})
		for _, f := range r.Fields {
			q.Fields = append(q.Fields, cprobe.FieldQuery{Record: r.CType, Path: f.C})
		}
	}
	for _, v := range p.Values {
		q.Consts = append(q.Consts, cprobe.ConstQuery{Expr: v.CExpr})
	}
	var out []*diag.Diagnostic
	failed := func(what string, err error) {
		out = append(out, &diag.Diagnostic{Severity: diag.Warning, Code: CodeFailed, Message: fmt.Sprintf("the %s probe could not run: %v", what, oneLine(err.Error()))})
	}
	cres, err := cprobe.Run(ctx, q)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		failed("C", err)
		return out, nil
	}
	rans, err := runRust(ctx, p, o)
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if err != nil {
		failed("Rust", err)
		return out, nil
	}
	add := func(code string, rpos, cpos diag.Pos, sym, format string, args ...any) {
		d := &diag.Diagnostic{Severity: diag.Error, Code: code, Pos: rpos, Symbol: sym, Message: fmt.Sprintf(format, args...), Help: probeHelp[code]}
		if cpos.IsValid() {
			d.Notes = []diag.Related{{Pos: cpos, Message: "C declaration"}}
		}
		out = append(out, d)
	}
	for i, r := range p.Records {
		cl, ok := cres.Types[r.CType]
		if !ok {
			continue
		}
		if n, ok := rans.int(fmt.Sprintf("r%d.size", i)); ok && n != cl.Size {
			add(CodeSize, r.RPos, r.CPos, r.Symbol, "rustc says `%s` is %d bytes, gcc says %d", r.Symbol, n, cl.Size)
			continue
		}
		if n, ok := rans.int(fmt.Sprintf("r%d.align", i)); ok && n != cl.Align && !r.NoAlign {
			add(CodeAlign, r.RPos, r.CPos, r.Symbol, "rustc says `%s` is %d-byte aligned, gcc says %d", r.Symbol, n, cl.Align)
			continue
		}
		for j, f := range r.Fields {
			cf, ok := cres.Fields[cprobe.FieldQuery{Record: r.CType, Path: f.C}.Key()]
			if !ok {
				continue
			}
			if n, ok := rans.int(fmt.Sprintf("r%d.f%d", i, j)); ok && n*8 != cf.BitOffset {
				add(CodeOffset, f.RPos, f.CPos, r.Symbol, "rustc puts field `%s` of `%s` at offset %d, gcc at %d", f.C, r.Symbol, n, cf.BitOffset/8)
				break
			}
		}
	}
	for i, v := range p.Values {
		cv, ok := cres.Consts[v.CExpr]
		rv, rok := rans[fmt.Sprintf("v%d", i)]
		if !ok || !rok {
			continue
		}
		code, what := CodeConst, "constant"
		if v.Enum {
			code, what = CodeEnum, "enumerator"
		}
		if !sameValue(cv, rv, v.Float) {
			add(code, v.RPos, v.CPos, v.Symbol, "the Rust program prints %s for %s `%s`, the C program %s", rv, what, v.Symbol, cv.Text)
		}
	}
	return out, nil
}

func sameValue(c cprobe.ConstResult, r string, float bool) bool {
	if float || c.Kind == cprobe.ConstFloat {
		x, err := strconv.ParseFloat(r, 64)
		if err != nil {
			return false
		}
		y := c.Float
		if c.Kind == cprobe.ConstSigned {
			y = float64(c.Int)
		} else if c.Kind == cprobe.ConstUnsigned {
			y = float64(c.Uint)
		}
		return x == y || math.Abs(x-y) <= 1e-6*math.Max(math.Abs(x), math.Abs(y))
	}
	if c.Kind == cprobe.ConstUnsigned {
		return r == strconv.FormatUint(c.Uint, 10)
	}
	return r == strconv.FormatInt(c.Int, 10)
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		rest := strings.TrimSpace(s[i+1:])
		s = s[:i]
		if rest != "" {
			if j := strings.IndexByte(rest, '\n'); j >= 0 {
				rest = rest[:j]
			}
			s += ": " + rest
		}
	}
	return s
}

// probeHelp is the fix for each kind of disagreement.
var probeHelp = map[string]string{
	CodeSize:   "declare every field as C does, with C's packing (`ferry bind` generates the declaration)",
	CodeAlign:  "match C's alignment: repr(align(N)) or repr(packed(N)) as C's aligned/packed attributes say",
	CodeOffset: "declare the fields before it, and their types, as C does",
	CodeEnum:   "set the enumerator to the C program's value",
	CodeConst:  "set the constant to the C program's value",
}
