package probe

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"ferry/internal/rustfront"
)

// rustAnswers are what the Rust program printed: key → value text.
type rustAnswers map[string]string

// rustProgram returns the text appended to the bindings: one function that
// prints every answer as "key value".
func rustProgram(p Plan) string {
	var b strings.Builder
	b.WriteString("\n#[allow(warnings, clippy::all)]\n#[doc(hidden)]\npub fn __ferry_probe() {\n")
	for i, r := range p.Records {
		fmt.Fprintf(&b, "    println!(\"r%d.size {}\", ::core::mem::size_of::<%s>());\n", i, r.Rust)
		fmt.Fprintf(&b, "    println!(\"r%d.align {}\", ::core::mem::align_of::<%s>());\n", i, r.Rust)
		for j, f := range r.Fields {
			fmt.Fprintf(&b, "    println!(\"r%d.f%d {}\", ::core::mem::offset_of!(%s, %s));\n", i, j, r.Rust, f.Rust)
		}
	}
	for i, v := range p.Values {
		if v.Float {
			fmt.Fprintf(&b, "    println!(\"v%d {:e}\", (%s) as f64);\n", i, v.Rust)
		} else {
			fmt.Fprintf(&b, "    println!(\"v%d {}\", (%s) as i128);\n", i, v.Rust)
		}
	}
	b.WriteString("}\n")
	return b.String()
}

// runRust compiles and runs the Rust probe in a temporary directory.
func runRust(ctx context.Context, p Plan, o Options) (rustAnswers, error) {
	src, err := rustfront.ProbeSource(o.RustRoot)
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "ferry-rprobe-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	mod := append(src, rustProgram(p)...)
	if err := os.WriteFile(filepath.Join(dir, "b.rs"), mod, 0o644); err != nil {
		return nil, err
	}
	main := "#![allow(warnings)]\n#[path = \"b.rs\"]\nmod b;\nfn main() { b::__ferry_probe(); }\n"
	if err := os.WriteFile(filepath.Join(dir, "main.rs"), []byte(main), 0o644); err != nil {
		return nil, err
	}
	rustc := o.RustC
	if rustc == "" {
		rustc = "rustc"
	}
	exe := filepath.Join(dir, "probe")
	cmd := exec.CommandContext(ctx, rustc, "--edition=2021", "-A", "warnings", "-o", exe, "main.rs")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("rustc: %v: %s", err, firstError(stderr.String()))
	}
	out, err := exec.CommandContext(ctx, exe).Output()
	if err != nil {
		return nil, fmt.Errorf("rust probe: %v", err)
	}
	ans := rustAnswers{}
	for _, line := range strings.Split(string(out), "\n") {
		if k, v, ok := strings.Cut(line, " "); ok {
			ans[k] = v
		}
	}
	return ans, nil
}

// firstError picks rustc's first error with its location line.
func firstError(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "error") {
			if i+1 < len(lines) && strings.Contains(lines[i+1], "-->") {
				return l + " (" + strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(lines[i+1]), "-->")) + ")"
			}
			return l
		}
	}
	return strings.TrimSpace(s)
}

func (a rustAnswers) int(key string) (int64, bool) {
	v, ok := a[key]
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		u, err2 := strconv.ParseUint(v, 10, 64)
		return int64(u), err2 == nil
	}
	return n, true
}
