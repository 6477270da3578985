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
