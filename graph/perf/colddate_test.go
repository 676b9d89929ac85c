package perf_test

import (
	"testing"

	"swtalent/internal/civil"
)

// The cold benchmarks' dates never repeat, stay within 2015–2030, and even a 3-iteration run
// measures years of the plan and after it, when every register holds data (a run of the first
// dates only once measured 2015–2017 alone, when most registers were nearly empty).
func TestColdDatesAreNewAndSpread(t *testing.T) {
	seen := map[civil.Date]int{}
	for i := range 336 {
		d := coldDate(i)
		if j, ok := seen[d]; ok {
			t.Fatalf("iterations %d and %d both ask %s", j, i, d)
		}
		seen[d] = i
		if d.Year < 2015 || d.Year > 2030 {
			t.Fatalf("iteration %d asks %s, outside 2015–2030", i, d)
		}
	}
	recent := 0
	for i := range 3 {
		if coldDate(i).Year >= 2022 {
			recent++
		}
	}
	if recent < 2 {
		t.Fatalf("only %d of the first 3 dates are in 2022 or later", recent)
	}
}
