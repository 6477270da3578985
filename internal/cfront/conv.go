package cfront

import (
	"cmp"
	"slices"
	"strconv"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// item is one converted declaration with its sort key: the file's open
// index and the offset of the outermost declaration it came from, then the
// order of production (nested records come before their users).
type item struct {
	decl   ir.Decl
	file   int
	off    int
	seq    int
	origin ir.Origin
	warns  []*diag.Diagnostic // reported only if the declaration is kept
	// keep makes a system declaration a root (system macros that kept
	// macros use).
	keep bool
}

// key places a declaration in the output order.
type key struct {
	file, off int
	origin    ir.Origin
	pos       diag.Pos
}

// conv turns a cc/v4 syntax tree into IR declarations.
type conv struct {
	ast     *cc.AST
	fs      *overlayFS
	origin  map[string]ir.Origin
	target  *ir.Target
	all     bool
	checked bool // Translate succeeded: expression values are known
	diags   *diag.List

	items   []*item
	nseq    int
	records map[*cc.StructOrUnionSpecifier]*ir.Record
	enums   map[*cc.EnumSpecifier]*ir.Enum
	used    map[string]bool // synthesized names in use
	enumVal map[string]int64

	// System declarations, converted only when referenced.
	sysTypedefs map[string]*cc.Declaration
	sysTags     map[string]*cc.Declaration
	done        map[*cc.Declaration]bool
	tagMention  map[ir.TypeRef]key // first mention of a tag, for forward decls

	pack packState
	// macrosDone is closed when evalMacros is through; kept delivers the
	// macros to convert, in order, in chunks whose values are known.
	macrosDone chan struct{}
	kept       chan []keptMacro
	macroPanic any
	// cur is the key of the top-level declaration being converted: nested
	// records and enums are placed with it.
	cur key
	// warn collects diagnostics for the item being converted.
	warn []*diag.Diagnostic
	// needVaList is set when __builtin_va_list is referenced.
	needVaList bool
	// tsArena backs the type specifier lists of flattened specifiers.
	tsArena []*cc.TypeSpecifier
	strs    map[string]string // str's interned spellings
}

func newConv(ast *cc.AST, fs *overlayFS, origin map[string]ir.Origin, t *ir.Target, all, checked bool, diags *diag.List) *conv {
	return &conv{
		ast: ast, fs: fs, origin: origin, target: t, all: all, checked: checked, diags: diags,
		records: map[*cc.StructOrUnionSpecifier]*ir.Record{}, enums: map[*cc.EnumSpecifier]*ir.Enum{},
		used: map[string]bool{}, enumVal: map[string]int64{},
		sysTypedefs: map[string]*cc.Declaration{}, sysTags: map[string]*cc.Declaration{},
		done: map[*cc.Declaration]bool{}, tagMention: map[ir.TypeRef]key{},
	}
}

// keyOf returns the key of a token's position.
func (c *conv) keyOf(t cc.Token) key {
	p := t.Position()
	k := key{file: -1, off: p.Offset, origin: ir.FromSystem, pos: diag.Pos{File: p.Filename, Line: p.Line, Col: p.Column}}
	if f := c.fs.file(p.Filename); f != nil {
		k.file = f.index
	}
	if o, ok := c.origin[p.Filename]; ok {
		k.origin = o
	}
	return k
}

// add appends a converted declaration.
func (c *conv) add(d ir.Decl, k key) *item {
	it := &item{decl: d, file: k.file, off: k.off, seq: c.nseq, origin: k.origin, warns: c.warn}
	c.warn = nil
	c.nseq++
	setOrigin(d, k.origin)
	c.items = append(c.items, it)
	return it
}

func setOrigin(d ir.Decl, o ir.Origin) {
	switch d := d.(type) {
	case *ir.Function:
		d.Origin = o
	case *ir.Var:
		d.Origin = o
	case *ir.Typedef:
		d.Origin = o
	case *ir.Record:
		d.Origin = o
	case *ir.Enum:
		d.Origin = o
	case *ir.Const:
		d.Origin = o
	case *ir.Macro:
		d.Origin = o
	}
}

// warnf records a warning for the declaration being converted.
func (c *conv) warnf(p diag.Pos, code, format string, args ...any) {
	d := &diag.Diagnostic{Severity: diag.Warning, Code: code, Pos: p}
	d.Message = sprintf(format, args...)
	c.warn = append(c.warn, d)
}

// walk converts the translation unit: user declarations now, system ones
// indexed for conversion on demand.
func (c *conv) walk() {
	c.pack.collect(c)
	for l := c.ast.TranslationUnit; l != nil; l = l.TranslationUnit {
		ed := l.ExternalDeclaration
		if ed == nil {
			continue
		}
		switch ed.Case {
		case cc.ExternalDeclarationFuncDef:
			fd := ed.FunctionDefinition
			if fd == nil || fd.Declarator == nil {
				continue
			}
			if k := c.keyOf(firstTok(fd.DeclarationSpecifiers, fd.Declarator)); c.all || k.origin != ir.FromSystem {
				c.guard(k.pos, func() { c.funcDef(fd, k) })
			}
		case cc.ExternalDeclarationDecl:
			d := ed.Declaration
			if d == nil {
				continue
			}
			if d.Case == cc.DeclarationAssert {
				continue // pack markers: replayed by pack.collect
			}
			if d.Case != cc.DeclarationDecl || d.DeclarationSpecifiers == nil {
				continue
			}
			k := c.keyOf(firstTok(d.DeclarationSpecifiers, nil))
			if c.all || k.origin != ir.FromSystem {
				c.guard(k.pos, func() { c.declaration(d, k) })
			} else {
				c.index(d)
			}
		}
	}
}

// guard runs f, turning a panic into a warning: one declaration cc/v4 (or
// cfront) chokes on must not take the rest down.
func (c *conv) guard(p diag.Pos, f func()) {
	defer func() {
		if e := recover(); e != nil {
			c.diags.Warnf(p, codeInternal, "declaration skipped: internal error: %v", e)
		}
	}()
	f()
}

// index records a system declaration's typedef names and tags.
func (c *conv) index(d *cc.Declaration) {
	if tag, ok := c.specTag(d.DeclarationSpecifiers); ok {
		if old, ok := c.sysTags[tag]; !ok || !specIsDef(old.DeclarationSpecifiers) {
			c.sysTags[tag] = d
		}
	}
	if !isTypedef(d.DeclarationSpecifiers) {
		return
	}
	for l := d.InitDeclaratorList; l != nil; l = l.InitDeclaratorList {
		if id := l.InitDeclarator; id != nil && id.Declarator != nil {
			if n := c.str(id.Declarator.NameTok()); n != "" {
				if _, ok := c.sysTypedefs[n]; !ok {
					c.sysTypedefs[n] = d
				}
			}
		}
	}
}

// convertSys converts an indexed system declaration once.
func (c *conv) convertSys(d *cc.Declaration) {
	if d == nil || c.done[d] {
		return
	}
	c.done[d] = true
	k := c.keyOf(firstTok(d.DeclarationSpecifiers, nil))
	c.guard(k.pos, func() { c.declaration(d, k) })
}

// specTag returns the tag a declaration's specifiers name or define.
func (c *conv) specTag(ds *cc.DeclarationSpecifiers) (string, bool) {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ts := ds.TypeSpecifier; ts != nil {
			switch ts.Case {
			case cc.TypeSpecifierStructOrUnion:
				if s := ts.StructOrUnionSpecifier; s != nil && len(s.Token.Src()) != 0 {
					return c.str(s.Token), true
				}
			case cc.TypeSpecifierEnum:
				if s := ts.EnumSpecifier; s != nil && len(s.Token2.Src()) != 0 {
					return c.str(s.Token2), true
				}
			}
		}
	}
	return "", false
}

