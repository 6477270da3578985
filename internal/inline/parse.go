package inline

import (
	"fmt"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// parser is a precedence-climbing parser for C expressions and the few
// statement forms ferry translates.
type parser struct {
	toks []token
	pos  int
	ix   *ir.Index
	// typeParams are macro parameters that may stand for a type (sizeof(T)).
	params map[string]bool
}

func (p *parser) peek() token {
	if p.pos < len(p.toks) {
		return p.toks[p.pos]
	}
	return token{kind: tEOF}
}

func (p *parser) peekAt(n int) token {
	if p.pos+n < len(p.toks) {
		return p.toks[p.pos+n]
	}
	return token{kind: tEOF}
}

func (p *parser) next() token {
	t := p.peek()
	if p.pos < len(p.toks) {
		p.pos++
	}
	return t
}

func (p *parser) is(text string) bool {
	t := p.peek()
	return (t.kind == tPunct || t.kind == tIdent) && t.text == text
}

func (p *parser) accept(text string) bool {
	if p.is(text) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) expect(text string) error {
	if !p.accept(text) {
		return fmt.Errorf("expected %q, found %q", text, p.peek().text)
	}
	return nil
}

// parseExprAll parses the whole token list as one expression.
func (p *parser) parseExprAll() (expr, error) {
	e, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("unexpected %q after expression", p.peek().text)
	}
	return e, nil
}

// parseExpr parses an assignment expression (no comma operator).
func (p *parser) parseExpr() (expr, error) {
	l, err := p.parseCond()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.kind == tPunct && strings.HasSuffix(t.text, "=") && t.text != "==" && t.text != "!=" && t.text != "<=" && t.text != ">=" {
		p.next()
		r, err := p.parseExpr()
		if err != nil {
			return nil, err
		}
		return &assignExpr{op: t.text, l: l, r: r}, nil
	}
	return l, nil
}

func (p *parser) parseCond() (expr, error) {
	c, err := p.parseBinary(0)
	if err != nil {
		return nil, err
	}
	if !p.accept("?") {
		return c, nil
	}
	t, err := p.parseExpr()
	if err != nil {
		return nil, err
	}
	if err := p.expect(":"); err != nil {
		return nil, err
	}
	f, err := p.parseCond()
	if err != nil {
		return nil, err
	}
	return &condExpr{c: c, t: t, f: f}, nil
}

var binPrec = map[string]int{
	"||": 1, "&&": 2, "|": 3, "^": 4, "&": 5,
	"==": 6, "!=": 6, "<": 7, ">": 7, "<=": 7, ">=": 7,
	"<<": 8, ">>": 8, "+": 9, "-": 9, "*": 10, "/": 10, "%": 10,
}

func (p *parser) parseBinary(min int) (expr, error) {
	l, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for {
		t := p.peek()
		prec, ok := binPrec[t.text]
		if t.kind != tPunct || !ok || prec <= min {
			return l, nil
		}
		p.next()
		r, err := p.parseBinary(prec)
		if err != nil {
			return nil, err
		}
		l = &binaryExpr{op: t.text, l: l, r: r}
	}
}

func (p *parser) parseUnary() (expr, error) {
	t := p.peek()
	if t.kind == tPunct {
		switch t.text {
		case "-", "+", "!", "~", "*", "&":
			p.next()
			x, err := p.parseUnary()
			if err != nil {
				return nil, err
			}
			return &unaryExpr{op: t.text, x: x}, nil
		case "++", "--":
			return nil, fmt.Errorf("%s is not supported", t.text)
		case "(":
			if p.startsType(1) {
				p.next()
				ty, err := p.parseType()
				if err != nil {
					return nil, err
				}
				if err := p.expect(")"); err != nil {
					return nil, err
				}
				if p.is("{") {
					return nil, fmt.Errorf("compound literals are not supported")
				}
				x, err := p.parseUnary()
				if err != nil {
					return nil, err
				}
				return &castExpr{typed: typed{ty}, x: x}, nil
			}
		}
	}
	if t.kind == tIdent && (t.text == "sizeof" || t.text == "_Alignof" || t.text == "__alignof__") {
		if t.text != "sizeof" {
			return nil, fmt.Errorf("%s is not supported", t.text)
		}
		p.next()
		if !p.is("(") {
			return nil, fmt.Errorf("sizeof without parentheses is not supported")
		}
		// sizeof(T) where T is a macro parameter: the caller passes a type.
		if n := p.peekAt(1); n.kind == tIdent && p.params[n.text] && p.peekAt(2).text == ")" {
			p.pos += 3
			return &sizeofExpr{generic: n.text}, nil
		}
		if !p.startsType(1) {
			return nil, fmt.Errorf("sizeof of an expression is not supported")
		}
		p.next()
		ty, err := p.parseType()
		if err != nil {
			return nil, err
		}
		if err := p.expect(")"); err != nil {
			return nil, err
		}
		return &sizeofExpr{of: ty}, nil
	}
	return p.parsePostfix()
}

