package bind

import (
	"fmt"
	"regexp"

	"ferry/internal/cfront"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/layout"
	"ferry/internal/link"
	"ferry/internal/rustgen"
)

// Options is everything `ferry bind` was asked to do. The zero value binds
// nothing; Headers is required.
type Options struct {
	Headers     []string
	IncludeDirs []string
	Defines     []string
	CFlags      []string
	PkgConfig   []string   // packages whose cflags are added and whose libs are linked
	Links       []link.Lib // --link NAME[:kind]; the first becomes #[link] on the extern block

	All    bool             // every declaration, not just the headers' own
	Allow  []*regexp.Regexp // if any: keep only matching declarations (and what they need)
	Block  []*regexp.Regexp // drop matching declarations
	Opaque []*regexp.Regexp // emit matching records as opaque

	NoLayoutTests bool
	Edition       string

	// AfterLoad, if set, is called with the module once the C front end
	// is done, when its syntax trees are garbage, before layout and
	// emission: RunCached hashes the files read meanwhile, the CLI
	// collects the trees (cmd/ferry/gc.go).
	AfterLoad func(*ir.Module)
}

// Result is the outcome of a successful bind.
type Result struct {
	Rust   []byte
	Module *ir.Module
}

// Run binds the headers. Input errors (a missing header, a syntax error)
// come back as an error that is a *diag.Diagnostic where a position is known;
// warnings go to diags.
func Run(opts Options, diags *diag.List) (*Result, error) {
	if len(opts.Headers) == 0 {
		return nil, fmt.Errorf("no header to bind")
	}
	cflags := append([]string(nil), opts.CFlags...)
	links := append([]link.Lib(nil), opts.Links...)
	for _, pkg := range opts.PkgConfig {
		info, err := link.PkgConfig(pkg)
		if err != nil {
			return nil, err
		}
		cflags = append(cflags, info.CFlags...)
		if len(opts.Links) == 0 {
			links = append(links, info.Libs...)
		}
	}
	m, err := cfront.Load(cfront.Options{
		Headers:     opts.Headers,
		IncludeDirs: opts.IncludeDirs,
		Defines:     opts.Defines,
		CFlags:      cflags,
		All:         opts.All,
	}, diags)
	if err != nil {
		return nil, err
	}
	if opts.AfterLoad != nil {
		opts.AfterLoad(m)
	}
	if len(opts.Allow) > 0 || len(opts.Block) > 0 {
		m = Filter(m, opts.Allow, opts.Block)
	}
	layout.Compute(m, layout.Options{}, diags)

	ro := rustgen.Options{
		NoLayoutTests: opts.NoLayoutTests,
		Edition:       opts.Edition,
	}
	if len(links) > 0 {
		ro.LinkName, ro.LinkKind = links[0].Name, links[0].Kind
	}
	if len(opts.Opaque) > 0 {
		ro.Opaque = func(name string) bool { return matchAny(opts.Opaque, name) }
	}
	out, err := rustgen.Emit(m, ro, diags)
	if err != nil {
		return nil, err
	}
	return &Result{Rust: out, Module: m}, nil
}

type regexpT = regexp.Regexp

func matchAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
