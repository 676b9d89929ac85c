package perf_test

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
	"swtalent/modules"
)

// personsPage is one page of persons working in a region subtree, with their certificates.
const personsPage = `query($code: String!) {
  persons(first: 50, where: {inRegion: $code}) {
    edges { node { id name gender joinedOn certificates { number level passedOn } } }
  }
}`

// personsPageCount is the same page asking for the total as well.
const personsPageCount = `query($code: String!) {
  persons(first: 50, where: {inRegion: $code}) {
    totalCount
    edges { node { id name certificates { number level passedOn } } }
  }
}`

// personsPageExists filters with the generated hasRegionWith (a correlated EXISTS per person).
const personsPageExists = `query($lo: String!, $hi: String!) {
  persons(first: 50, where: {hasRegionWith: [{codeGTE: $lo, codeLT: $hi}]}) {
    edges { node { id name gender joinedOn certificates { number level passedOn } } }
  }
}`

// regionVars are the subtree bounds of a region code.
func regionVars(code string) map[string]any {
	lo, hi := validate.RegionSubtreeRange(code)
	return map[string]any{"lo": lo, "hi": hi}
}

// BenchmarkPersonsPage: persons(first: 50) filtered to a region subtree, with certificates.
func BenchmarkPersonsPage(b *testing.B) {
	e := env(b)
	for _, r := range []struct{ name, code string }{
		{"county", e.county},
		{"province", e.county[:2] + "0000000000"},
	} {
		for _, q := range []struct {
			name, doc string
			vars      map[string]any
		}{
			{"inRegion", personsPage, map[string]any{"code": r.code}},
			{"inRegion+totalCount", personsPageCount, map[string]any{"code": r.code}},
			{"hasRegionWith", personsPageExists, regionVars(r.code)},
		} {
			b.Run(r.name+"/"+q.name, func(b *testing.B) {
				e.must(b, q.doc, q.vars, nil)
				e.timed(b, func(int) { e.must(b, q.doc, q.vars, nil) })
			})
		}
	}
}

// planQuery measures every indicator of every initiative.
const planQuery = `query($asOf: Date, $region: String) {
  plan(asOf: $asOf, regionCode: $region) {
    initiatives { key indicators { key actual target status } }
  }
}`

// scope is a region a plan or a coverage is measured in.
type scope struct{ name, code string }

// scopes are the regions measured: the top (no region code: the deployment's top region, which
// SWTALENT_TOP_REGION names or the dataset's regions imply — the whole country for a national
// dataset, so the share indicators of network and linkage measure every village there), the
// reference county's province, and a generated county (at province and national scale).
func (e *benchEnv) scopes() []scope {
	out := []scope{{"top", ""}, {"province", e.county[:2] + "0000000000"}}
	if e.another != "" {
		out = append(out, scope{"county", e.another})
	}
	return out
}

// planYears are the years of BenchmarkPlan's cold plans at a fixed era: early years, before
// the registers have data in every period, make the per-period indicators fall back through up
// to 3 earlier years or 12 earlier months (modules.Period.Lookback), each a measure of its own.
var planYears = []int{2015, 2018, 2022, 2026, 2030}

// BenchmarkPlan: plan with every indicator, cold (a date not asked before, so nothing is
// cached) and warm (the same date and region again). cold asks 2015-01-01 plus i days;
// cold-YYYY asks 15 March of the year plus 5·i days, so each era is measured on its own.
func BenchmarkPlan(b *testing.B) {
	e := env(b)
	for _, r := range e.scopes() {
		name, region := r.name, r.code
		b.Run(name+"/cold", func(b *testing.B) {
			base := civil.DateFor(2015, 1, 1)
			e.timed(b, func(i int) {
				e.must(b, planQuery, map[string]any{"asOf": base.AddDate(0, 0, i).String(), "region": region}, nil)
			})
		})
		for _, y := range planYears {
			b.Run(fmt.Sprintf("%s/cold-%d", name, y), func(b *testing.B) {
				base := civil.DateFor(y, 3, 15)
				e.timed(b, func(i int) {
					e.must(b, planQuery, map[string]any{"asOf": base.AddDays(5 * i).String(), "region": region}, nil)
				})
			})
		}
		b.Run(name+"/warm", func(b *testing.B) {
			vars := map[string]any{"asOf": "2025-12-31", "region": region}
			e.must(b, planQuery, vars, nil)
			e.timed(b, func(int) { e.must(b, planQuery, vars, nil) })
		})
	}
}

