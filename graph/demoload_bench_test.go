package graph_test

import (
	"context"
	"testing"
	"time"

	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// BenchmarkPrepareDemo loads the demo world into a fresh database as serve does on its first
// start, alternating two days in each iteration: just after the plan (the world of the plan's
// period only) and eleven months later (with the activity after it). It reports the time of each
// and their ratio, so the cost of the later activity shows against its peer in the same run.
func BenchmarkPrepareDemo(b *testing.B) {
	top, err := refdata.TopRegionCode()
	if err != nil {
		b.Fatal(err)
	}
	load := func(until civil.Date) time.Duration {
		db := testdb.Open(b)
		cfg := modules.Config{Client: db.Client, TopRegion: top, Today: func() civil.Date { return until }}
		start := time.Now()
		if _, err := graph.Prepare(context.Background(), cfg, graph.Seed{Demo: true}); err != nil {
			b.Fatal(err)
		}
		return time.Since(start)
	}
	var plan, later time.Duration
	n := 0
	for b.Loop() {
		plan += load(civil.DateFor(2026, 1, 15))
		later += load(civil.DateFor(2026, 12, 4))
		n++
	}
	b.ReportMetric(float64(plan.Milliseconds())/float64(n), "plan-ms/load")
	b.ReportMetric(float64(later.Milliseconds())/float64(n), "until-2026-12-04-ms/load")
	b.ReportMetric(float64(later)/float64(plan), "ratio")
}
