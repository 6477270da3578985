package cfront

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/ir"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// attr is one attribute, GNU-named (C23 names are mapped), leading and
// trailing underscores stripped: "deprecated", "nonnull", "aligned", ...
type attr struct {
	name string
	args []attrArg
}

// attrArg is an attribute argument: an integer, a string or a name.
type attrArg struct {
	text  string // source text (identifier for names)
	ival  int64
	isInt bool
	sval  string
	isStr bool
}

func (a attr) str(i int) string {
	if i < len(a.args) && a.args[i].isStr {
		return a.args[i].sval
	}
	return ""
}

func (a attr) text(i int) string {
	if i < len(a.args) {
		return a.args[i].text
	}
	return ""
}

func (a attr) ints() (r []int) {
	for _, x := range a.args {
		if x.isInt {
			r = append(r, int(x.ival))
		}
	}
	return r
}

// alignValue is aligned(N), or the target's largest alignment for a bare
// `aligned`.
func (a attr) alignValue(t *ir.Target) int64 {
	if len(a.args) > 0 && a.args[0].isInt {
		return a.args[0].ival
	}
	if t != nil {
		if l, ok := t.PrimLayout(ir.LongDouble); ok {
			return l.Align
		}
	}
	return 16
}

func normAttrName(n string) string {
	if len(n) > 4 && strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__") {
		return n[2 : len(n)-2]
	}
	return n
}

// attrList converts GNU attributes from the syntax tree.
func (c *conv) attrList(l *cc.AttributeSpecifierList) (r []attr) {
	for ; l != nil; l = l.AttributeSpecifierList {
		as := l.AttributeSpecifier
		if as == nil {
			continue
		}
		for vl := as.AttributeValueList; vl != nil; vl = vl.AttributeValueList {
			av := vl.AttributeValue
			if av == nil {
				continue
			}
			a := attr{name: normAttrName(av.Token.SrcStr())}
			for al := av.ArgumentExpressionList; al != nil; al = al.ArgumentExpressionList {
				a.args = append(a.args, c.attrArg(al.AssignmentExpression))
			}
			r = append(r, a)
		}
	}
	return r
}

func (c *conv) attrArg(e cc.ExpressionNode) attrArg {
	var a attrArg
	if e == nil {
		return a
	}
	if pe, ok := e.(*cc.PrimaryExpression); ok {
		switch pe.Case {
		case cc.PrimaryExpressionString:
			a.text = pe.Token.SrcStr()
			a.sval, a.isStr = unquote(a.text), true
			return a
		case cc.PrimaryExpressionIdent:
			a.text = pe.Token.SrcStr()
			if v, ok := c.enumVal[a.text]; ok {
				a.ival, a.isInt = v, true
			} else if v, ok := c.macroInt(a.text); ok {
				a.ival, a.isInt = v, true
			}
			return a
		}
	}
	a.text = cc.NodeSource(e)
	if v, ok := c.intValue(e); ok {
		a.ival, a.isInt = v, true
	}
	return a
}

// unquote decodes a C string literal (or adjacent literals) leniently.
func unquote(s string) string {
	var b strings.Builder
	for s = strings.TrimSpace(s); len(s) > 0; s = strings.TrimSpace(s) {
		if s[0] != '"' {
			break
		}
		end := skipQuoted(s, 0)
		lit := s[:end]
		if u, err := strconv.Unquote(lit); err == nil {
			b.WriteString(u)
		} else if len(lit) >= 2 {
			b.WriteString(lit[1 : len(lit)-1])
		}
		s = s[end:]
	}
	return b.String()
}

// parseAttrText parses a GNU or C23 attribute list from source text, e.g.
// `deprecated("x"), nonnull(1, 2)`. c23 maps C23 names.
func (c *conv) parseAttrText(inner string, c23 bool) (r []attr) {
	for _, part := range splitTop(inner) {
		name, args := splitAttr(part)
		if c23 {
			if name = c23ToGNU(name); name == "" {
				continue
			}
		}
		a := attr{name: normAttrName(name)}
		if len(args) >= 2 {
			for _, x := range splitTop(args[1 : len(args)-1]) {
				var arg attrArg
				arg.text = x
				switch {
				case strings.HasPrefix(x, `"`):
					arg.sval, arg.isStr = unquote(x), true
				default:
					if v, err := strconv.ParseInt(strings.TrimRight(x, "uUlL"), 0, 64); err == nil {
						arg.ival, arg.isInt = v, true
					} else if v, ok := c.macroInt(x); ok {
						arg.ival, arg.isInt = v, true
					}
				}
				a.args = append(a.args, arg)
			}
		}
		r = append(r, a)
	}
	return r
}

