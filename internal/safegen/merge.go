package safegen

import (
	"ferry/internal/config"
)

// Merge lays cfg over inferred rules: every field cfg sets wins, a
// function's parameters are replaced one by one, and a configured type
// replaces the inferred type of the same C name (functions follow it).
func Merge(inf, cfg *config.Safe) *config.Safe {
	if cfg == nil {
		return inf
	}
	out := &config.Safe{
		Raw: cfg.Raw, StripPrefix: cfg.StripPrefix, Include: cfg.Include, Exclude: cfg.Exclude,
		Infer: cfg.Infer, CheckedIntArgs: cfg.CheckedIntArgs, Error: inf.Error,
		Types: map[string]*config.Type{}, Funcs: map[string]*config.Func{},
		Enums: map[string]*config.Enum{}, Flags: map[string]*config.Flags{},
	}
	if len(out.StripPrefix) == 0 {
		out.StripPrefix = inf.StripPrefix
	}
	if cfg.Error != nil {
		out.Error = cfg.Error
	}
	rename := map[string]string{}
	for n, t := range inf.Types {
		out.Types[n] = t
	}
	for n, t := range cfg.Types {
		for on, ot := range out.Types {
			if on != n && ot.C == t.C && inf.Types[on] != nil && cfg.Types[on] == nil {
				if ot.Kind == t.Kind || (ot.Kind == "" && t.Kind == "handle") || (ot.Kind == "handle" && t.Kind == "") {
					rename[on] = n
					delete(out.Types, on)
				}
			}
		}
		out.Types[n] = t
	}
	for _, t := range out.Types {
		if r, ok := rename[t.Parent]; ok {
			cp := *t
			cp.Parent = r
			t = &cp
		}
	}
	for n, t := range out.Types {
		if r, ok := rename[t.Parent]; ok {
			cp := *t
			cp.Parent = r
			out.Types[n] = &cp
		}
	}
	cEnum := map[string]bool{}
	for _, e := range cfg.Enums {
		if e.C != "" {
			cEnum[e.C] = true
		}
	}
	for _, e := range cfg.Flags {
		if e.C != "" {
			cEnum[e.C] = true
		}
	}
	for n, e := range inf.Enums {
		if !cEnum[e.C] {
			out.Enums[n] = e
		} else {
			rename[n] = ""
		}
	}
	for n, e := range inf.Flags {
		if !cEnum[e.C] {
			out.Flags[n] = e
		} else {
			rename[n] = ""
		}
	}
	for n, e := range cfg.Enums {
		out.Enums[n] = e
	}
	for n, e := range cfg.Flags {
		out.Flags[n] = e
	}
	for id, f := range inf.Funcs {
		cp := *f
		if r, ok := rename[cp.Method]; ok {
			cp.Method = r
		}
		cp.Params = map[string]*config.Param{}
		for pn, p := range f.Params {
			if r, ok := rename[p.Type]; ok && p.Type != "" {
				if r == "" {
					continue // an enum the configuration replaced: no mapping
				}
				q := *p
				q.Type = r
				p = &q
			}
			cp.Params[pn] = p
		}
		if len(cp.Returns) > 5 {
			if k, name, ok := cutColon(cp.Returns); ok {
				if r, renamed := rename[name]; renamed {
					if r == "" {
						cp.Returns = "value"
					} else {
						cp.Returns = k + ":" + r
					}
				}
			}
		}
		out.Funcs[id] = &cp
	}
	for id, f := range cfg.Funcs {
		base := out.Funcs[id]
		if base == nil || (f.C != "" && f.C != id) {
			out.Funcs[id] = f
			continue
		}
		m := *base
		if f.C != "" {
			m.C = f.C
		}
		if f.Name != "" {
			m.Name = f.Name
		}
		if f.Skip {
			m.Skip = true
		}
		if f.Unsafe != nil {
			// unsafe = false lifts a caution inference raised.
			m.Unsafe = f.Unsafe
			if !*f.Unsafe {
				m.Why = ""
			}
		}
		if f.Method != "" {
			m.Method = f.Method
		}
		if f.Receiver != "" {
			m.Receiver = f.Receiver
		}
		if f.Constructor {
			m.Constructor = true
		}
		if f.Returns != "" {
			m.Returns = f.Returns
		}
		if f.KeepCode {
			m.KeepCode = true
		}
		if f.Free != "" {
			m.Free = f.Free
		}
		if f.LenFn != "" {
			m.LenFn = f.LenFn
		}
		if f.Doc != "" {
			m.Doc = f.Doc
		}
		if f.Fields != nil {
			m.Fields = f.Fields
		}
		params := map[string]*config.Param{}
		for k, v := range base.Params {
			params[k] = v
		}
		for k, v := range f.Params {
			params[k] = v
		}
		// A configured length or user-data parameter displaces whatever
		// inference paired it with.
		for _, v := range f.Params {
			for _, ref := range []string{v.Len, v.UserData} {
				if ref == "" {
					continue
				}
				for k, bv := range base.Params {
					if f.Params[k] == nil && (bv.Len == ref || bv.UserData == ref) {
						delete(params, k)
					}
				}
			}
		}
		m.Params = params
		m.Why = ""
		out.Funcs[id] = &m
	}
	return out
}

func cutColon(s string) (string, string, bool) {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return s[:i], s[i+1:], true
		}
	}
	return "", "", false
}
