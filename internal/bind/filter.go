package bind

import (
	"regexp"

	"ferry/internal/ir"
)

// Filter applies --allow and --block. With allow patterns, only matching
// declarations are kept, plus the types they need; block patterns drop
// matching declarations even when something needs them (the user then
// provides them, as with bindgen's blocklist).
func Filter(m *ir.Module, allow, block []*regexp.Regexp) *ir.Module {
	blocked := func(d ir.Decl) bool { return matchAny(block, d.DeclName()) }
	keep := func(d ir.Decl) bool {
		if blocked(d) {
			return false
		}
		return len(allow) == 0 || matchAny(allow, d.DeclName())
	}
	decls := ir.Closure(m, keep)
	out := *m
	out.Decls = decls[:0:0]
	for _, d := range decls {
		if !blocked(d) {
			out.Decls = append(out.Decls, d)
		}
	}
	return &out
}
