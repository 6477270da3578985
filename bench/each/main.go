// Command each binds every top-level header in a directory (default
// /usr/include), one ferry process per header, and reports how many bind
// cleanly, degrade (bind with warnings), fail with an input error, crash or
// time out, with the total time. With -rustc it also compiles each output.
//
//	go run ./bench/each [-dir /usr/include] [-rustc] [-j 2] [-v]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

type outcome struct {
	header  string
	class   string // ok, degraded, failed, crashed, timeout, nocompile
	detail  string
	elapsed time.Duration
}

func main() {
	dir := flag.String("dir", "/usr/include", "directory whose top-level *.h files to bind")
	withRustc := flag.Bool("rustc", false, "also compile each output with rustc")
	jobs := flag.Int("j", 2, "parallel jobs")
	verbose := flag.Bool("v", false, "print every header's outcome")
	ferryBin := flag.String("ferry", "", "ferry binary (default: build ./cmd/ferry)")
	timeout := flag.Duration("timeout", 60*time.Second, "per-header time limit")
	flag.Parse()

	tmp, _ := os.MkdirTemp("", "ferry-each-")
	defer os.RemoveAll(tmp)
	if *ferryBin == "" {
		*ferryBin = filepath.Join(tmp, "ferry")
		if out, err := exec.Command("go", "build", "-o", *ferryBin, "./cmd/ferry").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
			os.Exit(2)
		}
	}
	headers, _ := filepath.Glob(filepath.Join(*dir, "*.h"))
	sort.Strings(headers)

	start := time.Now()
	results := make([]outcome, len(headers))
	var wg sync.WaitGroup
	sem := make(chan struct{}, *jobs)
	for i, h := range headers {
		wg.Add(1)
		go func(i int, h string) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = bindOne(*ferryBin, h, tmp, *timeout, *withRustc)
		}(i, h)
	}
	wg.Wait()
	total := time.Since(start)

	counts := map[string]int{}
	for _, r := range results {
		counts[r.class]++
		if *verbose || (r.class != "ok" && r.class != "degraded") {
			fmt.Printf("%-10s %-40s %6s  %s\n", r.class, filepath.Base(r.header), r.elapsed.Round(time.Millisecond), r.detail)
		}
	}
	fmt.Printf("\n%d headers in %s (%s): ok %d, degraded %d, failed %d, nocompile %d, crashed %d, timeout %d\n",
		len(headers), *dir, total.Round(time.Millisecond), counts["ok"], counts["degraded"], counts["failed"],
		counts["nocompile"], counts["crashed"], counts["timeout"])
	if counts["crashed"]+counts["timeout"] > 0 {
		os.Exit(1)
	}
}

func bindOne(ferry, header, tmp string, timeout time.Duration, withRustc bool) outcome {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(header), ".h")+".rs")
	cmd := exec.CommandContext(ctx, ferry, "bind", "--no-cache", header, "-o", out)
	var errb bytes.Buffer
	cmd.Stderr = &errb
	t0 := time.Now()
	err := cmd.Run()
	o := outcome{header: header, elapsed: time.Since(t0)}
	stderr := errb.String()
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		o.class, o.detail = "timeout", fmt.Sprintf("> %s", timeout)
		return o
	case err == nil && strings.Contains(stderr, "warning"):
		o.class, o.detail = "degraded", firstLine(stderr)
	case err == nil:
		o.class = "ok"
	case errors.As(err, &ee) && ee.ExitCode() == 2 && !strings.Contains(stderr, "panic"):
		o.class, o.detail = "failed", firstLine(stderr)
		return o
	default:
		o.class, o.detail = "crashed", firstLine(stderr)
		return o
	}
	if withRustc {
		c := exec.Command("rustc", "--edition=2021", "--crate-type=lib", "--emit=metadata", "-o", out+".rmeta", out)
		if b, err := c.CombinedOutput(); err != nil {
			o.class, o.detail = "nocompile", firstLine(firstError(string(b)))
		}
	}
	return o
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func firstError(s string) string {
	if i := strings.Index(s, "error"); i >= 0 {
		return s[i:]
	}
	return s
}
