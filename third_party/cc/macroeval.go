// Copyright 2022 The CC Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// ferry fork: cheap evaluation of a macro under Config.LazyMacros.

package cc // import "modernc.org/cc/v4"

import (
	"iter"
	"strings"
)

// The slow path of a macro's evaluation (evalMacroExpression) writes the
// macro-expanded replacement list out as text, tokens separated by a space,
// and builds a new parser and preprocessor to tokenize that text again. For
// nearly every macro the tokens it gets back are the expanded tokens
// themselves: same spelling, same kind. evalFed skips the round trip: it
// hands the expanded tokens straight to a reused parser, which parses and type
// checks them exactly as it would the retokenized text.
//
// It does so only when retokenizing could not change anything: every token is
// one that tokenizes to itself in isolation (an identifier the preprocessor
// leaves alone, a pp-number, a plain character constant or string literal, an
// operator of a constant expression). Anything else (pasted tokens that are
// no single token, '#', braces, wide or prefixed literals, adjacent string
// literals the parser would concatenate by writing a new token, protected
// macro names the second preprocessor would expand) takes the slow path.

// feedable reports whether toks, the non-blank tokens of an expansion, can be
// given to the parser as they are.
func feedable(toks []cppToken) bool {
	for i := range toks {
		t := &toks[i].Token
		s := t.Src()
		if len(s) == 0 {
			return false
		}
		switch t.Ch {
		case rune(IDENTIFIER):
			if !isPlainIdent(s) {
				return false
			}
			switch string(s) {
			case "_Pragma", "__COUNTER__", "__VA_ARGS__", "__VA_OPT__", "__INCLUDE_LEVEL__", "__BASE_FILE__", "__TIMESTAMP__", "__FILE_NAME__":
				return false
			}
			if _, ok := protectedMacros[string(s)]; ok {
				return false
			}
		case rune(PPNUMBER):
			if !isPPNumber(s) {
				return false
			}
		case rune(CHARCONST):
			if !isPlainQuoted(s, '\'') || len(s) < 3 {
				return false
			}
		case rune(STRINGLITERAL):
			if !isPlainQuoted(s, '"') {
				return false
			}
			if i+1 < len(toks) {
				switch toks[i+1].Ch {
				case rune(STRINGLITERAL), rune(LONGSTRINGLITERAL):
					return false
				}
			}
		default:
			sp, ok := feedPunct[t.Ch]
			if !ok || string(s) != sp {
				return false
			}
		}
	}
	return true
}

// feedPunct are the operators and punctuators of constant expressions, by
// token kind, with their spelling.
var feedPunct = map[rune]string{
	'(': "(", ')': ")", ',': ",", ':': ":", '?': "?", '[': "[", ']': "]",
	'~': "~", '*': "*", '^': "^", '+': "+", '&': "&", '-': "-", '/': "/",
	'<': "<", '>': ">", '.': ".", '%': "%", '!': "!", '|': "|",
	rune(LSH): "<<", rune(RSH): ">>", rune(LEQ): "<=", rune(GEQ): ">=",
	rune(EQ): "==", rune(NEQ): "!=", rune(ANDAND): "&&", rune(OROR): "||",
	rune(ARROW): "->",
}

