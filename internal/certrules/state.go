package certrules

import "swtalent/internal/civil"

// State is the registration state of a certificate on a given day.
type State string

// Registration states.
const (
	StateNotRegistered State = "NOT_REGISTERED" // 未登记, first registration not yet due
	StateFirstOverdue  State = "FIRST_OVERDUE"  // 首次登记逾期
	StateValid         State = "VALID"          // 登记有效
	StateRenewalOpen   State = "RENEWAL_OPEN"   // 可再登记 (in the renewal window, not yet renewed)
	StateExpired       State = "EXPIRED"        // 登记已过期
)

// StateAt returns the registration state on asOf of a certificate passed on passedOn. Only
// registrations whose status counts (see [RegistrationStatus.Counts]) and that have a
// registration date are considered.
//
// When no such registration covers asOf: if one has already lapsed, EXPIRED; otherwise (asOf is
// before every one) NOT_REGISTERED while asOf ≤ [FirstDue](passedOn) and FIRST_OVERDUE after.
//
// When covered, the registration ending last among those covering asOf decides: RENEWAL_OPEN if
// asOf lies in its renewal window (see [RenewalOpens]), VALID otherwise. A renewal registered
// inside the window starts a period that covers asOf and ends later, so from its registration
// date the state is VALID again.
func StateAt(passedOn civil.Date, regs []Registration, asOf civil.Date) State {
	var (
		current civil.Date // last day of the latest-ending registration covering asOf
		covered bool
		lapsed  bool
	)
	for _, r := range regs {
		if !r.Status.Counts() || !r.dated() {
			continue
		}
		switch {
		case r.covers(asOf):
			if !covered || r.end().After(current) {
				current = r.end()
			}
			covered = true
		case r.end().Before(asOf):
			lapsed = true
		}
	}
	switch {
	case covered && !asOf.Before(RenewalOpens(current)):
		return StateRenewalOpen
	case covered:
		return StateValid
	case lapsed:
		return StateExpired
	case asOf.After(FirstDue(passedOn)):
		return StateFirstOverdue
	}
	return StateNotRegistered
}
