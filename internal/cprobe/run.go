package cprobe

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"ferry/internal/ir"
)

// maxRounds bounds how many times Run recompiles after dropping the
// queries gcc rejected.
const maxRounds = 6

// Run compiles and runs the probe program for q in a temporary directory:
// one gcc compile and one run, plus one recompile per round of rejected
// queries. Queries gcc rejects are dropped and reported in Result.Failed,
// so one bad name does not hide every other answer. The error is non-nil
// (and carries gcc's stderr) only when the program cannot be built at all,
// e.g. the prelude itself does not compile, or cannot run.
func Run(ctx context.Context, q Query) (*Result, error) {
	dir, err := os.MkdirTemp("", "ferry-probe-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	cc := q.CC
	if cc == "" {
		cc = "gcc"
	}
	src := filepath.Join(dir, "probe.c")
	exe := filepath.Join(dir, "probe")
	res := &Result{
		Types: map[string]ir.Layout{}, Fields: map[string]FieldResult{},
		Consts: map[string]ConstResult{}, Failed: map[string]string{},
	}
	skip := map[int]bool{}
	for round := 0; ; round++ {
		p := generate(&q, skip)
		if err := os.WriteFile(src, []byte(p.src), 0o644); err != nil {
			return nil, err
		}
		args := append([]string{"-w", "-o", exe, src}, q.CFlags...)
		cmd := exec.CommandContext(ctx, cc, args...)
		cmd.Dir = dir
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			bad := p.blame(src, stderr.String())
			if len(bad) == 0 || round == maxRounds || ctx.Err() != nil {
				return nil, fmt.Errorf("cprobe: %s: %v\n%s", cc, err, stderr.String())
			}
			for id, msg := range bad {
				skip[id] = true
				res.Failed[q.key(p.items[id])] = msg
			}
			continue
		}
		cmd = exec.CommandContext(ctx, exe)
		cmd.Dir = dir
		stderr.Reset()
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("cprobe: running the probe: %v\n%s", err, stderr.String())
		}
		if err := parseOutput(&q, p, out, res); err != nil {
			return nil, err
		}
		return res, nil
	}
}

var diagLine = regexp.MustCompile(`^(.*?):(\d+):(?:\d+:)? (error|fatal error|note|warning): (.*)$`)

// blame maps gcc's diagnostics to the items on the lines they name (an
// error in a macro's definition names the probe line in a note), with the
// first error message of each. It returns nothing when an error cannot be
// pinned on an item, e.g. one in the prelude.
func (p *program) blame(src, stderr string) map[int]string {
	bad := map[int]string{}
	lastErr := ""
	pinned := true
	for _, l := range strings.Split(stderr, "\n") {
		m := diagLine.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		sev := m[3]
		if sev == "error" || sev == "fatal error" {
			if !pinned {
				return nil // the previous error named no item
			}
			lastErr, pinned = m[4], false
		}
		if lastErr == "" || m[1] != src {
			continue
		}
		n, _ := strconv.Atoi(m[2])
		i := n - p.firstLine
		if i < 0 || i >= len(p.lineItem) || p.lineItem[i] < 0 {
			continue
		}
		id := p.lineItem[i]
		if _, ok := bad[id]; !ok {
			bad[id] = lastErr
		}
		pinned = true
	}
	if !pinned {
		return nil
	}
	return bad
}

// parseOutput reads the lines the probe printed into res.
func parseOutput(q *Query, p *program, out []byte, res *Result) error {
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(l)
		if len(f) < 3 {
			continue
		}
		id, err := strconv.Atoi(f[1])
		if err != nil || id < 0 || id >= len(p.items) || p.items[id].kind != f[0][0] {
			return fmt.Errorf("cprobe: unexpected probe output %q", l)
		}
		key := q.key(p.items[id])
		nums := make([]int64, 0, 4)
		if f[0] != "C" {
			for _, s := range f[2:] {
				v, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					return fmt.Errorf("cprobe: unexpected probe output %q", l)
				}
				nums = append(nums, v)
			}
		}
		switch {
		case f[0] == "T" && len(nums) == 2:
			res.Types[key] = ir.Layout{Size: nums[0], Align: nums[1]}
		case f[0] == "F" && len(nums) == 4:
			if nums[1] == -1 { // a byte offset, not a bit scan
				res.Fields[key] = FieldResult{BitOffset: 8 * nums[0], BitWidth: 8 * nums[2], Size: nums[2], Align: nums[3]}
			} else if nums[0] < 0 {
				res.Failed[key] = "setting the bitfield to all-ones changed no bit"
			} else {
				res.Fields[key] = FieldResult{BitOffset: nums[0], BitWidth: nums[1]}
			}
		case f[0] == "C":
			c, err := parseConst(f[2:])
			if err != nil {
				return fmt.Errorf("cprobe: unexpected probe output %q: %v", l, err)
			}
			res.Consts[key] = c
		default:
			return fmt.Errorf("cprobe: unexpected probe output %q", l)
		}
	}
	return nil
}

func parseConst(f []string) (ConstResult, error) {
	if len(f) < 2 {
		return ConstResult{}, fmt.Errorf("short line")
	}
	switch f[0] {
	case "i":
		v, err := strconv.ParseInt(f[1], 10, 64)
		return ConstResult{Kind: ConstSigned, Int: v, Text: f[1]}, err
	case "u":
		v, err := strconv.ParseUint(f[1], 10, 64)
		return ConstResult{Kind: ConstUnsigned, Uint: v, Text: f[1]}, err
	case "f":
		if len(f) < 3 {
			return ConstResult{}, fmt.Errorf("short line")
		}
		v, err := parseFloat(f[1])
		return ConstResult{Kind: ConstFloat, Float: v, Text: f[2]}, err
	}
	return ConstResult{}, fmt.Errorf("unknown kind %q", f[0])
}

// parseFloat reads C's %a output, including inf and nan.
func parseFloat(s string) (float64, error) {
	switch strings.TrimPrefix(s, "-") {
	case "inf", "nan":
		s = strings.Replace(s, "inf", "Inf", 1)
		s = strings.Replace(s, "nan", "NaN", 1)
	}
	return strconv.ParseFloat(s, 64)
}
