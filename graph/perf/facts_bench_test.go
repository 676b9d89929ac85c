package perf_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
)

// BenchmarkCertifiedCount: the certified count at a date in a region subtree, from the kept
// spans (facts) and from the definitional query (workforce, the reference), cold (a new date
// every iteration, spread over 2015–2030, so no plan cache helps). Each iteration runs both, in alternating order, on
// the same date; the benchmark reports the median of each and their ratio. "byLevel" is the
// breakdown by highest level (certifiedWorkforce.byLevel: one grouped count against three).
func BenchmarkCertifiedCount(b *testing.B) {
	e := env(b)
	ctx := system()
	client := e.cfg.Client
	total := map[string]func(context.Context, civil.Date, string) error{
		"kept": func(ctx context.Context, d civil.Date, code string) error {
			_, err := facts.Count(ctx, client, enum.FactCertified, d, code)
			return err
		},
		"reference": func(ctx context.Context, d civil.Date, code string) error {
			_, err := workforce.CountCertified(ctx, client, d, code)
			return err
		},
	}
	byLevel := map[string]func(context.Context, civil.Date, string) error{
		"kept": func(ctx context.Context, d civil.Date, code string) error {
			_, err := facts.CountByLevel(ctx, client, enum.FactCertified, d, code)
			return err
		},
		"reference": func(ctx context.Context, d civil.Date, code string) error {
			for _, v := range enum.LevelAssistant.Values() {
				if _, err := client.Person.Query().Where(workforce.HighestLevelAt(d, enum.CertificateLevel(v)),
					workforce.InWorkforceAt(d), workforce.WorksIn(code)).Count(ctx); err != nil {
					return err
				}
			}
			return nil
		},
	}
	for _, m := range []struct {
		name string
		ways map[string]func(context.Context, civil.Date, string) error
	}{{"total", total}, {"byLevel", byLevel}} {
		for _, s := range e.scopes() {
			b.Run(m.name+"/"+s.name, func(b *testing.B) {
				durs := map[string][]time.Duration{}
				order := []string{"kept", "reference"}
				base := civil.DateFor(2015, 1, 1)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					d := base.AddDays(389 * i % 5844) // 5,844 distinct days from 2015 to 2030
					for _, way := range order {
						t0 := time.Now()
						if err := m.ways[way](ctx, d, s.code); err != nil {
							b.Fatal(err)
						}
						durs[way] = append(durs[way], time.Since(t0))
					}
					slices.Reverse(order)
				}
				b.StopTimer()
				med := func(ds []time.Duration) float64 {
					slices.Sort(ds)
					return float64(ds[len(ds)/2].Microseconds()) / 1000
				}
				kept, ref := med(durs["kept"]), med(durs["reference"])
				b.ReportMetric(kept, "kept-p50-ms")
				b.ReportMetric(ref, "reference-p50-ms")
				if kept > 0 {
					b.ReportMetric(ref/kept, "speedup")
				}
			})
		}
	}
}
