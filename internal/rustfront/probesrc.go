package rustfront

import (
	"os"
	"path/filepath"

	"ferry/internal/diag"
	sitter "github.com/tree-sitter/go-tree-sitter"
)

// ProbeSource returns the source of a crate root (a .rs file, or a crate
// directory's lib.rs/main.rs) rewritten so that it can be compiled as a
// module of another crate from another directory: inner attributes
// (`#![...]`, crate-level only) are blanked, and each `mod x;` gets a
// #[path] naming its file absolutely. ferry check --probe appends its
// probe function to this text, so the probe sees private items.
func ProbeSource(path string) ([]byte, error) {
	root, err := crateRoot(path)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(root)
	if err != nil {
		return nil, err
	}
	f := parse(root, src, &diag.List{})
	defer f.tree.Close()
	dir, _ := filepath.Abs(filepath.Dir(root))
	out := append([]byte(nil), f.src...)
	type ins struct {
		at   uint
		text string
	}
	var inserts []ins
	list := f.tree.RootNode()
	for i := uint(0); i < list.NamedChildCount(); i++ {
		it := list.NamedChild(i)
		switch it.Kind() {
		case "inner_attribute_item", "shebang":
			for b := it.StartByte(); b < it.EndByte(); b++ {
				if out[b] != '\n' {
					out[b] = ' '
				}
			}
		case "mod_item":
			if it.ChildByFieldName("body") != nil {
				continue
			}
			a := (&loader{}).attrsBefore(f, list, i)
			if a.path != "" {
				continue
			}
			name := f.text(it.ChildByFieldName("name"))
			p := filepath.Join(dir, name+".rs")
			if _, err := os.Stat(p); err != nil {
				p = filepath.Join(dir, name, "mod.rs")
			}
			inserts = append(inserts, ins{modStart(it), "#[path = " + quoteRust(p) + "] "})
		}
	}
	for k := len(inserts) - 1; k >= 0; k-- {
		in := inserts[k]
		out = append(out[:in.at], append([]byte(in.text), out[in.at:]...)...)
	}
	return out, nil
}

// modStart is where `mod` (after any visibility) starts.
func modStart(it *sitter.Node) uint {
	if v := namedChildOfKind(it, "visibility_modifier"); v != nil {
		return v.StartByte()
	}
	return it.StartByte()
}

func quoteRust(s string) string {
	b := []byte{'"'}
	for _, c := range []byte(s) {
		if c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return string(append(b, '"'))
}
