// Command compare times `ferry bind` against bindgen on large real headers,
// side by side in one run, and prints medians, peak RSS and ratios.
//
//	go run ./bench/compare [-n 5] [-headers gtk,openssl,...] [-ferry PATH]
//
// Each pair runs alternately (ferry, bindgen, ferry, bindgen, ...) so machine
// noise hits both tools alike. Cold runs use --no-cache; warm runs re-use a
// cache filled once before timing. bindgen comes from Debian's package and
// is installed when missing (apt-get, needs root).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

type target struct {
	name   string
	header string
	pkg    string   // pkg-config package for cflags, "" for none
	extra  []string // further cflags
}

var targets = []target{
	{"gtk", "/usr/include/gtk-3.0/gtk/gtk.h", "gtk+-3.0", nil},
	{"openssl", "/usr/include/openssl/ssl.h", "", nil},
	{"sdl2", "/usr/include/SDL2/SDL.h", "sdl2", nil},
	{"curl", "/usr/include/x86_64-linux-gnu/curl/curl.h", "", nil},
	{"uv", "/usr/include/uv.h", "", nil},
	{"git2", "/usr/include/git2.h", "", nil},
}

type sample struct {
	wall time.Duration
	rss  int64 // KiB
	err  error
}

func main() {
	n := flag.Int("n", 5, "runs per tool and header (alternating)")
	only := flag.String("headers", "", "comma-separated subset of: gtk,openssl,sdl2,curl,uv,git2")
	ferryBin := flag.String("ferry", "", "ferry binary (default: build ./cmd/ferry into a temp dir)")
	flag.Parse()

	if _, err := exec.LookPath("bindgen"); err != nil {
		fmt.Fprintln(os.Stderr, "bindgen not found: installing Debian's bindgen package")
		run("apt-get", "install", "-y", "--no-install-recommends", "bindgen", "libclang-dev")
	}
	tmp, _ := os.MkdirTemp("", "ferry-bench-")
	defer os.RemoveAll(tmp)
	if *ferryBin == "" {
		*ferryBin = filepath.Join(tmp, "ferry")
		run("go", "build", "-o", *ferryBin, "./cmd/ferry")
	}
	cacheDir := filepath.Join(tmp, "cache")

	fmt.Printf("%s, %d runs per tool, alternating; median wall time, peak RSS\n\n", time.Now().Format("2006-01-02"), *n)
	fmt.Printf("%-8s %12s %12s %12s %10s %10s %9s %9s %9s\n", "header", "bindgen", "ferry cold", "ferry warm", "bg RSS", "ferry RSS", "cold ×", "warm %", "RSS ratio")
	var coldRatios, warmPct, rssRatios []float64
	for _, t := range targets {
		if *only != "" && !strings.Contains(","+*only+",", ","+t.name+",") {
			continue
		}
		if _, err := os.Stat(t.header); err != nil {
			fmt.Printf("%-8s skipped: %s not installed\n", t.name, t.header)
			continue
		}
		cflags := t.extra
		if t.pkg != "" {
			out, err := exec.Command("pkg-config", "--cflags", t.pkg).Output()
			if err != nil {
				fmt.Printf("%-8s skipped: pkg-config %s: %v\n", t.name, t.pkg, err)
				continue
			}
			cflags = append(cflags, strings.Fields(string(out))...)
		}
		ferryArgs := append([]string{"bind", t.header, "-o", filepath.Join(tmp, t.name+".rs"), "--"}, cflags...)
		bgArgs := append([]string{"--no-layout-tests", "--no-rustfmt-bindings", t.header, "-o", filepath.Join(tmp, t.name+".bg.rs"), "--"}, cflags...)
		cold := append([]string{"bind", "--no-cache"}, ferryArgs[1:]...)

		// Fill the cache once for the warm runs.
		env := append(os.Environ(), "FERRY_CACHE_DIR="+cacheDir)
		measure(*ferryBin, ferryArgs, env)

		var fc, fw, bg []sample
		for i := 0; i < *n; i++ {
			fc = append(fc, measure(*ferryBin, cold, env))
			bg = append(bg, measure("bindgen", bgArgs, nil))
			fw = append(fw, measure(*ferryBin, ferryArgs, env))
		}
		for _, s := range [][]sample{fc, fw, bg} {
			for _, x := range s {
				if x.err != nil {
					fmt.Printf("%-8s error: %v\n", t.name, x.err)
				}
			}
		}
		mc, mw, mb := medianWall(fc), medianWall(fw), medianWall(bg)
		rc, rb := medianRSS(fc), medianRSS(bg)
		cr := float64(mb) / float64(mc)
		wp := 100 * float64(mw) / float64(mb)
		rr := float64(rc) / float64(rb)
		coldRatios, warmPct, rssRatios = append(coldRatios, cr), append(warmPct, wp), append(rssRatios, rr)
		fmt.Printf("%-8s %12s %12s %12s %9dM %9dM %8.1f× %8.1f%% %9.2f   (ferry cold min..max %s..%s, bindgen %s..%s)\n",
			t.name, round(mb), round(mc), round(mw), rb/1024, rc/1024, cr, wp, rr,
			round(minWall(fc)), round(maxWall(fc)), round(minWall(bg)), round(maxWall(bg)))
	}
	if len(coldRatios) > 0 {
		fmt.Printf("\nmedian across headers: cold speedup %.1f×, warm %.1f%% of bindgen's time, ferry/bindgen peak RSS %.2f\n",
			median(coldRatios), median(warmPct), median(rssRatios))
	}
}

func measure(bin string, args []string, env []string) sample {
	cmd := exec.Command(bin, args...)
	cmd.Env = env
	var errb bytes.Buffer
	cmd.Stderr = &errb
	start := time.Now()
	err := cmd.Run()
	s := sample{wall: time.Since(start)}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.rss = ru.Maxrss
	}
	if err != nil {
		msg := errb.String()
		if len(msg) > 300 {
			msg = msg[:300]
		}
		s.err = fmt.Errorf("%s: %v: %s", filepath.Base(bin), err, msg)
	}
	return s
}

func run(name string, args ...string) {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(2)
	}
}

func walls(s []sample) []float64 {
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = float64(x.wall)
	}
	sort.Float64s(out)
	return out
}

func medianWall(s []sample) time.Duration { return time.Duration(median(walls(s))) }
func minWall(s []sample) time.Duration    { return time.Duration(walls(s)[0]) }
func maxWall(s []sample) time.Duration    { w := walls(s); return time.Duration(w[len(w)-1]) }

func medianRSS(s []sample) int64 {
	out := make([]float64, len(s))
	for i, x := range s {
		out[i] = float64(x.rss)
	}
	return int64(median(out))
}

func median(v []float64) float64 {
	v = append([]float64(nil), v...)
	sort.Float64s(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

func round(d time.Duration) string { return d.Round(time.Millisecond).String() }
