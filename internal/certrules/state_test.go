package certrules_test

import (
	"testing"

	rules "swtalent/internal/certrules"
)

// reg builds a registration of the given kind and status registered on day, valid three years.
func reg(kind string, status rules.RegistrationStatus, day string) rules.Registration {
	return rules.Registration{Kind: kind, Status: status, RegisteredOn: date(day), ValidUntil: rules.ValidUntil(date(day))}
}

func TestStateAt(t *testing.T) {
	const passed = "2022-01-10"                                     // first registration due 2023-01-10
	first := reg(rules.KindFirst, rules.StatusIssued, "2023-01-10") // valid until 2026-01-09, window from 2025-10-10
	renewal := reg(rules.KindRenewal, rules.StatusFinalReviewPassed, "2025-11-20")
	tests := []struct {
		name   string
		passed string
		regs   []rules.Registration
		asOf   string
		want   rules.State
	}{
		// Before the first registration.
		{"day of passing", passed, nil, "2022-01-10", rules.StateNotRegistered},
		{"due date itself", passed, nil, "2023-01-10", rules.StateNotRegistered},
		{"day after the due date", passed, nil, "2023-01-11", rules.StateFirstOverdue},
		{"pass on 29 February, day before the due date", "2024-02-29", nil, "2025-02-27", rules.StateNotRegistered},
		{"pass on 29 February, due 2025-02-28", "2024-02-29", nil, "2025-02-28", rules.StateNotRegistered},
		{"pass on 29 February, overdue 2025-03-01", "2024-02-29", nil, "2025-03-01", rules.StateFirstOverdue},
		{"pass on 31 December, due date itself", "2024-12-31", nil, "2025-12-31", rules.StateNotRegistered},
		{"pass on 31 December, overdue 1 January", "2024-12-31", nil, "2026-01-01", rules.StateFirstOverdue},
		{"before a late first registration", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2023-06-01")},
			"2023-05-31", rules.StateFirstOverdue},

		// Covered by the first registration.
		{"day of registering", passed, []rules.Registration{first}, "2023-01-10", rules.StateValid},
		{"day before the window", passed, []rules.Registration{first}, "2025-10-09", rules.StateValid},
		{"first day of the window", passed, []rules.Registration{first}, "2025-10-10", rules.StateRenewalOpen},
		{"day of expiry", passed, []rules.Registration{first}, "2026-01-09", rules.StateRenewalOpen},
		{"day after expiry", passed, []rules.Registration{first}, "2026-01-10", rules.StateExpired},
		{"long after expiry", passed, []rules.Registration{first}, "2030-01-01", rules.StateExpired},

		// Renewed inside the window.
		{"window, before renewing", passed, []rules.Registration{first, renewal}, "2025-11-19", rules.StateRenewalOpen},
		{"day of renewing", passed, []rules.Registration{first, renewal}, "2025-11-20", rules.StateValid},
		{"day of the old expiry, renewed", passed, []rules.Registration{first, renewal}, "2026-01-09", rules.StateValid},
		{"day after the old expiry, renewed", passed, []rules.Registration{renewal, first}, "2026-01-10", rules.StateValid},
		{"renewal's own window", passed, []rules.Registration{first, renewal}, "2028-08-20", rules.StateRenewalOpen},
		{"renewal's day before its window", passed, []rules.Registration{first, renewal}, "2028-08-19", rules.StateValid},
		{"renewal lapsed", passed, []rules.Registration{first, renewal}, "2028-11-20", rules.StateExpired},

		// Renewed after a gap.
		{"in the gap", passed, []rules.Registration{first, reg(rules.KindRenewal, rules.StatusIssued, "2026-03-01")},
			"2026-02-28", rules.StateExpired},
		{"after the gap", passed, []rules.Registration{first, reg(rules.KindRenewal, rules.StatusIssued, "2026-03-01")},
			"2026-03-01", rules.StateValid},

		// Statuses that do not count are ignored.
		{"pending first, not due", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusPending, "2022-03-01")},
			"2022-06-01", rules.StateNotRegistered},
		{"first-review-passed first, overdue", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusFirstReviewPassed, "2022-03-01")},
			"2023-06-01", rules.StateFirstOverdue},
		{"rejected renewal in the window", passed, []rules.Registration{first, reg(rules.KindRenewal, rules.StatusFinalReviewRejected, "2025-11-20")},
			"2025-12-01", rules.StateRenewalOpen},
		{"pending renewal after expiry", passed, []rules.Registration{first, reg(rules.KindRenewal, rules.StatusPending, "2025-11-20")},
			"2026-01-10", rules.StateExpired},
		{"final-review-passed first counts", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusFinalReviewPassed, "2022-03-01")},
			"2023-06-01", rules.StateValid},
		{"undated counting registration ignored", passed, []rules.Registration{{Kind: rules.KindFirst, Status: rules.StatusIssued}},
			"2023-06-01", rules.StateFirstOverdue},

		// Month ends: registered 2024-02-29, valid until 2027-02-28, window from 2026-11-29.
		{"29 February, day before the window", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2024-02-29")},
			"2026-11-28", rules.StateValid},
		{"29 February, first day of the window", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2024-02-29")},
			"2026-11-29", rules.StateRenewalOpen},
		{"29 February, day of expiry", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2024-02-29")},
			"2027-02-28", rules.StateRenewalOpen},
		{"29 February, day after expiry", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2024-02-29")},
			"2027-03-01", rules.StateExpired},
		// Registered 2022-01-01, valid until 2024-12-31: 3 months before is 2024-09-30.
		{"31 December expiry, 30 September", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2022-01-01")},
			"2024-09-30", rules.StateValid},
		{"31 December expiry, 1 October", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2022-01-01")},
			"2024-10-01", rules.StateRenewalOpen},
		// Registered 2021-06-01, valid until 2024-05-31: 3 months before is 2024-02-29.
		{"31 May expiry, 29 February", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2021-06-01")},
			"2024-02-29", rules.StateValid},
		{"31 May expiry, 1 March", passed, []rules.Registration{reg(rules.KindFirst, rules.StatusIssued, "2021-06-01")},
			"2024-03-01", rules.StateRenewalOpen},

		// A stored ValidUntil wins; a zero one is derived.
		{"derived ValidUntil, day of expiry", passed,
			[]rules.Registration{{Kind: rules.KindFirst, Status: rules.StatusIssued, RegisteredOn: date("2023-01-10")}},
			"2026-01-09", rules.StateRenewalOpen},
		{"derived ValidUntil, day after", passed,
			[]rules.Registration{{Kind: rules.KindFirst, Status: rules.StatusIssued, RegisteredOn: date("2023-01-10")}},
			"2026-01-10", rules.StateExpired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.StateAt(date(tt.passed), tt.regs, date(tt.asOf)); got != tt.want {
				t.Fatalf("StateAt(%s) = %s, want %s", tt.asOf, got, tt.want)
			}
		})
	}
}
