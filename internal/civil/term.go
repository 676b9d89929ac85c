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

// The two halves of an academic year, for [Term.Half].
const (
	Spring = 1 // spring term: 1 March .. 31 August of Year
	Autumn = 2 // autumn term: 1 September of Year .. end of February of Year+1
)

// Term is an academic term, written "2025-1" (spring) or "2025-2" (autumn).
// The text, GraphQL and stored form is exactly that string, so string order
// equals term order.
//
// Convention used throughout the application:
//
//   - spring term YYYY-1 runs from 1 March to 31 August of YYYY;
//   - autumn term YYYY-2 runs from 1 September of YYYY to the last day of
//     February of YYYY+1 (28 or 29 February).
//
// Every date therefore belongs to exactly one term (see [TermOf]); January and
// February belong to the autumn term of the previous year. The zero Term is
// not valid.
type Term struct {
	Year int
	Half int // Spring (1) or Autumn (2)
}

var (
	_ encoding.TextMarshaler   = Term{}
	_ encoding.TextUnmarshaler = (*Term)(nil)
	_ driver.Valuer            = Term{}
	_ sql.Scanner              = (*Term)(nil)
	_ fmt.Stringer             = Term{}
)

// TermOf returns the term containing d under the convention of [Term].
func TermOf(d Date) Term {
	switch {
	case d.Month < time.March:
		return Term{Year: d.Year - 1, Half: Autumn}
	case d.Month < time.September:
		return Term{Year: d.Year, Half: Spring}
	}
	return Term{Year: d.Year, Half: Autumn}
}

// ParseTerm parses "YYYY-1" or "YYYY-2" (year 1000..9999).
func ParseTerm(s string) (Term, error) {
	const zh, en = "学期格式应为 YYYY-1 或 YYYY-2", "term must be YYYY-1 or YYYY-2"
	if len(s) != 6 || s[4] != '-' || (s[5] != '1' && s[5] != '2') {
		return Term{}, invalidValue(zh, en, s)
	}
	y, ok := digits(s[0:4])
	if !ok {
		return Term{}, invalidValue(zh, en, s)
	}
	if !yearOK(y) {
		return Term{}, yearRange(s)
	}
	return Term{Year: y, Half: int(s[5] - '0')}, nil
}

// String returns t as "YYYY-1" or "YYYY-2" (the zero Term gives "0000-0").
func (t Term) String() string { return fmt.Sprintf("%04d-%d", t.Year, t.Half) }

// IsZero reports whether t is the zero Term.
func (t Term) IsZero() bool { return t == Term{} }

// Valid reports whether t has a year in [MinYear, MaxYear] and Half 1 or 2.
func (t Term) Valid() bool {
	return yearOK(t.Year) && (t.Half == Spring || t.Half == Autumn)
}

// Start returns the first day of t: 1 March (spring) or 1 September (autumn)
// of t.Year.
func (t Term) Start() Date {
	if t.Half == Spring {
		return Date{Year: t.Year, Month: time.March, Day: 1}
	}
	return Date{Year: t.Year, Month: time.September, Day: 1}
}

// End returns the last day of t (inclusive): 31 August of t.Year (spring) or
// the last day of February of t.Year+1 (autumn).
func (t Term) End() Date {
	if t.Half == Spring {
		return Date{Year: t.Year, Month: time.August, Day: 31}
	}
	return Month{Year: t.Year + 1, Month: time.February}.Last()
}

// Contains reports whether d lies in t, both ends included.
func (t Term) Contains(d Date) bool {
	return !d.Before(t.Start()) && !d.After(t.End())
}

// Next returns the term after t: 2025-1 → 2025-2 → 2026-1.
func (t Term) Next() Term {
	if t.Half == Spring {
		return Term{Year: t.Year, Half: Autumn}
	}
	return Term{Year: t.Year + 1, Half: Spring}
}

// Prev returns the term before t: 2026-1 → 2025-2 → 2025-1.
func (t Term) Prev() Term {
	if t.Half == Autumn {
		return Term{Year: t.Year, Half: Spring}
	}
	return Term{Year: t.Year - 1, Half: Autumn}
}

// Compare returns -1 if t is before o, +1 if after, and 0 if equal.
func (t Term) Compare(o Term) int {
	if c := cmp.Compare(t.Year, o.Year); c != 0 {
		return c
	}
	return cmp.Compare(t.Half, o.Half)
}

// Before reports whether t is before o.
func (t Term) Before(o Term) bool { return t.Compare(o) < 0 }

// After reports whether t is after o.
func (t Term) After(o Term) bool { return t.Compare(o) > 0 }

// MarshalText implements [encoding.TextMarshaler]; it fails for an invalid
// term.
func (t Term) MarshalText() ([]byte, error) {
	if !t.Valid() {
		return nil, invalidToStore(nounTerm, t.String())
	}
	return []byte(t.String()), nil
}

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseTerm].
func (t *Term) UnmarshalText(b []byte) error {
	v, err := ParseTerm(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// MarshalGQL writes t as a GraphQL string, e.g. "2025-1".
func (t Term) MarshalGQL(w io.Writer) { writeQuoted(w, t.String()) }

// UnmarshalGQL reads a GraphQL string with [ParseTerm].
func (t *Term) UnmarshalGQL(v any) error {
	s, err := gqlString(nounTerm, v)
	if err != nil {
		return err
	}
	return t.UnmarshalText([]byte(s))
}

// Value implements [driver.Valuer]: the stored form is the text "YYYY-N".
// An invalid term is an error.
func (t Term) Value() (driver.Value, error) {
	if !t.Valid() {
		return nil, invalidToStore(nounTerm, t.String())
	}
	return t.String(), nil
}

// Scan implements [sql.Scanner] for text columns (string or []byte). NULL is
// an error; scan nullable columns into a pointer.
func (t *Term) Scan(src any) error {
	s, err := scanString(nounTerm, src)
	if err != nil {
		return err
	}
	return t.UnmarshalText([]byte(s))
}
