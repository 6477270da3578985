package inline

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Options narrows what Translate does. The zero value translates the
// primary headers' macros and static inline functions, both tiers.
type Options struct {
	// Includes are the headers the C wrapper includes, spelled as in an
	// #include line without the directive: "<zlib.h>" or "\"foo.h\"".
	Includes []string
	// Defines are NAME[=VAL] macros the headers need (-D flags, given or
	// from pkg-config); the wrapper file defines them before any #include,
	// so build.rs compiles it exactly as the headers were read.
	Defines []string
	// Prefix names the C wrappers; "" means "ferry_wrap_".
	Prefix string
	// Edition is the Rust edition of the output ("2021" or "2024").
	Edition string
	// Keep selects the declarations to translate; nil keeps those from the
	// primary headers.
	Keep func(ir.Decl) bool
	// NoWrappers translates tier 1 only; what needs C is skipped.
	NoWrappers bool
	// Exclude names declarations not to wrap in C (their wrapper failed to
	// compile); they are skipped with K523.
	Exclude []string
	// NoRust names declarations not to translate to Rust (the translation
	// did not compile); they are wrapped in C instead.
	NoRust []string
}

// Stats counts what happened to each candidate.
type Stats struct {
	Translated int // tier 1: straight to Rust
	Wrapped    int // tier 2: C wrapper plus extern declaration
	Skipped    int
	// WrappedNames are the tier-2 names, in output order, for link tests.
	WrappedNames []string
	// Reasons counts the skipped ones by a short reason ("statement
	// macros", "unknown names", ...), for the summary line; each also has a
	// note in diags with the details.
	Reasons map[string]int
}

