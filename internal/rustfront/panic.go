package rustfront

import (
	"strings"

	"ferry/internal/diag"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// panicResult is whether a fn body may panic, and where first.
type panicResult struct {
	may bool
	pos diag.Pos
	why string
}

// panicMacros always or conditionally panic.
var panicMacros = map[string]bool{
	"panic": true, "unreachable": true, "todo": true, "unimplemented": true,
	"assert": true, "assert_eq": true, "assert_ne": true,
	"debug_assert": true, "debug_assert_eq": true, "debug_assert_ne": true,
}

// panicMethods are std methods documented to panic on some input.
var panicMethods = map[string]bool{
	"unwrap": true, "expect": true, "unwrap_err": true, "expect_err": true,
	"split_at": true, "split_at_mut": true, "copy_from_slice": true, "clone_from_slice": true,
	"swap_remove": true, "split_off": true,
	"borrow_mut": true, "step_by": true, "chunks": true, "chunks_exact": true,
	"windows": true, "copy_within": true, "rotate_left": true, "rotate_right": true,
	"div_euclid": true, "rem_euclid": true,
}

// mayPanic analyses fn name's body: it may panic if it reaches a panicking
// macro, a panicking std method, an index expression, or a call to a crate
// fn that may panic, or an unknown non-std fn; unless the body calls
// catch_unwind, which ferry takes to wrap the work.
func (l *loader) mayPanic(name string, it *sitter.Node, u *unit) panicResult {
	key := u.path + "::" + name + "@" + u.f.path
	if r, ok := l.panicMemo[key]; ok {
		if r == nil { // recursion: assume the best, the other path decides
			return panicResult{}
		}
		return *r
	}
	l.panicMemo[key] = nil
	body := it.ChildByFieldName("body")
	var r panicResult
	if body != nil && !l.callsCatchUnwind(u.f, body) {
		r = l.walkPanic(body, u)
	}
	l.panicMemo[key] = &r
	return r
}

func (l *loader) callsCatchUnwind(f *file, n *sitter.Node) bool {
	return strings.Contains(f.text(n), "catch_unwind")
}

func (l *loader) walkPanic(n *sitter.Node, u *unit) panicResult {
	f := u.f
	switch n.Kind() {
	case "macro_invocation":
		m := f.text(n.ChildByFieldName("macro"))
		m = m[strings.LastIndex(m, ":")+1:]
		if panicMacros[m] {
			return panicResult{true, f.pos(n), m + "!"}
		}
		// Macro arguments are token trees: look for `.unwrap(` and the like.
		if r := l.tokensPanic(n, u); r.may {
			return r
		}
		return panicResult{}
	case "index_expression":
		return panicResult{true, f.pos(n), "indexing"}
	case "closure_expression":
		// A closure's body runs when called; calls are analysed where known.
	case "function_item":
		return panicResult{} // a nested fn is analysed only if called
	case "call_expression":
		fn := n.ChildByFieldName("function")
		if r := l.callPanics(fn, u); r.may {
			r.pos = f.pos(n)
			return r
		}
	}
	for i := uint(0); i < n.NamedChildCount(); i++ {
		if r := l.walkPanic(n.NamedChild(i), u); r.may {
			return r
		}
	}
	return panicResult{}
}

func (l *loader) tokensPanic(n *sitter.Node, u *unit) panicResult {
	f := u.f
	for i := uint(0); i < n.ChildCount(); i++ {
		c := n.Child(i)
		if c.Kind() == "token_tree" {
			if r := l.tokensPanic(c, u); r.may {
				return r
			}
			continue
		}
		if c.Kind() == "identifier" && panicMethods[f.text(c)] {
			if p := c.PrevSibling(); p != nil && f.text(p) == "." {
				return panicResult{true, f.pos(c), "." + f.text(c) + "()"}
			}
		}
		if c.Kind() == "identifier" && panicMacros[f.text(c)] {
			if nx := c.NextSibling(); nx != nil && f.text(nx) == "!" {
				return panicResult{true, f.pos(c), f.text(c) + "!"}
			}
		}
	}
	return panicResult{}
}

// callPanics decides whether calling fn (the callee expression) may panic.
func (l *loader) callPanics(fn *sitter.Node, u *unit) panicResult {
	if fn == nil {
		return panicResult{}
	}
	f := u.f
	switch fn.Kind() {
	case "field_expression": // a method call
		m := f.text(fn.ChildByFieldName("field"))
		if panicMethods[m] {
			return panicResult{may: true, why: "." + m + "()"}
		}
		if fi, ok := l.fns[m]; ok {
			if r := l.mayPanic(m, fi.node, fi.u); r.may {
				return panicResult{may: true, why: "call to " + m}
			}
		}
		return panicResult{}
	case "identifier":
		name := f.text(fn)
		if l.foreign[name] {
			return panicResult{}
		}
		if fi, ok := l.fns[name]; ok {
			if abiOf(fi.u.f, childOfKind(fi.node, "function_modifiers")) != "Rust" && !strings.HasSuffix(abiOf(fi.u.f, childOfKind(fi.node, "function_modifiers")), "unwind") {
				// another extern "C" fn: its own panics abort there
				return panicResult{}
			}
			if r := l.mayPanic(name, fi.node, fi.u); r.may {
				return panicResult{may: true, why: "call to " + name}
			}
			return panicResult{}
		}
		if full, ok := u.uses[name]; ok && isForeignPath(full) {
			return panicResult{}
		}
		if l.types[name] != nil || isPrelude(name) {
			return panicResult{} // a tuple struct or variant constructor
		}
		return panicResult{may: true, why: "call to " + name + ", which ferry cannot see"}
	case "scoped_identifier", "generic_function":
		path := f.text(fn)
		if fn.Kind() == "generic_function" {
			path = f.text(fn.ChildByFieldName("function"))
		}
		segs := strings.Split(strings.TrimPrefix(path, "::"), "::")
		last := segs[len(segs)-1]
		if full, ok := u.uses[segs[0]]; ok {
			segs = append(strings.Split(full, "::"), segs[1:]...)
		}
		head := segs[0]
		if isForeignPath(head) || stdTypes[head] || rustPrims[head] != 0 || l.types[head] != nil || head == "Self" {
			if panicMethods[last] {
				return panicResult{may: true, why: last}
			}
			if fi, ok := l.fns[last]; ok && (l.types[head] != nil || head == "Self") {
				if r := l.mayPanic(last, fi.node, fi.u); r.may {
					return panicResult{may: true, why: "call to " + path}
				}
			}
			return panicResult{}
		}
		if head == "crate" || head == "self" || head == "super" || l.isLocalModule(head) {
			if l.foreign[last] {
				return panicResult{}
			}
			if fi, ok := l.fns[last]; ok {
				if r := l.mayPanic(last, fi.node, fi.u); r.may {
					return panicResult{may: true, why: "call to " + path}
				}
				return panicResult{}
			}
		}
		return panicResult{may: true, why: "call to " + path + ", which ferry cannot see"}
	}
	return panicResult{}
}

// stdTypes are std type names whose associated functions are std code.
var stdTypes = map[string]bool{
	"CStr": true, "CString": true, "Box": true, "Vec": true, "String": true, "Option": true,
	"Result": true, "NonNull": true, "ptr": true, "slice": true, "mem": true, "str": true,
	"OsStr": true, "OsString": true, "Path": true, "PathBuf": true, "Rc": true, "Arc": true,
	"Cell": true, "RefCell": true, "MaybeUninit": true, "ManuallyDrop": true, "PhantomData": true,
	"Default": true, "From": true, "Into": true, "TryFrom": true, "TryInto": true, "AsRef": true,
	"process": true, "panic": true, "ffi": true, "io": true, "fmt": true, "iter": true,
}

func isPrelude(name string) bool {
	switch name {
	case "Some", "Ok", "Err", "drop", "Box", "Vec", "String", "None":
		return true
	}
	return false
}
