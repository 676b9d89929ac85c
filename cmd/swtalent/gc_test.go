package main

import (
	"math"
	"runtime/debug"
	"testing"
)

// Serving collects less often by default, and GOGC and GOMEMLIMIT still decide when set.
func TestGCDefaults(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))

	gcDefaults(func(string) string { return "" })
	if p := debug.SetGCPercent(100); p != serveGCPercent {
		t.Errorf("GC percent %d, want %d", p, serveGCPercent)
	}
	if l := debug.SetMemoryLimit(math.MaxInt64); l != serveMemoryLimit {
		t.Errorf("memory limit %d, want %d", l, serveMemoryLimit)
	}

	set := map[string]string{"GOGC": "50", "GOMEMLIMIT": "1GiB"}
	gcDefaults(func(k string) string { return set[k] })
	if p := debug.SetGCPercent(100); p != 100 {
		t.Errorf("with GOGC set: GC percent changed to %d", p)
	}
	if l := debug.SetMemoryLimit(math.MaxInt64); l != math.MaxInt64 {
		t.Errorf("with GOMEMLIMIT set: memory limit changed to %d", l)
	}
}
