package civil

import (
	"cmp"
	"database/sql"
	"database/sql/driver"
	"encoding"
	"fmt"
	"io"
	"strconv"
	"time"
)

// PeriodKind is the length of a reporting [Period].
type PeriodKind uint8

// The kinds of reporting period. The zero PeriodKind is not valid.
const (
	PeriodYear    PeriodKind = iota + 1 // whole year, written 2024
	PeriodHalf                          // half year, written 2024-H1 / 2024-H2
	PeriodQuarter                       // quarter, written 2024-Q1 .. 2024-Q4
)

// String returns "year", "half" or "quarter" (or "PeriodKind(n)").
func (k PeriodKind) String() string {
	switch k {
	case PeriodYear:
		return "year"
	case PeriodHalf:
		return "half"
	case PeriodQuarter:
		return "quarter"
	}
	return "PeriodKind(" + strconv.Itoa(int(k)) + ")"
}

// months returns the length of a period of kind k in months (0 if invalid).
func (k PeriodKind) months() int {
	switch k {
	case PeriodYear:
		return 12
	case PeriodHalf:
		return 6
	case PeriodQuarter:
		return 3
	}
	return 0
}

// Period is a reporting period: a whole year ("2024"), a half year
// ("2024-H1", "2024-H2") or a quarter ("2024-Q1" .. "2024-Q4"). The text,
// GraphQL and stored form is exactly that string.
//
// Index is 0 for PeriodYear, 1..2 for PeriodHalf and 1..4 for PeriodQuarter,
// so each period has exactly one representation and == is meaningful. The
// zero Period is not valid.
type Period struct {
	Year  int
	Kind  PeriodKind
	Index int
}

var (
	_ encoding.TextMarshaler   = Period{}
	_ encoding.TextUnmarshaler = (*Period)(nil)
	_ driver.Valuer            = Period{}
	_ sql.Scanner              = (*Period)(nil)
	_ fmt.Stringer             = Period{}
)

// YearPeriod returns the whole year as a Period.
func YearPeriod(year int) Period { return Period{Year: year, Kind: PeriodYear} }

// HalfPeriod returns half year half (1 or 2) of year.
func HalfPeriod(year, half int) Period {
	return Period{Year: year, Kind: PeriodHalf, Index: half}
}

// QuarterPeriod returns quarter q (1..4) of year.
func QuarterPeriod(year, q int) Period {
	return Period{Year: year, Kind: PeriodQuarter, Index: q}
}

// ParsePeriod parses "YYYY", "YYYY-H1", "YYYY-H2" or "YYYY-Q1".."YYYY-Q4"
// (upper-case letters only, year 1000..9999).
func ParsePeriod(s string) (Period, error) {
	const (
		zh = "期间格式应为 YYYY、YYYY-H1/H2 或 YYYY-Q1..Q4"
		en = "period must be YYYY, YYYY-H1/H2 or YYYY-Q1..Q4"
	)
	if (len(s) != 4 && len(s) != 7) || (len(s) == 7 && s[4] != '-') {
		return Period{}, invalidValue(zh, en, s)
	}
	y, ok := digits(s[0:4])
	if !ok {
		return Period{}, invalidValue(zh, en, s)
	}
	p := Period{Year: y, Kind: PeriodYear}
	if len(s) == 7 {
		switch s[5] {
		case 'H':
			p.Kind = PeriodHalf
		case 'Q':
			p.Kind = PeriodQuarter
		default:
			return Period{}, invalidValue(zh, en, s)
		}
		if p.Index, ok = digits(s[6:7]); !ok {
			return Period{}, invalidValue(zh, en, s)
		}
	}
	if !yearOK(y) {
		return Period{}, yearRange(s)
	}
	if !p.Valid() {
		return Period{}, invalidValue(zh, en, s)
	}
	return p, nil
}

