package rustfront

import (
	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// implFns reads the #[no_mangle] functions of an inherent impl block
// (`impl Counter { #[no_mangle] pub extern "C" fn counter_new() ... }`):
// their symbols are as global as a free function's. Methods without an
// unmangled symbol are Rust API, not read. `Self` in their signatures
// means the impl's type.
func (l *loader) implFns(u *unit, it *sitter.Node) {
	if it.ChildByFieldName("trait") != nil || it.ChildByFieldName("type_parameters") != nil {
		return
	}
	body := it.ChildByFieldName("body")
	if body == nil {
		return
	}
	if l.mono == nil {
		l.mono = &monoState{done: map[string]string{}}
	}
	saved := l.mono.subst
	defer func() { l.mono.subst = saved }()
	l.mono.subst = map[string]*ir.Type{"Self": l.typ(it.ChildByFieldName("type"), u)}
	self := l.mono.subst["Self"]
	// A transparent newtype's consts of its own type are its enum values
	// (see newtypeEnum); other consts are read only for export.
	newtypeEnum := self.Kind == ir.KindNamed && self.Ref.Kind == ir.RefEnum
	for i := uint(0); i < body.NamedChildCount(); i++ {
		c := body.NamedChild(i)
		switch c.Kind() {
		case "function_item":
			if a := l.attrsBefore(u.f, body, i); a.noMangle {
				l.fnItem(u, c, a)
			}
		case "const_item":
			if l.opts.Aggregates && self.Kind == ir.KindNamed && !newtypeEnum {
				l.implConst(u, c, l.attrsBefore(u.f, body, i), self.Ref.Name)
			}
		}
	}
}
