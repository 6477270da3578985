package inline

import (
	"fmt"
	"strings"
)

type tokKind int

const (
	tEOF tokKind = iota
	tIdent
	tNumber
	tChar
	tString
	tPunct
)

type token struct {
	kind tokKind
	text string
}

// puncts lists C punctuators, longest first so the lexer is greedy.
var puncts = []string{
	"<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
	"+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##",
	"(", ")", "[", "]", "{", "}", ".", ",", ";", "?", ":", "+", "-", "*", "/", "%",
	"<", ">", "=", "!", "~", "&", "|", "^", "#",
}

// lex splits C source text (a macro body or a function body) into tokens,
// dropping comments and whitespace.
func lex(src string) ([]token, error) {
	var out []token
	i := 0
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == '\\':
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return nil, fmt.Errorf("unterminated comment")
			}
			i += end + 4
		case isIdentStart(c):
			j := i
			for j < len(src) && isIdentChar(src[j]) {
				j++
			}
			// L'x', u8"..": a prefixed literal.
			if j < len(src) && (src[j] == '\'' || src[j] == '"') && (src[i:j] == "L" || src[i:j] == "u" || src[i:j] == "U" || src[i:j] == "u8") {
				return nil, fmt.Errorf("wide character literals are not supported")
			}
			out = append(out, token{tIdent, src[i:j]})
			i = j
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(src) && src[i+1] >= '0' && src[i+1] <= '9':
			j := i
			for j < len(src) && (isIdentChar(src[j]) || src[j] == '.' ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'e' || src[j-1] == 'E' || src[j-1] == 'p' || src[j-1] == 'P') && !strings.HasPrefix(strings.ToLower(src[i:j]), "0x") ||
				(src[j] == '+' || src[j] == '-') && (src[j-1] == 'p' || src[j-1] == 'P')) {
				j++
			}
			out = append(out, token{tNumber, src[i:j]})
			i = j
		case c == '\'' || c == '"':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(src) {
				return nil, fmt.Errorf("unterminated literal")
			}
			k := tChar
			if c == '"' {
				k = tString
			}
			out = append(out, token{k, src[i : j+1]})
			i = j + 1
		default:
			matched := false
			for _, p := range puncts {
				if strings.HasPrefix(src[i:], p) {
					out = append(out, token{tPunct, p})
					i += len(p)
					matched = true
					break
				}
			}
			if !matched {
				return nil, fmt.Errorf("unexpected character %q", c)
			}
		}
	}
	return out, nil
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '$'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }
