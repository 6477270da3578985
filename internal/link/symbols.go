package link

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"ferry/internal/ir"
)

// LibraryFile finds libNAME.so (or, failing that, libNAME.a) in dirs or
// where the C compiler would look, and returns its path, or "".
func LibraryFile(name string, dirs []string) string {
	for _, file := range []string{"lib" + name + ".so", "lib" + name + ".a"} {
		for _, d := range dirs {
			p := filepath.Join(d, file)
			if st, err := os.Stat(p); err == nil && !st.IsDir() {
				return p
			}
		}
		for _, cc := range []string{os.Getenv("CC"), "cc", "gcc"} {
			if cc == "" {
				continue
			}
			out, err := exec.Command(strings.Fields(cc)[0], "-print-file-name="+file).Output()
			if err != nil {
				continue
			}
			p := strings.TrimSpace(string(out))
			if filepath.IsAbs(p) {
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					return p
				}
			}
			break
		}
	}
	return ""
}

// ExportedSymbols lists the functions and data a library file defines, by
// `nm` (-D for a shared library). ok is false when nm cannot read it (no
// binutils, or a linker script such as libc.so).
func ExportedSymbols(file string) (syms map[string]bool, ok bool) {
	args := []string{"--defined-only", "-g"}
	if strings.Contains(filepath.Base(file), ".so") {
		args = append(args, "-D")
	}
	out, err := exec.Command("nm", append(args, file)...).Output()
	if err != nil {
		return nil, false
	}
	syms = map[string]bool{}
	for _, line := range bytes.Split(out, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) < 3 {
			continue
		}
		name, _, _ := strings.Cut(f[len(f)-1], "@")
		syms[name] = true
	}
	return syms, len(syms) > 0
}

// PlanLinkTest picks what the -sys crate's link test checks: a cheap
// version-like function to call, a few function addresses (only ones the
// library is known to export, so the test never fails on a header that
// declares more than the build provides), and a few record layouts.
func PlanLinkTest(m *ir.Module, exported map[string]bool) LinkTest {
	var t LinkTest
	ix := ir.NewIndex(m)
	for _, d := range m.Decls {
		f, ok := d.(*ir.Function)
		if !ok || f.Origin != ir.FromPrimary || f.Attrs.Inline || f.Attrs.Static || f.Type == nil || f.Body != "" || !plainIdent(f.Name) {
			continue
		}
		sym := f.Name
		if f.LinkName != "" {
			sym = f.LinkName
		}
		if exported == nil || !exported[sym] {
			continue
		}
		if t.VersionFn == "" && len(f.Type.Params) == 0 && !f.Type.Variadic && strings.Contains(strings.ToLower(f.Name), "version") {
			r := ix.Resolve(f.Type.Result)
			switch {
			case r.Kind == ir.KindPointer && r.Elem != nil && ix.Resolve(r.Elem).Kind == ir.KindPrim && ix.Resolve(r.Elem).Prim == ir.Char:
				t.VersionFn, t.VersionCStr = f.Name, true
			case r.Kind == ir.KindPrim && r.Prim.IsInteger():
				t.VersionFn = f.Name
			}
		}
		if len(t.Symbols) < 8 {
			t.Symbols = append(t.Symbols, f.Name)
		}
	}
	for _, d := range m.Decls {
		td, ok := d.(*ir.Typedef)
		if !ok || td.Origin != ir.FromPrimary || len(t.Layouts) >= 4 || !plainIdent(td.Name) {
			continue
		}
		r := ix.Resolve(td.Type)
		if r == nil || r.Kind != ir.KindNamed {
			continue
		}
		rec := ix.Record(r)
		if rec == nil || !rec.Complete || !rec.LayoutDone || rec.Layout.Size == 0 {
			continue
		}
		t.Layouts = append(t.Layouts, LayoutCheck{Type: td.Name, Size: rec.Layout.Size, Align: rec.Layout.Align})
	}
	return t
}

func plainIdent(s string) bool {
	switch s {
	case "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
		"if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
		"self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use",
		"where", "while", "async", "await", "dyn", "gen", "try", "box", "yield":
		return false
	}
	return s != ""
}

// GuessHeader finds the main header of a library when only its pkg-config
// name is given: NAME.h or PKG.h (also without a lib prefix or a trailing
// version number) in the include directories.
func GuessHeader(name, pkg string, dirs []string) (string, error) {
	var cands []string
	for _, base := range []string{name, pkg} {
		if base == "" {
			continue
		}
		cands = append(cands, base)
		trimmed := strings.TrimPrefix(base, "lib")
		cands = append(cands, trimmed, strings.TrimRight(trimmed, "0123456789.-"))
	}
	search := append(append([]string(nil), dirs...), "/usr/local/include", "/usr/include")
	for _, c := range cands {
		if c == "" {
			continue
		}
		for _, d := range search {
			for _, p := range []string{filepath.Join(d, c+".h"), filepath.Join(d, c, c+".h")} {
				if st, err := os.Stat(p); err == nil && !st.IsDir() {
					return p, nil
				}
			}
		}
	}
	return "", fmt.Errorf("cannot guess the header of %s; pass --header", firstNonEmpty(pkg, name))
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
