package bind

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"ferry/internal/cache"
	"ferry/internal/diag"
	"ferry/internal/ir"
	"ferry/internal/version"
)

// RunCached is Run through the output cache: with unchanged inputs (ferry's
// version, every option, and the content of every file the preprocessor
// opened) it returns the stored bindings and replays the stored warnings
// without parsing. The Result's Module is nil on a hit.
func RunCached(c *cache.Cache, opts Options, diags *diag.List) (*Result, bool, error) {
	if c == nil {
		res, err := Run(opts, diags)
		return res, false, err
	}
	key := cacheKey(opts)
	if e, ok := c.Get(key); ok {
		var stored []*diag.Diagnostic
		if json.Unmarshal(e.Extra, &stored) == nil {
			for _, d := range stored {
				diags.Add(d)
			}
			return &Result{Rust: e.Output}, true, nil
		}
	}
	local := &diag.List{}
	// The files the front end read are hashed on another goroutine while
	// layout and emission run (gtk: 772 files, 17 ms).
	type hashed struct {
		sums []cache.FileSum
		err  error
	}
	var hashc chan hashed
	afterLoad := opts.AfterLoad
	opts.AfterLoad = func(m *ir.Module) {
		if len(m.Files) != 0 {
			files := append([]string(nil), m.Files...)
			hashc = make(chan hashed, 1)
			go func() {
				sums, err := cache.HashFiles(files)
				hashc <- hashed{sums, err}
			}()
		}
		if afterLoad != nil {
			afterLoad(m)
		}
	}
	res, err := Run(opts, local)
	var h hashed
	if hashc != nil {
		h = <-hashc
	}
	for _, d := range local.Items {
		diags.Add(d)
	}
	if err != nil || res.Module == nil || len(res.Module.Files) == 0 || hashc == nil {
		return res, false, err
	}
	sums, herr := h.sums, h.err
	if herr != nil {
		return res, false, nil
	}
	extra, _ := json.Marshal(local.Items)
	_ = c.Put(key, &cache.Entry{Files: sums, Output: res.Rust, Extra: extra})
	return res, false, nil
}

// cacheKey covers everything that can change the output besides file
// content: ferry's version, each option, and where the headers are.
func cacheKey(o Options) string {
	abs := func(ps []string) string {
		out := make([]string, len(ps))
		for i, p := range ps {
			if a, err := filepath.Abs(p); err == nil {
				p = a
			}
			out[i] = p
		}
		return strings.Join(out, "\x00")
	}
	res := func(list []*regexpT) string {
		var b strings.Builder
		for _, re := range list {
			b.WriteString(re.String())
			b.WriteByte(0)
		}
		return b.String()
	}
	return cache.Key(version.Version, "bind",
		abs(o.Headers), abs(o.IncludeDirs),
		strings.Join(o.Defines, "\x00"), strings.Join(o.CFlags, "\x00"),
		strings.Join(o.PkgConfig, "\x00"), fmt.Sprint(o.Links),
		fmt.Sprint(o.All, o.NoLayoutTests, o.Edition),
		res(o.Allow), res(o.Block), res(o.Opaque))
}