// String returns the canonical form ("2024", "2024-H1", "2024-Q3"). An
// invalid kind is shown as "?".
func (p Period) String() string {
	switch p.Kind {
	case PeriodYear:
		return fmt.Sprintf("%04d", p.Year)
	case PeriodHalf:
		return fmt.Sprintf("%04d-H%d", p.Year, p.Index)
	case PeriodQuarter:
		return fmt.Sprintf("%04d-Q%d", p.Year, p.Index)
	}
	return fmt.Sprintf("%04d-?%d", p.Year, p.Index)
}

// IsZero reports whether p is the zero Period.
func (p Period) IsZero() bool { return p == Period{} }

// Valid reports whether p has a year in [MinYear, MaxYear], a known kind and
// an index allowed for that kind.
func (p Period) Valid() bool {
	if !yearOK(p.Year) {
		return false
	}
	switch p.Kind {
	case PeriodYear:
		return p.Index == 0
	case PeriodHalf:
		return p.Index >= 1 && p.Index <= 2
	case PeriodQuarter:
		return p.Index >= 1 && p.Index <= 4
	}
	return false
}

// firstMonth returns the month p starts in.
func (p Period) firstMonth() Month {
	m := Month{Year: p.Year, Month: time.January}
	if p.Kind == PeriodYear {
		return m
	}
	return m.AddMonths((p.Index - 1) * p.Kind.months())
}

// Start returns the first day of p, e.g. 2024-04-01 for 2024-Q2.
func (p Period) Start() Date { return p.firstMonth().First() }

// End returns the last day of p (inclusive), e.g. 2024-06-30 for 2024-Q2.
func (p Period) End() Date {
	return p.firstMonth().AddMonths(p.Kind.months() - 1).Last()
}

// Contains reports whether d lies in p, both ends included.
func (p Period) Contains(d Date) bool {
	return !d.Before(p.Start()) && !d.After(p.End())
}

// Compare orders periods by start date and, for equal starts, by length,
// shorter first: 2024-Q1 < 2024-H1 < 2024 < 2024-Q2 < 2024-H2 < 2025-Q1.
// It returns -1, 0 or +1.
func (p Period) Compare(o Period) int {
	if c := p.Start().Compare(o.Start()); c != 0 {
		return c
	}
	return cmp.Compare(p.Kind.months(), o.Kind.months())
}

// Before reports whether p sorts before o (see [Period.Compare]).
func (p Period) Before(o Period) bool { return p.Compare(o) < 0 }

// After reports whether p sorts after o (see [Period.Compare]).
func (p Period) After(o Period) bool { return p.Compare(o) > 0 }

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// period.
func (p Period) MarshalText() ([]byte, error) {
	if !p.Valid() {
		return nil, invalidToStore(nounPeriod, p.String())
	}
	return []byte(p.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParsePeriod].
func (p *Period) UnmarshalText(b []byte) error {
	v, err := ParsePeriod(string(b))
	if err != nil {
		return err
	}
	*p = v
	return nil
}

// MarshalGQL writes p as a GraphQL string, e.g. "2024-H1".
func (p Period) MarshalGQL(w io.Writer) { writeQuoted(w, p.String()) }

// UnmarshalGQL reads a GraphQL string with [ParsePeriod].
func (p *Period) UnmarshalGQL(v any) error {
	s, err := gqlString(nounPeriod, v)
	if err != nil {
		return err
	}
	return p.UnmarshalText([]byte(s))
}

// Value implements [driver.Valuer]: the stored form is the canonical text.
// An invalid period is an error.
func (p Period) Value() (driver.Value, error) {
	if !p.Valid() {
		return nil, invalidToStore(nounPeriod, p.String())
	}
	return p.String(), nil
}

// Scan implements [sql.Scanner] for text columns (string or []byte). NULL is
// an error; scan nullable columns into a pointer.
func (p *Period) Scan(src any) error {
	s, err := scanString(nounPeriod, src)
	if err != nil {
		return err
	}
	return p.UnmarshalText([]byte(s))
}
