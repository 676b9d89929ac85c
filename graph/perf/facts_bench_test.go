package perf_test

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
)

// BenchmarkFactCount: each kept person fact's count at a date in a region subtree, from the kept
// spans and deltas (facts.Count) and from the definitional query (workforce, the reference),
// cold (a new date every iteration, spread over 2015–2030, so no plan or result cache helps).
// Each iteration runs both, in alternating order, on the same date; the benchmark reports the
// median of each and their ratio. "CERTIFIED/byLevel" is the breakdown by highest level
// (certifiedWorkforce.byLevel: one grouped count against three). With SWTALENT_BENCH_NOREF=1 the
// reference is skipped (at national scale it takes seconds a count).
func BenchmarkFactCount(b *testing.B) {
	e := env(b)
	ctx := system()
	client := e.cfg.Client
	persons := func(pred func(civil.Date) predicate.Person) func(context.Context, civil.Date, string) error {
		return func(ctx context.Context, d civil.Date, code string) error {
			_, err := client.Person.Query().Where(pred(d), workforce.WorksIn(code)).Count(ctx)
			return err
		}
	}
	kept := func(fact enum.Fact) func(context.Context, civil.Date, string) error {
		return func(ctx context.Context, d civil.Date, code string) error {
			_, err := facts.Count(ctx, client, fact, d, code)
			return err
		}
	}
	type ways struct {
		kept, reference func(context.Context, civil.Date, string) error
	}
	measures := []struct {
		name string
		ways
	}{
		{"CERTIFIED", ways{kept(enum.FactCertified), persons(workforce.CertifiedAt)}},
		{"CERTIFIED/byLevel", ways{
			func(ctx context.Context, d civil.Date, code string) error {
				_, err := facts.CountByLevel(ctx, client, enum.FactCertified, d, code)
				return err
			},
			func(ctx context.Context, d civil.Date, code string) error {
				for _, v := range enum.LevelAssistant.Values() {
					if _, err := client.Person.Query().Where(workforce.HighestLevelAt(d, enum.CertificateLevel(v)),
						workforce.InWorkforceAt(d), workforce.WorksIn(code)).Count(ctx); err != nil {
						return err
					}
				}
				return nil
			}}},
		{"REGISTERED", ways{kept(enum.FactRegistered), persons(workforce.RegisteredPersonAt)}},
		{"SKILLED", ways{kept(enum.FactSkilled), persons(workforce.SkilledAt)}},
		{"CERTIFIED_COMMUNITY", ways{kept(enum.FactCertifiedCommunity), persons(workforce.CertifiedCommunityWorkerAt)}},
		{"SKILLED_COMMUNITY", ways{kept(enum.FactSkilledCommunity), persons(workforce.SkilledCommunityWorkerAt)}},
		{"CERTIFIED_COMMUNITY_STAFF", ways{kept(enum.FactCertifiedCommunityStaff), persons(workforce.CertifiedCommunityStaffAt)}},
	}
	noRef := os.Getenv("SWTALENT_BENCH_NOREF") != ""
	for _, m := range measures {
		for _, s := range e.scopes() {
			b.Run(m.name+"/"+s.name, func(b *testing.B) {
				durs := map[string][]time.Duration{}
				order := []string{"kept", "reference"}
				if noRef {
					order = order[:1]
				}
				way := map[string]func(context.Context, civil.Date, string) error{"kept": m.kept, "reference": m.reference}
				base := civil.DateFor(2015, 1, 1)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					d := base.AddDays(389 * i % 5844) // 5,844 distinct days from 2015 to 2030
					for _, w := range order {
						t0 := time.Now()
						if err := way[w](ctx, d, s.code); err != nil {
							b.Fatal(err)
						}
						durs[w] = append(durs[w], time.Since(t0))
					}
					slices.Reverse(order)
				}
				b.StopTimer()
				med := func(ds []time.Duration) float64 {
					slices.Sort(ds)
					return float64(ds[len(ds)/2].Microseconds()) / 1000
				}
				k := med(durs["kept"])
				b.ReportMetric(k, "kept-p50-ms")
				b.ReportMetric(float64(slices.Max(durs["kept"]).Microseconds())/1000, "kept-max-ms")
				if !noRef {
					ref := med(durs["reference"])
					b.ReportMetric(ref, "reference-p50-ms")
					if k > 0 {
						b.ReportMetric(ref/k, "speedup")
					}
				}
			})
		}
	}
}
