package rustfront

import (
	"bytes"
	"fmt"
	"os"

	"ferry/internal/diag"
	"ferry/internal/ir"

	sitter "github.com/tree-sitter/go-tree-sitter"
	rust "github.com/tree-sitter/tree-sitter-rust/bindings/go"
)

// Options configure the Rust front end. The zero value means defaults.
type Options struct {
	// Target is the data model recorded in the module (x86_64 Linux if nil).
	Target *ir.Target
	// Aggregates keeps consts of struct type (`const ORIGIN: Point =
	// Point { x: 0, y: 0 }`) and the consts of inherent impls as
	// ir.ConstAggregate / Type_NAME consts, for ferry export. Off, such
	// consts are skipped with a warning, as other consumers expect.
	Aggregates bool
}

// file is one parsed Rust source file. Its tree is closed by the loader.
type file struct {
	path string
	src  []byte
	tree *sitter.Tree
	// safeFns holds the start bytes of `safe fn` keywords blanked before
	// parsing: those foreign functions are safe to call.
	safeFns map[uint]bool
}

func (f *file) text(n *sitter.Node) string {
	if n == nil {
		return ""
	}
	return string(f.src[n.StartByte():n.EndByte()])
}

func (f *file) pos(n *sitter.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: f.path}
	}
	p := n.StartPosition()
	return diag.Pos{File: f.path, Line: int(p.Row) + 1, Col: int(p.Column) + 1}
}

// parse parses src, rewriting the Rust 2024 forms tree-sitter-rust 0.24
// predates: `unsafe extern "C" {` (the unsafe is blanked) and `safe fn` in
// an extern block (the safe is blanked and remembered). Blanking keeps every
// byte offset, so positions stay exact.
func parse(path string, src []byte, diags *diag.List) *file {
	p := sitter.NewParser()
	defer p.Close()
	p.SetLanguage(sitter.NewLanguage(rust.Language()))
	f := &file{path: path, src: bytes.Clone(src), safeFns: map[uint]bool{}}
	for attempt := 0; ; attempt++ {
		f.tree = p.Parse(f.src, nil)
		if attempt == 4 || !f.tree.RootNode().HasError() {
			break
		}
		if !f.patch2024(f.tree.RootNode()) {
			break
		}
		f.tree.Close()
	}
	f.reportErrors(f.tree.RootNode(), diags, new(int))
	return f
}

// patch2024 blanks `unsafe` before `extern` and `safe` before `fn` inside
// ERROR nodes; it reports whether it changed anything.
func (f *file) patch2024(n *sitter.Node) bool {
	changed := false
	if n.IsError() {
		for i := uint(0); i < n.ChildCount(); i++ {
			c := n.Child(i)
			next := n.Child(i + 1)
			switch {
			case c.Kind() == "unsafe" && next != nil && next.Kind() == "extern_modifier":
				f.blank(c)
				changed = true
			case c.Kind() == "identifier" && f.text(c) == "safe":
				f.safeFns[c.StartByte()] = true
				f.blank(c)
				changed = true
			}
		}
	}
	for i := uint(0); i < n.ChildCount(); i++ {
		if c := n.Child(i); c.HasError() || c.IsError() {
			if f.patch2024(c) {
				changed = true
			}
		}
	}
	return changed
}

func (f *file) blank(n *sitter.Node) {
	for i := n.StartByte(); i < n.EndByte(); i++ {
		f.src[i] = ' '
	}
}

// reportErrors adds one diagnostic per ERROR or MISSING node (at most 20 per
// file, so a binary file does not flood the output).
func (f *file) reportErrors(n *sitter.Node, diags *diag.List, count *int) {
	if *count >= 20 {
		return
	}
	switch {
	case n.IsMissing():
		*count++
		diags.Errorf(f.pos(n), CodeSyntax, "rust syntax error: missing %s", n.Kind())
		return
	case n.IsError():
		*count++
		t := f.text(n)
		if len(t) > 40 {
			t = t[:40] + "..."
		}
		diags.Errorf(f.pos(n), CodeSyntax, "rust syntax error near %q", t)
		return
	}
	if !n.HasError() {
		return
	}
	for i := uint(0); i < n.ChildCount(); i++ {
		f.reportErrors(n.Child(i), diags, count)
	}
}

// ParseFile reads one Rust source file into a module. `mod x;` declarations
// are not followed (use LoadCrate for that); inline modules are read.
func ParseFile(path string, src []byte, opts Options, diags *diag.List) (*ir.Module, error) {
	l := newLoader(opts, diags)
	defer l.close()
	l.addRoot(path, src, false)
	return l.build(), nil
}

// LoadCrate reads a crate into one module: dir/src/lib.rs or src/main.rs
// (or lib.rs / main.rs directly in dir), following `mod x;` to x.rs or
// x/mod.rs. dir may also name a .rs file, which is then the crate root.
func LoadCrate(dir string, opts Options, diags *diag.List) (*ir.Module, error) {
	root, err := crateRoot(dir)
	if err != nil {
		diags.Errorf(diag.Pos{File: dir}, CodeRead, "%v", err)
		return nil, err
	}
	src, err := os.ReadFile(root)
	if err != nil {
		diags.Errorf(diag.Pos{File: root}, CodeRead, "%v", err)
		return nil, err
	}
	l := newLoader(opts, diags)
	defer l.close()
	l.addRoot(root, src, true)
	return l.build(), nil
}

func crateRoot(dir string) (string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return "", fmt.Errorf("cannot read rust input: %v", err)
	}
	if !fi.IsDir() {
		return dir, nil
	}
	for _, c := range []string{"src/lib.rs", "src/main.rs", "lib.rs", "main.rs"} {
		p := dir + "/" + c
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("%s: no src/lib.rs or src/main.rs", dir)
}
