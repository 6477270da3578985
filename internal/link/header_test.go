package link

import (
	"os"
	"path/filepath"
	"testing"
)

// TestGuessHeader covers the three guesses on a fake include tree: a
// case-insensitive name match, the only header of a package directory,
// and the header whose includes reach the most of a package directory.
func TestGuessHeader(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) string {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	cjson := write("cjson/cJSON.h", "int x;\n")
	usb := write("libusb-1.0/libusb.h", "int x;\n")
	write("libxml2/libxml/tree.h", "#include <libxml/xmlstring.h>\n")
	write("libxml2/libxml/xmlstring.h", "int x;\n")
	parser := write("libxml2/libxml/parser.h", "#include <libxml/tree.h>\n#include <stdio.h>\n")
	for _, tc := range []struct {
		name, pkg, dir, want string
	}{
		{"cjson", "libcjson", "cjson", cjson},
		{"usb", "libusb-1.0", "libusb-1.0", usb},
		{"myusb", "nothing", "libusb-1.0", usb},
		{"xml2", "libxml-2.0", "libxml2", parser},
	} {
		got, err := GuessHeader(tc.name, tc.pkg, []string{filepath.Join(dir, tc.dir)})
		if err != nil || got != tc.want {
			t.Errorf("GuessHeader(%s, %s) = %q, %v; want %q", tc.name, tc.pkg, got, err, tc.want)
		}
	}
	if _, err := GuessHeader("nosuchlib", "", nil); err == nil {
		t.Errorf("GuessHeader(nosuchlib) succeeded")
	}
	if got, err := FindHeader("libxml/tree.h", []string{filepath.Join(dir, "libxml2")}); err != nil || filepath.Base(got) != "tree.h" {
		t.Errorf("FindHeader(libxml/tree.h) = %q, %v", got, err)
	}
	ws := write("ev/event.h", "#include <ev2/a.h>\n#include <sys/types.h>\n#include \"q.h\"\n")
	a := write("ev/ev2/a.h", "int a;\n")
	if got := UmbrellaIncludes(ws, []string{filepath.Join(dir, "ev")}); len(got) != 1 || got[0] != a {
		t.Errorf("UmbrellaIncludes = %q, want [%s]", got, a)
	}
}
