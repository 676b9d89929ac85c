package civil

import (
	"cmp"
	"database/sql"
	"database/sql/driver"
	"encoding"
	"fmt"
	"io"
	"time"
)

// Date is a calendar date as used in the county: no time of day and no time
// zone. Its text, GraphQL and stored form is YYYY-MM-DD, zero-padded with a
// four-digit year, so string order equals date order.
//
// The zero Date is not valid; use [Date.IsZero] to test for it. Dates are
// comparable with ==, and ordered by [Date.Compare].
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

var (
	_ encoding.TextMarshaler   = Date{}
	_ encoding.TextUnmarshaler = (*Date)(nil)
	_ driver.Valuer            = Date{}
	_ sql.Scanner              = (*Date)(nil)
	_ fmt.Stringer             = Date{}
)

const (
	dateFormatZH = "日期格式应为 YYYY-MM-DD"
	dateFormatEN = "date must be YYYY-MM-DD"
)

// DateFor returns the date year-month-day. Out-of-range values are normalised
// the same way as by [time.Date], e.g. DateFor(2023, time.February, 29) is
// 2023-03-01 and DateFor(2024, time.March, 0) is 2024-02-29.
func DateFor(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{Year: y, Month: m, Day: d}
}

// Today returns the current date in loc (for the county, Asia/Shanghai).
// A nil loc means UTC.
func Today(loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	return DateOf(time.Now().In(loc))
}

// EndOfYear returns 31 December of year.
func EndOfYear(year int) Date {
	return Date{Year: year, Month: time.December, Day: 31}
}

// ParseDate parses s in the form YYYY-MM-DD (exactly ten characters, year
// 1000..9999). It rejects other layouts and impossible dates such as
// 2023-02-29 or 2024-13-01.
func ParseDate(s string) (Date, error) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, invalidValue(dateFormatZH, dateFormatEN, s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	if !ok1 || !ok2 || !ok3 {
		return Date{}, invalidValue(dateFormatZH, dateFormatEN, s)
	}
	if !yearOK(y) {
		return Date{}, yearRange(s)
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return Date{}, invalidValue("日期不存在", "no such date", s)
	}
	return Date{Year: y, Month: time.Month(m), Day: d}, nil
}

// String returns d as YYYY-MM-DD. Invalid dates are formatted field by field
// (the zero Date gives "0000-00-00").
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a real date with a year in [MinYear, MaxYear].
func (d Date) Valid() bool {
	return yearOK(d.Year) && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(d.Year, int(d.Month))
}

// Compare returns -1 if d is before o, +1 if d is after o and 0 if they are
// the same date.
func (d Date) Compare(o Date) int {
	if c := cmp.Compare(d.Year, o.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, o.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, o.Day)
}

// Before reports whether d is before o.
func (d Date) Before(o Date) bool { return d.Compare(o) < 0 }

// After reports whether d is after o.
func (d Date) After(o Date) bool { return d.Compare(o) > 0 }

// AddDate returns d plus the given years, months and days, normalised exactly
// like [time.Time.AddDate]: the fields are added first and an overflowing day
// then rolls into the next month. Hence 2024-02-29 plus one year is
// 2025-03-01, and 2024-01-31 plus one month is 2024-03-02. That is not how the
// law counts: for a legal period use [Date.AddMonths], [Date.AddYears],
// [Date.PeriodEnd] or [Date.PeriodStart]; AddDate is for offsets such as
// randomly spread demo data.
func (d Date) AddDate(years, months, days int) Date {
	return DateOf(d.Time().AddDate(years, months, days))
}

// In returns midnight at the start of d in loc. A nil loc means UTC.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Time returns midnight UTC at the start of d.
func (d Date) Time() time.Time { return d.In(time.UTC) }

// MarshalText implements [encoding.TextMarshaler]. It fails for an invalid
// date, so that nothing unparseable is ever written.
func (d Date) MarshalText() ([]byte, error) {
	if !d.Valid() {
		return nil, invalidToStore(nounDate, d.String())
	}
	return []byte(d.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseDate].
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// MarshalGQL writes d as a GraphQL string, e.g. "2024-03-01".
func (d Date) MarshalGQL(w io.Writer) { writeQuoted(w, d.String()) }

// UnmarshalGQL reads a GraphQL string with [ParseDate].
func (d *Date) UnmarshalGQL(v any) error {
	s, err := gqlString(nounDate, v)
	if err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}

// Value implements [driver.Valuer]: the stored form is the text YYYY-MM-DD.
// An invalid date is an error.
func (d Date) Value() (driver.Value, error) {
	if !d.Valid() {
		return nil, invalidToStore(nounDate, d.String())
	}
	return d.String(), nil
}

// Scan implements [sql.Scanner] for text columns (string or []byte, SQLite)
// and date columns (time.Time, PostgreSQL, which the driver gives at midnight
// UTC; a time with a time of day is refused). NULL is an error; scan nullable columns into a pointer or
// sql.Null[Date].
func (d *Date) Scan(src any) error {
	if t, ok := src.(time.Time); ok {
		if h, m, sec := t.Clock(); h != 0 || m != 0 || sec != 0 || t.Nanosecond() != 0 {
			return wrongType(nounDate, aText, src)
		}
		*d = DateOf(t)
		return nil
	}
	s, err := scanString(nounDate, src)
	if err != nil {
		return err
	}
	return d.UnmarshalText([]byte(s))
}