func (p *parser) parsePostfix() (expr, error) {
	e, err := p.parsePrimary()
	if err != nil {
		return nil, err
	}
	for {
		switch {
		case p.accept("->"), p.is("."):
			arrow := p.toks[p.pos-1].text == "->"
			if !arrow {
				p.next()
			}
			n := p.next()
			if n.kind != tIdent {
				return nil, fmt.Errorf("expected a field name after %s", map[bool]string{true: "->", false: "."}[arrow])
			}
			e = &memberExpr{x: e, name: n.text, arrow: arrow}
		case p.accept("["):
			i, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if err := p.expect("]"); err != nil {
				return nil, err
			}
			e = &indexExpr{x: e, i: i}
		case p.is("("):
			id, ok := e.(*identExpr)
			if !ok {
				return nil, fmt.Errorf("calls through function pointers are not supported")
			}
			p.next()
			var args []expr
			for !p.accept(")") {
				if len(args) > 0 {
					if err := p.expect(","); err != nil {
						return nil, err
					}
				}
				a, err := p.parseExpr()
				if err != nil {
					return nil, err
				}
				args = append(args, a)
			}
			e = &callExpr{fn: id.name, args: args}
		case p.is("++"), p.is("--"):
			return nil, fmt.Errorf("%s is not supported", p.peek().text)
		default:
			return e, nil
		}
	}
}

func (p *parser) parsePrimary() (expr, error) {
	t := p.next()
	switch t.kind {
	case tIdent:
		return &identExpr{name: t.text}, nil
	case tNumber:
		return parseNumber(t.text)
	case tChar:
		v, err := charValue(t.text)
		if err != nil {
			return nil, err
		}
		return &intLit{typed: typed{ir.PrimType(ir.Int)}, val: uint64(v), text: t.text}, nil
	case tString:
		s := t.text
		for p.peek().kind == tString { // adjacent literals concatenate
			s = s[:len(s)-1] + p.next().text[1:]
		}
		return &strLit{text: s}, nil
	case tPunct:
		if t.text == "(" {
			if p.is("{") {
				return nil, fmt.Errorf("statement expressions are not supported")
			}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if p.is(",") {
				return nil, fmt.Errorf("the comma operator is not supported")
			}
			if err := p.expect(")"); err != nil {
				return nil, err
			}
			return e, nil
		}
	case tEOF:
		return nil, fmt.Errorf("unexpected end of expression")
	}
	return nil, fmt.Errorf("unexpected %q", t.text)
}

