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

// Month is a calendar month of a year, without a time zone. Its text,
// GraphQL and stored form is YYYY-MM, so string order equals month order.
// The zero Month is not valid.
type Month struct {
	Year  int
	Month time.Month
}

var (
	_ encoding.TextMarshaler   = Month{}
	_ encoding.TextUnmarshaler = (*Month)(nil)
	_ driver.Valuer            = Month{}
	_ sql.Scanner              = (*Month)(nil)
	_ fmt.Stringer             = Month{}
)

// MonthOf returns the month containing d.
func MonthOf(d Date) Month { return Month{Year: d.Year, Month: d.Month} }

// ParseMonth parses s in the form YYYY-MM (year 1000..9999, month 01..12).
func ParseMonth(s string) (Month, error) {
	const zh, en = "月份格式应为 YYYY-MM", "month must be YYYY-MM"
	if len(s) != 7 || s[4] != '-' {
		return Month{}, invalidValue(zh, en, s)
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	if !ok1 || !ok2 {
		return Month{}, invalidValue(zh, en, s)
	}
	if !yearOK(y) {
		return Month{}, yearRange(s)
	}
	if m < 1 || m > 12 {
		return Month{}, invalidValue("月份应在 01 到 12 之间", "month must be between 01 and 12", s)
	}
	return Month{Year: y, Month: time.Month(m)}, nil
}

// String returns m as YYYY-MM (the zero Month gives "0000-00").
func (m Month) String() string {
	return fmt.Sprintf("%04d-%02d", m.Year, int(m.Month))
}

// IsZero reports whether m is the zero Month.
func (m Month) IsZero() bool { return m == Month{} }

// Valid reports whether m has a year in [MinYear, MaxYear] and a month 1..12.
func (m Month) Valid() bool {
	return yearOK(m.Year) && m.Month >= time.January && m.Month <= time.December
}

// First returns the first day of m.
func (m Month) First() Date { return Date{Year: m.Year, Month: m.Month, Day: 1} }

// Last returns the last day of m.
func (m Month) Last() Date {
	return Date{Year: m.Year, Month: m.Month, Day: daysIn(m.Year, int(m.Month))}
}

// Contains reports whether d lies in m.
func (m Month) Contains(d Date) bool { return MonthOf(d) == m }

// AddMonths returns the month n months after m (before it if n < 0).
func (m Month) AddMonths(n int) Month {
	i := m.Year*12 + int(m.Month) - 1 + n
	y, r := i/12, i%12
	if r < 0 {
		y, r = y-1, r+12
	}
	return Month{Year: y, Month: time.Month(r + 1)}
}

// Next returns the month after m.
func (m Month) Next() Month { return m.AddMonths(1) }

// Prev returns the month before m.
func (m Month) Prev() Month { return m.AddMonths(-1) }

// Compare returns -1 if m is before o, +1 if after, and 0 if equal.
func (m Month) Compare(o Month) int {
	if c := cmp.Compare(m.Year, o.Year); c != 0 {
		return c
	}
	return cmp.Compare(m.Month, o.Month)
}

// Before reports whether m is before o.
func (m Month) Before(o Month) bool { return m.Compare(o) < 0 }

// After reports whether m is after o.
func (m Month) After(o Month) bool { return m.Compare(o) > 0 }

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// month.
func (m Month) MarshalText() ([]byte, error) {
	if !m.Valid() {
		return nil, invalidToStore(nounMonth, m.String())
	}
	return []byte(m.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseMonth].
func (m *Month) UnmarshalText(b []byte) error {
	v, err := ParseMonth(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalGQL writes m as a GraphQL string, e.g. "2024-03".
func (m Month) MarshalGQL(w io.Writer) { writeQuoted(w, m.String()) }

// UnmarshalGQL reads a GraphQL string with [ParseMonth].
func (m *Month) UnmarshalGQL(v any) error {
	s, err := gqlString(nounMonth, v)
	if err != nil {
		return err
	}
	return m.UnmarshalText([]byte(s))
}

// Value implements [driver.Valuer]: the stored form is the text YYYY-MM.
// An invalid month is an error.
func (m Month) Value() (driver.Value, error) {
	if !m.Valid() {
		return nil, invalidToStore(nounMonth, m.String())
	}
	return m.String(), nil
}

// Scan implements [sql.Scanner] for text columns (string or []byte). NULL is
// an error; scan nullable columns into a pointer.
func (m *Month) Scan(src any) error {
	s, err := scanString(nounMonth, src)
	if err != nil {
		return err
	}
	return m.UnmarshalText([]byte(s))
}
