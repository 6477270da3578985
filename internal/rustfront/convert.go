package rustfront

import (
	"strings"

	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// convertUnit converts a unit's items in source order, descending into
// submodules where they are declared.
func (l *loader) convertUnit(u *unit) {
	f := u.f
	for i := uint(0); i < u.list.NamedChildCount(); i++ {
		it := u.list.NamedChild(i)
		kind := it.Kind()
		if kind == "attribute_item" || kind == "line_comment" || kind == "block_comment" {
			continue
		}
		a := l.attrsBefore(f, u.list, i)
		switch kind {
		case "mod_item":
			if sub := u.subs[it.StartByte()]; sub != nil {
				if sub.enumType != nil {
					l.moduleEnum(u, sub, it, a)
				} else {
					l.convertUnit(sub)
				}
			}
		case "foreign_mod_item":
			l.foreignMod(u, it, a)
		case "function_item":
			l.fnItem(u, it, a)
		case "impl_item":
			l.implFns(u, it)
		case "struct_item", "union_item":
			l.record(u, it, a)
		case "enum_item":
			l.enum(u, it, a)
		case "type_item":
			l.typeItem(u, it, a)
		case "const_item":
			l.constItem(u, it, a)
		case "static_item":
			v := l.static(u, it, a)
			v.Defined = true
			v.NoMangle = a.noMangle
			if a.exportName != "" {
				v.LinkName = a.exportName
			}
			l.m.Decls = append(l.m.Decls, v)
		}
	}
}

func (l *loader) common(u *unit, it *sitter.Node, a attrSet) ir.Common {
	c := ir.Common{
		Name:   u.f.text(it.ChildByFieldName("name")),
		Pos:    u.f.pos(it.ChildByFieldName("name")),
		Doc:    strings.Join(a.doc, "\n"),
		Origin: ir.FromRust,
		Module: u.path,
		Cfg:    strings.Join(a.cfg, " && "),
	}
	c.Attrs.Deprecated = a.deprecated
	c.Attrs.DeprecatedMsg = a.deprecatedMsg
	c.Attrs.MustUse = a.mustUse
	return c
}

func isPub(it *sitter.Node) bool { return namedChildOfKind(it, "visibility_modifier") != nil }

func (l *loader) foreignMod(u *unit, it *sitter.Node, blockAttrs attrSet) {
	f := u.f
	abi := "C"
	if em := childOfKind(it, "extern_modifier"); em != nil {
		if s := namedChildOfKind(em, "string_literal"); s != nil {
			abi = unquote(f.text(s))
		}
	}
	body := it.ChildByFieldName("body")
	if body == nil {
		return
	}
	for i := uint(0); i < body.NamedChildCount(); i++ {
		c := body.NamedChild(i)
		a := l.attrsBefore(f, body, i)
		if len(a.cfg) == 0 {
			a.cfg = blockAttrs.cfg
		} else {
			a.cfg = append(append([]string{}, blockAttrs.cfg...), a.cfg...)
		}
		switch c.Kind() {
		case "function_signature_item":
			fn := &ir.Function{Common: l.common(u, c, a), Type: l.funcType(c, u)}
			fn.Type.ABI = abi
			fn.LinkName = a.linkName
			fn.LinkLib = blockAttrs.link
			fn.IsPublic = isPub(c)
			fn.IsUnsafe = !l.isSafeFn(f, c)
			l.noReturn(fn)
			l.m.Decls = append(l.m.Decls, fn)
		case "static_item":
			v := l.static(u, c, a)
			v.LinkName = a.linkName
			v.LinkLib = blockAttrs.link
			l.m.Decls = append(l.m.Decls, v)
		}
	}
}

// isSafeFn reports whether a foreign fn was spelled `safe fn` (blanked
// before parsing, see parse).
func (l *loader) isSafeFn(f *file, c *sitter.Node) bool {
	for b := range f.safeFns {
		if b >= c.StartByte() && b < c.EndByte() {
			return true
		}
	}
	return false
}

// noReturn turns `-> !` into the NoReturn attribute on a void result.
func (l *loader) noReturn(fn *ir.Function) {
	if fn.Type.Result.IsRust(ir.RustNever) {
		fn.Type.Result = ir.PrimType(ir.Void)
		fn.Attrs.NoReturn = true
	}
}

func (l *loader) static(u *unit, it *sitter.Node, a attrSet) *ir.Var {
	return &ir.Var{
		Common:  l.common(u, it, a),
		Type:    l.typ(it.ChildByFieldName("type"), u),
		Mutable: childOfKind(it, "mutable_specifier") != nil,
	}
}

func (l *loader) fnItem(u *unit, it *sitter.Node, a attrSet) {
	f := u.f
	ft := l.funcType(it, u)
	pub := isPub(it)
	if ft.ABI == "Rust" && !pub && !a.noMangle {
		return // a private helper: not at any boundary
	}
	if it.ChildByFieldName("type_parameters") != nil && ft.ABI != "Rust" {
		l.diags.Warnf(f.pos(it.ChildByFieldName("name")), CodeUnsupported, "generic extern fn `%s` is not read", f.text(it.ChildByFieldName("name")))
		return
	}
	fn := &ir.Function{Common: l.common(u, it, a), Type: ft, HasBody: true, NoMangle: a.noMangle, IsPublic: pub}
	fn.LinkName = a.exportName
	if mods := childOfKind(it, "function_modifiers"); mods != nil && childOfKind(mods, "unsafe") != nil {
		fn.IsUnsafe = true
	}
	l.noReturn(fn)
	if ft.ABI != "Rust" && !strings.HasSuffix(ft.ABI, "-unwind") {
		if r := l.mayPanic(fn.Name, it, u); r.may {
			fn.MayPanic = true
			fn.PanicPos = r.pos
		}
	}
	l.m.Decls = append(l.m.Decls, fn)
}

func (l *loader) typeItem(u *unit, it *sitter.Node, a attrSet) {
	if it.ChildByFieldName("type_parameters") != nil {
		return
	}
	if u.enumType != nil && u.enumType.StartByte() == it.StartByte() {
		return // a module-consts enum's Type is the enum itself
	}
	l.m.Decls = append(l.m.Decls, &ir.Typedef{Common: l.common(u, it, a), Type: l.typ(it.ChildByFieldName("type"), u)})
}

func (l *loader) constItem(u *unit, it *sitter.Node, a attrSet) {
	f := u.f
	if f.text(it.ChildByFieldName("name")) == "_" {
		return // `const _: () = { assert!(..) };`: a compile-time check, not a constant
	}
	c := &ir.Const{Common: l.common(u, it, a), Type: l.typ(it.ChildByFieldName("type"), u)}
	val := it.ChildByFieldName("value")
	c.Expr = f.text(val)
	v, ok := l.eval(val, u)
	if !ok && l.opts.Aggregates {
		if ag := l.aggregate(val, u, 0); ag != nil {
			c.Kind, c.Fields = ir.ConstAggregate, ag.Fields
			l.m.Decls = append(l.m.Decls, c)
			return
		}
	}
	if !ok {
		l.diags.Warnf(c.Pos, CodeUnsupported, "value of const `%s` is not a constant expression ferry can evaluate", c.Name)
		return
	}
	if v.kind == ir.ConstInt || v.kind == ir.ConstChar {
		if p := l.primOf(c.Type); p != ir.PrimInvalid {
			v = castTo(v, ir.PrimType(p), l.m.Target)
		}
	}
	c.Kind, c.Int, c.Unsigned, c.Float, c.Str = v.kind, v.i, v.unsigned, v.f, v.s
	if c.Kind == ir.ConstString && len(c.Str) > 0 && c.Str[len(c.Str)-1] == 0 {
		c.Str = c.Str[:len(c.Str)-1] // the IR keeps strings without their NUL
	}
	l.m.Decls = append(l.m.Decls, c)
}