func specIsDef(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if ts := ds.TypeSpecifier; ts != nil {
			if s := ts.StructOrUnionSpecifier; s != nil && s.Case == cc.StructOrUnionSpecifierDef {
				return true
			}
			if s := ts.EnumSpecifier; s != nil && s.Case == cc.EnumSpecifierDef {
				return true
			}
		}
	}
	return false
}

func isTypedef(ds *cc.DeclarationSpecifiers) bool {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		if s := ds.StorageClassSpecifier; s != nil && s.Case == cc.StorageClassSpecifierTypedef {
			return true
		}
	}
	return false
}

// firstTok returns the first token of a declaration.
func firstTok(ds *cc.DeclarationSpecifiers, d *cc.Declarator) cc.Token {
	for ; ds != nil; ds = ds.DeclarationSpecifiers {
		switch ds.Case {
		case cc.DeclarationSpecifiersStorage:
			return ds.StorageClassSpecifier.Token
		case cc.DeclarationSpecifiersTypeSpec:
			return typeSpecTok(ds.TypeSpecifier)
		case cc.DeclarationSpecifiersTypeQual:
			if ds.TypeQualifier.Case == cc.TypeQualifierAttr {
				if l := ds.TypeQualifier.AttributeSpecifierList; l != nil && l.AttributeSpecifier != nil {
					return l.AttributeSpecifier.Token
				}
				continue
			}
			return ds.TypeQualifier.Token
		case cc.DeclarationSpecifiersFunc:
			return ds.FunctionSpecifier.Token
		case cc.DeclarationSpecifiersAlignSpec:
			return ds.AlignmentSpecifier.Token
		case cc.DeclarationSpecifiersAttr:
			if l := ds.AttributeSpecifierList; l != nil && l.AttributeSpecifier != nil {
				return l.AttributeSpecifier.Token
			}
		}
	}
	if d != nil {
		return d.NameTok()
	}
	return cc.Token{}
}