// String is the summary line cmd/ferry prints on stderr, with the skipped
// ones counted by reason, most frequent first.
func (s Stats) String() string {
	line := fmt.Sprintf("inline: %d translated to Rust, %d wrapped in C, %d skipped", s.Translated, s.Wrapped, s.Skipped)
	if len(s.Reasons) == 0 {
		return line
	}
	keys := make([]string, 0, len(s.Reasons))
	for k := range s.Reasons {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if s.Reasons[keys[i]] != s.Reasons[keys[j]] {
			return s.Reasons[keys[i]] > s.Reasons[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", s.Reasons[k], k)
	}
	return line + " (" + strings.Join(parts, ", ") + ")"
}

// skipReason files a skip message under a short reason for the summary.
func skipReason(code, msg string) string {
	switch {
	case code == "K522":
		return "name clashes"
	case code == "K523":
		return "wrappers rejected by cc"
	case strings.Contains(msg, "statement"):
		return "statement macros"
	case strings.Contains(msg, "variadic"):
		return "variadic"
	case strings.Contains(msg, "stringizing"):
		return "token pasting"
	case strings.Contains(msg, "unknown") || strings.Contains(msg, "wants"):
		return "unknown names"
	case strings.Contains(msg, "non-pointer") || strings.Contains(msg, "field"):
		return "untyped fields"
	case strings.Contains(msg, " type"):
		return "type parameters or types"
	case strings.Contains(msg, "body is empty"):
		return "empty macros"
	}
	return "other"
}

// Translate makes the module's function-like macros and static inline
// functions callable from Rust. rust holds the tier-1 items; cWrapper the
// C source defining the tier-2 wrappers (nil when there are none); externs
// the Rust extern block declaring them under their C names. The Rust text
// refers to the bindings' record types by name, so it belongs in (or next
// to, with `use super::*`) the bindings module.
func Translate(m *ir.Module, opts Options, diags *diag.List) (rust, cWrapper, externs []byte, stats Stats) {
	t := &translator{
		m: m, ix: ir.NewIndex(m), opts: opts, diags: diags,
		target: m.Target, exclude: map[string]bool{}, noRust: map[string]bool{}, taken: map[string]bool{},
	}
	if t.target == nil {
		t.target = ir.X86_64Linux()
	}
	if t.opts.Prefix == "" {
		t.opts.Prefix = "ferry_wrap_"
	}
	for _, n := range opts.Exclude {
		t.exclude[n] = true
	}
	for _, n := range opts.NoRust {
		t.noRust[n] = true
	}
	keep := opts.Keep
	if keep == nil {
		keep = func(d ir.Decl) bool {
			switch d := d.(type) {
			case *ir.Macro:
				return d.Origin == ir.FromPrimary
			case *ir.Function:
				return d.Origin == ir.FromPrimary
			}
			return false
		}
	}
	t.collectTaken()
	for _, d := range m.Decls {
		if !keep(d) {
			continue
		}
		switch d := d.(type) {
		case *ir.Macro:
			t.macro(d)
		case *ir.Function:
			if d.Attrs.Inline || (d.Attrs.Static && functionBody(d) != "") {
				t.function(d)
			}
		}
	}
	return t.rustBytes(), t.cBytes(), t.externBytes(), t.stats
}

type translator struct {
	m       *ir.Module
	ix      *ir.Index
	opts    Options
	diags   *diag.List
	target  *ir.Target
	exclude map[string]bool
	noRust  map[string]bool
	// taken are the names the bindings already define.
	taken map[string]bool

	rust    bytes.Buffer
	cw      bytes.Buffer
	externs bytes.Buffer
	stats   Stats
}

func (t *translator) collectTaken() {
	for _, d := range t.m.Decls {
		switch d := d.(type) {
		case *ir.Macro:
		case *ir.Function:
			if !d.Attrs.Inline && !(d.Attrs.Static && functionBody(d) != "") {
				t.taken[d.Name] = true
			}
		case *ir.Enum:
			t.taken[d.Name] = true
			for _, v := range d.Values {
				t.taken[v.Name] = true
			}
		default:
			t.taken[d.DeclName()] = true
		}
	}
}

func (t *translator) newChecker(self string) *checker {
	return &checker{ix: t.ix, target: t.target, vars: map[string]*ir.Type{}, generics: map[string]bool{}, self: self}
}

// skip counts d as skipped and files a note: a skipped macro is a fact
// about the header, not something the user did wrong, so it is not a
// warning; the summary line counts the notes by reason.
func (t *translator) skip(d ir.Decl, code, format string, args ...any) {
	kind := "function-like macro"
	switch d := d.(type) {
	case *ir.Function:
		kind = "static inline function"
	case *ir.Macro:
		if d.ObjectLike {
			kind = "macro"
		}
	}
	t.note(d, code, fmt.Sprintf("%s %s skipped: %s", kind, d.DeclName(), fmt.Sprintf(format, args...)))
}

func (t *translator) note(d ir.Decl, code, msg string) {
	t.stats.Skipped++
	if t.stats.Reasons == nil {
		t.stats.Reasons = map[string]int{}
	}
	t.stats.Reasons[skipReason(code, msg)]++
	t.diags.Add(&diag.Diagnostic{Severity: diag.Note, Code: code, Pos: d.DeclPos(), Message: msg})
}

func (t *translator) collides(d ir.Decl) bool {
	if t.taken[d.DeclName()] {
		t.note(d, "K522", fmt.Sprintf("%s: another declaration has the same name", d.DeclName()))
		return true
	}
	t.taken[d.DeclName()] = true
	return false
}

func (t *translator) macro(d *ir.Macro) {
	if t.collides(d) {
		return
	}
	if d.Variadic {
		t.skip(d, "K520", "variadic macros have no fixed signature")
		return
	}
	toks, err := lex(d.Body)
	if err == nil {
		toks, err = expand(toks, t.ix, map[string]bool{d.Name: true}, 0)
	}
	if err != nil {
		t.skip(d, "K520", "%v", err)
		return
	}
	if len(toks) == 0 {
		t.skip(d, "K520", "the body is empty")
		return
	}
	for _, tk := range toks {
		if tk.text == ";" || tk.text == "{" || (tk.kind == tIdent && isStmtKeyword(tk.text)) {
			t.skip(d, "K520", "the body is a statement, not an expression")
			return
		}
	}
	params := map[string]bool{}
	for _, p := range d.Params {
		params[p] = true
	}
	p := &parser{toks: toks, ix: t.ix, params: params}
	e, err := p.parseExprAll()
	if err != nil {
		t.skip(d, "K520", "%v", err)
		return
	}
	generic, mixed := typeParams(e, d.Params)
	if mixed {
		t.skip(d, "K520", "a parameter is used both as a type and as a value")
		return
	}
	c := t.newChecker(d.Name)
	for _, name := range d.Params {
		if !generic[name] {
			c.vars[name] = nil
		}
	}
	c.inferParams(e, d.Params)
	res, err := c.check(e)
	if err != nil {
		t.skip(d, "K520", "%v", err)
		return
	}
	var ps []ir.Param
	for _, name := range d.Params {
		if !generic[name] {
			ps = append(ps, ir.Param{Name: name, Type: c.vars[name]})
		}
	}
	if c.needC == "" && !t.noRust[d.Name] {
		if text, err := t.rustFunc(d, c, ps, res, []stmt{{kind: sReturn, e: e}}, generic, d.Params); err == nil {
			t.rust.WriteString(text)
			t.stats.Translated++
			return
		}
	}
	if len(generic) > 0 {
		t.skip(d, "K520", "a parameter is a type, which a C wrapper cannot take")
		return
	}
	if res.Kind == ir.KindArray {
		t.skip(d, "K520", "the macro yields an array")
		return
	}
	t.wrap(d, &ir.FuncType{Params: ps, Result: res})
}

func (t *translator) function(d *ir.Function) {
	if t.collides(d) {
		return
	}
	ft := d.Type
	if ft == nil {
		t.skip(d, "K521", "no type")
		return
	}
	if ft.Variadic || ft.NoProto {
		t.skip(d, "K521", "variadic or unprototyped functions cannot be wrapped")
		return
	}
	if body := functionBody(d); body != "" && !t.noRust[d.Name] {
		if text, ok := t.tryFunctionRust(d, body); ok {
			t.rust.WriteString(text)
			t.stats.Translated++
			return
		}
	}
	t.wrap(d, ft)
}

// tryFunctionRust translates a static inline function whose body is a
// straight line of local declarations, stores and a final return.
func (t *translator) tryFunctionRust(d *ir.Function, body string) (string, bool) {
	toks, err := lex(body)
	if err != nil {
		return "", false
	}
	p := &parser{toks: toks, ix: t.ix}
	stmts, err := p.parseBody()
	if err != nil {
		return "", false
	}
	c := t.newChecker(d.Name)
	var names []string
	for _, prm := range d.Type.Params {
		if prm.Name == "" {
			return "", false
		}
		c.vars[prm.Name] = prm.Type
		names = append(names, prm.Name)
	}
	text, err := t.rustFunc(d, c, d.Type.Params, d.Type.Result, stmts, nil, names)
	if err != nil {
		return "", false
	}
	return text, true
}

// rustFunc checks and emits a tier-1 function. Statements are checked in
// order, since locals come into scope as they are declared.
func (t *translator) rustFunc(d ir.Decl, c *checker, params []ir.Param, result *ir.Type, body []stmt, generic map[string]bool, order []string) (string, error) {
	em := &rustEmitter{c: c}
	var lines []string
	for i, s := range body {
		last := i == len(body)-1
		switch s.kind {
		case sDecl:
			if _, err := c.check(s.e); err != nil {
				return "", err
			}
			ts, err := rustType(t.ix, s.ty)
			if err != nil {
				return "", err
			}
			v, _, err := em.conv(s.e, s.ty)
			if err != nil {
				return "", err
			}
			lines = append(lines, fmt.Sprintf("let %s: %s = %s;", rustIdent(s.name), ts, v))
			c.vars[s.name] = s.ty
		case sExpr:
			a, ok := s.e.(*assignExpr)
			if !ok {
				return "", fmt.Errorf("expression statement")
			}
			lt, err := c.check(a)
			if err != nil {
				return "", err
			}
			if c.needC != "" {
				return "", fmt.Errorf("%s", c.needC)
			}
			place, _, err := em.expr(a.l)
			if err != nil {
				return "", err
			}
			v, _, err := em.conv(a.r, lt)
			if err != nil {
				return "", err
			}
			lines = append(lines, place+" = "+v+";")
		case sReturn:
			if !last {
				return "", fmt.Errorf("early return")
			}
			if s.e == nil {
				if !result.IsVoid() {
					return "", fmt.Errorf("return without a value")
				}
				continue
			}
			if result.IsVoid() {
				return "", fmt.Errorf("return of a value from a void function")
			}
			if _, err := c.check(s.e); err != nil {
				return "", err
			}
			if c.needC != "" {
				return "", fmt.Errorf("%s", c.needC)
			}
			v, _, err := em.conv(s.e, result)
			if err != nil {
				return "", err
			}
			lines = append(lines, v)
		}
	}
	if !result.IsVoid() && (len(body) == 0 || body[len(body)-1].kind != sReturn) {
		return "", fmt.Errorf("no final return")
	}
	if c.needC != "" {
		return "", fmt.Errorf("%s", c.needC)
	}
	used := map[string]bool{}
	for _, s := range body {
		markUsed(s.e, used)
	}
	var sig []string
	for _, p := range params {
		ts, err := rustParamType(t.ix, p.Type)
		if err != nil {
			return "", err
		}
		name := rustIdent(p.Name)
		if !used[p.Name] {
			name = "_" + p.Name
		}
		sig = append(sig, name+": "+ts)
	}
	ret := ""
	if !result.IsVoid() {
		rs, err := rustType(t.ix, result)
		if err != nil {
			return "", err
		}
		if r := t.ix.Resolve(result); r.Kind != ir.KindPrim && r.Kind != ir.KindPointer {
			return "", fmt.Errorf("returns a %s by value", result)
		}
		ret = " -> " + rs
	}
	var gen []string
	for _, n := range order {
		if generic[n] {
			gen = append(gen, n)
		}
	}
	var b strings.Builder
	kind := "macro"
	if _, ok := d.(*ir.Function); ok {
		kind = "static inline function"
	}
	writeDoc(&b, "", d, fmt.Sprintf("Translated from the C %s `%s`.", kind, d.DeclName()))
	if c.unsafe {
		b.WriteString("///\n/// # Safety\n///\n/// Pointer arguments must be valid for the accesses the C code makes.\n")
	}
	var allow []string
	if !isSnake(d.DeclName()) || anyNot(params, isSnake) {
		allow = append(allow, "non_snake_case")
	}
	for _, g := range gen {
		if !isCamel(g) {
			allow = append(allow, "non_camel_case_types")
			break
		}
	}
	if len(allow) > 0 {
		fmt.Fprintf(&b, "#[allow(%s)]\n", strings.Join(allow, ", "))
	}
	b.WriteString("#[inline]\n")
	qual := "pub const fn "
	if c.unsafe {
		qual = "pub unsafe fn "
	}
	generics := ""
	if len(gen) > 0 {
		generics = "<" + strings.Join(gen, ", ") + ">"
	}
	fmt.Fprintf(&b, "%s%s%s(%s)%s {\n", qual, rustIdent(d.DeclName()), generics, strings.Join(sig, ", "), ret)
	for _, l := range lines {
		b.WriteString("    " + l + "\n")
	}
	b.WriteString("}\n\n")
	return b.String(), nil
}

func markUsed(e expr, used map[string]bool) {
	switch e := e.(type) {
	case *identExpr:
		used[e.name] = true
	case *unaryExpr:
		markUsed(e.x, used)
	case *binaryExpr:
		markUsed(e.l, used)
		markUsed(e.r, used)
	case *condExpr:
		markUsed(e.c, used)
		markUsed(e.t, used)
		markUsed(e.f, used)
	case *castExpr:
		markUsed(e.x, used)
	case *callExpr:
		for _, a := range e.args {
			markUsed(a, used)
		}
	case *memberExpr:
		markUsed(e.x, used)
	case *indexExpr:
		markUsed(e.x, used)
		markUsed(e.i, used)
	case *assignExpr:
		markUsed(e.l, used)
		markUsed(e.r, used)
	}
}

// wrap emits the tier-2 C wrapper and its Rust extern declaration.
func (t *translator) wrap(d ir.Decl, ft *ir.FuncType) {
	if t.opts.NoWrappers {
		t.skip(d, "K520", "it needs a C wrapper and wrappers are off")
		return
	}
	if t.exclude[d.DeclName()] {
		t.note(d, "K523", fmt.Sprintf("%s skipped: its C wrapper does not compile", d.DeclName()))
		return
	}
	code := "K521"
	if _, ok := d.(*ir.Macro); ok {
		code = "K520"
	}
	wname := t.opts.Prefix + d.DeclName()
	var cps, args, rps []string
	for i, p := range ft.Params {
		name := p.Name
		if name == "" {
			name = fmt.Sprintf("a%d", i)
		}
		pt := p.Type
		if r := t.ix.Resolve(pt); r != nil && r.Kind == ir.KindArray {
			pt = ir.PointerTo(r.Elem)
		}
		cs, err := cDecl(t.ix, pt, name)
		if err != nil {
			t.skip(d, code, "parameter %s: %v", name, err)
			return
		}
		rs, err := rustParamType(t.ix, p.Type)
		if err != nil {
			t.skip(d, code, "parameter %s: %v", name, err)
			return
		}
		cps = append(cps, cs)
		args = append(args, name)
		rps = append(rps, rustIdent(name)+": "+rs)
	}
	if len(cps) == 0 {
		cps = []string{"void"}
	}
	res := ft.Result
	if res == nil {
		res = prim(ir.Void)
	}
	head, err := cDecl(t.ix, res.WithConst(false), wname+"("+strings.Join(cps, ", ")+")")
	if err != nil {
		t.skip(d, code, "result: %v", err)
		return
	}
	ret := ""
	if !res.IsVoid() {
		rs, err := rustType(t.ix, res)
		if err != nil {
			t.skip(d, code, "result: %v", err)
			return
		}
		ret = " -> " + rs
	}
	call := d.DeclName() + "(" + strings.Join(args, ", ") + ")"
	if res.IsVoid() {
		fmt.Fprintf(&t.cw, "%s {\n\t%s;\n}\n\n", head, call)
	} else {
		fmt.Fprintf(&t.cw, "%s {\n\treturn %s;\n}\n\n", head, call)
	}
	kind := "macro"
	if _, ok := d.(*ir.Function); ok {
		kind = "static inline function"
	}
	var b strings.Builder
	writeDoc(&b, "    ", d, fmt.Sprintf("The C %s `%s`, through the generated C wrapper `%s`.", kind, d.DeclName(), wname))
	fmt.Fprintf(&b, "    #[link_name = %q]\n", wname)
	if !isSnake(d.DeclName()) || anyNot(ft.Params, isSnake) {
		b.WriteString("    #[allow(non_snake_case)]\n")
	}
	fmt.Fprintf(&b, "    pub fn %s(%s)%s;\n", rustIdent(d.DeclName()), strings.Join(rps, ", "), ret)
	t.externs.WriteString(b.String())
	t.stats.Wrapped++
	t.stats.WrappedNames = append(t.stats.WrappedNames, d.DeclName())
}

func writeDoc(b *strings.Builder, indent string, d ir.Decl, line string) {
	var doc string
	switch d := d.(type) {
	case *ir.Macro:
		doc = d.Doc
	case *ir.Function:
		doc = d.Doc
	}
	if doc = strings.TrimSpace(doc); doc != "" {
		for _, l := range strings.Split(doc, "\n") {
			l = strings.TrimRight(l, " \t")
			if l == "" {
				b.WriteString(indent + "///\n")
			} else {
				b.WriteString(indent + "/// " + l + "\n")
			}
		}
		b.WriteString(indent + "///\n")
	}
	b.WriteString(indent + "/// " + line + "\n")
}

func isSnake(s string) bool {
	for _, r := range s {
		if r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

func isCamel(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z' && !strings.Contains(s, "_")
}

func anyNot(ps []ir.Param, ok func(string) bool) bool {
	for _, p := range ps {
		if !ok(p.Name) {
			return true
		}
	}
	return false
}

func (t *translator) rustBytes() []byte {
	if t.rust.Len() == 0 {
		return nil
	}
	return bytes.TrimRight(t.rust.Bytes(), "\n")
}

func (t *translator) cBytes() []byte {
	if t.cw.Len() == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("/* Generated by ferry: C wrappers for static inline functions and\n * function-like macros, so Rust can link to them. Do not edit. */\n")
	for _, d := range t.opts.Defines {
		name, val, ok := strings.Cut(d, "=")
		if !ok {
			val = "1"
		}
		fmt.Fprintf(&b, "#ifndef %s\n#define %s %s\n#endif\n", name, name, val)
	}
	b.WriteString("#include <stddef.h>\n#include <stdint.h>\n")
	inc := append([]string(nil), t.opts.Includes...)
	for _, h := range inc {
		fmt.Fprintf(&b, "#include %s\n", h)
	}
	b.WriteString("\n")
	b.Write(bytes.TrimRight(t.cw.Bytes(), "\n"))
	b.WriteString("\n")
	return b.Bytes()
}

func (t *translator) externBytes() []byte {
	if t.externs.Len() == 0 {
		return nil
	}
	kw := `extern "C"`
	if t.opts.Edition == "2024" {
		kw = `unsafe extern "C"`
	}
	return []byte(kw + " {\n" + t.externs.String() + "}")
}
