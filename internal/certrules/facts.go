package certrules

import (
	"slices"
	"time"

	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// The rules of the doubling module's kept exam facts (package internal/facts): EXAM_SAT and
// EXAM_PASSED, the applications of a year whose applicant sat ([Outcome.Sat]) and those that
// passed. Each application is one span over its exam's whole calendar year, weight 1, labelled
// with the level applied for, so that the count on any day of year Y (in particular on
// 31 December, which the deltas answer alone) is the number of year Y's applications with the
// outcome, by level. A person applies at most once a year per level; applications at two levels
// in one year are two spans.

// ExamSatFact is the rule of the kept fact EXAM_SAT: a span over the exam year of each of the
// person's applications whose outcome counts as sat.
func ExamSatFact(p factdata.Person) []factdata.Span {
	return examSpans(p, Outcome.Sat)
}

// ExamPassedFact is the rule of the kept fact EXAM_PASSED: a span over the exam year of each of
// the person's applications that PASSED.
func ExamPassedFact(p factdata.Person) []factdata.Span {
	return examSpans(p, func(o Outcome) bool { return o == OutcomePassed })
}

// examSpans returns a span over the exam year of each application whose outcome counts, in year
// order.
func examSpans(p factdata.Person, counts func(Outcome) bool) []factdata.Span {
	var out []factdata.Span
	for _, a := range p.Exams {
		if !counts(Outcome(a.Outcome)) {
			continue
		}
		until := civil.DateFor(a.Year+1, time.January, 1)
		out = append(out, factdata.Span{Level: a.Level, From: civil.DateFor(a.Year, time.January, 1), Until: &until, Weight: 1})
	}
	slices.SortStableFunc(out, func(a, b factdata.Span) int { return a.From.Compare(b.From) })
	return out
}
