package check

import (
	"fmt"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Functions compares each Rust function declaration (or #[no_mangle]
// definition) with the C prototype of the same link name: ABI, arity,
// variadic, every parameter and the return type.
var Functions = &Analyzer{
	Name: "functions",
	Doc:  "function signatures: ABI, arity, variadic, parameter and return types",
	Run: func(p *Pass) {
		externNames := map[string]bool{}
		for _, d := range p.R.M.Decls {
			if f, ok := d.(*ir.Function); ok && f.Type.ABI != "Rust" {
				sym, _ := rustSymbol(f.Name, f.LinkName)
				externNames[sym] = true
				externNames[f.Name] = true
			}
		}
		for _, d := range p.R.M.Decls {
			rf, ok := d.(*ir.Function)
			if !ok {
				continue
			}
			cf, compare := p.cFuncFor(rf)
			if cf == nil || !compare {
				continue
			}
			if sym, _ := rustSymbol(rf.Name, rf.LinkName); rf.Type.ABI == "Rust" && externNames[sym] {
				continue // a safe wrapper next to the real declaration
			}
			p.compareFunc(cf, rf)
		}
	},
}

func linkName(name, link string) string {
	if link != "" {
		return link
	}
	return name
}

func (p *Pass) compareFunc(cf, rf *ir.Function) {
	sym := cf.Name
	p.compared++
	report := func(code string, sev diag.Severity, pos diag.Pos, msg, help string) {
		p.report("fn:"+sym+":"+code+":"+msg, code, sev, pos, cf.Pos, sym, msg, help)
	}
	switch {
	case rf.Type.ABI == "Rust":
		report(CodeRustABI, diag.Error, rf.Pos, fmt.Sprintf("`%s` has the Rust ABI in Rust, but C declares it as a C function", sym), "declare it `#[unsafe(no_mangle)] pub extern \"C\" fn "+rf.Name+"(...)`")
	case rf.HasBody && !rf.NoMangle:
		report(CodeNoMangle, diag.Error, rf.Pos, fmt.Sprintf("`%s` is defined without #[no_mangle], so C cannot link to it", sym), "add #[unsafe(no_mangle)]")
	case callConv(p.Target, rf.Type.ABI) != callConv(p.Target, cf.Type.ABI):
		report(CodeCallbackABI, diag.Error, rf.Pos, fmt.Sprintf("`%s` has the %q calling convention in Rust, but C declares it with %q", sym, rf.Type.ABI, callConv(p.Target, cf.Type.ABI)), "declare it in an `extern \"C\"` block")
	case !rf.HasBody && (cf.Attrs.Inline || cf.Attrs.Static):
		report(CodeInlineOnly, diag.Error, rf.Pos, fmt.Sprintf("`%s` is a static (inline) function in C: the library exports no such symbol", sym), "reimplement it in Rust or export it from a C shim")
	}
	ct, rt := cf.Type, rf.Type
	if ct.NoProto {
		return
	}
	if len(ct.Params) != len(rt.Params) {
		report(CodeArity, diag.Error, rf.Pos, fmt.Sprintf("`%s` takes %d parameters in Rust but %d in C", sym, len(rt.Params), len(ct.Params)), "declare the C parameters: "+cParamList(ct))
		return
	}
	if ct.Variadic != rt.Variadic {
		msg := fmt.Sprintf("`%s` is variadic in C but not in Rust", sym)
		help := "add `...` as the last parameter"
		if rt.Variadic {
			msg = fmt.Sprintf("`%s` is variadic in Rust but not in C", sym)
			help = "remove the `...`"
		}
		report(CodeVariadic, diag.Error, rf.Pos, msg, help)
	}
	for i := range ct.Params {
		cp, rp := ct.Params[i], rt.Params[i]
		name := rp.Name
		if name == "" || name == "_" {
			name = cp.Name
		}
		if name == "" {
			name = fmt.Sprintf("#%d", i+1)
		}
		x := tctx{what: fmt.Sprintf("parameter `%s` of `%s`", name, sym), param: true, cNonNull: cNonNullParam(cf, i)}
		if m := p.cmp(cp.Type, rp.Type, x); m != nil {
			pos, cpos := rp.Pos, cp.Pos
			if !pos.IsValid() {
				pos = rf.Pos
			}
			if !cpos.IsValid() {
				cpos = cf.Pos
			}
			msg := p.message(x, cp.Type, rp.Type, m)
			p.report("fn:"+sym+":"+m.code+":"+msg, m.code, m.sev, pos, cpos, sym, msg, m.help)
		}
	}
	x := tctx{what: fmt.Sprintf("return type of `%s`", sym), cNonNull: cf.Attrs.ReturnsNonNull, result: true}
	if m := p.cmp(ct.Result, rt.Result, x); m != nil {
		help := m.help
		if ct.Result.IsVoid() {
			help = "remove the return type"
		}
		report(m.code, m.sev, rf.Pos, p.message(x, ct.Result, rt.Result, m), help)
	}
}

// cNonNullParam reports whether C promises parameter i (0-based) is non-null.
func cNonNullParam(f *ir.Function, i int) bool {
	if f.Attrs.NonNullAll || f.Type.Params[i].Attrs.NonNull {
		return true
	}
	for _, n := range f.Attrs.NonNull {
		if n == i+1 {
			return true
		}
	}
	return false
}

func cParamList(f *ir.FuncType) string {
	s := "("
	for i, p := range f.Params {
		if i > 0 {
			s += ", "
		}
		if p.Name != "" {
			s += p.Name + ": "
		}
		s += cToRust(p.Type, true)
	}
	if f.Variadic {
		if len(f.Params) > 0 {
			s += ", "
		}
		s += "..."
	}
	return s + ")"
}

// callConv is the calling convention an ABI string means on target t:
// "system" is "C" off Windows, the -unwind variants call like their base,
// and sysv64 is C on x86_64 System V. Others (stdcall, fastcall, win64,
// vectorcall, ...) are their own convention.
func callConv(t *ir.Target, abi string) string {
	abi = strings.TrimSuffix(abi, "-unwind")
	switch abi {
	case "", "C":
		return "C"
	case "system":
		if !strings.Contains(t.Name, "windows") {
			return "C"
		}
	case "sysv64":
		if strings.HasPrefix(t.Name, "x86_64") && !strings.Contains(t.Name, "windows") {
			return "C"
		}
	}
	return abi
}
