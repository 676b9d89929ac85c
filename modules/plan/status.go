package plan

import (
	"io"
	"strconv"

	"swtalent/ent/plantarget"
	"swtalent/internal/civil"
)

// Status is how an indicator stands against its applicable target.
type Status string

// Statuses.
const (
	Met      Status = "MET"
	OnTrack  Status = "ON_TRACK"
	AtRisk   Status = "AT_RISK"
	Missed   Status = "MISSED"
	NoTarget Status = "NO_TARGET"
	Unknown  Status = "UNKNOWN"
)

// MarshalGQL writes the status as a GraphQL enum value.
func (s Status) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(s))) }

// UnmarshalGQL is required by gqlgen for enums; statuses are never input.
func (s *Status) UnmarshalGQL(v any) error { str, _ := v.(string); *s = Status(str); return nil }

// Baseline is the day the plan's straight line starts from: the end of 2022, the year the plan
// was issued (弋民字〔2022〕183号), whose figures the targets double.
func Baseline() civil.Date { return civil.DateFor(2022, 12, 31) }

// Target is one target as the rules see it.
type Target struct {
	Year       int // 0 = a standing rule
	Comparator plantarget.Comparator
	Value      float64
}

// Applicable picks the target that applies at asOf: the dated target with the earliest year at or
// after asOf's year; if none, the latest dated target (its deadline has passed); if no dated
// target exists, the standing rule (year 0); if none, ok is false.
func Applicable(targets []Target, asOf civil.Date) (t Target, ok bool) {
	var next, last, standing *Target
	for i := range targets {
		c := &targets[i]
		switch {
		case c.Year == 0:
			standing = c
		case c.Year >= asOf.Year && (next == nil || c.Year < next.Year):
			next = c
		case c.Year < asOf.Year && (last == nil || c.Year > last.Year):
			last = c
		}
	}
	for _, c := range []*Target{next, last, standing} {
		if c != nil {
			return *c, true
		}
	}
	return Target{}, false
}

// Holds reports whether the comparator holds for actual against the target value.
func (t Target) Holds(actual float64) bool {
	switch t.Comparator {
	case plantarget.ComparatorGreater:
		return actual > t.Value
	case plantarget.ComparatorAtLeast:
		return actual >= t.Value
	case plantarget.ComparatorLess:
		return actual < t.Value
	case plantarget.ComparatorAtMost:
		return actual <= t.Value
	case plantarget.ComparatorExactly:
		return actual == t.Value
	}
	return false
}

// Evaluate gives the status of actual against the applicable target t (nil when none applies)
// at asOf. baseline is the indicator's value at Baseline in the same region (nil if unknown).
//
// MET when the comparison holds. Otherwise, before 31 December of the target year (its
// deadline), ON_TRACK when actual is at or beyond the straight line from the baseline value to the
// target value at the deadline, else AT_RISK; on and after the deadline MISSED (on that day the
// line reaches the target itself, so "at the line" would otherwise pass a GT target at 80 of
// > 80 as ON_TRACK). Standing rules are MET or MISSED.
func Evaluate(actual *float64, t *Target, asOf civil.Date, baseline *float64) Status {
	switch {
	case t == nil:
		return NoTarget
	case actual == nil:
		return Unknown
	case t.Holds(*actual):
		return Met
	case t.Year == 0:
		return Missed
	case !asOf.Before(civil.EndOfYear(t.Year)):
		return Missed
	case baseline == nil:
		return AtRisk
	}
	line := straightLine(*baseline, t.Value, asOf, civil.EndOfYear(t.Year))
	downward := t.Comparator == plantarget.ComparatorLess || t.Comparator == plantarget.ComparatorAtMost ||
		(t.Comparator == plantarget.ComparatorExactly && t.Value < *baseline)
	if (!downward && *actual >= line) || (downward && *actual <= line) {
		return OnTrack
	}
	return AtRisk
}

// straightLine is the value on the line from (Baseline(), from) to (end, to) at asOf, clamped to the
// segment.
func straightLine(from, to float64, asOf, end civil.Date) float64 {
	total := days(Baseline(), end)
	if total <= 0 {
		return to
	}
	f := float64(days(Baseline(), asOf)) / float64(total)
	f = min(max(f, 0), 1)
	return from + (to-from)*f
}

// days counts the days from a to b.
func days(a, b civil.Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}
