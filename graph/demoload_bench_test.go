package graph_test

import (
	"context"
	"testing"

	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// BenchmarkPrepareDemo loads the demo world into a fresh database as serve does on its first
// start: generated on a day just after the plan (the world of the plan's period only) and on a
// day eleven months later, so the cost of the later activity shows as the ratio of the two.
// Run with -count N to alternate them.
func BenchmarkPrepareDemo(b *testing.B) {
	top, err := refdata.TopRegionCode()
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		until civil.Date
	}{{"plan", civil.DateFor(2026, 1, 15)}, {"until-2026-12-04", civil.DateFor(2026, 12, 4)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				db := testdb.Open(b)
				cfg := modules.Config{Client: db.Client, TopRegion: top, Today: func() civil.Date { return c.until }}
				if _, err := graph.Prepare(context.Background(), cfg, graph.Seed{Demo: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
