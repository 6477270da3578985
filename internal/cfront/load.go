package cfront

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"

	"modernc.org/cc/v4"

	"ferry/internal/diag"
	"ferry/internal/ir"
)

// Options selects the headers to read and how.
type Options struct {
	Headers     []string   // header paths as given on the command line
	IncludeDirs []string   // -I
	Defines     []string   // -D NAME[=VAL]
	CFlags      []string   // extra flags after --, e.g. from pkg-config --cflags
	All         bool       // keep every declaration (default: scope selection)
	Target      *ir.Target // nil = ir.X86_64Linux()
	// HostCacheDir keeps the host compiler probe between runs (hostcfg.go):
	// "" = $FERRY_CACHE_DIR or the user cache directory, "-" = no cache.
	HostCacheDir string
	// Sequential runs cc/v4's preprocessor, file read-ahead and parser on
	// one goroutine (the result is the same; tests compare the two).
	Sequential bool
}

// prelude is read before the headers. It keeps cc/v4 away from what it
// cannot type-check on amd64 (_Float16, __bf16) while keeping the types
// recognizable (types.go maps the stand-in typedefs back), and skips the
// AVX512-FP16 intrinsics headers entirely.
const prelude = `#define __AVX512FP16INTRIN_H_INCLUDED 1
#define __AVX512FP16VLINTRIN_H_INCLUDED 1
#define _AVX512FP16INTRIN_H_INCLUDED 1
#define _AVX512FP16VLINTRIN_H_INCLUDED 1
typedef short __ferry_float16;
#define _Float16 __ferry_float16
typedef short __ferry_bf16;
#define __bf16 __ferry_bf16
typedef int __ferry_eof_t;
`

// eofSentinel is the last source of every translation unit. cc/v4's parser
// loops forever when the input ends right after a pointer's `*` or its
// qualifiers (`int *` at end of file, e.g. a truncated header): the type
// qualifier list never consumes EOF. A declaration starting with a type
// name ends that list, so the parser reports the truncation instead.
// Errors located in it are reported at the end of the last header.
const eofSentinelName = "<ferry-eof>"

const eofSentinel = "\n__ferry_eof_t __ferry_eof_v;\n"

// maxHeaderBytes bounds a header named on the command line: cc/v4 needs
// about 200 bytes of memory and 2.5 µs per input byte, so a 40 MB header
// took 95 s and 7.7 GB. The largest header in Debian's /usr/include
// (epoxy/gl_generated.h) is 1.5 MB.
const maxHeaderBytes = 8 << 20

// maxRetries bounds the degrade loop (see Load).
const maxRetries = 4

// expansionLimit bounds macro expansion work (macro bombs).
// GTK's gtk.h needs between 1e6 and 3e6; at 3e7 an exponential macro
// bomb stops after about a second and 640 MB (at 2e8: 53 s and 6 GB).
const expansionLimit = 30_000_000

// Load preprocesses and parses the headers and returns the IR module
// (layout not computed: internal/layout does that). Input errors (a missing
// header, a C error in a user header) return a *diag.Diagnostic. Problems in
// system headers degrade: the failing declarations are dropped with a
// warning in diags and the rest still binds.
func Load(opts Options, diags *diag.List) (mod *ir.Module, err error) {
	defer func() {
		if e := recover(); e != nil {
			mod, err = nil, &diag.Diagnostic{Severity: diag.Error, Code: codeInternal, Message: fmt.Sprintf("internal error in the c front end: %v", e)}
		}
	}()
	if diags == nil {
		diags = &diag.List{}
	}
	target := opts.Target
	if target == nil {
		target = ir.X86_64Linux()
	}
	if len(opts.Headers) == 0 {
		return nil, &diag.Diagnostic{Severity: diag.Error, Code: "U900", Message: "no header given"}
	}
	var cflags []string
	for _, d := range opts.IncludeDirs {
		if a, err := filepath.Abs(d); err == nil {
			d = a
		}
		cflags = append(cflags, "-I"+d)
	}
	for _, d := range opts.Defines {
		cflags = append(cflags, "-D"+d)
	}
	cflags = append(cflags, opts.CFlags...)
	cfg, err := newConfigCached(cflags, opts.HostCacheDir)
	if err != nil {
		return nil, &diag.Diagnostic{Severity: diag.Error, Code: codeInternal, Message: "cannot query the host c compiler: " + firstLine(err.Error())}
	}
	cfg.HasBuiltin = hasBuiltin // set here: a func defeats the cached-config equality test
	if opts.Sequential {
		cfg.Concurrent = false
	}
	roots := includeRoots(cfg, cflags)
	var primaries []string
	for _, h := range opts.Headers {
		p, err := resolveHeader(h, cfg)
		if err != nil {
			return nil, err
		}
		primaries = append(primaries, p)
	}

	ofs, pragmas, sources := setupSources(cfg, primaries)
	var early *earlyList
	cfg.Parsed = func(ast *cc.AST) { early = listEarly(ast, ofs, primaries, roots, opts.All) }
	ast, checked, err := translate(cfg, sources, ofs, primaries, roots, diags)
	if err != nil {
		return nil, err
	}
	for _, p := range pragmas.list {
		diags.Warnf(diag.Pos{}, codePragma, "pack pragma %q comes from a macro ferry cannot follow; the layout of the records it covers may be wrong", p)
	}
	origin := classify(primaries, roots, ofs.order)
	c := newConv(ast, ofs, origin, target, opts.All, checked, diags)
	c.evalMacros(early.listFor(ast))
	c.walk()
	c.macros()
	s := newSelector(c)
	kept := s.closure()
	s.decayParams(kept)
	kept = s.closure()
	decls, items := s.output(kept)
	for _, it := range items {
		for _, w := range it.warns {
			diags.Add(w)
		}
	}
	mod = &ir.Module{Target: target, Decls: decls}
	for _, f := range ofs.order {
		mod.Files = append(mod.Files, f.name)
	}
	return mod, nil
}

