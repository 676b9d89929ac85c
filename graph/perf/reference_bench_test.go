package perf_test

import (
	"context"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// referenced is a module that keeps the definitional measure of some of its indicators beside the
// kept one (quality: Module.Reference).
type referenced interface {
	Reference(key string) func(context.Context, modules.Scope) (*float64, error)
}

// BenchmarkKeptIndicator: each indicator that has a definitional reference, measured from the
// kept facts cold (a new date every iteration, spread over 2015–2030) at each scope, against the
// reference on the same date. The reference runs in the first SWTALENT_BENCH_REFERENCE
// iterations only (default 1: at national scale the compliance reference takes most of a
// minute), alternating with the kept measure, and must give the same value. It reports the
// kept median, the reference median and their ratio.
func BenchmarkKeptIndicator(b *testing.B) {
	e := env(b)
	ctx := system()
	refs := 1
	if s := os.Getenv("SWTALENT_BENCH_REFERENCE"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("SWTALENT_BENCH_REFERENCE=%q: %v", s, err)
		}
		refs = n
	}
	for _, m := range graph.NewResolver(e.cfg).Modules() {
		src, ok := m.(modules.IndicatorSource)
		r, ok2 := m.(referenced)
		if !ok || !ok2 {
			continue
		}
		for _, ind := range src.Indicators() {
			ref := r.Reference(ind.Key)
			if ref == nil {
				continue
			}
			for _, s := range e.scopes() {
				b.Run(m.Info().Key+"."+ind.Key+"/"+s.name, func(b *testing.B) {
					var kept, refd []time.Duration
					base := civil.DateFor(2015, 1, 1)
					timed := func(f func(context.Context, modules.Scope) (*float64, error), at modules.Scope, into *[]time.Duration) *float64 {
						t0 := time.Now()
						v, err := f(ctx, at)
						if err != nil {
							b.Fatal(err)
						}
						*into = append(*into, time.Since(t0))
						return v
					}
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						at := modules.Scope{AsOf: base.AddDays(389 * (i + 1) % 5844), RegionCode: s.code}
						if i >= refs {
							timed(ind.Measure, at, &kept)
							continue
						}
						var k, want *float64
						if i%2 == 0 {
							k, want = timed(ind.Measure, at, &kept), timed(ref, at, &refd)
						} else {
							want, k = timed(ref, at, &refd), timed(ind.Measure, at, &kept)
						}
						if (k == nil) != (want == nil) || k != nil && *k != *want {
							b.Fatalf("at %s: kept %s, reference %s", at.AsOf, value(k), value(want))
						}
					}
					b.StopTimer()
					med := func(ds []time.Duration) float64 {
						slices.Sort(ds)
						return float64(ds[len(ds)/2].Microseconds()) / 1000
					}
					b.ReportMetric(med(kept), "kept-p50-ms")
					if len(refd) > 0 {
						b.ReportMetric(med(refd), "reference-p50-ms")
						if k := med(kept); k > 0 {
							b.ReportMetric(med(refd)/k, "speedup")
						}
					}
				})
			}
		}
	}
}

// value prints a measured value.
func value(v *float64) string {
	if v == nil {
		return "unknown"
	}
	return strconv.FormatFloat(*v, 'g', -1, 64)
}