func typeSpecTok(ts *cc.TypeSpecifier) cc.Token {
	switch {
	case ts == nil:
		return cc.Token{}
	case ts.StructOrUnionSpecifier != nil && ts.StructOrUnionSpecifier.StructOrUnion != nil:
		return ts.StructOrUnionSpecifier.StructOrUnion.Token
	case ts.EnumSpecifier != nil:
		return ts.EnumSpecifier.Token
	case ts.AtomicTypeSpecifier != nil:
		return ts.AtomicTypeSpecifier.Token
	}
	return ts.Token
}

// str returns a token's source text, one string per distinct spelling:
// the same identifiers recur in every declaration that uses them. It
// copies (Token.SrcStr is a view into the file's text): the module's
// names must not keep the headers' text alive (SDL2: about 3 MB of peak
// RSS, median of six runs).
func (c *conv) str(t cc.Token) string {
	b := t.Src()
	if len(b) == 0 {
		return ""
	}
	if s, ok := c.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if c.strs == nil {
		c.strs = map[string]string{}
	}
	c.strs[s] = s
	return s
}

// posOf converts a token's position.
func posOf(t cc.Token) diag.Pos {
	p := t.Position()
	return diag.Pos{File: p.Filename, Line: p.Line, Col: p.Column}
}

// anonName returns a unique synthesized name based on base, avoiding the
// names of real tags.
func (c *conv) anonName(base string) string {
	n := base
	if c.isTag(n) {
		n = base + "__anon"
	}
	for i := 1; c.used[n] || c.isTag(n); i++ {
		n = base + "_" + strconv.Itoa(i)
	}
	c.used[n] = true
	return n
}

// isTag reports whether the translation unit declares a tag named n.
func (c *conv) isTag(n string) bool {
	if c.ast.Scope == nil {
		return false
	}
	for _, x := range c.ast.Scope.Nodes[n] {
		switch x := x.(type) {
		case *cc.StructOrUnionSpecifier:
			if x.Token.SrcStr() == n {
				return true
			}
		case *cc.EnumSpecifier:
			if x.Token2.SrcStr() == n {
				return true
			}
		}
	}
	return false
}

// sortItems orders items by file open order, offset, then production
// (seq is unique, so the order is total and a stable sort is not needed).
func sortItems(items []*item) {
	slices.SortFunc(items, func(a, b *item) int {
		if a.file != b.file {
			return cmp.Compare(a.file, b.file)
		}
		if a.off != b.off {
			return cmp.Compare(a.off, b.off)
		}
		return cmp.Compare(a.seq, b.seq)
	})
}
