package certrules_test

import (
	"testing"

	rules "swtalent/internal/certrules"
	"swtalent/internal/civil"
)

func TestRegistrationDates(t *testing.T) {
	tests := []struct {
		name string
		fn   func(civil.Date) civil.Date
		in   string
		want string
	}{
		{"first due one year after passing", rules.FirstDue, "2023-11-05", "2024-11-05"},
		{"first due after a pass on 28 February of a leap year", rules.FirstDue, "2024-02-28", "2025-02-28"},
		{"first due after a pass on 29 February", rules.FirstDue, "2024-02-29", "2025-02-28"},
		{"first due after a pass on 1 March of a leap year", rules.FirstDue, "2024-03-01", "2025-03-01"},
		{"first due after a pass on 28 February before a leap year", rules.FirstDue, "2023-02-28", "2024-02-28"},
		{"first due after a pass on 31 December", rules.FirstDue, "2024-12-31", "2025-12-31"},
		{"valid three years less a day", rules.ValidUntil, "2023-01-10", "2026-01-09"},
		{"valid from 1 January", rules.ValidUntil, "2023-01-01", "2025-12-31"},
		{"valid from 28 February of a leap year", rules.ValidUntil, "2024-02-28", "2027-02-27"},
		{"valid from 29 February: no corresponding day, the month's last", rules.ValidUntil, "2024-02-29", "2027-02-28"},
		{"valid from 1 March of a leap year", rules.ValidUntil, "2024-03-01", "2027-02-28"},
		{"valid from 1 March, ending in a leap year", rules.ValidUntil, "2025-03-01", "2028-02-29"},
		{"valid from 31 December", rules.ValidUntil, "2024-12-31", "2027-12-30"},
		{"window opens the day after three months before", rules.RenewalOpens, "2026-01-09", "2025-10-10"},
		{"window of a 31 December expiry: 3 months before is 30 September", rules.RenewalOpens, "2024-12-31", "2024-10-01"},
		{"window of a 30 November expiry", rules.RenewalOpens, "2025-11-30", "2025-08-31"},
		{"window of a 31 May expiry in a leap year: 29 February", rules.RenewalOpens, "2024-05-31", "2024-03-01"},
		{"window of a 31 May expiry: 28 February", rules.RenewalOpens, "2026-05-31", "2026-03-01"},
		{"window of a 30 May expiry: 28 February", rules.RenewalOpens, "2026-05-30", "2026-03-01"},
		{"window of a 28 February expiry", rules.RenewalOpens, "2027-02-28", "2026-11-29"},
		{"window of a 29 February expiry", rules.RenewalOpens, "2028-02-29", "2027-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(date(tt.in)); got != date(tt.want) {
				t.Fatalf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestRegistrationStatus(t *testing.T) {
	tests := []struct {
		s      rules.RegistrationStatus
		valid  bool
		counts bool
	}{
		{rules.StatusNotApplied, true, false},
		{rules.StatusPending, true, false},
		{rules.StatusFirstReviewPassed, true, false},
		{rules.StatusFirstReviewRejected, true, false},
		{rules.StatusFinalReviewPassed, true, true},
		{rules.StatusFinalReviewRejected, true, false},
		{rules.StatusIssued, true, true},
		{"APPROVED", false, false},
	}
	for _, tt := range tests {
		t.Run(string(tt.s), func(t *testing.T) {
			if got := tt.s.Valid(); got != tt.valid {
				t.Errorf("Valid() = %v, want %v", got, tt.valid)
			}
			if got := tt.s.Counts(); got != tt.counts {
				t.Errorf("Counts() = %v, want %v", got, tt.counts)
			}
		})
	}
}
