package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// gcPercent reads GOGC as the runtime has it.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}

func TestBuildCollectsLessOnlyWhileItsHeapIsSmall(t *testing.T) {
	t.Setenv("GOGC", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	collectLessWhileSmall()
	if got := gcPercent(); got != 200 {
		t.Fatalf("GOGC %d with a small heap; want 200", got)
	}
	// A live heap past smallHeap: after the next collections, Go's default.
	live := make([][]byte, 0, 96)
	for range 96 {
		b := make([]byte, 1<<20)
		b[0] = 1
		live = append(live, b)
	}
	for deadline := time.Now().Add(10 * time.Second); gcPercent() != 100; {
		if time.Now().After(deadline) {
			t.Fatalf("GOGC still %d with a live heap of 96 MiB; want 100", gcPercent())
		}
		runtime.GC()
		runtime.Gosched()
	}
	runtime.KeepAlive(live)
}

func TestBuildLeavesTheEnvironmentsGOGCAlone(t *testing.T) {
	t.Setenv("GOGC", "150")
	defer debug.SetGCPercent(debug.SetGCPercent(150))
	collectLessWhileSmall()
	if got := gcPercent(); got != 150 {
		t.Errorf("GOGC %d; want the environment's 150", got)
	}
}
