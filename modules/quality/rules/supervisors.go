package rules

import (
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// QualificationValidAt reports whether a supervisor qualification is valid on day: granted on or
// before it and not revoked by it (the revocation day no longer counts). It is the quality
// module's validAt for one qualification.
func QualificationValidAt(q factdata.Qualification, day civil.Date) bool {
	return !q.Granted.After(day) && (q.Revoked == nil || q.Revoked.After(day))
}

// QualifiedSpans returns the days on which a person who left the workforce on left (nil: still in
// it) counts in qualified_supervisors: in the workforce on the day and holding a qualification
// valid on it ([QualificationValidAt]), weight 1. Whether that holds changes only on a grant, a
// revocation or the departure, so it is evaluated once on each of those days.
func QualifiedSpans(quals []factdata.Qualification, left *civil.Date) []Span {
	bounds := make([]civil.Date, 0, 2*len(quals)+1)
	for _, q := range quals {
		bounds = append(bounds, q.Granted)
		if q.Revoked != nil {
			bounds = append(bounds, *q.Revoked)
		}
	}
	if left != nil {
		bounds = append(bounds, *left)
	}
	return piecewise(bounds, func(day civil.Date) int {
		if left != nil && !left.After(day) {
			return 0
		}
		for _, q := range quals {
			if QualificationValidAt(q, day) {
				return 1
			}
		}
		return 0
	})
}

// QualifiedSupervisorFact is the rule of the kept fact QUALIFIED_SUPERVISOR: the days on which
// the person counts in qualified_supervisors ([QualifiedSpans]).
func QualifiedSupervisorFact(p factdata.Person) []factdata.Span {
	return factSpans(QualifiedSpans(p.Qualifications, p.Left))
}
