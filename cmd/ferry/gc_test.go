package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestTuneGC: no collection until the memory limit; the first one hands
// over to GOGC=gcPercent with no limit.
func TestTuneGC(t *testing.T) {
	t.Setenv("GOGC", "")
	oldPct := debug.SetGCPercent(100)
	oldLim := debug.SetMemoryLimit(math.MaxInt64)
	defer func() {
		debug.SetGCPercent(oldPct)
		debug.SetMemoryLimit(oldLim)
	}()

	tuneGC()
	if p := debug.SetGCPercent(-1); p != -1 {
		t.Fatalf("before the first collection: GOGC %d, want off", p)
	}
	if l := debug.SetMemoryLimit(-1); l != gcStart {
		t.Fatalf("memory limit %d, want %d", l, gcStart)
	}
	runtime.GC()
	deadline := time.Now().Add(10 * time.Second)
	for {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		if p == gcPercent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a collection: GOGC %d, want %d", p, gcPercent)
		}
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l != math.MaxInt64 {
		t.Errorf("memory limit %d after the hand-over, want none", l)
	}
}

// TestCollectAfterLoad: a collection starts when the heap is in range, and
// none when it is small.
func TestCollectAfterLoad(t *testing.T) {
	t.Setenv("GOGC", "")
	old := debug.SetGCPercent(-1) // only collectAfterLoad's collections
	defer debug.SetGCPercent(old)
	runtime.GC()
	numGC := func() uint32 {
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.NumGC
	}
	n0 := numGC()
	collectAfterLoad(nil)
	time.Sleep(50 * time.Millisecond)
	if n := numGC(); n != n0 {
		t.Fatalf("a small heap was collected (%d collections)", n-n0)
	}
	big := make([][]byte, 0, 40)
	for range 40 {
		big = append(big, make([]byte, 1<<20))
	}
	collectAfterLoad(nil)
	deadline := time.Now().Add(10 * time.Second)
	for numGC() == n0 {
		if time.Now().After(deadline) {
			t.Fatal("no collection of a 40 MB heap")
		}
		time.Sleep(time.Millisecond)
	}
	runtime.KeepAlive(big)
}
