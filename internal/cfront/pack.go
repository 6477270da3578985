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

// assert handles a top-level _Static_assert; only ferry's pack markers
// matter.
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