// c23Comments returns the C23 attributes rewriteSource turned into comments
// in a token separator: comments whose whole text is a list of attributes
// ferry knows.
func (c *conv) c23Comments(sep []byte) (r []attr) {
	for len(sep) > 0 {
		i := bytes.Index(sep, []byte("/*"))
		if i < 0 {
			return r
		}
		e := bytes.Index(sep[i+2:], []byte("*/"))
		if e < 0 {
			return r
		}
		body := string(sep[i+2 : i+2+e])
		sep = sep[i+2+e+2:]
		if isC23Body(body) {
			r = append(r, c.parseAttrText(body, true)...)
		}
	}
	return r
}

// isC23Body reports whether a comment's text is a C23 attribute list.
func isC23Body(body string) bool {
	if body == "" || !isIdentStart(body[0]) {
		return false
	}
	// The first attribute's name, as splitTop and splitAttr find it, when
	// no quote or bracket comes first: prose (a license block) fails here
	// without being split.
	j := strings.IndexAny(body, ",(\"'[])")
	if j < 0 {
		j = len(body)
	}
	if j == len(body) || body[j] == ',' || body[j] == '(' {
		if c23ToGNU(strings.TrimSpace(body[:j])) == "" {
			return false
		}
	}
	parts := splitTop(body)
	for _, p := range parts {
		name, _ := splitAttr(p)
		if c23ToGNU(name) == "" {
			return false
		}
	}
	return len(parts) > 0
}

// c23InNode collects the C23 attributes in the separators of a node's
// tokens, when its file had any rewritten. Only those outside parentheses
// and braces count: inside are a parameter's or a member's own attributes
// (`int f(int p [[deprecated]])` does not deprecate f).
func (c *conv) c23InNode(first cc.Token, nodes ...cc.Node) (r []attr) {
	f := c.fs.file(first.Position().Filename)
	if f == nil || !f.hasRewrites {
		return nil
	}
	for _, n := range nodes {
		if n == nil {
			continue
		}
		depth := 0
		for _, t := range cc.NodeTokens(n) {
			if depth == 0 && bytes.Contains(t.Sep(), []byte("/*")) {
				r = append(r, c.c23Comments(t.Sep())...)
			}
			switch t.Ch {
			case '(', '{', '[':
				depth++
			case ')', '}', ']':
				depth--
			}
		}
	}
	return r
}

// gapAttrs reads attributes cc/v4 drops (on enums and enumerators) from the
// source text between two tokens of one file: __attribute__((...)), C23
// comments, and macros expanding to either. A zero `to` means "to the next
// ';' or ','".
func (c *conv) gapAttrs(from, to cc.Token) []attr {
	pf := from.Position()
	f := c.fs.file(pf.Filename)
	if f == nil || pf.Offset < 0 {
		return nil
	}
	start := pf.Offset + len(from.Src())
	end := -1
	if to.SrcStr() != "" {
		pt := to.Position()
		if pt.Filename != pf.Filename {
			return nil
		}
		end = pt.Offset
	} else if start <= len(f.text) {
		if e := bytes.IndexAny(f.text[start:], ";,{}"); e >= 0 {
			end = start + e
		}
	}
	if end < start || end > len(f.text) || end-start > 4096 {
		return nil
	}
	return c.attrsInText(string(f.text[start:end]), 0)
}

// attrsInText finds attributes in a span of source text.
func (c *conv) attrsInText(s string, depth int) (r []attr) {
	if depth > 4 {
		return nil
	}
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '/' && i+1 < len(s) && s[i+1] == '*':
			e := strings.Index(s[i+2:], "*/")
			if e < 0 {
				return r
			}
			body := s[i+2 : i+2+e]
			if isC23Body(body) {
				r = append(r, c.parseAttrText(body, true)...)
			} else if a, ok := strings.CutPrefix(body, "attribute__(("); ok {
				r = append(r, c.parseAttrText(a, false)...)
			} else if a, ok := strings.CutPrefix(body, "attribute(("); ok {
				r = append(r, c.parseAttrText(a, false)...)
			}
			i += e + 4
		case isIdentStart(ch):
			j := i + 1
			for j < len(s) && isIdentChar(s[j]) {
				j++
			}
			id := s[i:j]
			i = j
			if id == "__attribute__" || id == "__attribute" {
				k := strings.Index(s[i:], "((")
				if k < 0 {
					return r
				}
				open := i + k + 2
				depthP, e := 2, open
				for e < len(s) && depthP > 0 {
					switch s[e] {
					case '(':
						depthP++
					case ')':
						depthP--
					case '"':
						e = skipQuoted(s, e) - 1
					}
					e++
				}
				if depthP == 0 {
					r = append(r, c.parseAttrText(s[open:e-2], false)...)
				}
				i = e
				continue
			}
			if m := c.ast.Macros[id]; m != nil && depth < 4 {
				var b strings.Builder
				for _, t := range m.ReplacementList() {
					b.Write(t.Sep())
					b.Write(t.Src())
				}
				body := b.String()
				// Substitute the arguments of a function-like macro.
				if m.IsFnLike {
					body = c.substArgs(m, body, s, &i)
				}
				r = append(r, c.attrsInText(body, depth+1)...)
			}
		default:
			i++
		}
	}
	return r
}

