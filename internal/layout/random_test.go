package layout_test

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"ferry/internal/ir"
)

// randomModule builds n random records mixing every layout feature the
// engine models: bitfields of every integer kind and width (named, unnamed,
// zero-width), packed and aligned records and members, #pragma pack,
// aligned typedefs, packed enums, unions, anonymous members and earlier
// records as members. The seed makes it reproducible.
func randomModule(seed uint64, n int) *ir.Module {
	g := &gen{rnd: rand.New(rand.NewPCG(seed, 0x5eed))}
	small := enum("rsmall", ir.UInt, 0, 3, 200)
	small.Packed = true
	g.decls = append(g.decls,
		typedefAl("rint2", tInt, 2), typedefAl("rint8a", tInt, 8), typedefAl("rll4", tLL, 4),
		typedefAl("rsh1", tShort, 1), enum("rcolor", ir.UInt, 0, 1, 2), small,
		enum("rneg", ir.Int, -5, 5))
	for i := 0; i < n; i++ {
		r := g.record(0, 0)
		g.decls = append(g.decls, r)
		g.prev = append(g.prev, r)
	}
	return module(g.decls...)
}

type gen struct {
	rnd    *rand.Rand
	decls  []ir.Decl
	prev   []*ir.Record // complete named records usable as members
	nextID int
}

func (g *gen) id(prefix string) string {
	g.nextID++
	return fmt.Sprintf("%s%d", prefix, g.nextID)
}

func (g *gen) chance(p float64) bool { return g.rnd.Float64() < p }

// intTypes are the types a bitfield may have, with their width in bits.
var intTypes = []struct {
	t    *ir.Type
	bits int64
}{
	{tBool, 1}, {tChar, 8}, {tUChar, 8}, {tShort, 16}, {tUShrt, 16}, {tInt, 32}, {tUInt, 32},
	{tLong, 64}, {tLL, 64}, {tULL, 64}, {tI128, 128},
	{tdref("rint2"), 32}, {tdref("rint8a"), 32}, {tdref("rll4"), 64}, {tdref("rsh1"), 16},
	{eref("rcolor"), 32}, {eref("rsmall"), 8}, {eref("rneg"), 32},
}

func (g *gen) scalar() *ir.Type {
	pool := []*ir.Type{tChar, tShort, tInt, tLong, tLL, tI128, tFloat, tDbl, tLD, tVoidP, tBool,
		tdref("rint2"), tdref("rint8a"), tdref("rll4"), tdref("rsh1"), eref("rsmall"), eref("rcolor")}
	return pool[g.rnd.IntN(len(pool))]
}

// record makes a record; pack is the #pragma pack in effect around it,
// which covers nested definitions too.
func (g *gen) record(depth int, pack int64) *ir.Record {
	union := g.chance(0.2)
	r := rec(g.id("r"), union)
	r.PragmaPack = pack
	if depth > 0 {
		r.Anonymous = true
	}
	switch {
	case depth > 0:
	case g.chance(0.15):
		r.Packed = true
	case g.chance(0.15):
		r.PragmaPack = []int64{1, 2, 4, 8}[g.rnd.IntN(4)]
	}
	if depth == 0 && g.chance(0.1) {
		r.AlignAttr = []int64{1, 2, 4, 8, 16, 32}[g.rnd.IntN(6)]
	}
	nf := 1 + g.rnd.IntN(8)
	for i := 0; i < nf; i++ {
		r.Fields = append(r.Fields, g.field(r, depth))
	}
	return r
}

func (g *gen) field(parent *ir.Record, depth int) ir.Field {
	switch x := g.rnd.Float64(); {
	case x < 0.45:
		it := intTypes[g.rnd.IntN(len(intTypes))]
		w := g.rnd.Int64N(it.bits + 1)
		if g.chance(0.1) {
			w = it.bits
		}
		f := bf(g.id("f"), it.t, w)
		if w == 0 || g.chance(0.1) {
			f.Name = ""
		}
		if f.Name != "" && g.chance(0.05) {
			f.AlignAttr = []int64{1, 2, 4, 8}[g.rnd.IntN(4)]
		}
		if g.chance(0.05) {
			f.Packed = true
		}
		return f
	case x < 0.55 && depth < 2:
		sub := g.record(depth+1, parent.PragmaPack)
		g.decls = append(g.decls, sub)
		k := ir.RefStruct
		if sub.Union {
			k = ir.RefUnion
		}
		name := ""
		if g.chance(0.3) {
			name = g.id("f")
		}
		return fld(name, ir.Named(k, sub.Name))
	case x < 0.65 && len(g.prev) > 0:
		p := g.prev[g.rnd.IntN(len(g.prev))]
		k := ir.RefStruct
		if p.Union {
			k = ir.RefUnion
		}
		return fld(g.id("f"), ir.Named(k, p.Name))
	}
	t := g.scalar()
	if g.chance(0.15) && t.Kind == ir.KindPrim {
		t = arr(t, 1+g.rnd.Int64N(4))
	}
	f := fld(g.id("f"), t)
	if g.chance(0.08) {
		f.AlignAttr = []int64{1, 2, 4, 8, 16}[g.rnd.IntN(5)]
	}
	if g.chance(0.08) {
		f.Packed = true
	}
	return f
}

func TestRandomAgainstGCC(t *testing.T) {
	for _, seed := range seeds() {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			checkWithGCC(t, randomModule(seed, 150), nil, false)
		})
	}
}

// seeds are the random modules checked; FERRY_LAYOUT_SEEDS=N checks N more
// (for hunting disagreements by hand).
func seeds() []uint64 {
	s := []uint64{1, 2}
	if n, err := strconv.Atoi(os.Getenv("FERRY_LAYOUT_SEEDS")); err == nil {
		for i := 0; i < n; i++ {
			s = append(s, uint64(100+i))
		}
	}
	return s
}
