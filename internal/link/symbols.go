package link

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
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
// version-like function (or variable) to call, a few function addresses
// (only ones the library is known to export, so the test never fails on a
// header that declares more than the build provides), and a few record
// layouts as the layout engine computed them. Declarations of the named
// headers come first, then their companions (sodium.h's sodium/*.h).
func PlanLinkTest(m *ir.Module, exported map[string]bool) LinkTest {
	var t LinkTest
	ix := ir.NewIndex(m)
	for _, origin := range []ir.Origin{ir.FromPrimary, ir.FromCompanion} {
		for _, d := range m.Decls {
			switch d := d.(type) {
			case *ir.Function:
				if d.Origin == origin {
					t.planFunc(ix, d, exported)
				}
			case *ir.Var:
				if d.Origin == origin {
					t.planVar(ix, d, exported)
				}
			}
		}
	}
	for _, origin := range []ir.Origin{ir.FromPrimary, ir.FromCompanion} {
		for _, d := range m.Decls {
			if len(t.Layouts) >= 6 {
				break
			}
			var name string
			var rec *ir.Record
			switch d := d.(type) {
			case *ir.Typedef:
				if r := ix.Resolve(d.Type); d.Origin == origin && r != nil && r.Kind == ir.KindNamed {
					name, rec = d.Name, ix.Record(r)
				}
			case *ir.Record:
				if d.Origin == origin && !d.Anonymous {
					name, rec = d.Name, d
				}
			}
			if rec == nil || !plainIdent(name) || !rec.Complete || !rec.LayoutDone || rec.Layout.Size == 0 || t.hasLayout(name, rec) {
				continue
			}
			t.Layouts = append(t.Layouts, LayoutCheck{Type: name, Size: rec.Layout.Size, Align: rec.Layout.Align})
		}
	}
	return t
}

// hasLayout reports whether a check of the same record (through another
// name) or of the same name is already planned.
func (t *LinkTest) hasLayout(name string, rec *ir.Record) bool {
	for _, l := range t.Layouts {
		if l.Type == name || l.Type == rec.Name || l.Type == rec.TypedefName {
			return true
		}
	}
	return false
}

func (t *LinkTest) planFunc(ix *ir.Index, f *ir.Function, exported map[string]bool) {
	if f.Attrs.Inline || f.Attrs.Static || f.Attrs.Deprecated || f.Type == nil || f.Body != "" || !plainIdent(f.Name) {
		return
	}
	sym := f.Name
	if f.LinkName != "" {
		sym = f.LinkName
	}
	if exported == nil || !exported[sym] {
		return
	}
	if t.VersionFn == "" && t.VersionVar == "" && len(f.Type.Params) == 0 && !f.Type.Variadic && strings.Contains(strings.ToLower(f.Name), "version") {
		r := ix.Resolve(f.Type.Result)
		switch {
		case r == nil:
		case isCharPtr(ix, r):
			t.VersionFn, t.VersionCStr = f.Name, true
		case r.Kind == ir.KindPointer:
			t.VersionFn, t.VersionPtr = f.Name, true
		case r.Kind == ir.KindPrim && r.Prim.IsInteger():
			t.VersionFn = f.Name
		}
	}
	if len(t.Symbols) < 8 {
		t.Symbols = append(t.Symbols, f.Name)
	}
}

// planVar takes a `const char *NAME_version` variable (gdbm_version,
// rl_library_version) as the value to read when there is no function.
func (t *LinkTest) planVar(ix *ir.Index, v *ir.Var, exported map[string]bool) {
	if t.VersionFn != "" || t.VersionVar != "" || v.ThreadLocal || !plainIdent(v.Name) || !strings.Contains(strings.ToLower(v.Name), "version") {
		return
	}
	sym := v.Name
	if v.LinkName != "" {
		sym = v.LinkName
	}
	if exported == nil || !exported[sym] {
		return
	}
	if r := ix.Resolve(v.Type); r != nil && isCharPtr(ix, r) {
		t.VersionVar = v.Name
	}
}

func isCharPtr(ix *ir.Index, r *ir.Type) bool {
	if r.Kind != ir.KindPointer || r.Elem == nil {
		return false
	}
	e := ix.Resolve(r.Elem)
	return e != nil && e.Kind == ir.KindPrim && e.Prim == ir.Char
}

// Declared keeps the checks whose names the bindings define, so the test
// never names an item the Rust emitter renamed or left out.
func (t LinkTest) Declared(bindings []byte) LinkTest {
	has := func(kind, name string) bool {
		return regexp.MustCompile(`(?m)^\s*pub (?:` + kind + `) ` + regexp.QuoteMeta(name) + `\b`).Match(bindings)
	}
	out := LinkTest{}
	if t.VersionFn != "" && has("fn", t.VersionFn) {
		out.VersionFn, out.VersionCStr, out.VersionPtr = t.VersionFn, t.VersionCStr, t.VersionPtr
	}
	if t.VersionVar != "" && has("static(?: mut)?", t.VersionVar) {
		out.VersionVar = t.VersionVar
	}
	for _, s := range t.Symbols {
		if has("fn", s) {
			out.Symbols = append(out.Symbols, s)
		}
	}
	for _, l := range t.Layouts {
		if has("struct|union|type", l.Type) {
			out.Layouts = append(out.Layouts, l)
		}
	}
	return out
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