// BenchmarkIndicator: each indicator measured on its own (no cache) at each scope (see scopes),
// cold: every iteration asks a date not asked before, spread over 2015–2030, so no answer and
// few pages of a previous iteration are reused. Names read scope/module.indicator.
func BenchmarkIndicator(b *testing.B) {
	e := env(b)
	ctx := system()
	for _, r := range e.scopes() {
		for _, m := range graph.NewResolver(e.cfg).Modules() {
			src, ok := m.(modules.IndicatorSource)
			if !ok {
				continue
			}
			for _, ind := range src.Indicators() {
				b.Run(r.name+"/"+m.Info().Key+"."+ind.Key, func(b *testing.B) {
					e.timed(b, func(i int) {
						scope := modules.Scope{AsOf: coldDate(i), RegionCode: r.code}
						if _, err := ind.Measure(ctx, scope); err != nil {
							b.Fatal(err)
						}
					})
				})
			}
		}
	}
}

// coldDate is the i-th date of a cold benchmark, within 2015–2030: the year steps by 7 from
// 2025 (2025, 2016, 2023, 2030, 2021, …: even three iterations take years with data in every
// register, not only the sparse years before the plan), the month by 5 and the day by 11, so no
// date repeats within 336 iterations and consecutive dates differ in year, month and day.
func coldDate(i int) civil.Date {
	return civil.DateFor(2015+(10+7*i)%16, time.Month(1+(5*i)%12), 1+(11*i)%28)
}

// coverageQuery is the network's coverage totals.
const coverageQuery = `query($region: String) { network { coverage(asOf: "2025-12-31", regionCode: $region) {
  townships { total covered rate } villages { total covered rate } } } }`

// BenchmarkNetworkCoverage: network { coverage } at each scope (see scopes).
func BenchmarkNetworkCoverage(b *testing.B) {
	e := env(b)
	for _, r := range e.scopes() {
		region := r.code
		b.Run(r.name, func(b *testing.B) {
			vars := map[string]any{"region": region}
			e.must(b, coverageQuery, vars, nil)
			e.timed(b, func(int) { e.must(b, coverageQuery, vars, nil) })
		})
	}
}

// linkageQuery assesses every demonstration community of a scope against the five criteria.
const linkageQuery = `query($region: String) { linkage { overview(asOf: "2025-12-31", regionCode: $region) {
  communities met unknown byCriterion { key met } } } }`

// BenchmarkLinkageOverview: linkage { overview } at each scope (see scopes): one aggregate per
// criterion whatever the number of communities.
func BenchmarkLinkageOverview(b *testing.B) {
	e := env(b)
	for _, r := range e.scopes() {
		region := r.code
		b.Run(r.name, func(b *testing.B) {
			vars := map[string]any{"region": region}
			e.must(b, linkageQuery, vars, nil)
			e.timed(b, func(int) { e.must(b, linkageQuery, vars, nil) })
		})
	}
}

// nestedRegions is a three-level page: n regions of a level, m children each, k grandchildren
// each (50×10×10 would exceed the complexity limit of 20,000).
const nestedRegions = `query($level: RegionLevel!, $n: Int, $m: Int, $k: Int) {
  regions(first: $n, where: {level: $level}) { edges { node { code name
    children(first: $m) { edges { node { code name
      children(first: $k) { edges { node { code name kind } } } } } } } } }
}`

// nestedPersons is a three-level page: n persons, their certificates with registrations, and
// their first m training records with the training.
const nestedPersons = `query($n: Int, $m: Int) {
  persons(first: $n) { edges { node { name
    certificates { number registrations { kind status validUntil } }
    trainingRecords(first: $m) { edges { node { hours status training { name hours } } } } } } }
}`

// BenchmarkNested: 3-level pages of 50×10.
func BenchmarkNested(b *testing.B) {
	e := env(b)
	level := "COUNTY"
	if e.scale == "county" {
		level = "TOWNSHIP"
	}
	b.Run("regions", func(b *testing.B) {
		vars := map[string]any{"level": level, "n": 50, "m": 10, "k": 5}
		e.must(b, nestedRegions, vars, nil)
		e.timed(b, func(int) { e.must(b, nestedRegions, vars, nil) })
	})
	b.Run("persons", func(b *testing.B) {
		vars := map[string]any{"n": 50, "m": 10}
		e.must(b, nestedPersons, vars, nil)
		e.timed(b, func(int) { e.must(b, nestedPersons, vars, nil) })
	})
}

// simpleQuery is a small page of persons.
const simpleQuery = `{ persons(first: 10) { edges { node { id name gender } } } }`

// BenchmarkThroughput16: requests per second of 16 concurrent clients.
func BenchmarkThroughput16(b *testing.B) {
	e := env(b)
	for _, q := range []struct {
		name, query string
		vars        map[string]any
	}{
		{"simple", simpleQuery, nil},
		{"nested", nestedPersons, map[string]any{"n": 50, "m": 10}},
	} {
		b.Run(q.name, func(b *testing.B) {
			e.must(b, q.query, q.vars, nil)
			// RunParallel starts parallelism × GOMAXPROCS goroutines: 16 clients in all.
			b.SetParallelism(max(1, 16/runtime.GOMAXPROCS(0)))
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					if err := e.post("", q.query, q.vars, nil); err != nil {
						b.Error(err)
						return
					}
				}
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}