// setupSources points cfg at a new overlay file system and pragma log and
// returns them with the translation unit's sources: ferry's predefined
// text, the primaries, the EOF sentinel.
func setupSources(cfg *cc.Config, primaries []string) (*overlayFS, *pragmaLog, []cc.Source) {
	ofs := newOverlayFS()
	cfg.FS = ofs
	cfg.UseSource = ofs.use
	pragmas := &pragmaLog{seen: map[string]bool{}}
	cfg.PragmaHandler = pragmas.handle
	sources := []cc.Source{
		{Name: "<predefined>", Value: cfg.Predefined + hasBuiltinDefine},
		{Name: "<builtin>", Value: cc.Builtin},
		{Name: "<ferry>", Value: prelude + hasFeaturePrelude},
	}
	for _, p := range primaries {
		sources = append(sources, cc.Source{Name: p}) // cfg.FS; a Source with an FS of its own is not read ahead
	}
	sources = append(sources, cc.Source{Name: eofSentinelName, Value: eofSentinel})
	return ofs, pragmas, sources
}

func newConfig(cflags []string) (cfg *cc.Config, err error) {
	defer func() {
		if e := recover(); e != nil {
			err = fmt.Errorf("%v", e)
		}
	}()
	cfg, err = cc.NewConfig(runtime.GOOS, runtime.GOARCH, cflags...)
	if err != nil {
		return nil, err
	}
	setConfigOptions(cfg)
	return cfg, nil
}

// setConfigOptions sets what ferry asks of cc/v4 beyond the host's
// configuration.
func setConfigOptions(cfg *cc.Config) {
	cfg.Header = true
	cfg.SkipBodies = true // function bodies are kept as tokens, not parsed (body.go)
	cfg.EvalAllMacros = true
	cfg.LazyMacros = true // only the macros ferry keeps are evaluated
	cfg.Concurrent = true // preprocessor and parser on two cores
	cfg.FSOnly = true     // overlayFS serves every file (fsys.go)
	cfg.ExpansionLimit = expansionLimit
}

// resolveHeader finds a header as given: a path, or a name searched in the
// include paths (like #include <...>).
func resolveHeader(h string, cfg *cc.Config) (string, error) {
	fail := func(err error) error {
		msg := "cannot read header " + h
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			msg += ": " + err.Error()
		} else {
			msg += ": no such file"
		}
		return &diag.Diagnostic{Severity: diag.Error, Code: codeMissing, Pos: diag.Pos{File: h}, Message: msg}
	}
	try := func(p string) (string, bool, error) {
		fi, err := os.Stat(p)
		if err != nil {
			return "", false, err
		}
		if fi.IsDir() {
			return "", false, fmt.Errorf("is a directory")
		}
		if fi.Size() > maxHeaderBytes {
			return "", false, fmt.Errorf("%d MiB is over the %d MiB ferry reads (the largest real headers are under 2 MiB)", fi.Size()>>20, maxHeaderBytes>>20)
		}
		f, err := os.Open(p)
		if err != nil {
			return "", false, err
		}
		f.Close()
		a, err := filepath.Abs(p)
		if err != nil {
			return "", false, err
		}
		return filepath.Clean(a), true, nil
	}
	p, ok, err := try(h)
	if ok {
		return p, nil
	}
	if !errors.Is(err, os.ErrNotExist) || filepath.IsAbs(h) {
		return "", fail(err)
	}
	for _, dir := range append(append([]string{}, cfg.IncludePaths...), cfg.SysIncludePaths...) {
		if dir == "" || dir == "@" {
			continue
		}
		if p, ok, _ := try(filepath.Join(dir, h)); ok {
			return p, nil
		}
	}
	return "", fail(err)
}

// ccError is one line of a cc/v4 error.
type ccError struct {
	pos diag.Pos
	msg string
}

var (
	errPosRE   = regexp.MustCompile(`^(.+?):(\d+):(\d+): ?(.*)$`)
	errDebugRE = regexp.MustCompile(` ?\([A-Za-z0-9_]+\.go:\d+:[^)]*\)$`)
)

func parseErrors(err error) (r []ccError) {
	for _, line := range strings.Split(err.Error(), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if m := errPosRE.FindStringSubmatch(line); m != nil {
			l, _ := strconv.Atoi(m[2])
			c, _ := strconv.Atoi(m[3])
			r = append(r, ccError{pos: diag.Pos{File: m[1], Line: l, Col: c}, msg: errDebugRE.ReplaceAllString(m[4], "")})
			continue
		}
		r = append(r, ccError{msg: line})
	}
	return r
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// safeTranslate and safeParse turn cc/v4 panics into errors.
func safeTranslate(cfg *cc.Config, src []cc.Source) (ast *cc.AST, err error) {
	defer func() {
		if e := recover(); e != nil {
			ast, err = nil, fmt.Errorf("internal error: %v", e)
		}
	}()
	return cc.Translate(cfg, src)
}

func safeParse(cfg *cc.Config, src []cc.Source) (ast *cc.AST, err error) {
	defer func() {
		if e := recover(); e != nil {
			ast, err = nil, fmt.Errorf("internal error: %v", e)
		}
	}()
	return cc.Parse(cfg, src)
}
