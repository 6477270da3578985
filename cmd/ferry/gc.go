package main

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"

	"ferry/internal/ir"
)

// ferry is a short-lived process, and most runs allocate less than the
// collector would ever free: curl.h, uv.h and git2.h allocate 30-45 MB in
// all. There the collector's work (marking, write barriers, assists: 15%
// of the CPU time of uv.h at GOGC=200) buys nothing. So no collection runs
// until the Go heap reaches gcStart; from the first one on, GOGC=250
// bounds the peak of the large runs (gtk.h, openssl/ssl.h, SDL2/SDL.h) as
// before. A GOGC set in the environment wins over both.
const gcStart = 64 << 20

// gcPercent is the collector's setting once it runs: cc/v4 keeps the
// syntax tree of every header read live until conversion (about 130 MB
// for gtk/gtk.h); at Go's default of 100 a third of the CPU time of a
// large run is marking it again and again. At 250 openssl/ssl.h's second
// collection comes once the syntax tree is garbage (19 MB to mark instead
// of 67 MB: CPU time 443 → 402 ms) for 12 MB more peak RSS; SDL2/SDL.h
// and gtk/gtk.h are unchanged (noise) from 200.
const gcPercent = 250

// tuneGC sets the collector up for one run of ferry.
func tuneGC() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(gcStart)
	// The memory limit starts the first collection; the cleanup of an
	// object already garbage then runs and hands over to GOGC.
	runtime.AddCleanup(new([16]byte), func(int) {
		debug.SetGCPercent(gcPercent)
		debug.SetMemoryLimit(math.MaxInt64)
	}, 0)
}

// collectAfterLoad starts a collection of the C front end's syntax trees
// before layout and emission allocate, when they are large: emission then
// reuses their memory instead of growing the heap. Little is live (the IR:
// 3 MB for SDL2/SDL.h out of a 65 MB heap), and the collection runs on the
// core that the serial tail (layout; emission of modules too small for
// rustgen's halves) leaves idle: the caller does not wait for it
// (openssl/ssl.h: waiting cost 12 ms). git2.h (a 31 MB heap): peak RSS
// 51 → 47 MB; SDL2/SDL.h: 84 → 78 MB. Below the threshold (curl.h 17 MB,
// uv.h 27 MB) emission allocates little and the collection is not worth
// its CPU time; for the upper bound see afterLoadMax.
func collectAfterLoad(*ir.Module) {
	if os.Getenv("GOGC") != "" {
		return
	}
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if h := s[0].Value.Uint64(); h > afterLoadMin && h < afterLoadMax {
		go runtime.GC()
	}
}

// collectAfterLoad collects when the heap is between these sizes.
const (
	afterLoadMin = 28 << 20
	// Above this the collection competes with emission, which writes
	// large modules on both cores (rustgen's halves), for little memory:
	// openssl/ssl.h (a 108 MB heap) 8 ms slower for 2 MB less peak RSS.
	afterLoadMax = 96 << 20
)
