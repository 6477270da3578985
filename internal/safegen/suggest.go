package safegen

import (
	"fmt"
	"sort"
	"strings"

	"ferry/internal/config"
	"ferry/internal/diag"
	"ferry/internal/ir"
)

// SuggestOptions say what the [bind] table of the suggestion holds.
type SuggestOptions struct {
	Headers []string
	CFlags  []string
	Link    string
}

// Suggest returns the rules ferry infers for m as a ferry.toml, each rule
// with a comment saying why, and each function with what became of it.
// The file sets infer = false: it is the whole truth, to review and edit.
func Suggest(m *ir.Module, opts SuggestOptions) ([]byte, *Plan, error) {
	if m == nil {
		return nil, nil, fmt.Errorf("no module")
	}
	r := Infer(m, nil)
	plan := newPlanner(m, r, &diag.List{}).build()
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	s := plan.Stats
	w("# ferry.toml suggested by `ferry suggest` from %s.\n", strings.Join(opts.Headers, ", "))
	w("# %d functions: %d safe, %d unsafe, %d left raw.\n", s.Total, s.Safe, s.Unsafe, s.Raw)
	w("# Every rule says why it was inferred. Review the unsafe ones: where you\n")
	w("# know the library's contract, change the rule (docs/ferry-toml.md).\n")
	w("# A rule marked `unsafe = true` is a caution: delete the line once you\n")
	w("# know the library copies the buffer, checks the index, and so on.\n\n")
	w("[bind]\n")
	w("headers = %s\n", tomlList(opts.Headers))
	if len(opts.CFlags) > 0 {
		w("cflags = %s\n", tomlList(opts.CFlags))
	}
	if opts.Link != "" {
		w("link = %q\n", opts.Link)
	} else {
		w("# link = \"NAME\"  # the library to link (-lNAME)\n")
	}
	w("\n[safe]\n")
	w("# Only these rules apply: ferry infers nothing more when it reads this file.\n")
	w("infer = false\n")
	if len(r.StripPrefix) > 0 {
		w("# Most functions share this prefix; Rust names drop it.\n")
		w("strip_prefix = %s\n", tomlList(r.StripPrefix))
	}
	w("# Set to true if the library validates integer arguments (indices, counts,\n")
	w("# lengths of memory it holds); until then, methods taking them stay unsafe.\n")
	w("checked_int_args = false\n")
	if e := r.Error; e != nil {
		w("\n# %s\n[safe.error]\n", e.Why)
		if len(e.Success) > 0 {
			w("success = %s\n", tomlList(e.Success))
		}
		if e.NonNegative {
			w("non_negative = true\n")
		}
		if e.Message != "" {
			w("message = %q\n", e.Message)
		}
		if e.CodeMessage != "" {
			w("code_message = %q\n", e.CodeMessage)
		}
		if e.IsError != "" {
			w("is_error = %q\n", e.IsError)
		}
	}
	for _, n := range sortedKeys(r.Enums) {
		e := r.Enums[n]
		w("\n# %s\n[safe.enum.%s]\nc = %q\n", e.Why, n, e.C)
	}
	for _, n := range sortedKeys(r.Flags) {
		e := r.Flags[n]
		w("\n# %s\n[safe.flags.%s]\nc = %q\n", e.Why, n, e.C)
	}
	for _, n := range sortedKeys(r.Types) {
		t := r.Types[n]
		w("\n# %s\n# Not Send or Sync: add send/sync = true only if the library promises it.\n[safe.type.%s]\nc = %q\n", t.Why, n, t.C)
		if t.Kind != "" {
			w("kind = %q\n", t.Kind)
		}
		w("drop = %q\n", t.Drop)
		if t.Parent != "" {
			w("parent = %q\n", t.Parent)
		}
	}
	outcome := map[string][]string{}
	for _, fp := range plan.Funcs {
		switch {
		case fp.Unsafe:
			outcome[fp.Fn.Name] = append(outcome[fp.Fn.Name], "kept unsafe: "+strings.Join(fp.Reasons, "; "))
		default:
			outcome[fp.Fn.Name] = append(outcome[fp.Fn.Name], "safe")
		}
	}
	for _, fp := range plan.RawFuncs {
		outcome[fp.Fn.Name] = append(outcome[fp.Fn.Name], "left raw: "+strings.Join(fp.Reasons, "; "))
	}
	ids := sortedKeys(r.Funcs)
	sort.SliceStable(ids, func(i, j int) bool { return r.Funcs[ids[i]].Order < r.Funcs[ids[j]].Order })
	for _, id := range ids {
		f := r.Funcs[id]
		w("\n")
		for _, o := range outcome[id] {
			w("# %s\n", o)
		}
		if f.Why != "" && !(len(outcome[id]) == 1 && strings.HasSuffix(outcome[id][0], ": "+f.Why)) {
			w("# why: %s\n", f.Why)
		}
		w("[safe.fn.%s]\n", tomlKey(id))
		writeFunc(&b, f)
	}
	return []byte(b.String()), plan, nil
}

func writeFunc(b *strings.Builder, f *config.Func) {
	w := func(format string, args ...any) { fmt.Fprintf(b, format, args...) }
	if f.Skip {
		w("skip = true\n")
	}
	if f.IsUnsafe() {
		w("unsafe = true\n")
	}
	if f.Method != "" {
		w("method = %q\n", f.Method)
	}
	if f.Constructor {
		w("constructor = true\n")
	}
	if f.Returns != "" {
		w("returns = %q\n", f.Returns)
	}
	if f.KeepCode {
		w("keep_code = true\n")
	}
	if f.Free != "" {
		w("free = %q\n", f.Free)
	}
	for _, pn := range sortedKeys(f.Params) {
		p := f.Params[pn]
		var kv []string
		kv = append(kv, fmt.Sprintf("as = %q", p.As))
		if p.Len != "" {
			kv = append(kv, fmt.Sprintf("len = %q", p.Len))
		}
		if p.Type != "" {
			kv = append(kv, fmt.Sprintf("type = %q", p.Type))
		}
		if p.UserData != "" {
			kv = append(kv, fmt.Sprintf("user_data = %q", p.UserData))
		}
		if p.Scope != "" {
			kv = append(kv, fmt.Sprintf("scope = %q", p.Scope))
		}
		line := fmt.Sprintf("params.%s = { %s }", tomlKey(pn), strings.Join(kv, ", "))
		if p.Why != "" {
			line += "  # " + p.Why
		}
		w("%s\n", line)
	}
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// tomlKey quotes a key unless it is bare.
func tomlKey(k string) string {
	for _, c := range k {
		if !(c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return fmt.Sprintf("%q", k)
		}
	}
	if k == "" {
		return `""`
	}
	return k
}
