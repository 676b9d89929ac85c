package rules_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/modules/linkage/rules"
)

func day(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// ProjectDays covers exactly the days the criterion's definition counts a project on (it started
// by the day and ends on or after the first day of the 12 months up to it), around month ends and
// 29 February.
func TestProjectDaysMatchTheWindow(t *testing.T) {
	for _, c := range []struct{ starts, ends, lastDay string }{
		{"2023-01-01", "2024-02-29", "2025-02-28"},
		{"2023-01-01", "2024-02-28", "2025-02-27"},
		{"2023-01-01", "2023-02-28", "2024-02-27"},
		{"2023-01-01", "2023-03-31", "2024-03-30"},
		{"2023-01-01", "2023-12-31", "2024-12-30"},
		{"2024-06-01", "2024-06-01", "2025-05-31"},
	} {
		s, ok := rules.ProjectDays(day(c.starts), day(c.ends))
		if !ok || s.From != day(c.starts) || s.Until == nil || *s.Until != day(c.lastDay).AddDays(1) {
			t.Errorf("ProjectDays(%s, %s) = %v, %v; want from %s through %s", c.starts, c.ends, s, ok, c.starts, c.lastDay)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 300 {
		starts := civil.DateFor(2019, time.January, 1).AddDays(rng.IntN(5 * 365))
		ends := starts.AddDays(rng.IntN(800))
		s, ok := rules.ProjectDays(starts, ends)
		for d := starts.AddDays(-3); d.Before(ends.AddDays(400)); d = d.AddDays(1) {
			want := !starts.After(d) && !d.PeriodStart(1, 0).After(ends)
			if got := ok && s.Covers(d); got != want {
				t.Fatalf("project %s..%s on %s: counted %v, definition %v", starts, ends, d, got, want)
			}
		}
	}
}

// MetDays holds on exactly the days where every criterion, measured by counting its intervals
// covering the day, holds while the community is active: compared day by day with that definition
// over random communities.
func TestMetDaysMatchTheCriteriaDayByDay(t *testing.T) {
	criteria, err := rules.Criteria()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	first := civil.DateFor(2016, time.January, 1)
	draw := func(n int) []factdata.Span {
		var out []factdata.Span
		for range rng.IntN(n + 1) {
			s := factdata.Span{From: first.AddDays(rng.IntN(6 * 365)), Weight: 1 + rng.IntN(2)}
			if rng.IntN(3) > 0 {
				u := s.From.AddDays(1 + rng.IntN(3*365))
				s.Until = &u
			}
			out = append(out, s)
		}
		return out
	}
	met, missed := 0, 0
	for i := range 200 {
		c := rules.Community{Designated: 2016 + rng.IntN(5), Intervals: map[string][]factdata.Span{}}
		if rng.IntN(3) == 0 {
			w := civil.DateFor(c.Designated, time.January, 1).AddDays(rng.IntN(4 * 365))
			c.Withdrawn = &w
		}
		if rng.IntN(6) > 0 {
			p := 5 + rng.IntN(30)
			c.Population = &p
		}
		for _, k := range rules.Keys() {
			c.Intervals[k] = draw(5)
		}
		got := rules.MetDays(criteria, c)
		for d := first.AddDays(-2); d.Before(first.AddDays(11 * 365)); d = d.AddDays(1) {
			active, ok := rules.ActiveDays(c.Designated, c.Withdrawn)
			want := ok && active.Covers(d)
			for _, cr := range criteria {
				n := 0
				for _, s := range c.Intervals[cr.Key] {
					if s.Covers(d) {
						n += s.Weight
					}
				}
				v, known := rules.Value(cr.Key, n, c.Population)
				want = want && known && cr.Holds(v)
			}
			covered := 0
			for _, s := range got {
				if s.Covers(d) {
					covered++
				}
			}
			if covered > 1 || (covered == 1) != want {
				t.Fatalf("community %d on %s: %d met spans cover it (%s), definition %v", i, d, covered, show(got), want)
			}
			if want {
				met++
			} else {
				missed++
			}
		}
		for j := 1; j < len(got); j++ {
			if got[j-1].Until == nil || !got[j-1].Until.Before(got[j].From) {
				t.Fatalf("community %d: met spans touch or overlap: %s", i, show(got))
			}
		}
	}
	if met == 0 || missed == 0 {
		t.Fatalf("the random communities met the criteria on %d days and missed them on %d", met, missed)
	}
}

func show(spans []factdata.Span) string {
	s := ""
	for _, x := range spans {
		u := "…"
		if x.Until != nil {
			u = x.Until.String()
		}
		s += fmt.Sprintf("[%s, %s) ", x.From, u)
	}
	return s
}