// parseNumber types an integer or floating literal by C's rules: an
// unsuffixed decimal is the first of int, long, long long that holds it; a
// hex or octal one may also be unsigned.
func parseNumber(text string) (expr, error) {
	low := strings.ToLower(text)
	isHex := strings.HasPrefix(low, "0x")
	if strings.ContainsAny(low, ".") || (!isHex && strings.ContainsAny(low, "e")) || (isHex && strings.Contains(low, "p")) {
		body := strings.TrimRight(low, "fl")
		v, err := strconv.ParseFloat(body, 64)
		if err != nil {
			return nil, fmt.Errorf("bad floating literal %s", text)
		}
		p := ir.Double
		switch {
		case strings.HasSuffix(low, "f"):
			p = ir.Float
		case strings.HasSuffix(low, "l"):
			return nil, fmt.Errorf("long double literals have no Rust type")
		}
		return &floatLit{typed: typed{ir.PrimType(p)}, val: v}, nil
	}
	body := strings.TrimRight(low, "ul")
	suffix := low[len(body):]
	unsigned := strings.Contains(suffix, "u")
	longs := strings.Count(suffix, "l")
	v, err := strconv.ParseUint(body, 0, 64)
	if err != nil {
		// 0-prefixed octal is what ParseUint base 0 expects; anything else is bad.
		return nil, fmt.Errorf("bad integer literal %s", text)
	}
	decimal := !isHex && !(len(body) > 1 && body[0] == '0')
	var cands []ir.Prim
	switch {
	case unsigned && longs == 0:
		cands = []ir.Prim{ir.UInt, ir.ULong}
	case unsigned:
		cands = []ir.Prim{ir.ULong}
	case longs == 0 && decimal:
		cands = []ir.Prim{ir.Int, ir.Long}
	case longs == 0:
		cands = []ir.Prim{ir.Int, ir.UInt, ir.Long, ir.ULong}
	case decimal:
		cands = []ir.Prim{ir.Long}
	default:
		cands = []ir.Prim{ir.Long, ir.ULong}
	}
	for _, c := range cands {
		if fits(v, c) {
			return &intLit{typed: typed{ir.PrimType(c)}, val: v, text: text}, nil
		}
	}
	return &intLit{typed: typed{ir.PrimType(ir.ULong)}, val: v, text: text}, nil
}

func fits(v uint64, p ir.Prim) bool {
	switch p {
	case ir.Int:
		return v <= 1<<31-1
	case ir.UInt:
		return v <= 1<<32-1
	case ir.Long, ir.LongLong:
		return v <= 1<<63-1
	}
	return true
}

func charValue(lit string) (int64, error) {
	s, err := strconv.Unquote(lit)
	if err != nil || len(s) != 1 {
		// strconv does not know every C escape; handle the octal/hex ones it rejects.
		return 0, fmt.Errorf("unsupported character literal %s", lit)
	}
	return int64(int8(s[0])), nil
}

// startsType reports whether the token at offset n begins a type name.
func (p *parser) startsType(n int) bool {
	t := p.peekAt(n)
	if t.kind != tIdent {
		return false
	}
	switch t.text {
	case "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned",
		"_Bool", "bool", "const", "volatile", "struct", "union", "enum":
		return true
	}
	if _, ok := wellKnown[t.text]; ok {
		return true
	}
	_, ok := p.ix.Typedefs[t.text]
	return ok
}

// wellKnown are the standard typedefs ferry maps to fixed-width kinds.
var wellKnown = map[string]ir.Prim{
	"int8_t": ir.I8, "uint8_t": ir.U8, "int16_t": ir.I16, "uint16_t": ir.U16,
	"int32_t": ir.I32, "uint32_t": ir.U32, "int64_t": ir.I64, "uint64_t": ir.U64,
	"intptr_t": ir.ISize, "uintptr_t": ir.USize, "size_t": ir.USize, "ssize_t": ir.ISize,
	"ptrdiff_t": ir.ISize,
}

// parseType parses a type name: specifiers and qualifiers, then pointers.
func (p *parser) parseType() (*ir.Type, error) {
	var base *ir.Type
	var isConst bool
	var signed, unsigned, short bool
	longs := 0
	var kw string
loop:
	for {
		t := p.peek()
		if t.kind != tIdent {
			break
		}
		switch t.text {
		case "const":
			isConst = true
		case "volatile":
		case "signed":
			signed = true
		case "unsigned":
			unsigned = true
		case "short":
			short = true
		case "long":
			longs++
		case "void", "char", "int", "float", "double", "_Bool", "bool":
			kw = t.text
		case "struct", "union", "enum":
			p.next()
			n := p.next()
			if n.kind != tIdent {
				return nil, fmt.Errorf("expected a tag after %s", t.text)
			}
			k := map[string]ir.RefKind{"struct": ir.RefStruct, "union": ir.RefUnion, "enum": ir.RefEnum}[t.text]
			base = ir.Named(k, n.text)
			continue
		default:
			if base != nil || kw != "" || signed || unsigned || short || longs > 0 {
				break loop
			}
			if pr, ok := wellKnown[t.text]; ok {
				base = ir.PrimType(pr)
			} else if _, ok := p.ix.Typedefs[t.text]; ok {
				base = ir.Named(ir.RefTypedef, t.text)
			} else {
				break loop
			}
		}
		p.next()
	}
	if base == nil {
		pr, err := primFromSpec(kw, signed, unsigned, short, longs)
		if err != nil {
			return nil, err
		}
		base = ir.PrimType(pr)
	}
	if isConst {
		base = base.WithConst(true)
	}
	for p.accept("*") {
		base = ir.PointerTo(base)
		for p.is("const") || p.is("volatile") {
			if p.next().text == "const" {
				base = base.WithConst(true)
			}
		}
	}
	if p.is("(") || p.is("[") {
		return nil, fmt.Errorf("function pointer and array type names are not supported")
	}
	return base, nil
}

