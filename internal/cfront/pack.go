package cfront

import (
	"sort"
	"strconv"
	"strings"

	"modernc.org/cc/v4"
)

// packState replays `#pragma pack` (rewritten by rewriteSource into
// _Static_assert declarations that keep their place in the token stream) so
// that each record gets the value in effect at its closing brace, as GCC
// lays it out.
type packState struct {
	events []packEvent
	cur    int64
	stack  []int64
}

type packEvent struct {
	seq int
	val int64 // value in effect after the event; 0 = no packing
}

// collect replays every pack marker of the translation unit in token
// order, before any declaration is converted (system declarations are
// converted on demand, out of order): markers at file scope and among the
// members of struct and union definitions, nested ones included.
func (p *packState) collect(c *conv) {
	for l := c.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil {
			continue
		}
		switch ed.Case {
		case cc.ExternalDeclarationDecl:
			d := ed.Declaration
			if d == nil {
				continue
			}
			if d.Case == cc.DeclarationAssert {
				p.assert(c, d.StaticAssertDeclaration)
				continue
			}
			for ds := d.DeclarationSpecifiers; ds != nil; ds = ds.DeclarationSpecifiers {
				p.inType(c, ds.TypeSpecifier, 0)
			}
		case cc.ExternalDeclarationFuncDef:
			if fd := ed.FunctionDefinition; fd != nil {
				for ds := fd.DeclarationSpecifiers; ds != nil; ds = ds.DeclarationSpecifiers {
					p.inType(c, ds.TypeSpecifier, 0)
				}
			}
		}
	}
}

// inType replays the markers inside a struct or union definition.
func (p *packState) inType(c *conv, ts *cc.TypeSpecifier, depth int) {
	if ts == nil || depth > 64 {
		return
	}
	n := ts.StructOrUnionSpecifier
	if n == nil || n.Case != cc.StructOrUnionSpecifierDef {
		return
	}
	for l := n.StructDeclarationList; l != nil; l = l.StructDeclarationList {
		sd := l.StructDeclaration
		if sd == nil {
			continue
		}
		if sd.StaticAssertDeclaration != nil {
			p.assert(c, sd.StaticAssertDeclaration)
			continue
		}
		for q := sd.SpecifierQualifierList; q != nil; q = q.SpecifierQualifierList {
			p.inType(c, q.TypeSpecifier, depth+1)
		}
	}
}

// assert handles a _Static_assert; only ferry's pack markers matter.
func (p *packState) assert(c *conv, sa *cc.StaticAssertDeclaration) {
	if sa == nil {
		return
	}
	s := sa.Token4.SrcStr()
	if !strings.HasPrefix(s, `"`+packPrefix) {
		return
	}
	args := strings.TrimSuffix(strings.TrimPrefix(s, `"`+packPrefix), `"`)
	p.apply(c, args)
	p.events = append(p.events, packEvent{seq: sa.Token.Seq(), val: p.cur})
}

// apply executes one pack pragma: (), (N), (push[, id][, N]), (pop[, id|N]).
func (p *packState) apply(c *conv, args string) {
	var parts []string
	if args != "" {
		parts = strings.Split(args, ",")
	}
	num := func(s string) (int64, bool) {
		if v, err := strconv.ParseInt(s, 0, 64); err == nil {
			return v, true
		}
		if c != nil {
			return c.macroInt(s)
		}
		return 0, false
	}
	if len(parts) == 0 {
		p.cur = 0
		return
	}
	switch parts[0] {
	case "push":
		p.stack = append(p.stack, p.cur)
		for _, a := range parts[1:] {
			if v, ok := num(a); ok {
				p.cur = v
			}
		}
	case "pop":
		if n := len(p.stack); n > 0 {
			p.cur = p.stack[n-1]
			p.stack = p.stack[:n-1]
		} else {
			p.cur = 0
		}
		for _, a := range parts[1:] {
			if v, ok := num(a); ok {
				p.cur = v
			}
		}
	default:
		if v, ok := num(parts[0]); ok {
			p.cur = v
		}
	}
}

// at returns the pack value in effect before token sequence number seq.
func (p *packState) at(seq int) int64 {
	i := sort.Search(len(p.events), func(i int) bool { return p.events[i].seq >= seq })
	if i == 0 {
		return 0
	}
	return p.events[i-1].val
}

// pragmaLog is cc/v4's pragma handler. Every `#pragma pack` and literal
// `_Pragma("pack(...)")` is rewritten into a marker before preprocessing,
// so a pack pragma that still reaches the preprocessor was built by a macro
// (`_Pragma(#x)`): ferry cannot place it, and says so.
type pragmaLog struct {
	seen map[string]bool
	list []string
}

func (p *pragmaLog) handle(toks []cc.Token) error {
	if len(toks) == 0 || toks[0].SrcStr() != "pack" {
		return nil
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && len(t.Sep()) != 0 {
			b.WriteByte(' ')
		}
		b.Write(t.Src())
	}
	if s := b.String(); !p.seen[s] {
		p.seen[s] = true
		p.list = append(p.list, s)
	}
	return nil
}
