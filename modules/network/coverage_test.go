package network

import (
	"fmt"
	"testing"
	"time"

	"swtalent/internal/civil"
	"swtalent/internal/facts/factstest"
	"swtalent/modules"
)

// comparePoints measures both point coverages from the kept region facts and by their reference,
// on fixed days and around the days written, in every scope; and network.coverage's counts.
func (w *pointWorld) comparePoints(after string) {
	w.t.Helper()
	days := []civil.Date{civil.DateFor(1990, time.January, 1), civil.DateFor(2025, time.December, 31)}
	for range 5 {
		if len(w.days) > 0 {
			b := w.days[w.rng.IntN(len(w.days))]
			days = append(days, b.AddDays(-1), b, b.AddDays(1))
		}
	}
	for _, ind := range w.m.Indicators() {
		if ind.Key != "township_station_coverage" && ind.Key != "village_point_coverage" {
			continue
		}
		ref := w.m.Reference(ind.Key)
		if ref == nil {
			w.t.Fatalf("%s: no reference", ind.Key)
		}
		for _, d := range days {
			for _, code := range w.codes {
				at := modules.Scope{AsOf: d, RegionCode: code}
				got, err := ind.Measure(w.ctx, at)
				if err != nil {
					w.t.Fatalf("kept: %v", err)
				}
				want, err := ref(w.ctx, at)
				if err != nil {
					w.t.Fatalf("reference: %v", err)
				}
				if (got == nil) != (want == nil) || got != nil && *got != *want {
					w.t.Fatalf("after %s: %s at %s in %q: kept %v, reference %v", after, ind.Key, d, code, factstest.Show(got), factstest.Show(want))
				}
				if want != nil && *want > 0 && *want < 1 {
					w.nonzero++
				}
			}
		}
	}
}

// township_station_coverage and village_point_coverage measured from the kept region facts
// TOWNSHIP_STATION_OPEN and VILLAGE_POINT_OPEN equal their definitions (the regions of the level
// with an open point of the tier: hasOpenPoint) after random writes of service points — created
// open or closed, with or without an opening date, closed, reopened, redated, moved to any
// region, re-tiered, closed a tier at a time, deleted one at a time and a region's at once, some
// inside transactions that commit and some that roll back — on fixed days and around each day
// written, in every scope from everywhere to a village; and check-facts finds the kept spans and
// deltas as the registers give them.
func TestKeptPointCoverageMatchesReference(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			w := newPointWorld(t, seed)
			factstest.Writes(t, w.ctx, w.db.Client, w.rng, 200, w.pointStep, w.comparePoints)
			if w.nonzero == 0 {
				t.Error("the random writes never left a scope partly covered")
			}
			checkKept(t, w.skillWorld)
		})
	}
}
