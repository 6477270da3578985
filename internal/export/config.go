package export

import (
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"ferry/internal/diag"

	"github.com/BurntSushi/toml"
)

// Config is the [export] table of ferry.toml. The zero value means defaults.
//
//	[export]
//	functions = ["crate::util::do_thing_idiomatic as do_thing"] # extra shims
//	include_guard = "MYLIB_H"      # default: from the output or input name
//	preamble = "/* SPDX-License-Identifier: MIT */"
//	status_prefix = "MYLIB"        # status macros MYLIB_OK, MYLIB_ERR_NULL, ...
//	bare_enumerators = false       # true: enumerators keep their Rust names
//	exclude = ["internal::Scratch"] # items left out of the header
//
//	[export.rename]                # module path → C name
//	"net::Error" = "NetError"
//
//	[export.cfg]                   # #[cfg] predicate → C condition
//	'feature = "gzip"' = "defined(MYLIB_GZIP)"
type Config struct {
	// Functions lists idiomatic Rust functions that get a shim, as
	// "crate::path::fn" with an optional " as c_name".
	Functions []string `toml:"functions"`
	// Rename maps "module::Type" (or "crate::module::Type", or a bare name
	// for the crate root) to the name used in C.
	Rename map[string]string `toml:"rename"`
	// Cfg maps a #[cfg] predicate, spelled as in Rust, to a C preprocessor
	// condition. Unmapped predicates get `defined(CFG_...)` and a warning.
	Cfg map[string]string `toml:"cfg"`
	// IncludeGuard overrides the include-guard macro.
	IncludeGuard string `toml:"include_guard"`
	// Preamble is copied after the include guard (a licence, extra includes).
	Preamble string `toml:"preamble"`
	// StatusPrefix names the status macros and constants of the shims;
	// default "FERRY".
	StatusPrefix string `toml:"status_prefix"`
	// BareEnumerators keeps Rust variant names as C enumerators instead of
	// prefixing them with the enum name (C has one namespace for them).
	BareEnumerators bool `toml:"bare_enumerators"`
	// Exclude lists items ("module::Name" or a bare name) to leave out.
	Exclude []string `toml:"exclude"`
}

// file is the part of ferry.toml export decodes; other tables belong to
// other commands and are not checked here.
type file struct {
	Export Config `toml:"export"`
}

// LoadConfig reads the [export] table of the ferry.toml at path. Unknown
// keys inside [export] are errors naming the key and its line (U903).
func LoadConfig(path string, diags *diag.List) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		diags.Errorf(diag.Pos{File: path}, "U901", "cannot read config: %v", err)
		return nil, err
	}
	return ParseConfig(path, data, diags)
}

// ParseConfig is LoadConfig on data already read.
func ParseConfig(path string, data []byte, diags *diag.List) (*Config, error) {
	var f file
	md, err := toml.Decode(string(data), &f)
	if err != nil {
		pos := diag.Pos{File: path}
		if pe, ok := err.(toml.ParseError); ok {
			pos.Line, pos.Col = pe.Position.Line, pe.Position.Col
			err = fmt.Errorf("%s", pe.Message)
		} else if m := typeErrRE.FindStringSubmatch(err.Error()); m != nil {
			// A value of the wrong type: the decoder puts the line and
			// key in the message only; move the line into the position.
			pos.Line, _ = strconv.Atoi(m[1])
			err = fmt.Errorf("key %s: %s", m[2], m[3])
		}
		diags.Errorf(pos, "U903", "invalid configuration: %v", err)
		return nil, err
	}
	var bad []string
	for _, k := range md.Undecoded() {
		if len(k) > 0 && k[0] == "export" {
			bad = append(bad, k.String())
		}
	}
	for _, k := range bad {
		diags.Errorf(diag.Pos{File: path, Line: keyLine(data, k)}, "U903", "unknown key %q in [export]", k)
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("unknown key %q in %s", bad[0], path)
	}
	return &f.Export, nil
}

// typeErrRE matches the toml decoder's type errors:
// `toml: line 2 (last key "export.x"): incompatible types: ...`.
var typeErrRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// keyLine finds the line of a dotted key such as "export.foo": TOML's
// decoder keeps key positions private, so look for the last segment as a key.
func keyLine(data []byte, key string) int {
	segs := strings.Split(key, ".")
	last := regexp.QuoteMeta(segs[len(segs)-1])
	re := regexp.MustCompile(`^\s*(?:[\w.-]+\.)?["']?` + last + `["']?\s*=`)
	for i, l := range strings.Split(string(data), "\n") {
		if re.MatchString(l) {
			return i + 1
		}
	}
	return 0
}
