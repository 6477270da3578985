package cfront

import "strings"

// ppExpr evaluates an #if expression for the include simulation
// (recursion.go) in three values: a known integer, or unknown (a
// function-like macro, __has_include, a body it cannot evaluate). Unknown
// operands make the result unknown unless && or || or ?: decide it without
// them. Object-like macros are expanded by evaluating their bodies.
type ppExpr struct {
	src    string
	pos    int
	macros map[string]string
	depth  int
}

// cond evaluates the whole expression; trailing junk makes it unknown.
func (e *ppExpr) cond() (int64, bool) {
	v, k := e.ternary()
	e.space()
	if e.pos < len(e.src) {
		return 0, false
	}
	return v, k
}

func (e *ppExpr) space() {
	for e.pos < len(e.src) && (e.src[e.pos] == ' ' || e.src[e.pos] == '\t' || e.src[e.pos] == '\r') {
		e.pos++
	}
}

// op consumes one of ops (longest first as listed) and returns it, or "".
func (e *ppExpr) op(ops ...string) string {
	e.space()
	for _, o := range ops {
		if strings.HasPrefix(e.src[e.pos:], o) {
			// `<` must not match `<<` or `<=`, `&` not `&&`, ...
			rest := e.src[e.pos+len(o):]
			if len(o) == 1 && rest != "" && strings.ContainsRune("<>&|=", rune(o[0])) && (rest[0] == o[0] || rest[0] == '=') {
				continue
			}
			if o == "!" && strings.HasPrefix(rest, "=") {
				continue
			}
			e.pos += len(o)
			return o
		}
	}
	return ""
}

func (e *ppExpr) ternary() (int64, bool) {
	c, ck := e.lor()
	if e.op("?") == "" {
		return c, ck
	}
	a, ak := e.ternary()
	if e.op(":") == "" {
		return 0, false
	}
	b, bk := e.ternary()
	switch {
	case !ck:
		if ak && bk && a == b {
			return a, true
		}
		return 0, false
	case c != 0:
		return a, ak
	}
	return b, bk
}

func (e *ppExpr) lor() (int64, bool) {
	v, k := e.land()
	for e.op("||") != "" {
		w, wk := e.land()
		switch {
		case k && v != 0 || wk && w != 0:
			v, k = 1, true
		case k && wk:
			v = 0
		default:
			k = false
		}
	}
	return v, k
}

func (e *ppExpr) land() (int64, bool) {
	v, k := e.binary(0)
	for e.op("&&") != "" {
		w, wk := e.binary(0)
		switch {
		case k && v == 0 || wk && w == 0:
			v, k = 0, true
		case k && wk:
			v = 1
		default:
			k = false
		}
	}
	return v, k
}

// binaryOps are the binary operators by precedence, loosest first.
var binaryOps = [][]string{{"|"}, {"^"}, {"&"}, {"==", "!="}, {"<=", ">=", "<", ">"}, {"<<", ">>"}, {"+", "-"}, {"*", "/", "%"}}

func (e *ppExpr) binary(level int) (int64, bool) {
	if level == len(binaryOps) {
		return e.unary()
	}
	v, k := e.binary(level + 1)
	for {
		o := e.op(binaryOps[level]...)
		if o == "" {
			return v, k
		}
		w, wk := e.binary(level + 1)
		if !k || !wk {
			k = false
			continue
		}
		switch o {
		case "|":
			v |= w
		case "^":
			v ^= w
		case "&":
			v &= w
		case "==":
			v = b2i(v == w)
		case "!=":
			v = b2i(v != w)
		case "<=":
			v = b2i(v <= w)
		case ">=":
			v = b2i(v >= w)
		case "<":
			v = b2i(v < w)
		case ">":
			v = b2i(v > w)
		case "<<":
			v <<= uint(w & 63)
		case ">>":
			v >>= uint(w & 63)
		case "+":
			v += w
		case "-":
			v -= w
		case "*":
			v *= w
		case "/", "%":
			if w == 0 {
				k = false
			} else if o == "/" {
				v /= w
			} else {
				v %= w
			}
		}
	}
}

func (e *ppExpr) unary() (int64, bool) {
	switch e.op("!", "~", "-", "+") {
	case "!":
		v, k := e.unary()
		return b2i(v == 0), k
	case "~":
		v, k := e.unary()
		return ^v, k
	case "-":
		v, k := e.unary()
		return -v, k
	case "+":
		return e.unary()
	}
	return e.primary()
}

func (e *ppExpr) primary() (int64, bool) {
	e.space()
	if e.pos >= len(e.src) {
		return 0, false
	}
	c := e.src[e.pos]
	switch {
	case c == '(':
		e.pos++
		v, k := e.ternary()
		if e.op(")") == "" {
			return 0, false
		}
		return v, k
	case c >= '0' && c <= '9':
		start := e.pos
		for e.pos < len(e.src) && (isIdentStart(e.src[e.pos]) || e.src[e.pos] >= '0' && e.src[e.pos] <= '9' || e.src[e.pos] == '.') {
			e.pos++
		}
		return parseCInt(e.src[start:e.pos])
	case c == '\'':
		end := strings.IndexByte(e.src[e.pos+1:], '\'')
		if end < 0 {
			return 0, false
		}
		lit := e.src[e.pos+1 : e.pos+1+end]
		e.pos += end + 2
		if len(lit) == 1 {
			return int64(lit[0]), true
		}
		return 0, false
	case isIdentStart(c):
		name := e.ident()
		if name == "defined" {
			paren := e.op("(") != ""
			e.space()
			n := e.ident()
			if paren && e.op(")") == "" || n == "" {
				return 0, false
			}
			_, ok := e.macros[n]
			return b2i(ok), true
		}
		e.space()
		if e.pos < len(e.src) && e.src[e.pos] == '(' {
			e.skipParens()
			return 0, false // a function-like macro or __has_...: unknown
		}
		body, ok := e.macros[name]
		if !ok {
			return 0, true // an undefined identifier is 0
		}
		if body == fnMacroBody {
			return 0, false // used without arguments: not evaluated
		}
		if e.depth >= 16 || strings.TrimSpace(body) == "" {
			return 0, false
		}
		sub := &ppExpr{src: body, macros: e.macros, depth: e.depth + 1}
		return sub.cond()
	}
	return 0, false
}

func (e *ppExpr) ident() string {
	start := e.pos
	for e.pos < len(e.src) && (isIdentStart(e.src[e.pos]) || e.pos > start && e.src[e.pos] >= '0' && e.src[e.pos] <= '9') {
		e.pos++
	}
	return e.src[start:e.pos]
}

func (e *ppExpr) skipParens() {
	depth := 0
	for e.pos < len(e.src) {
		switch e.src[e.pos] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				e.pos++
				return
			}
		}
		e.pos++
	}
}
