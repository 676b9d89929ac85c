package certrules

import "swtalent/internal/civil"

// Registration periods follow the Civil Code's period rules (民法典 Articles 201–203, see
// [civil.Date.AddYears] and [civil.Date.PeriodEnd]): a month or year count lands on the
// corresponding day of the last month or, where that month has none, on its last day.

// FirstDue returns the last day for the first registration of a certificate passed on
// passedOn: one year after passing (民发〔2009〕44号), so a pass on 2023-11-05 is due by
// 2024-11-05 and a pass on 2024-02-29 by 2025-02-28.
func FirstDue(passedOn civil.Date) civil.Date { return passedOn.AddYears(1) }

// ValidUntil returns the last day of a registration made on registeredOn: the end of a 3-year
// period beginning that day, both ends inclusive. Registered 2023-01-10, valid until 2026-01-09;
// registered 2024-02-29 (2027 has no 29 February), valid until 2027-02-28.
func ValidUntil(registeredOn civil.Date) civil.Date { return registeredOn.PeriodEnd(3, 0) }

// RenewalOpens returns the first day of the renewal window of a registration valid until
// validUntil: the window is the 3 months ending on validUntil, so it opens the day after the day
// 3 months before validUntil. Valid until 2026-01-09, it opens 2025-10-10; valid until
// 2024-12-31 (3 months before is 2024-09-30), 2024-10-01; valid until 2024-05-31 (3 months
// before is 2024-02-29), 2024-03-01.
func RenewalOpens(validUntil civil.Date) civil.Date { return validUntil.PeriodStart(0, 3) }
