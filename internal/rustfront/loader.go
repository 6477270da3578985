package rustfront

import (
	"os"
	"path/filepath"
	"strings"

	"ferry/internal/diag"
	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// unit is one module's item list: a file's source_file node or an inline
// module's declaration_list.
type unit struct {
	f    *file
	list *sitter.Node
	path string // module path inside the crate, "" for the root
	// dir is where `mod x;` items of this unit look for x.rs / x/mod.rs.
	dir string
	// uses maps a name brought into scope by `use` to its full path.
	uses map[string]string
	// globs lists the paths of `use path::*`.
	globs []string
	// subs maps a mod_item's start byte to the unit it opens.
	subs map[uint]*unit
	// enumType is set when the module is an enum in the module-of-consts
	// shape: its `type Type = <integer>;` item (see modenum.go).
	enumType *sitter.Node
}

// typeInfo is what the crate declares under one type name.
type typeInfo struct {
	kind ir.RefKind
	node *sitter.Node
	u    *unit
	// generic struct with one field of its type parameter (a storage
	// wrapper such as __BindgenBitfieldUnit<Storage>): references resolve
	// to the argument type.
	wrapper bool
	// flex: a generic zero-sized stand-in for a flexible array member
	// (__IncompleteArrayField<T>): references read as [T; 0].
	flex bool
	// modEnum: a module in the module-of-consts enum shape; node is its
	// `type Type` item and u the module.
	modEnum bool
}

// loader holds the state of reading one crate (or one file).
type loader struct {
	opts   Options
	diags  *diag.List
	files  []*file
	units  []*unit
	root   *unit
	follow bool // follow `mod x;` to files

	types map[string]*typeInfo
	// newtypes are #[repr(transparent)] structs with associated consts of
	// their own type, read as enums: name → consts in order.
	newtypes map[string][]constItem
	fns      map[string]fnItem    // every fn of the crate by name (for panic analysis)
	consts   map[string]constItem // crate consts by name (for evaluation)
	foreign  map[string]bool      // functions declared in extern blocks

	// mono holds generic instantiations (see generics.go); nil until one.
	mono *monoState

	evaluating map[string]bool
	panicMemo  map[string]*panicResult
	m          *ir.Module
}

type constItem struct {
	node *sitter.Node
	u    *unit
}

type fnItem struct {
	node *sitter.Node
	u    *unit
}

func newLoader(opts Options, diags *diag.List) *loader {
	if diags == nil {
		diags = &diag.List{}
	}
	return &loader{
		opts: opts, diags: diags,
		types: map[string]*typeInfo{}, newtypes: map[string][]constItem{},
		fns: map[string]fnItem{}, consts: map[string]constItem{}, foreign: map[string]bool{},
		evaluating: map[string]bool{}, panicMemo: map[string]*panicResult{},
	}
}

func (l *loader) close() {
	for _, f := range l.files {
		f.tree.Close()
	}
}

func (l *loader) addRoot(path string, src []byte, follow bool) {
	l.follow = follow
	f := parse(path, src, l.diags)
	l.files = append(l.files, f)
	l.root = l.newUnit(f, f.tree.RootNode(), "", filepath.Dir(path))
}

// newUnit registers a module and, recursively, its submodules.
func (l *loader) newUnit(f *file, list *sitter.Node, path, dir string) *unit {
	u := &unit{f: f, list: list, path: path, dir: dir, uses: map[string]string{}, subs: map[uint]*unit{}}
	l.units = append(l.units, u)
	for i := uint(0); i < list.NamedChildCount(); i++ {
		it := list.NamedChild(i)
		if it.Kind() != "mod_item" {
			continue
		}
		name := f.text(it.ChildByFieldName("name"))
		sub := joinPath(path, name)
		attrs := l.attrsBefore(f, list, i)
		if body := it.ChildByFieldName("body"); body != nil {
			u.subs[it.StartByte()] = l.newUnit(f, body, sub, filepath.Join(dir, name))
			continue
		}
		if !l.follow {
			continue
		}
		var cands []string
		if p := attrs.path; p != "" {
			cands = []string{filepath.Join(dir, p)}
		} else {
			cands = []string{filepath.Join(dir, name+".rs"), filepath.Join(dir, name, "mod.rs")}
		}
		found := false
		for _, c := range cands {
			src, err := os.ReadFile(c)
			if err != nil {
				continue
			}
			nf := parse(c, src, l.diags)
			l.files = append(l.files, nf)
			// A non-mod.rs file's children live in a directory named after it.
			subdir := filepath.Dir(c)
			if filepath.Base(c) != "mod.rs" {
				subdir = strings.TrimSuffix(c, ".rs")
			}
			u.subs[it.StartByte()] = l.newUnit(nf, nf.tree.RootNode(), sub, subdir)
			found = true
			break
		}
		if !found {
			l.diags.Warnf(f.pos(it), CodeModMissing, "module file for `mod %s;` not found (tried %s)", name, strings.Join(cands, ", "))
		}
	}
	return u
}

func joinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "::" + b
}

// build runs the collection pass over every unit, then converts items.
func (l *loader) build() *ir.Module {
	t := l.opts.Target
	if t == nil {
		t = ir.X86_64Linux()
	}
	l.m = &ir.Module{Target: t}
	for _, f := range l.files {
		l.m.Files = append(l.m.Files, f.path)
	}
	for _, u := range l.units {
		l.collect(u)
	}
	l.markNewtypeEnums()
	l.convertUnit(l.root)
	return l.m
}
