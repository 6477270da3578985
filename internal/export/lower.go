package export

import (
	"fmt"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// lowerer turns a Rust module's exported surface into C-shaped IR.
type lowerer struct {
	cfg   *Config
	diags *diag.List
	src   *ir.Module
	ix    *ir.Index

	// cname maps a type's bare Rust name (as rustfront's references spell
	// it) to its C name.
	cname map[string]string
	// typeDecl is the declaration a bare name resolves to (first wins, as in
	// rustfront).
	typeDecl map[string]ir.Decl
	excluded map[ir.Decl]bool

	out    *ir.Module
	cond   map[ir.Decl]string
	cfgMap *cfgMapper
	// opaque holds the forward-only records made for types reached through
	// pointers, by C name.
	opaque map[string]*ir.Record
	tdMemo map[string]*ir.Type // lowered typedef targets; nil = not lowerable
	tdBusy map[string]bool
	// done holds, per source declaration reached, why it cannot be written
	// ("" when it can); lowered its C form.
	done map[ir.Decl]problem
	// helpers are the Rust helper functions the shims use; handleFrees the
	// free functions already generated for boxed handle types.
	helpers     map[string]bool
	handleFrees map[string]bool
	lowered     map[ir.Decl]ir.Decl
	// byName lists the type declarations of each bare name; curMod is the
	// module of the item being lowered, which decides between same-named
	// types of different modules (rustfront's references are bare names).
	byName map[string][]ir.Decl
	curMod string
}

// inModule makes mod the module references are resolved from, until the
// returned function restores the previous one.
func (l *lowerer) inModule(mod string) func() {
	prev := l.curMod
	l.curMod = mod
	return func() { l.curMod = prev }
}

// lookup resolves a bare type reference. When modules declare the name
// more than once, the copy in the referring item's module wins; a
// reference from elsewhere is ambiguous (reported, never guessed).
func (l *lowerer) lookup(r ir.TypeRef) (ir.Decl, problem) {
	ds := l.byName[r.Name]
	mods := map[string]bool{}
	for _, d := range ds {
		mods[d.DeclCommon().Module] = true
	}
	if len(mods) < 2 {
		return l.ix.Lookup(r), ""
	}
	var pick ir.Decl
	for _, d := range ds {
		if d.DeclCommon().Module != l.curMod {
			continue
		}
		if rr, ok := ir.RefOf(d); ok && rr.Kind == r.Kind {
			if rec, ok := d.(*ir.Record); ok && !rec.Complete && pick != nil {
				continue
			}
			pick = d
		}
	}
	if pick == nil {
		return nil, problem(fmt.Sprintf("`%s` is declared in several modules and ferry cannot tell which one %s means; rename one in Rust or refer to it from its own module", r.Name, modName(l.curMod)))
	}
	return pick, ""
}

// problem says why a type cannot cross; "" means it can.
type problem string

func newLowerer(m *ir.Module, cfg *Config, diags *diag.List) *lowerer {
	l := &lowerer{
		cfg: cfg, diags: diags, src: m, ix: ir.NewIndex(m),
		cname: map[string]string{}, typeDecl: map[string]ir.Decl{}, excluded: map[ir.Decl]bool{},
		out:    &ir.Module{Target: m.Target, Files: m.Files},
		cond:   map[ir.Decl]string{},
		cfgMap: newCfgMapper(cfg.Cfg),
		opaque: map[string]*ir.Record{}, tdMemo: map[string]*ir.Type{}, tdBusy: map[string]bool{},
		done: map[ir.Decl]problem{}, helpers: map[string]bool{}, handleFrees: map[string]bool{}, lowered: map[ir.Decl]ir.Decl{},
	}
	l.names()
	return l
}

// path is an item's module path plus name, as config keys spell it.
func path(c *ir.Common) string {
	if c.Module == "" {
		return c.Name
	}
	return c.Module + "::" + c.Name
}

// names applies renames and exclusions and reports same-named types of
// different modules that no rename separates.
func (l *lowerer) names() {
	rename := map[string]string{}
	for k, v := range l.cfg.Rename {
		rename[strings.TrimPrefix(k, "crate::")] = v
	}
	exclude := map[string]bool{}
	for _, k := range l.cfg.Exclude {
		exclude[strings.TrimPrefix(k, "crate::")] = true
	}
	usedRename := map[string]bool{}
	byName := map[string][]ir.Decl{}
	for _, d := range l.src.Decls {
		c := d.DeclCommon()
		if exclude[path(c)] {
			l.excluded[d] = true
			continue
		}
		switch d := d.(type) {
		case *ir.Record:
			if d.Anonymous {
				continue
			}
		case *ir.Enum, *ir.Typedef:
		default:
			continue
		}
		if _, ok := l.typeDecl[c.Name]; !ok {
			l.typeDecl[c.Name] = d
		}
		byName[c.Name] = append(byName[c.Name], d)
	}
	l.byName = byName
	for name, ds := range byName {
		first := ds[0]
		c := first.DeclCommon()
		cn := name
		if r, ok := rename[path(c)]; ok {
			cn = r
			usedRename[path(c)] = true
		}
		l.cname[name] = cn
		// A name declared in two modules: every copy but the first needs a
		// rename, or the header would silently merge two types.
		for _, d := range ds[1:] {
			dc := d.DeclCommon()
			if dc.Module == c.Module {
				continue // a forward declaration and its definition, or cfg variants
			}
			if _, ok := rename[path(dc)]; ok {
				usedRename[path(dc)] = true
				continue
			}
			if _, ok := rename[path(c)]; ok {
				continue
			}
			dg := l.diags.Errorf(dc.Pos, CodeCollision, "type `%s` is declared in module `%s` and in module `%s`; C has one namespace for both", name, modName(c.Module), modName(dc.Module))
			dg.Notes = append(dg.Notes, diag.Related{Pos: c.Pos, Message: "first declared here"})
			dg.Help = "add `[export.rename] \"" + path(dc) + "\" = \"NewName\"` to ferry.toml, or rename one type"
		}
	}
	for k := range rename {
		if !usedRename[k] {
			l.diags.Warnf(diag.Pos{}, CodeBadRename, "[export.rename] key %q names no type of the crate", k)
		}
	}
}

func modName(m string) string {
	if m == "" {
		return "crate"
	}
	return "crate::" + m
}

// declName is the C name of a type declaration (a renamed second copy of a
// colliding name gets its own rename).
func (l *lowerer) declName(d ir.Decl) string {
	c := d.DeclCommon()
	for k, v := range l.cfg.Rename {
		if strings.TrimPrefix(k, "crate::") == path(c) {
			return v
		}
	}
	if n, ok := l.cname[c.Name]; ok && l.typeDecl[c.Name] == d {
		return n
	}
	return c.Name
}

// refName is the C name a bare Rust type name refers to.
func (l *lowerer) refName(name string) string {
	if n, ok := l.cname[name]; ok {
		return n
	}
	return name
}

func (l *lowerer) condOf(c *ir.Common) string {
	return l.cfgMap.cond(c.Cfg)
}

// ffiRecord reports whether r has a layout C can reproduce.
func ffiRecord(r *ir.Record) bool {
	if !r.Complete {
		return false
	}
	for _, x := range r.Repr {
		if x == "C" || x == "transparent" {
			return true
		}
		if intRepr(x) {
			return true
		}
	}
	return false
}

func intRepr(x string) bool {
	switch x {
	case "u8", "i8", "u16", "i16", "u32", "i32", "u64", "i64", "usize", "isize", "u128", "i128":
		return true
	}
	return false
}

func hasRepr(rs []string, r string) bool {
	for _, x := range rs {
		if x == r {
			return true
		}
	}
	return false
}

// ffiEnum reports whether e has a C layout: a repr on a Rust enum, or the
// transparent newtype form (always integer-backed).
func ffiEnum(e *ir.Enum) bool {
	if !e.RustEnum {
		return true
	}
	for _, x := range e.Repr {
		if x == "C" || intRepr(x) {
			return true
		}
	}
	return false
}

// transparentField returns the one non-zero-sized field of a
// repr(transparent) record.
func transparentField(r *ir.Record) *ir.Field {
	var got *ir.Field
	for i := range r.Fields {
		f := &r.Fields[i]
		if f.Type != nil && f.Type.Kind == ir.KindArray && f.Type.Len == 0 {
			continue // PhantomData and other zero-sized markers
		}
		if got != nil {
			return nil
		}
		got = f
	}
	return got
}
