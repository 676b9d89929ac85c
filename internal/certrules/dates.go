package certrules

import "swtalent/internal/civil"

// FirstDue returns the last day for the first registration of a certificate passed on
// passedOn: the pass date plus one calendar year, normalised like Go's AddDate, so a pass on
// 2024-02-29 is due by 2025-03-01.
func FirstDue(passedOn civil.Date) civil.Date { return passedOn.AddDate(1, 0, 0) }

// ValidUntil returns the last day of a registration made on registeredOn: three years less one
// day later, both ends inclusive (registered 2023-01-10, valid until 2026-01-09). The years and
// the day are added in one step, so registered 2024-02-29 is valid until 2027-02-28.
func ValidUntil(registeredOn civil.Date) civil.Date { return registeredOn.AddDate(3, 0, -1) }

// RenewalOpens returns the first day of the renewal window of a registration valid until
// validUntil. The window holds the days D with validUntil.AddDate(0, -3, 0) < D ≤ validUntil, so
// it opens the day after validUntil.AddDate(0, -3, 0): valid until 2026-01-09, the window opens
// 2025-10-10. Month overflow normalises like Go's AddDate (valid until 2026-05-31: three months
// earlier is "2026-02-31", i.e. 2026-03-03, so the window opens 2026-03-04).
func RenewalOpens(validUntil civil.Date) civil.Date {
	return validUntil.AddDate(0, -3, 0).AddDate(0, 0, 1)
}
