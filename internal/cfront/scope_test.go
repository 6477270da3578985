package cfront

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/testenv"
)

// TestForwardingHeader: a primary sitting directly in an include root
// adopts the subdirectories it includes from with <...> (and their trees),
// but not root siblings, libc, or subdirectories only other headers reach.
func TestForwardingHeader(t *testing.T) {
	root := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("fwd.h", "#ifndef FWD_H\n#define FWD_H\n#include <stddef.h>\n#include <sibling.h>\n#include <fwd/a.h>\n#endif\n")
	write("sibling.h", "typedef int sib_t;\nint sibling_fn(void);\n")
	write("fwd/a.h", "#include <fwd/b.h>\n#include <other/c.h>\nint fwd_a(b_t x, size_t n);\n")
	write("fwd/b.h", "typedef long b_t;\nint fwd_b(void);\n")
	write("other/c.h", "int other_c(void);\n")
	var dl diag.List
	// -isystem: an include root like /usr/include (a -I directory is not).
	m, err := Load(Options{Headers: []string{filepath.Join(root, "fwd.h")}, CFlags: []string{"-isystem", root}}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	ix := ir.NewIndex(m)
	for _, name := range []string{"fwd_a", "fwd_b"} {
		if f := ix.Functions[name]; f == nil || f.Origin == ir.FromSystem {
			t.Errorf("%s not bound as the library's own: %+v", name, f)
		}
	}
	for _, name := range []string{"sibling_fn", "other_c"} {
		if ix.Functions[name] != nil {
			t.Errorf("%s bound: only the primary's own subdirectories are adopted", name)
		}
	}
	if f := ix.Functions["fwd_a"]; f != nil && f.Origin != ir.FromPrimary {
		t.Errorf("fwd_a: origin %v, want primary (adopted)", f.Origin)
	}
}

// TestAngledIncludes covers the directive scan adoption relies on.
func TestAngledIncludes(t *testing.T) {
	src := "#include <a/b.h>\n  #  include\t<c.h>\n#include \"q.h\"\n#include_next <n.h>\n// #include <no.h>\n#include <bad\n"
	got := strings.Join(angledIncludes([]byte(src)), " ")
	if got != "a/b.h c.h" {
		t.Errorf("angledIncludes = %q", got)
	}
}

// TestScopeForwardingReal: real forwarding headers bind their library and
// not libc; gtk/gtk.h (not in an include root) still binds gtk and not all
// of glib.
func TestScopeForwardingReal(t *testing.T) {
	glibFlags := []string{"-I/usr/include/glib-2.0", "-I/usr/lib/x86_64-linux-gnu/glib-2.0/include"}
	for _, tc := range []struct {
		header   string
		cflags   []string
		want     []string // functions that must be bound
		wantNot  []string // functions that must not be
		prefixes []string // most bound functions start with one of these
	}{
		{"/usr/include/glib-2.0/glib.h", glibFlags, []string{"g_strdup", "g_hash_table_new", "g_list_append"}, []string{"printf", "malloc", "strlen", "g_object_new"}, []string{"g_"}},
		{"/usr/include/pcap.h", nil, []string{"pcap_open_live", "pcap_compile", "bpf_filter"}, []string{"socket", "printf"}, []string{"pcap_", "bpf_"}},
		{"/usr/include/event.h", nil, []string{"event_base_new", "evbuffer_add", "bufferevent_new"}, []string{"printf", "gettimeofday"}, []string{"ev", "bufferevent_", "event_", "libevent_"}},
	} {
		t.Run(filepath.Base(tc.header), func(t *testing.T) {
			h := testenv.NeedFile(t, tc.header)
			var dl diag.List
			m, err := Load(Options{Headers: []string{h}, CFlags: tc.cflags}, &dl)
			if err != nil {
				t.Fatal(err)
			}
			checkScope(t, m, tc.want, tc.wantNot, tc.prefixes...)
		})
	}
}

func TestScopeGtkNotGlib(t *testing.T) {
	h := testenv.NeedFile(t, "/usr/include/gtk-3.0/gtk/gtk.h")
	flags := testenv.Run(t, "", "pkg-config", "--cflags", "gtk+-3.0")
	var dl diag.List
	m, err := Load(Options{Headers: []string{h}, CFlags: strings.Fields(string(flags))}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	checkScope(t, m, []string{"gtk_init", "gtk_window_new"}, []string{"g_strdup", "g_hash_table_new", "g_object_new", "gdk_display_open"}, "gtk_")
	if ix := ir.NewIndex(m); ix.Typedefs["GHashTable"] == nil && ix.Typedefs["GList"] == nil {
		t.Error("glib types gtk uses should be kept")
	}
}

// checkScope checks the functions bound (declared, not defined inline in
// the header) against want and wantNot, and that at least 90% of them are
// named with one of the library's prefixes.
func checkScope(t *testing.T, m *ir.Module, want, wantNot []string, prefixes ...string) {
	t.Helper()
	ix := ir.NewIndex(m)
	for _, n := range want {
		if ix.Functions[n] == nil {
			t.Errorf("%s not bound", n)
		}
	}
	for _, n := range wantNot {
		if ix.Functions[n] != nil {
			t.Errorf("%s bound: out of scope", n)
		}
	}
	n, own := 0, 0
	for _, d := range m.Decls {
		if f, ok := d.(*ir.Function); ok && f.Body == "" {
			n++
			for _, p := range prefixes {
				if strings.HasPrefix(f.Name, p) {
					own++
					break
				}
			}
			if f.Origin == ir.FromSystem {
				t.Errorf("system function %s bound", f.Name)
			}
		}
	}
	if n < 50 || own*10 < n*9 {
		t.Errorf("%d functions, %d named %v*: want mostly the library's own", n, own, prefixes)
	}
}

// TestUserIncludeDirNotRoot: a -I directory (pkg-config's
// -I/usr/include/ibus-1.0) is the library's own directory, not an include
// root: a primary in it has that directory as its tree, whether its
// headers are flat (<flat2.h>) or below it (<lib/sub/a.h> with -I of the
// parent too).
func TestUserIncludeDirNotRoot(t *testing.T) {
	root := t.TempDir()
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("lib/top.h", "#include <lib/sub/a.h>\n#include <flat2.h>\n")
	write("lib/sub/a.h", "int sub_fn(void);\n")
	write("lib/flat2.h", "int flat2_fn(void);\n")
	write("other/o.h", "int other_fn(void);\n")
	write("lib/uses_other.h", "#include <o.h>\nint uses_fn(void);\n")
	var dl diag.List
	m, err := Load(Options{
		Headers:     []string{filepath.Join(root, "lib/top.h"), filepath.Join(root, "lib/uses_other.h")},
		IncludeDirs: []string{root, filepath.Join(root, "lib")},
		CFlags:      []string{"-I", filepath.Join(root, "other")},
	}, &dl)
	if err != nil {
		t.Fatal(err)
	}
	ix := ir.NewIndex(m)
	for _, n := range []string{"sub_fn", "flat2_fn", "uses_fn"} {
		if ix.Functions[n] == nil {
			t.Errorf("%s not bound: a -I directory must not be an include root", n)
		}
	}
	if ix.Functions["other_fn"] != nil {
		t.Error("other_fn bound: another -I directory is not the primary's tree")
	}
}

// TestIncludeRoots: -I directories are not roots, unless gcc treats them
// as system directories anyway.
func TestIncludeRoots(t *testing.T) {
	cfg, err := newConfigCached(nil, "-")
	if err != nil {
		testenv.Skip(t, "host compiler: %v", err)
	}
	cfg.SysIncludePaths = []string{"/opt/x/include", "/usr/include/ibus-1.0", "/usr/local/include", "/usr/include/x86_64-linux-gnu", "/usr/include"}
	cfg.IncludePaths = append([]string{""}, cfg.SysIncludePaths...)
	got := includeRoots(cfg, []string{"-I/usr/include/ibus-1.0", "-I", "/usr/include/x86_64-linux-gnu", "-isystem", "/opt/x/include", "-I/usr/include"})
	set := map[string]bool{}
	for _, r := range got {
		set[r] = true
	}
	for d, want := range map[string]bool{"/usr/include/ibus-1.0": false, "/opt/x/include": true, "/usr/include": true, "/usr/local/include": true, "/usr/include/x86_64-linux-gnu": true} {
		if set[d] != want {
			t.Errorf("root %s: %v, want %v (roots %v)", d, set[d], want, got)
		}
	}
}

// TestScopePkgConfigDirs: ibus.h and glib-object.h sit in pkg-config -I
// directories. ibus.h binds ibus; glib-object.h binds gobject and, as it
// includes <glib.h> from its own tree glib-2.0/, glib too.
func TestScopePkgConfigDirs(t *testing.T) {
	for _, tc := range []struct {
		header, pkg   string
		want, wantNot []string
		prefixes      []string
	}{
		{"/usr/include/ibus-1.0/ibus.h", "ibus-1.0", []string{"ibus_bus_new", "ibus_text_new_from_string"}, []string{"g_object_new", "g_strdup", "printf"}, []string{"ibus_"}},
		{"/usr/include/glib-2.0/glib-object.h", "gobject-2.0", []string{"g_object_new", "g_type_register_static", "g_strdup", "g_hash_table_new"}, []string{"printf", "g_dbus_connection_new"}, []string{"g_"}},
	} {
		t.Run(filepath.Base(tc.header), func(t *testing.T) {
			h := testenv.NeedFile(t, tc.header)
			flags := testenv.Run(t, "", "pkg-config", "--cflags", tc.pkg)
			var dl diag.List
			m, err := Load(Options{Headers: []string{h}, CFlags: strings.Fields(string(flags))}, &dl)
			if err != nil {
				t.Fatal(err)
			}
			checkScope(t, m, tc.want, tc.wantNot, tc.prefixes...)
		})
	}
}
