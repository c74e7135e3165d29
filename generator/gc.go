package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// smallHeap is the live heap under which a build collects garbage half as
// often as Go's default.
const smallHeap = 64 << 20

// collectLessWhileSmall makes the build collect garbage at GOGC 200 while
// its live heap stays under smallHeap, and at Go's default above. Rendering
// allocates much and keeps little: a 1,000-event build (live heap about
// 30 MB) collected every few tens of megabytes, about a tenth of its CPU.
// A larger programme passes smallHeap while it loads and then runs as it
// did, so its peak memory is unchanged. GOGC in the environment, when set,
// is left alone.
func collectLessWhileSmall() {
	if os.Getenv("GOGC") != "" {
		return
	}
	debug.SetGCPercent(200)
	watchHeapAfterNextGC()
}

// watchHeapAfterNextGC checks the live heap once the next collection is
// done: a cleanup runs after the object it is attached to is collected.
func watchHeapAfterNextGC() {
	runtime.AddCleanup(new([16]byte), func(struct{}) {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() >= smallHeap {
			debug.SetGCPercent(100)
			return
		}
		watchHeapAfterNextGC()
	}, struct{}{})
}
