package rules

import (
	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// DegreeHours is the credit of a completed social-work degree (学历教育): 90 hours at once.
const DegreeHours = 90

// Required returns the continuing-education hours a certificate of level needs per cycle:
// ASSISTANT 72, INTERMEDIATE 90, SENIOR 90; 0 for an unknown level (callers validate levels).
func Required(level enum.CertificateLevel) int {
	switch level {
	case enum.LevelAssistant:
		return 72
	case enum.LevelIntermediate, enum.LevelSenior:
		return 90
	}
	return 0
}

// Credit is a number of hours credited on a day, e.g. a passed training, credited with its
// actual hours on its end date.
type Credit struct {
	On    civil.Date
	Hours int
}

// Cycle is a continuing-education cycle, from Start to End, both inclusive.
type Cycle struct {
	Start, End civil.Date
}

// Contains reports whether day lies in c (both ends inclusive).
func (c Cycle) Contains(day civil.Date) bool {
	return !day.Before(c.Start) && !day.After(c.End)
}

// regCycle returns the period of registration r: RegisteredOn to ValidUntil, a zero ValidUntil
// standing for [certrules.ValidUntil](RegisteredOn).
func regCycle(r certrules.Registration) Cycle {
	end := r.ValidUntil
	if end.IsZero() {
		end = certrules.ValidUntil(r.RegisteredOn)
	}
	return Cycle{Start: r.RegisteredOn, End: end}
}

// CycleAt returns the continuing-education cycle on asOf of a certificate passed on passedOn.
// Only registrations whose status counts (FINAL_REVIEW_PASSED or ISSUED, see
// [certrules.RegistrationStatus.Counts]) and that have a registration date open a cycle,
// which runs from RegisteredOn to ValidUntil (a zero ValidUntil is derived with
// [certrules.ValidUntil]). In order:
//
//   - a counting registration covers asOf: its cycle; when several do (a renewal registered in
//     the renewal window of the registration it renews), the one ending last, i.e. the renewal;
//   - a counting registration ended before asOf (the certificate has lapsed, or asOf falls in a
//     gap before a later re-registration): the cycle of the one that ended last before asOf, so
//     that hours owed for renewing it are still shown;
//   - otherwise, before any counting registration: [passedOn, FirstDue(passedOn)]. This holds
//     also after FirstDue when the first registration is overdue, so hours done between FirstDue
//     and a late first registration fall in no cycle before that registration's own.
//
// The same rules as [certrules.StateAt] decide "covered" and "lapsed". Cycles may overlap
// (a first registration made before FirstDue, a renewal made inside the renewal window): the
// cycles are taken as given, so a day in the overlap belongs to both.
func CycleAt(passedOn civil.Date, regs []certrules.Registration, asOf civil.Date) Cycle {
	var covering, lapsed Cycle
	var covered, ended bool
	for _, r := range regs {
		if !r.Status.Counts() || r.RegisteredOn.IsZero() {
			continue
		}
		c := regCycle(r)
		switch {
		case c.Contains(asOf):
			if !covered || c.End.After(covering.End) {
				covering, covered = c, true
			}
		case c.End.Before(asOf):
			if !ended || c.End.After(lapsed.End) {
				lapsed, ended = c, true
			}
		}
	}
	switch {
	case covered:
		return covering
	case ended:
		return lapsed
	}
	return Cycle{Start: passedOn, End: certrules.FirstDue(passedOn)}
}

// Status is the continuing-education status of a certificate on a day.
type Status struct {
	Cycle     Cycle // the cycle on that day, see [CycleAt]
	Required  int   // hours the cycle needs, see [Required]
	Earned    int   // hours earned in the cycle up to that day
	Remaining int   // max(0, Required-Earned)
	Compliant bool  // Earned >= Required
}

// StatusAt returns the continuing-education status on asOf of a certificate of level passed on
// passedOn with registrations regs. The cycle is [CycleAt]; Earned sums the hours of the credits
// dated inside the cycle (both ends inclusive) and not after asOf, with no cap.
//
// A completed social-work degree (degreeCompleted) adds [DegreeHours] once:
//
//   - degreeCompletedOn given: only in the cycle containing that date, and only from that date
//     on (a degree completed before passedOn, or in an earlier cycle, does not count);
//   - degreeCompletedOn nil (completed, date unknown): in the certificate's first cycle only
//     ([FirstCycles]: before the first registration, and the first registration's own), never in
//     a renewal's, so a degree holder still owes hours from the first renewal on.
//
// degreeCompletedOn is ignored when degreeCompleted is false.
func StatusAt(level enum.CertificateLevel, passedOn civil.Date, regs []certrules.Registration,
	credits []Credit, degreeCompleted bool, degreeCompletedOn *civil.Date, asOf civil.Date) Status {
	s := Status{Cycle: CycleAt(passedOn, regs, asOf), Required: Required(level)}
	counts := func(day civil.Date) bool { return s.Cycle.Contains(day) && !day.After(asOf) }
	for _, c := range credits {
		if counts(c.On) {
			s.Earned += c.Hours
		}
	}
	if degreeCompleted && (degreeCompletedOn == nil && isFirst(s.Cycle, passedOn, regs) || degreeCompletedOn != nil && counts(*degreeCompletedOn)) {
		s.Earned += DegreeHours
	}
	s.Remaining = max(0, s.Required-s.Earned)
	s.Compliant = s.Earned >= s.Required
	return s
}

// FirstCycles are a certificate's first cycle: the period before any counting registration,
// [passedOn, FirstDue(passedOn)], and the cycle of the counting registration registered first
// (ok false when there is none). A degree without a completion date is credited there.
func FirstCycles(passedOn civil.Date, regs []certrules.Registration) (initial, first Cycle, ok bool) {
	initial = Cycle{Start: passedOn, End: certrules.FirstDue(passedOn)}
	for _, r := range regs {
		if !r.Status.Counts() || r.RegisteredOn.IsZero() {
			continue
		}
		if !ok || r.RegisteredOn.Before(first.Start) {
			first, ok = regCycle(r), true
		}
	}
	return initial, first, ok
}

// isFirst reports whether c is one of the certificate's [FirstCycles].
func isFirst(c Cycle, passedOn civil.Date, regs []certrules.Registration) bool {
	initial, first, ok := FirstCycles(passedOn, regs)
	return c == initial || ok && c == first
}
