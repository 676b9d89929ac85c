package rules

import (
	"cmp"
	"slices"

	"swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// Interval is a stretch of days [From, Until): From counted, Until not; a nil Until means it
// lasts. A person's certified days are a list of them (the kept certified spans).
type Interval struct {
	From  civil.Date
	Until *civil.Date
}

// Contains reports whether day lies in i.
func (i Interval) Contains(day civil.Date) bool {
	return !day.Before(i.From) && (i.Until == nil || day.Before(*i.Until))
}

// Span is a stretch of days [From, Until) (nil Until: it lasts) on which a fact holds for a person,
// with the Weight it adds to a count on each of those days: an indicator's value at day D over a
// region is the sum of the weights of its fact's spans that contain D.
type Span struct {
	Interval
	Weight int
}

// within reports whether day lies in one of the intervals.
func within(ins []Interval, day civil.Date) bool {
	return slices.ContainsFunc(ins, func(i Interval) bool { return i.Contains(day) })
}

// piecewise turns a weight that changes only on the given days into spans: weight(day) is
// evaluated once on each of bounds (in any order, repeats allowed) and taken to hold until the next
// bound, the last value lasting; before the first bound the weight must be 0. Neighbouring
// stretches of equal weight are one span; days of weight 0 are in none.
func piecewise(bounds []civil.Date, weight func(civil.Date) int) []Span {
	bounds = slices.Clone(bounds)
	slices.SortFunc(bounds, civil.Date.Compare)
	bounds = slices.Compact(bounds)
	var out []Span
	for i, day := range bounds {
		w := weight(day)
		var until *civil.Date
		if i+1 < len(bounds) {
			until = &bounds[i+1]
		}
		switch n := len(out); {
		case w == 0:
		case n > 0 && out[n-1].Weight == w && out[n-1].Until != nil && *out[n-1].Until == day:
			out[n-1].Until = until
		default:
			out = append(out, Span{Interval: Interval{From: day, Until: until}, Weight: w})
		}
	}
	return out
}

// Holding is one certificate a person holds, with its registrations.
type Holding struct {
	Cert
	Registrations []certrules.Registration
}

// Education is what a person's continuing education reads: the certificates held with their
// registrations, the credited hours, and the social-work degree (DegreeOn nil: completion date
// unknown; see [StatusAt]).
type Education struct {
	Holdings []Holding
	Credits  []Credit
	Degree   bool
	DegreeOn *civil.Date
}

// StatusOn returns the person's continuing-education status on asOf: that of the highest current
// certificate ([Highest]) rated by [StatusAt], and that certificate's index in Holdings. ok is
// false when no certificate is current. The certificate is found by position, not by ID, so
// holdings not stored yet (ID 0: the generator's) are rated each with its own registrations.
func (e Education) StatusOn(asOf civil.Date) (index int, s Status, ok bool) {
	certs := make([]Cert, len(e.Holdings))
	for i, h := range e.Holdings {
		certs[i] = h.Cert
	}
	i, ok := highest(certs, asOf)
	if !ok {
		return 0, Status{}, false
	}
	h := e.Holdings[i]
	return i, StatusAt(h.Level, h.PassedOn, h.Registrations, e.Credits, e.Degree, e.DegreeOn, asOf), true
}

// CompliantSpans returns the days on which a person counts in the numerator of the
// continuing-education compliance rate: certified (a day of certified, the person's certified
// intervals) and the status of their highest current certificate ([Education.StatusOn]) is
// Compliant. Each span has weight 1.
//
// The status changes only on these days, so it is evaluated once on each of them: a certificate's
// pass and revocation dates, the first day after its first registration falls due, a counting
// registration's first day and the day after its last (a cycle begins or lapses), a credit's date,
// the degree's date, and the ends of the certified intervals (which carry departure).
func CompliantSpans(e Education, certified []Interval) []Span {
	var bounds []civil.Date
	for _, h := range e.Holdings {
		bounds = append(bounds, h.PassedOn, certrules.FirstDue(h.PassedOn).AddDays(1))
		if h.RevokedOn != nil {
			bounds = append(bounds, *h.RevokedOn)
		}
		for _, r := range h.Registrations {
			if !r.RegisteredOn.IsZero() {
				c := regCycle(r)
				bounds = append(bounds, c.Start, c.End.AddDays(1))
			}
		}
	}
	for _, c := range e.Credits {
		bounds = append(bounds, c.On)
	}
	if e.DegreeOn != nil {
		bounds = append(bounds, *e.DegreeOn)
	}
	for _, i := range certified {
		bounds = append(bounds, i.From)
		if i.Until != nil {
			bounds = append(bounds, *i.Until)
		}
	}
	return piecewise(bounds, func(day civil.Date) int {
		if !within(certified, day) {
			return 0
		}
		if _, s, ok := e.StatusOn(day); ok && s.Compliant {
			return 1
		}
		return 0
	})
}

// Window gives the stretch of days, first and last inclusive, that an indicator measured on a
// day looks back over (a 12-month window: modules.Scope.YearWindow). Both ends must move forward
// (or stay) as the day does, and a window spans at most maxWindow days.
type Window func(asOf civil.Date) (from, to civil.Date)

// maxWindow bounds the length of a [Window] in days, so that [Reach] can search for its ends.
const maxWindow = 800

// Reach returns the days whose window contains the day on, as [from, until): one stretch, since
// the window's ends only move forward; from == until when there is none. It asks the window
// itself (binary searches), so it holds whatever the window's calendar rules.
func Reach(w Window, on civil.Date) (from, until civil.Date) {
	// The first day whose window ends on or after on: it lies in [on-maxWindow, on+maxWindow].
	lo := search(on.AddDays(-maxWindow), 2*maxWindow+1, func(d civil.Date) bool {
		_, to := w(d)
		return !to.Before(on)
	})
	// The first day from lo on whose window starts after on.
	hi := search(lo, maxWindow+2, func(d civil.Date) bool {
		start, _ := w(d)
		return start.After(on)
	})
	return lo, hi
}

// search returns the first of the n days from start on for which ok holds, ok being false and
// then true; start+n when it never holds.
func search(start civil.Date, n int, ok func(civil.Date) bool) civil.Date {
	i, j := 0, n
	for i < j {
		h := int(uint(i+j) >> 1)
		if !ok(start.AddDays(h)) {
			i = h + 1
		} else {
			j = h
		}
	}
	return start.AddDays(i)
}

// Done is a completed training record as the training indicators read it: the day its training
// ended and the hours credited.
type Done struct {
	EndsOn civil.Date
	Hours  int
}

// TrainingHourSpans returns the spans whose weights sum, on a day D, to the hours of the person's
// completed training records (done) whose training ended in D's window, counted only while the
// person is certified (certified, the person's certified intervals): the numerator of training
// hours per certified worker. A record reaches the days [Reach] gives its end date; each piece of
// that stretch inside a certified interval is a span weighted with the record's hours. Records of 0
// hours give none. Spans come sorted by From, then Until, then Weight.
func TrainingHourSpans(w Window, done []Done, certified []Interval) []Span {
	var out []Span
	for _, r := range done {
		if r.Hours == 0 {
			continue
		}
		from, until := Reach(w, r.EndsOn)
		for _, c := range certified {
			lo := later(from, c.From)
			hi := until
			if c.Until != nil && c.Until.Before(hi) {
				hi = *c.Until
			}
			if lo.Before(hi) {
				out = append(out, Span{Interval: Interval{From: lo, Until: &hi}, Weight: r.Hours})
			}
		}
	}
	slices.SortFunc(out, compareSpans)
	return out
}

// TrainedSpans returns the days on which the person has at least one of the given trainings
// ended in the day's window: the union of the stretches [Reach] gives the end dates, weight 1.
// It is leaders_trained's fact, given the end dates of a person's completed leader trainings.
func TrainedSpans(w Window, endsOn []civil.Date) []Span {
	var stretches []Interval
	for _, on := range endsOn {
		from, until := Reach(w, on)
		if from.Before(until) {
			stretches = append(stretches, Interval{From: from, Until: &until})
		}
	}
	slices.SortFunc(stretches, func(a, b Interval) int { return a.From.Compare(b.From) })
	var out []Span
	for _, s := range stretches {
		if n := len(out); n > 0 && !s.From.After(*out[n-1].Until) {
			if s.Until.After(*out[n-1].Until) {
				out[n-1].Until = s.Until
			}
			continue
		}
		out = append(out, Span{Interval: s, Weight: 1})
	}
	return out
}

// later returns the later of two days.
func later(a, b civil.Date) civil.Date {
	if a.After(b) {
		return a
	}
	return b
}

// compareSpans orders spans by From, then Until (a lasting span last), then Weight.
func compareSpans(a, b Span) int {
	if c := a.From.Compare(b.From); c != 0 {
		return c
	}
	switch {
	case a.Until == nil && b.Until != nil:
		return 1
	case a.Until != nil && b.Until == nil:
		return -1
	case a.Until != nil:
		if c := a.Until.Compare(*b.Until); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.Weight, b.Weight)
}
