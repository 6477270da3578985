package rustgen

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"ferry/internal/testenv"
)

// TestFormatEdgesRustfmtClean renders the line-width edge cases that the
// corpus of real headers (internal/bind corpus_test.go) found, and asks
// rustfmt --check whether it would change them.
func TestFormatEdgesRustfmtClean(t *testing.T) {
	rustfmt := testenv.NeedTool(t, "rustfmt")
	var b strings.Builder
	cint := atom("::core::ffi::c_int")
	b.WriteString("unsafe extern \"C\" {\n")
	// Exactly 100 columns with ";": rustfmt moves `-> ret` (alsa, gtk, ...).
	for _, name := range []string{"lua_getglobal", "lua_getglobalx", "lua_getgloba"} {
		writeSig(&b, &fnSig{head: "pub fn " + name, params: []param{
			{name: "L", typ: atom("*mut lua_State")}, {name: "name", typ: atom("*const ::core::ffi::c_char")},
		}, ret: cint}, 4, ";")
	}
	// A static whose Option<fn> type cannot start after the name (epoxy).
	fn := &tnode{fn: &fnSig{head: "unsafe extern \"C\" fn"}}
	for _, p := range strings.Fields("rc s t r g b a nx ny nz x y z") {
		fn.fn.params = append(fn.fn.params, param{name: p, typ: atom("GLfloat")})
	}
	writeTyped(&b, 4, "pub static mut epoxy_glReplacementCodeuiTexCoord2fColor4fNormal3fVertex3fSUN: ",
		wrap("::core::option::Option<", fn, ">"), ";")
	b.WriteString("}\n\n")
	b.WriteString("pub struct XML_FeatureEnum(pub u32);\n")
	// `NAME: TYPE =` wider than 100 (expat).
	writeAssign(&b, 0, "pub const XML_FEATURE_BILLION_LAUGHS_ATTACK_PROTECTION_MAXIMUM_AMPLIFICATION_DEFAULT: XML_FeatureEnum",
		"XML_FeatureEnum(11)")
	writeAssign(&b, 0, "pub const SHORT: XML_FeatureEnum", "XML_FeatureEnum(12)")
	// A cast chain wider than 100 (libusb).
	b.WriteString("impl S {\n    pub fn p(&self) -> *const u8 {\n")
	writeCastChain(&b, "::core::ptr::addr_of!(self.dev_capability)", "*mut libusb_bos_dev_capability_descriptor")
	b.WriteString("    pub fn q(&self) -> *const u8 {\n")
	writeCastChain(&b, "::core::ptr::addr_of!(self.data)", "u8")
	b.WriteString("}\n")

	rs := filepath.Join(t.TempDir(), "edges.rs")
	if err := os.WriteFile(rs, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(rustfmt, "--edition", "2021", "--check", rs).CombinedOutput(); err != nil {
		t.Errorf("rustfmt --check: %v\n%s\ninput:\n%s", err, out, b.String())
	}
}

func TestDocLazyContinuation(t *testing.T) {
	var b strings.Builder
	writeDoc(&b, 0, "flags:\n\n- `A`: video; also initializes the events\nsubsystem\n- `B`: audio\n\nA paragraph.\n\\param w width, must be\n> 0\n10. ten\nmore")
	want := "/// flags:\n///\n/// - `A`: video; also initializes the events\n///   subsystem\n/// - `B`: audio\n///\n/// A paragraph.\n" +
		"/// \\param w width, must be\n/// \\> 0\n/// 10. ten\n///     more\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