func primFromSpec(kw string, signed, unsigned, short bool, longs int) (ir.Prim, error) {
	switch kw {
	case "void":
		return ir.Void, nil
	case "_Bool", "bool":
		return ir.Bool, nil
	case "float":
		return ir.Float, nil
	case "double":
		if longs > 0 {
			return 0, fmt.Errorf("long double has no Rust type")
		}
		return ir.Double, nil
	case "char":
		switch {
		case signed:
			return ir.SChar, nil
		case unsigned:
			return ir.UChar, nil
		}
		return ir.Char, nil
	}
	if kw == "" && !signed && !unsigned && !short && longs == 0 {
		return 0, fmt.Errorf("expected a type")
	}
	switch {
	case short && unsigned:
		return ir.UShort, nil
	case short:
		return ir.Short, nil
	case longs == 1 && unsigned:
		return ir.ULong, nil
	case longs == 1:
		return ir.Long, nil
	case longs >= 2 && unsigned:
		return ir.ULongLong, nil
	case longs >= 2:
		return ir.LongLong, nil
	case unsigned:
		return ir.UInt, nil
	}
	return ir.Int, nil
}

// parseBody parses a function body `{ ... }` into the statement forms
// ferry translates: local declarations with an initializer, expression
// statements and a final return.
func (p *parser) parseBody() ([]stmt, error) {
	if err := p.expect("{"); err != nil {
		return nil, err
	}
	var out []stmt
	for !p.accept("}") {
		switch {
		case p.peek().kind == tEOF:
			return nil, fmt.Errorf("unterminated body")
		case p.accept("return"):
			var e expr
			if !p.is(";") {
				var err error
				if e, err = p.parseExpr(); err != nil {
					return nil, err
				}
			}
			if err := p.expect(";"); err != nil {
				return nil, err
			}
			out = append(out, stmt{kind: sReturn, e: e})
		case p.startsType(0) && p.peekAt(1).text != "(":
			ty, err := p.parseType()
			if err != nil {
				return nil, err
			}
			n := p.next()
			if n.kind != tIdent {
				return nil, fmt.Errorf("expected a variable name")
			}
			if err := p.expect("="); err != nil {
				return nil, fmt.Errorf("local %s: only declarations with an initializer are supported", n.text)
			}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if err := p.expect(";"); err != nil {
				return nil, err
			}
			out = append(out, stmt{kind: sDecl, name: n.text, ty: ty, e: e})
		default:
			if t := p.peek(); t.kind == tIdent && isStmtKeyword(t.text) {
				return nil, fmt.Errorf("%s statements are not supported", t.text)
			}
			e, err := p.parseExpr()
			if err != nil {
				return nil, err
			}
			if err := p.expect(";"); err != nil {
				return nil, err
			}
			out = append(out, stmt{kind: sExpr, e: e})
		}
	}
	if p.peek().kind != tEOF {
		return nil, fmt.Errorf("unexpected %q after body", p.peek().text)
	}
	return out, nil
}

func isStmtKeyword(s string) bool {
	switch s {
	case "if", "else", "for", "while", "do", "switch", "case", "default", "goto", "break", "continue", "static", "asm", "__asm__":
		return true
	}
	return false
}
