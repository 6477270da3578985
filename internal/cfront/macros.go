package cfront

import (
	"cmp"
	"math"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// macros converts the macros of primary and companion files (all files with
// All): object-like macros with a constant value become ir.Const, other
// non-empty object-like ones ir.Macro with ObjectLike, function-like ones
// ir.Macro. Then system macros that the kept macros' bodies use,
// transitively, are kept as ir.Macro with Origin FromSystem (usedSysMacros).
func (c *conv) macros() {
	// Each chunk is converted while the macro goroutine evaluates and
	// prepares the next: only its own macros' values are read, and they
	// are final.
	for chunk := range c.kept {
		for i := range chunk {
			c.macro(&chunk[i])
		}
	}
	c.waitMacros()
	c.usedSysMacros()
}

// keptMacro is a macro macros converts, with its place and what the macro
// goroutine works out for it (prepare).
type keptMacro struct {
	m *cc.Macro
	k key

	name, body, doc string
	rl              []cc.Token
	positional      bool // object-like: its expansion reaches a position macro
}

// prepare works out the parts of a macro's conversion that read only the
// macro and its file, on the macro goroutine.
func (c *conv) prepare(x *keptMacro, pos *posCheck) {
	m := x.m
	x.name = m.Name.SrcStr()
	x.rl = m.ReplacementList()
	x.body = joinTokens(x.rl)
	if f := c.fs.file(x.k.pos.File); f != nil {
		if o := f.offset(x.k.pos.Line, 1); o >= 0 {
			x.doc = macroDoc(f.text, o)
		}
	}
	if !m.IsFnLike && len(x.rl) != 0 {
		x.positional = pos.positional(x.name, x.rl)
	}
}

// macroList lists the macros of primary and companion files (all with
// All) in source order.
func (c *conv) macroList() []keptMacro {
	return listMacros(c.ast, fileKeys(c.fs, c.origin), c.all)
}

// fileKey is what the key of a position in a file needs: the file's open
// index and its origin.
type fileKey struct {
	index  int
	origin ir.Origin
}

// fileKeys gives the files read their fileKey, as conv.keyOf does.
func fileKeys(fs *overlayFS, origin map[string]ir.Origin) map[string]fileKey {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	keys := make(map[string]fileKey, len(fs.order))
	for _, f := range fs.order {
		o, ok := origin[f.name]
		if !ok {
			o = ir.FromSystem
		}
		keys[f.name] = fileKey{f.index, o}
	}
	return keys
}

// listMacros is macroList: it reads only the macros' names and positions,
// which do not change once parsing is done (listEarly).
func listMacros(ast *cc.AST, keys map[string]fileKey, all bool) []keptMacro {
	var list []keptMacro
	for _, m := range ast.Macros {
		p := m.Name.Position()
		fk, ok := keys[p.Filename]
		if !ok || !all && fk.origin == ir.FromSystem || positionMacros[m.Name.SrcStr()] {
			continue
		}
		k := key{file: fk.index, off: p.Offset, origin: fk.origin, pos: diag.Pos{File: p.Filename, Line: p.Line, Col: p.Column}}
		list = append(list, keptMacro{m: m, k: k})
	}
	slices.SortFunc(list, func(x, y keptMacro) int {
		a, b := &x.k, &y.k
		if a.file != b.file {
			return cmp.Compare(a.file, b.file)
		}
		if a.off != b.off {
			return cmp.Compare(a.off, b.off)
		}
		return strings.Compare(x.m.Name.SrcStr(), y.m.Name.SrcStr())
	})
	return list
}

// earlyList lists the macros of a syntax tree on a goroutine of its own
// while cc/v4 type checks it (cc.Config.Parsed): the macro goroutine
// (evalMacros) then starts evaluating at once.
type earlyList struct {
	ast  *cc.AST
	list chan []keptMacro
}

// listEarly starts listing the macros of ast; the origins are classified
// as Load classifies them once translate returns.
func listEarly(ast *cc.AST, fs *overlayFS, primaries, roots []string, all bool) *earlyList {
	keys := fileKeys(fs, classify(primaries, roots, fs.order))
	e := &earlyList{ast: ast, list: make(chan []keptMacro, 1)}
	go func() {
		var list []keptMacro
		defer func() {
			// On a panic the macro goroutine lists again itself, where
			// a panic reaches Load.
			if recover() != nil {
				list = nil
			}
			e.list <- list
		}()
		list = listMacros(ast, keys, all)
		if list == nil {
			list = []keptMacro{} // listed, none: nil means listing failed
		}
	}()
	return e
}

// listFor returns the list for ast, or nil if it was not listed early
// (a degraded translation unit: parsed, not checked).
func (e *earlyList) listFor(ast *cc.AST) chan []keptMacro {
	if e == nil || e.ast != ast {
		return nil
	}
	return e.list
}

// evalMacros lists the macros to convert and evaluates the object-like
// ones on a goroutine of its own while walk converts the declarations:
// cc/v4 evaluates a macro (cc.Config.LazyMacros) with its own parser and
// preprocessor state, which walk does not touch, and listing only reads
// positions. The evaluated macros reach macros through c.kept as they are
// done. Everything else that asks for a macro's value waits for the
// goroutine first (waitMacros), so no two evaluations run at once.
func (c *conv) evalMacros(early chan []keptMacro) {
	done := make(chan struct{})
	// Room for every chunk: the goroutine never waits for macros, so
	// whoever waits for it (waitMacros, during walk) cannot deadlock.
	kept := make(chan []keptMacro, len(c.ast.Macros)/macroChunk+1)
	c.macrosDone, c.kept = done, kept
	go func() {
		defer close(done)
		defer close(kept)
		defer func() {
			// A panic is passed on to the goroutine that waits, as if
			// it had happened there (Load reports it).
			c.macroPanic = recover()
		}()
		var list []keptMacro
		if early != nil {
			list = <-early
		}
		if list == nil {
			list = c.macroList()
		}
		pos := posCheck{c: c, known: map[string]bool{}}
		for len(list) > 0 {
			n := min(len(list), macroChunk)
			for i := range list[:n] {
				x := &list[i]
				if !x.m.IsFnLike && x.m.HasReplacement() {
					x.m.Type()
				}
				c.prepare(x, &pos)
			}
			kept <- list[:n:n]
			list = list[n:]
		}
	}()
}

// macroChunk is how many evaluated macros evalMacros hands over at a time.
const macroChunk = 256

// waitMacros waits for evalMacros.
func (c *conv) waitMacros() {
	if c.macrosDone != nil {
		<-c.macrosDone
		if e := c.macroPanic; e != nil {
			c.macroPanic = nil
			panic(e)
		}
	}
}

// usedSysMacros keeps the system macros that kept macros use: `_IOW(...)`
// in a user macro needs _IOC, which needs _IOC_NRSHIFT, ... A macro's own
// parameters shadow macro names.
func (c *conv) usedSysMacros() {
	have := map[string]bool{}
	var work []*cc.Macro
	for _, it := range c.items {
		if m, ok := it.decl.(*ir.Macro); ok {
			have[m.Name] = true
			if cm := c.ast.Macros[m.Name]; cm != nil {
				work = append(work, cm)
			}
		}
	}
	for _, it := range c.items {
		if k, ok := it.decl.(*ir.Const); ok {
			have[k.Name] = true
		}
	}
	var found []*cc.Macro
	for len(work) > 0 {
		m := work[len(work)-1]
		work = work[:len(work)-1]
		var params map[string]bool
		if len(m.Params) > 0 {
			params = map[string]bool{}
			for _, p := range m.Params {
				params[p.SrcStr()] = true
			}
		}
		for t := range m.ReplacementTokens() {
			n := t.Src()
			if len(n) == 0 || !isIdentStart(n[0]) || params[string(n)] || have[string(n)] {
				continue
			}
			u := c.ast.Macros[string(n)]
			if u == nil || positionMacros[string(n)] || !u.HasReplacement() && !u.IsFnLike {
				continue
			}
			if k := c.keyOf(u.Name); k.file < 0 || k.origin != ir.FromSystem {
				continue
			}
			have[string(n)] = true
			found = append(found, u)
			work = append(work, u)
		}
	}
	for _, m := range found {
		k := c.keyOf(m.Name)
		mc := &ir.Macro{Body: joinTokens(m.ReplacementList()), ObjectLike: !m.IsFnLike, Variadic: m.IsFnLike && m.VarArg >= 0}
		for _, p := range m.Params {
			mc.Params = append(mc.Params, p.SrcStr())
		}
		mc.Name, mc.Pos = m.Name.SrcStr(), k.pos
		c.add(mc, k).keep = true
	}
}

// joinTokens is a replacement list's tokens joined by single spaces.
func joinTokens(rl []cc.Token) string {
	var b strings.Builder
	for i, t := range rl {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.Write(t.Src())
	}
	return b.String()
}

func (c *conv) macro(x *keptMacro) {
	m, k, name, body, doc := x.m, x.k, x.name, x.body, x.doc
	if m.IsFnLike {
		mc := &ir.Macro{Variadic: m.VarArg >= 0, Body: body}
		for _, p := range m.Params {
			mc.Params = append(mc.Params, p.SrcStr())
		}
		mc.Name, mc.Pos, mc.Doc = name, k.pos, doc
		c.add(mc, k)
		return
	}
	if len(x.rl) == 0 {
		return
	}
	cn := &ir.Const{Expr: body}
	cn.Name, cn.Pos, cn.Doc = name, k.pos, doc
	if x.positional || !c.constValue(cn, m, x.rl) {
		if k.origin != ir.FromSystem {
			mc := &ir.Macro{Body: body, ObjectLike: true}
			mc.Name, mc.Pos, mc.Doc = name, k.pos, doc
			c.add(mc, k)
		}
		return
	}
	c.add(cn, k)
}

// constValue fills a constant from cc/v4's evaluation, or (parse-only
// fallback) from a single literal.
func (c *conv) constValue(cn *ir.Const, m *cc.Macro, rl []cc.Token) bool {
	var typ *ir.Type
	if t := m.Type(); t != nil && t.Kind() != cc.InvalidKind {
		typ = c.semType(t)
	}
	isChar := false
	if lit := stripParens(rl); len(lit) == 1 && (lit[0].Ch == rune(cc.CHARCONST) || lit[0].Ch == rune(cc.LONGCHARCONST)) {
		isChar = true
	}
	switch v := m.Value().(type) {
	case cc.Int64Value:
		cn.Kind, cn.Int = ir.ConstInt, int64(v)
	case cc.UInt64Value:
		cn.Kind, cn.Int, cn.Unsigned = ir.ConstInt, int64(v), true
	case cc.Float64Value:
		cn.Kind, cn.Float = ir.ConstFloat, float64(v)
	case *cc.LongDoubleValue:
		f, _ := (*big.Float)(v).Float64()
		cn.Kind, cn.Float = ir.ConstFloat, f
	case cc.StringValue:
		s := string(v)
		s = strings.TrimSuffix(s, "\x00")
		cn.Kind, cn.Str = ir.ConstString, []byte(s)
		typ = ir.ArrayOf(ir.PrimType(ir.Char), int64(len(s)+1))
	default:
		if c.checked {
			return false
		}
		return c.literalConst(cn, rl)
	}
	if typ == nil {
		typ = ir.PrimType(ir.Int)
	}
	cn.Type = typ
	if cn.Kind == ir.ConstInt {
		if typ.Kind == ir.KindPrim && typ.Prim.IsInteger() && !typ.Prim.IsSigned(c.target) {
			cn.Unsigned = true
		}
		if et, ok := m.Type().(*cc.EnumType); ok {
			c.toEnum(cn, et)
		}
		if isChar {
			cn.Kind = ir.ConstChar
		}
	}
	return true
}

// positionMacros expand to where (or when) they are used: a macro whose
// expansion reaches one has no single value (cc/v4 evaluates `#define L
// __LINE__` at the #define, gcc at each use).
var positionMacros = map[string]bool{
	"__LINE__": true, "__FILE__": true, "__COUNTER__": true, "__func__": true, "__FUNCTION__": true,
	"__PRETTY_FUNCTION__": true, "__DATE__": true, "__TIME__": true, "__TIMESTAMP__": true,
	"__BASE_FILE__": true, "__FILE_NAME__": true, "__INCLUDE_LEVEL__": true,
}

// posCheck answers positional for the macros of a translation unit.
type posCheck struct {
	c     *conv
	known map[string]bool // by macro name: its expansion reaches a position macro
	seen  map[string]bool
}

// positional reports whether the expansion of the replacement list of the
// macro name reaches a position macro, through the macros it names.
func (p *posCheck) positional(name string, rl []cc.Token) bool {
	names := false
	for _, t := range rl {
		if n := t.Src(); len(n) != 0 && isIdentStart(n[0]) {
			names = true
			break
		}
	}
	if !names {
		return false
	}
	if r, ok := p.known[name]; ok {
		return r
	}
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	clear(p.seen)
	p.seen[name] = true
	r := p.reaches(rl)
	if r {
		p.known[name] = true
	} else {
		// The walk found none in all it saw: none reaches one.
		for n := range p.seen {
			p.known[n] = false
		}
	}
	return r
}

// reaches is positional's walk (seen: the macros on the way), of a
// replacement list or of the tokens of one.
func (p *posCheck) reaches(rl []cc.Token) bool {
	for _, t := range rl {
		if p.reachesTok(t) {
			return true
		}
	}
	return false
}

func (p *posCheck) reachesTok(t cc.Token) bool {
	n := t.Src()
	if len(n) == 0 || !isIdentStart(n[0]) || p.seen[string(n)] {
		return false
	}
	if positionMacros[string(n)] {
		return true
	}
	if r, ok := p.known[string(n)]; ok {
		return r
	}
	if u := p.c.ast.Macros[string(n)]; u != nil {
		p.seen[string(n)] = true
		for t := range u.ReplacementTokens() {
			if p.reachesTok(t) {
				return true
			}
		}
	}
	return false
}

// toEnum converts an integer constant of enum type to the enum's
// underlying type, as GCC does: cc/v4 keeps the operand's value in a cast
// (`(enum e) -1` stays -1), but with all-non-negative enumerators the enum
// is unsigned int and the value 4294967295.
func (c *conv) toEnum(cn *ir.Const, et *cc.EnumType) {
	p, ok := c.enumPrim(et)
	if !ok {
		return
	}
	l, ok := c.target.PrimLayout(p)
	if !ok || l.Size <= 0 || l.Size > 8 {
		return
	}
	signed := p.IsSigned(c.target)
	if bits := uint(8 * l.Size); bits < 64 {
		u := uint64(cn.Int) & (1<<bits - 1)
		if signed && u&(1<<(bits-1)) != 0 {
			u |= ^uint64(0) << bits
		}
		cn.Int = int64(u)
	}
	cn.Unsigned = !signed
}

// enumPrim returns the underlying type ferry chose for the enum of a cc/v4
// type (records.go), or GCC's rule applied to its enumerators.
func (c *conv) enumPrim(et *cc.EnumType) (ir.Prim, bool) {
	tok := et.Tag()
	tag := tok.SrcStr()
	td := ""
	if t := et.Typedef(); t != nil {
		td = t.Name()
	}
	var found *ir.Enum
	for _, e := range c.enums {
		if tag != "" && !e.Anonymous && e.Name == tag || tag == "" && td != "" && e.TypedefName == td {
			if found == nil || e.Complete {
				found = e
			}
		}
	}
	if found != nil && (found.Complete || len(found.Values) > 0) {
		return found.Underlying, true
	}
	if len(et.Enumerators()) == 0 {
		return 0, false
	}
	lo, hi := et.Min(), et.Max()
	return enumUnderlying(lo < 0, hi > math.MaxInt64, lo, int64(min(hi, math.MaxInt64)), hi, false), true
}

func stripParens(rl []cc.Token) []cc.Token {
	for len(rl) >= 2 && rl[0].Ch == '(' && rl[len(rl)-1].Ch == ')' {
		rl = rl[1 : len(rl)-1]
	}
	return rl
}

// literalConst evaluates `[-]literal` when type checking was not available.
func (c *conv) literalConst(cn *ir.Const, rl []cc.Token) bool {
	rl = stripParens(rl)
	neg := false
	if len(rl) == 2 && rl[0].Ch == '-' {
		neg, rl = true, rl[1:]
	}
	if len(rl) != 1 {
		return false
	}
	s := rl[0].SrcStr()
	switch rune(rl[0].Ch) {
	case rune(cc.INTCONST):
		v, ok := parseCInt(s)
		if !ok {
			return false
		}
		if neg {
			v = -v
		}
		cn.Kind, cn.Int = ir.ConstInt, v
		cn.Type = ir.PrimType(intLiteralType(s, v))
		cn.Unsigned = !cn.Type.Prim.IsSigned(c.target)
	case rune(cc.FLOATCONST):
		f, err := strconv.ParseFloat(strings.TrimRight(s, "fFlL"), 64)
		if err != nil {
			return false
		}
		if neg {
			f = -f
		}
		cn.Kind, cn.Float, cn.Type = ir.ConstFloat, f, ir.PrimType(ir.Double)
		if strings.HasSuffix(s, "f") || strings.HasSuffix(s, "F") {
			cn.Type = ir.PrimType(ir.Float)
		}
	case rune(cc.STRINGLITERAL):
		if neg {
			return false
		}
		u := unquote(s)
		cn.Kind, cn.Str, cn.Type = ir.ConstString, []byte(u), ir.ArrayOf(ir.PrimType(ir.Char), int64(len(u)+1))
	case rune(cc.CHARCONST):
		u, err := strconv.Unquote(s)
		if err != nil || len(u) != 1 {
			return false
		}
		cn.Kind, cn.Int, cn.Type = ir.ConstChar, int64(int8(u[0])), ir.PrimType(ir.Int)
	default:
		return false
	}
	return true
}

// intLiteralType is the C type of an integer literal (C 6.4.4.1) on LP64.
func intLiteralType(s string, v int64) ir.Prim {
	lower := strings.ToLower(s)
	u := strings.Contains(lower, "u")
	l := strings.Count(lower, "l")
	dec := !strings.HasPrefix(lower, "0")
	uv := uint64(v)
	switch {
	case l == 0 && !u && v <= math.MaxInt32:
		return ir.Int
	case l == 0 && !dec && uv <= math.MaxUint32 && !u:
		return ir.UInt
	case l == 0 && u && uv <= math.MaxUint32:
		return ir.UInt
	case l == 1 && !u || l == 0 && !u:
		return ir.Long
	case l == 1 && u || l == 0 && u:
		return ir.ULong
	case u:
		return ir.ULongLong
	}
	return ir.LongLong
}
