package bind

import (
	"fmt"
	"regexp"

	"ferry/internal/link"

	"github.com/spf13/pflag"
)

// Flags are bind's command-line flags as typed. The CLI and the golden
// tests register the same set, so a case file's flags mean what they mean
// on the command line.
type Flags struct {
	Links, PkgConfig, Allow, Block, Opaque []string
	IncludeDirs, Defines                   []string
	All, NoLayoutTests                     bool
	Edition                                string
}

// Register adds the flags to fs.
func (f *Flags) Register(fs *pflag.FlagSet) {
	fs.StringArrayVar(&f.Links, "link", nil, "link the library `NAME[:static|dylib]` (#[link] on the extern block)")
	fs.StringArrayVar(&f.PkgConfig, "pkg-config", nil, "take cflags and libs from pkg-config `PKG`")
	fs.StringArrayVar(&f.Allow, "allow", nil, "bind only declarations whose name matches `REGEX` (and what they need)")
	fs.StringArrayVar(&f.Block, "block", nil, "do not bind declarations whose name matches `REGEX`")
	fs.StringArrayVar(&f.Opaque, "opaque", nil, "emit records whose name matches `REGEX` as opaque types")
	fs.BoolVar(&f.All, "all", false, "bind every declaration, including system headers' own")
	fs.StringArrayVarP(&f.IncludeDirs, "include", "I", nil, "add `DIR` to the include path")
	fs.StringArrayVarP(&f.Defines, "define", "D", nil, "predefine macro `NAME[=VAL]`")
	fs.BoolVar(&f.NoLayoutTests, "no-layout-tests", false, "omit the compile-time layout assertions")
	fs.StringVar(&f.Edition, "edition", "2021", "Rust `EDITION` of the generated code (2021 or 2024)")
}

// Options validates the flags and turns them into Options.
func (f *Flags) Options(headers, cflags []string) (Options, error) {
	opts := Options{
		Headers: headers, IncludeDirs: f.IncludeDirs, Defines: f.Defines, CFlags: cflags,
		PkgConfig: f.PkgConfig, All: f.All, NoLayoutTests: f.NoLayoutTests, Edition: f.Edition,
	}
	if opts.Edition == "" {
		opts.Edition = "2021"
	}
	if opts.Edition != "2021" && opts.Edition != "2024" {
		return opts, fmt.Errorf("--edition %q: want 2021 or 2024", f.Edition)
	}
	for _, l := range f.Links {
		lib, err := link.ParseLinkFlag(l)
		if err != nil {
			return opts, err
		}
		opts.Links = append(opts.Links, lib)
	}
	var err error
	if opts.Allow, err = compileRegexps("allow", f.Allow); err != nil {
		return opts, err
	}
	if opts.Block, err = compileRegexps("block", f.Block); err != nil {
		return opts, err
	}
	if opts.Opaque, err = compileRegexps("opaque", f.Opaque); err != nil {
		return opts, err
	}
	return opts, nil
}

// compileRegexps compiles name patterns, anchored so a pattern matches a
// whole name.
func compileRegexps(flag string, pats []string) ([]*regexp.Regexp, error) {
	var out []*regexp.Regexp
	for _, p := range pats {
		re, err := regexp.Compile("^(?:" + p + ")$")
		if err != nil {
			return nil, fmt.Errorf("--%s %q: %v", flag, p, err)
		}
		out = append(out, re)
	}
	return out, nil
}
