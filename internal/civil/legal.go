package civil

// Legal date arithmetic (Civil Code 民法典, Articles 201–203). Periods the law
// counts in months or years never overflow into the next month the way
// [Date.AddDate] does: where the target month has no corresponding day, the
// target month's last day is taken instead. Every rule that counts a period
// in months or years (registration, validity, renewal windows, continuing-
// education cycles, terms, 12-month windows) uses these functions.

// AddDays returns the day n days after d (before it if n < 0).
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths returns the day "n months after d" (before it if n < 0) in the
// sense of Civil Code Article 202: the day with d's day of the month in the
// target month or, where that month has no such day, its last day. So
// 2024-01-31 plus one month is 2024-02-29 and 2024-12-31 minus three months
// is 2024-09-30 (never 2024-10-01).
func (d Date) AddMonths(n int) Date {
	m := MonthOf(d).AddMonths(n)
	return Date{Year: m.Year, Month: m.Month, Day: min(d.Day, daysIn(m.Year, int(m.Month)))}
}

// AddYears returns the day "n years after d" (before it if n < 0), which is
// [Date.AddMonths] of 12·n months: 2024-02-29 plus one year is 2025-02-28.
func (d Date) AddYears(n int) Date { return d.AddMonths(12 * n) }

// PeriodEnd returns the last day of a period of the given years and months
// that begins on d, d counted (Civil Code Articles 201 and 202): the day
// before the corresponding day of the last month or, where that month has no
// corresponding day, its last day. Registered 2023-01-10 for 3 years ends
// 2026-01-09; begun 2024-02-29 for 3 years, it ends 2027-02-28; begun
// 2024-01-31 for one month, it ends 2024-02-29.
func (d Date) PeriodEnd(years, months int) Date {
	m := MonthOf(d).AddMonths(12*years + months)
	if last := daysIn(m.Year, int(m.Month)); d.Day > last {
		return Date{Year: m.Year, Month: m.Month, Day: last}
	}
	return Date{Year: m.Year, Month: m.Month, Day: d.Day}.AddDays(-1)
}

// PeriodStart returns the first day of a period of the given years and months
// that ends on d, d counted: the day after "that long before d" in the sense
// of [Date.AddMonths]. The 12 months up to 2024-02-29 begin on 2023-03-01;
// the 3 months up to 2024-05-31 begin on 2024-03-01.
func (d Date) PeriodStart(years, months int) Date {
	return d.AddMonths(-(12*years + months)).AddDays(1)
}

// YearWindow returns the 12 months ending on d, first and last day inclusive, counted by
// [Date.PeriodStart]: the window a per-year indicator measures (modules.Scope.YearWindow), kept
// here so that the rules of kept facts, which cannot import the modules' contract, read the same
// definition. The 12 months up to 2024-02-29 begin on 2023-03-01.
func (d Date) YearWindow() (from, to Date) {
	return d.PeriodStart(1, 0), d
}
