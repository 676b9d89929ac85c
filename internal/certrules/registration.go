package certrules

import (
	"slices"

	"swtalent/internal/civil"
)

// RegistrationStatus is the status of a registration in the national registration system.
type RegistrationStatus string

// Registration statuses.
const (
	StatusNotApplied          RegistrationStatus = "NOT_APPLIED"           // 未申请
	StatusPending             RegistrationStatus = "PENDING"               // 待审核
	StatusFirstReviewPassed   RegistrationStatus = "FIRST_REVIEW_PASSED"   // 初审通过
	StatusFirstReviewRejected RegistrationStatus = "FIRST_REVIEW_REJECTED" // 初审未通过
	StatusFinalReviewPassed   RegistrationStatus = "FINAL_REVIEW_PASSED"   // 终审通过
	StatusFinalReviewRejected RegistrationStatus = "FINAL_REVIEW_REJECTED" // 终审未通过
	StatusIssued              RegistrationStatus = "ISSUED"                // 已出证
)

// Values lists the statuses in the order of the national system's workflow.
func (RegistrationStatus) Values() []string {
	return []string{
		string(StatusNotApplied), string(StatusPending), string(StatusFirstReviewPassed),
		string(StatusFirstReviewRejected), string(StatusFinalReviewPassed),
		string(StatusFinalReviewRejected), string(StatusIssued),
	}
}

// Valid reports whether s is one of the statuses.
func (s RegistrationStatus) Valid() bool { return slices.Contains(s.Values(), string(s)) }

// Counts reports whether a registration in status s makes the certificate registered for its
// period: only FINAL_REVIEW_PASSED and ISSUED do.
func (s RegistrationStatus) Counts() bool {
	return s == StatusFinalReviewPassed || s == StatusIssued
}

// rejected reports whether s ends a registration without success.
func (s RegistrationStatus) rejected() bool {
	return s == StatusFirstReviewRejected || s == StatusFinalReviewRejected
}

// Registration kinds, the values of Registration.Kind.
const (
	KindFirst   = "FIRST"   // 首次登记
	KindRenewal = "RENEWAL" // 再登记
)

// Registration is one registration of a certificate. Its period runs from RegisteredOn to
// ValidUntil, both inclusive; a zero ValidUntil stands for [ValidUntil](RegisteredOn). A
// registration with a zero RegisteredOn (e.g. NOT_APPLIED) has no period.
type Registration struct {
	Kind         string // KindFirst or KindRenewal
	Status       RegistrationStatus
	RegisteredOn civil.Date
	ValidUntil   civil.Date
}

// dated reports whether r has a period.
func (r Registration) dated() bool { return !r.RegisteredOn.IsZero() }

// end returns the last day of r's period.
func (r Registration) end() civil.Date {
	if r.ValidUntil.IsZero() {
		return ValidUntil(r.RegisteredOn)
	}
	return r.ValidUntil
}

// covers reports whether day lies in r's period.
func (r Registration) covers(day civil.Date) bool {
	return r.dated() && !day.Before(r.RegisteredOn) && !day.After(r.end())
}

// overlaps reports whether the periods of r and o share a day.
func (r Registration) overlaps(o Registration) bool {
	return r.dated() && o.dated() && !r.RegisteredOn.After(o.end()) && !o.RegisteredOn.After(r.end())
}
