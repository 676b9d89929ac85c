package modules_test

import (
	"testing"

	"swtalent/internal/civil"
	"swtalent/modules"
)

func TestPeriodOfAndPrevious(t *testing.T) {
	d := func(s string) civil.Date {
		v, err := civil.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range []struct {
		p                     modules.Period
		asOf, from, to, label string
		previous              string
	}{
		{modules.CalendarYear, "2026-12-04", "2026-01-01", "2026-12-04", "2026年", "2025-12-31"},
		{modules.CalendarYear, "2026-01-01", "2026-01-01", "2026-01-01", "2026年", "2025-12-31"},
		{modules.CalendarYear, "2025-12-31", "2025-01-01", "2025-12-31", "2025年", "2024-12-31"},
		// Twelve months by the Civil Code: the window up to 29 February begins on 1 March, and
		// the previous window ends the day before.
		{modules.TwelveMonths, "2024-02-29", "2023-03-01", "2024-02-29", "2023-03-01至2024-02-29", "2023-02-28"},
		{modules.TwelveMonths, "2026-12-04", "2025-12-05", "2026-12-04", "2025-12-05至2026-12-04", "2025-12-04"},
		{modules.TwelveMonths, "2025-12-31", "2025-01-01", "2025-12-31", "2025-01-01至2025-12-31", "2024-12-31"},
		// The last complete month: on its last day the month itself, the day after too.
		{modules.CompleteMonth, "2026-11-30", "2026-11-01", "2026-11-30", "2026-11", "2026-10-31"},
		{modules.CompleteMonth, "2026-11-29", "2026-10-01", "2026-10-31", "2026-10", "2026-09-30"},
		{modules.CompleteMonth, "2024-03-01", "2024-02-01", "2024-02-29", "2024-02", "2024-01-31"},
		{modules.CompleteMonth, "2026-01-15", "2025-12-01", "2025-12-31", "2025-12", "2025-11-30"},
	} {
		s, ok := c.p.Of(d(c.asOf))
		if !ok || s.From != d(c.from) || s.To != d(c.to) || s.Label != c.label {
			t.Errorf("period %d of %s = %+v, %v; want %s..%s %q", c.p, c.asOf, s, ok, c.from, c.to, c.label)
		}
		if got := c.p.Previous(d(c.asOf)); got != d(c.previous) {
			t.Errorf("period %d before the one of %s is measured on %s, want %s", c.p, c.asOf, got, c.previous)
		}
		// The previous period ends right before this one begins (calendar years that have
		// not ended yet excepted: they start on 1 January, the day after the previous).
		if prev, _ := c.p.Of(c.p.Previous(d(c.asOf))); prev.To.AddDays(1) != s.From {
			t.Errorf("period %d of %s: previous ends %s, this begins %s", c.p, c.asOf, prev.To, s.From)
		}
	}
	if _, ok := modules.OnTheDay.Of(d("2025-06-30")); ok {
		t.Error("a stock has a period")
	}
}