// substArgs parses the argument list following a function-like macro use at
// s[*i:] and substitutes parameters in body (textually, by identifier).
func (c *conv) substArgs(m *cc.Macro, body, s string, i *int) string {
	j := *i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j >= len(s) || s[j] != '(' {
		return body
	}
	depth, e := 0, j
	for ; e < len(s); e++ {
		if s[e] == '(' {
			depth++
		} else if s[e] == ')' {
			depth--
			if depth == 0 {
				break
			}
		} else if s[e] == '"' {
			e = skipQuoted(s, e) - 1
		}
	}
	if e >= len(s) {
		return body
	}
	args := splitTop(s[j+1 : e])
	*i = e + 1
	params := map[string]string{}
	for k, p := range m.Params {
		if k < len(args) {
			params[p.SrcStr()] = args[k]
		}
	}
	var b strings.Builder
	for k := 0; k < len(body); {
		if isIdentStart(body[k]) {
			l := k + 1
			for l < len(body) && isIdentChar(body[l]) {
				l++
			}
			if v, ok := params[body[k:l]]; ok {
				b.WriteString(v)
			} else {
				b.WriteString(body[k:l])
			}
			k = l
			continue
		}
		if body[k] == '"' {
			e := skipQuoted(body, k)
			b.WriteString(body[k:e])
			k = e
			continue
		}
		b.WriteByte(body[k])
		k++
	}
	return b.String()
}

// macroInt returns the integer value of an object-like macro.
func (c *conv) macroInt(name string) (int64, bool) {
	// Names and the replacement lists are fixed once parsing ends, so the
	// common cases (not a macro, one integer literal) are answered without
	// waiting for the macro goroutine; only a real evaluation waits.
	m := c.ast.Macros[name]
	if m == nil || m.IsFnLike {
		return 0, false
	}
	l := m.ReplacementList()
	if len(l) == 1 {
		if v, ok := intLiteral(l[0].SrcStr()); ok {
			return v, true
		}
	}
	c.waitMacros()
	switch v := m.Value().(type) {
	case cc.Int64Value:
		return int64(v), true
	case cc.UInt64Value:
		return int64(v), true
	}
	if len(l) == 1 {
		if v, err := strconv.ParseInt(strings.TrimRight(l[0].SrcStr(), "uUlL"), 0, 64); err == nil {
			return v, true
		}
	}
	return 0, false
}

// intLiteral parses a C integer constant that fits int64 (decimal, octal,
// hex or binary, with u/l suffixes), as cc/v4 would evaluate it.
func intLiteral(s string) (int64, bool) {
	s = strings.TrimRight(s, "uUlL")
	if s == "" || s[0] < '0' || s[0] > '9' || strings.ContainsAny(s, "_'") {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 0, 64)
	return v, err == nil
}

// applyDeclAttrs folds attributes into a declaration's Attrs.
func applyDeclAttrs(d *ir.Attrs, attrs []attr) {
	for _, a := range attrs {
		switch a.name {
		case "deprecated", "unavailable":
			d.Deprecated = true
			if m := a.str(0); m != "" {
				d.DeprecatedMsg = m
			}
		case "warn_unused_result", "nodiscard":
			d.MustUse = true
		case "noreturn":
			d.NoReturn = true
		case "malloc":
			d.Malloc = true
			if len(a.args) > 0 {
				d.Dealloc = a.text(0)
				if len(a.args) > 1 && a.args[1].isInt {
					d.DeallocIndex = int(a.args[1].ival)
				}
			}
		case "alloc_size":
			d.AllocSize = append(d.AllocSize, a.ints()...)
		case "nonnull":
			if len(a.args) == 0 {
				d.NonNullAll = true
			}
			d.NonNull = appendUniq(d.NonNull, a.ints()...)
		case "returns_nonnull":
			d.ReturnsNonNull = true
		case "access":
			ac := ir.Access{}
			switch normAttrName(a.text(0)) {
			case "read_only":
				ac.Mode = ir.ReadOnly
			case "write_only":
				ac.Mode = ir.WriteOnly
			case "read_write":
				ac.Mode = ir.ReadWrite
			}
			if len(a.args) > 1 && a.args[1].isInt {
				ac.Ptr = int(a.args[1].ival)
			}
			if len(a.args) > 2 && a.args[2].isInt {
				ac.Size = int(a.args[2].ival)
			}
			d.Access = append(d.Access, ac)
		case "format":
			if len(a.args) == 3 {
				d.Format = fmt.Sprintf("%s(%s, %s)", normAttrName(a.text(0)), a.text(1), a.text(2))
			}
		case "visibility":
			d.Visibility = a.str(0)
		}
	}
}

func appendUniq(s []int, v ...int) []int {
outer:
	for _, x := range v {
		for _, y := range s {
			if x == y {
				continue outer
			}
		}
		s = append(s, x)
	}
	return s
}