func isPlainIdent(s []byte) bool {
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// isPPNumber reports whether s is one C pp-number (C11 6.4.8) without digit
// separators or universal character names.
func isPPNumber(s []byte) bool {
	i := 0
	switch {
	case s[0] >= '0' && s[0] <= '9':
		i = 1
	case s[0] == '.' && len(s) > 1 && s[1] >= '0' && s[1] <= '9':
		i = 2
	default:
		return false
	}
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '_', c == '.':
		case c == '+' || c == '-':
			switch s[i-1] {
			case 'e', 'E', 'p', 'P':
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}

// isPlainQuoted reports whether s is q, characters other than q, backslash
// and newline or backslash escapes of a character other than a newline, and
// q.
func isPlainQuoted(s []byte, q byte) bool {
	if len(s) < 2 || s[0] != q || s[len(s)-1] != q {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		switch s[i] {
		case q, '\n', '\r':
			return false
		case '\\':
			i++
			if i >= len(s)-1 || s[i] == '\n' || s[i] == '\r' {
				return false
			}
		}
	}
	return true
}

// evalFed evaluates toks, the non-blank tokens of a macro's expansion, as
// evalMacroExpression evaluates their text, with the evaluator's reused
// parser. fed is false if toks must take the slow path.
func (e *macroEvaluator) evalFed(toks []cppToken) (val Value, typ Type, ok, fed bool) {
	if !feedable(toks) {
		return nil, nil, false, false
	}

	c := e.c
	if len(toks) == 1 {
		// A lone literal: the parser would make it the
		// PrimaryExpression primaryExpression makes, followed by ';'
		// and eof.
		t := toks[0].Token
		t.m = nil
		t.seq = e.p.seq + 1
		var pe *PrimaryExpression
		switch t.Ch {
		case rune(PPNUMBER):
			t = e.p.tok(t)
			switch t.Ch {
			case rune(INTCONST):
				pe = &PrimaryExpression{Case: PrimaryExpressionInt, Token: t}
			case rune(FLOATCONST):
				pe = &PrimaryExpression{Case: PrimaryExpressionFloat, Token: t}
			}
		case rune(CHARCONST):
			pe = &PrimaryExpression{Case: PrimaryExpressionChar, Token: t}
		case rune(STRINGLITERAL):
			pe = &PrimaryExpression{Case: PrimaryExpressionString, Token: t}
		}
		if pe != nil {
			val, typ, ok = evalChecked(pe, c)
			return val, typ, ok, true
		}
	}

	sub := e.sub
	if sub == nil {
		// A preprocessor at the end of an empty source: should the
		// parser look past the fed tokens, it gets eof.
		var err error
		if sub, err = newParser(c.cfg, newFset(), []Source{{Name: "<macro>", Value: ""}}); err != nil {
			return nil, nil, false, false
		}
		sub.cpp.eh = func(string, ...interface{}) { e.failed = true }
		e.sub = sub
	}
	// The parse's throwaway child of the file scope: the previous one if
	// nothing was declared in it, it is as new.
	if e.scope == nil || len(e.scope.Nodes) != 0 || len(e.scope.Children) != 0 {
		e.scope = &Scope{Parent: e.ast.Scope}
	}
	// A fresh parser's state, as newParser and evalMacroExpression leave
	// it.
	*sub = parser{
		cpp:        sub.cpp,
		funcTokens: sub.funcTokens,
		keywords:   sub.keywords,
		scope:      e.scope,
		seq:        e.p.seq,
		toks:       e.toks[:0],
	}
	e.failed = false
	// The tokens as parser.next would produce them from the text: kind
	// as parser.tok gives it, a sequence number, no macro.
	for i := range toks {
		t := toks[i].Token
		t.m = nil
		sub.seq++
		t.seq = sub.seq
		sub.toks = append(sub.toks, sub.tok(t))
	}
	for _, ch := range [...]rune{';', eof} {
		sub.seq++
		sub.toks = append(sub.toks, Token{Ch: ch, seq: sub.seq})
	}
	e.toks = sub.toks[:0]
	val, typ, ok = evalParsed(sub, c, &e.failed)
	return val, typ, ok, true
}

// evalParsed parses and checks the expression sub is positioned on, the
// common part of evalMacroExpression and evalFed.
func evalParsed(sub *parser, c *ctx, failed *bool) (val Value, typ Type, ok bool) {
	n := len(c.errors)
	defer func() {
		if e := recover(); e != nil {
			c.errors = c.errors[:n]
			val, typ, ok = nil, nil, false
		}
	}()

	e := sub.expression(false)
	if *failed || e == nil || sub.rune(false) != ';' {
		return nil, nil, false
	}

	if sub.shift(false); *failed || sub.rune(false) != eof {
		return nil, nil, false
	}

	return evalChecked(e, c)
}

// evalChecked type checks e, a macro's expression, and returns its value and
// type if the value is a known integer, floating point or string constant.
func evalChecked(e ExpressionNode, c *ctx) (val Value, typ Type, ok bool) {
	n := len(c.errors)
	defer func() {
		if e := recover(); e != nil {
			c.errors = c.errors[:n]
			val, typ, ok = nil, nil, false
		}
	}()

	typ = e.check(c, decay)
	if len(c.errors) != n {
		c.errors = c.errors[:n]
		return nil, nil, false
	}

	switch x := e.Value().(type) {
	case Int64Value, UInt64Value, Float64Value, StringValue:
		return x, typ, true
	}

	return nil, nil, false
}

// MacroEvalPaths (ferry fork, for tests) evaluates a macro not evaluated
// yet under Config.LazyMacros both ways: as Macro.Value does (fast) and as
// upstream's evalAllMacros does, expanding the replacement list with
// cpp.expand and parsing the text with a new parser (slow). fed reports
// whether the fast path skipped the text; the macro keeps the slow path's
// result.
func (m *Macro) MacroEvalPaths() (fed bool, fastVal Value, fastTyp Type, slowVal Value, slowTyp Type) {
	e := m.lazy
	if e == nil {
		return false, nil, nil, nil, nil
	}
	m.lazy = nil
	saved := e.c.cfg
	defer func() { e.c.cfg = saved }()
	if toks, ok := e.expand(m); ok {
		e.c.cfg = e.cfg
		var ok bool
		if fastVal, fastTyp, ok, fed = e.evalFed(toks); fed && !ok {
			fastVal, fastTyp = nil, nil
		}
		if !fed {
			if v, t, ok := evalMacroExpression(e.p, e.ast, e.c, m.Name.SrcStr(), joinSrc(toks)); ok {
				fastVal, fastTyp = v, t
			}
		}
		e.c.cfg = saved
	}

	// evalAllMacros' way.
	cpp := e.p.cpp
	var w cppTokens
	s := cppTokens(tokens2CppTokens(m.ReplacementList(), false))
	cpp.expand(false, false, &s, &w)
	var b strings.Builder
	for _, t := range w {
		switch t.Ch {
		case ' ', '\n', eof:
			continue
		}
		b.Write(t.Src())
		b.WriteByte(' ')
	}
	if b.Len() == 0 {
		return fed, fastVal, fastTyp, nil, nil
	}
	e.c.cfg = e.cfg
	if v, t, ok := evalMacroExpression(e.p, e.ast, e.c, m.Name.SrcStr(), b.String()); ok {
		m.val, m.typ = v, t
		slowVal, slowTyp = v, t
	}
	return fed, fastVal, fastTyp, slowVal, slowTyp
}

// ReplacementTokens (ferry fork) yields the tokens ReplacementList returns,
// without building a slice.
func (m *Macro) ReplacementTokens() iter.Seq[Token] {
	return func(yield func(Token) bool) {
		for i := range m.replacementList {
			if v := &m.replacementList[i]; v.Ch != ' ' && !yield(v.Token) {
				return
			}
		}
	}
}

// HasReplacement (ferry fork) reports whether ReplacementList is not empty.
func (m *Macro) HasReplacement() bool {
	for i := range m.replacementList {
		if m.replacementList[i].Ch != ' ' {
			return true
		}
	}
	return false
}
