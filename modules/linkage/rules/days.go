package rules

import (
	"slices"
	"time"

	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// Forever stands for the first day of a span with no known beginning (an organisation without a
// registration date): before any day asked.
var Forever = civil.DateFor(civil.MinYear, time.January, 1)

// ActiveDays returns the days a demonstration community designated in year and withdrawn on
// withdrawn (nil: never) is active: from 1 January of the year designated until the day
// withdrawn. ok is false when it is never active.
func ActiveDays(year int, withdrawn *civil.Date) (s factdata.Span, ok bool) {
	return span(civil.DateFor(year, time.January, 1), withdrawn)
}

// ProjectDays returns the days a project running from starts to ends (both inclusive) counts for
// special_population_projects: the days d on or after starts whose 12 months up to d
// ([civil.Date.YearWindow]) reach ends, that is d.PeriodStart(1, 0) ≤ ends. The run ends on the
// first day whose window starts after ends, found from ends + 12 months: a project ending on
// 2024-02-29 counts up to 2025-02-28, whose window starts on 2024-02-29. ok is false when it
// never counts.
func ProjectDays(starts, ends civil.Date) (s factdata.Span, ok bool) {
	until := ends.AddMonths(12)
	for until.AddDays(-1).PeriodStart(1, 0).After(ends) {
		until = until.AddDays(-1)
	}
	for !until.PeriodStart(1, 0).After(ends) {
		until = until.AddDays(1)
	}
	return span(starts, &until)
}

// FundDays returns the days a community service fund established on established counts: from that
// day on.
func FundDays(established civil.Date) factdata.Span {
	return factdata.Span{From: established, Weight: 1}
}

// OrganizationDays returns the days a community social organisation registered on registered
// (nil: unknown, counted as always) and deregistered on deregistered (nil: still registered)
// counts: from registration until deregistration. ok is false when it never counts.
func OrganizationDays(registered, deregistered *civil.Date) (s factdata.Span, ok bool) {
	from := Forever
	if registered != nil {
		from = *registered
	}
	return span(from, deregistered)
}

// span is [from, until) with weight 1, ok false when empty.
func span(from civil.Date, until *civil.Date) (factdata.Span, bool) {
	if until != nil && !until.After(from) {
		return factdata.Span{}, false
	}
	return factdata.Span{From: from, Until: until, Weight: 1}, true
}

// Community is what the criteria read of one demonstration community: its designation, its
// resident population and, per criterion key, the intervals it counts (each with its weight):
// the CERTIFIED_COMMUNITY_STAFF spans of its staff, [ProjectDays] of its special-population
// projects, [FundDays] of its community service funds, [OrganizationDays] of its community social
// organisations and the intervals of its volunteers.
type Community struct {
	Designated int         // the year designated
	Withdrawn  *civil.Date // the day withdrawn, nil if not
	Population *int
	Intervals  map[string][]factdata.Span
}

// MetDays returns the days on which the community is active ([ActiveDays]) and every criterion
// holds for it ([Value], [Criterion.Holds]), as disjoint spans of weight 1 in date order: the
// days where [Value] of each criterion, measured from its intervals covering the day, holds.
func MetDays(criteria []Criterion, c Community) []factdata.Span {
	active, ok := ActiveDays(c.Designated, c.Withdrawn)
	if !ok {
		return nil
	}
	type event struct {
		on    civil.Date
		key   string
		delta int
	}
	var events []event
	days := []civil.Date{active.From}
	if active.Until != nil {
		days = append(days, *active.Until)
	}
	for key, spans := range c.Intervals {
		for _, s := range spans {
			events = append(events, event{s.From, key, s.Weight})
			days = append(days, s.From)
			if s.Until != nil {
				events = append(events, event{*s.Until, key, -s.Weight})
				days = append(days, *s.Until)
			}
		}
	}
	slices.SortFunc(events, func(a, b event) int { return a.on.Compare(b.on) })
	slices.SortFunc(days, func(a, b civil.Date) int { return a.Compare(b) })
	days = slices.Compact(days)
	n := map[string]int{}
	var out []factdata.Span
	e := 0
	for i, d := range days {
		for ; e < len(events) && !events[e].on.After(d); e++ {
			n[events[e].key] += events[e].delta
		}
		if !active.Covers(d) || !holdsAll(criteria, n, c.Population) {
			continue
		}
		var until *civil.Date
		if i+1 < len(days) {
			until = &days[i+1]
		}
		if last := len(out) - 1; last >= 0 && out[last].Until != nil && *out[last].Until == d {
			out[last].Until = until
			continue
		}
		out = append(out, factdata.Span{From: d, Until: until, Weight: 1})
	}
	return out
}

// holdsAll reports whether every criterion holds with the counts n.
func holdsAll(criteria []Criterion, n map[string]int, population *int) bool {
	for _, c := range criteria {
		v, ok := Value(c.Key, n[c.Key], population)
		if !ok || !c.Holds(v) {
			return false
		}
	}
	return true
}
