package inline

import (
	"fmt"

	"ferry/internal/ir"
)

// expand replaces calls of other function-like macros in toks by their
// bodies, as the preprocessor would: arguments are expanded first, then the
// result is rescanned with the called macro hidden, so recursion stops.
func expand(toks []token, ix *ir.Index, hide map[string]bool, depth int) ([]token, error) {
	if depth > 32 {
		return nil, fmt.Errorf("macro expansion nests too deeply")
	}
	var out []token
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		m, ok := ix.Macros[t.text]
		if t.kind != tIdent || !ok || hide[t.text] || i+1 >= len(toks) || toks[i+1].text != "(" {
			if t.kind == tPunct && (t.text == "#" || t.text == "##") {
				return nil, fmt.Errorf("stringizing and token pasting are not supported")
			}
			out = append(out, t)
			continue
		}
		args, end, err := splitArgs(toks, i+1)
		if err != nil {
			return nil, err
		}
		if m.Variadic {
			return nil, fmt.Errorf("calls variadic macro %s", m.Name)
		}
		if len(args) == 1 && len(args[0]) == 0 && len(m.Params) == 0 {
			args = nil
		}
		if len(args) != len(m.Params) {
			return nil, fmt.Errorf("macro %s called with %d arguments, wants %d", m.Name, len(args), len(m.Params))
		}
		for j := range args {
			if args[j], err = expand(args[j], ix, hide, depth+1); err != nil {
				return nil, err
			}
		}
		body, err := lex(m.Body)
		if err != nil {
			return nil, fmt.Errorf("macro %s: %v", m.Name, err)
		}
		var sub []token
		for _, bt := range body {
			if bt.kind == tPunct && (bt.text == "#" || bt.text == "##") {
				return nil, fmt.Errorf("macro %s: stringizing and token pasting are not supported", m.Name)
			}
			if j := indexOf(m.Params, bt.text); bt.kind == tIdent && j >= 0 {
				sub = append(sub, args[j]...)
				continue
			}
			sub = append(sub, bt)
		}
		inner := map[string]bool{m.Name: true}
		for k := range hide {
			inner[k] = true
		}
		sub, err = expand(sub, ix, inner, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, sub...)
		i = end
	}
	return out, nil
}

// splitArgs reads a parenthesized argument list starting at toks[open]
// and returns the arguments and the index of the closing parenthesis.
func splitArgs(toks []token, open int) ([][]token, int, error) {
	depth := 0
	var args [][]token
	var cur []token
	for i := open; i < len(toks); i++ {
		t := toks[i]
		switch {
		case t.text == "(" && t.kind == tPunct:
			depth++
			if depth == 1 {
				continue
			}
		case t.text == ")" && t.kind == tPunct:
			depth--
			if depth == 0 {
				return append(args, cur), i, nil
			}
		case t.text == "," && t.kind == tPunct && depth == 1:
			args = append(args, cur)
			cur = nil
			continue
		}
		cur = append(cur, t)
	}
	return nil, 0, fmt.Errorf("unterminated macro call")
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}
