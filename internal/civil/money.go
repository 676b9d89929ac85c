package civil

import (
	"database/sql"
	"database/sql/driver"
	"encoding"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// Money is an amount in yuan (元), held as a whole number of fen (分, 1/100
// yuan). The database stores the int64 fen (use field.Int64(...).GoType(
// civil.Money(0)) in ent); the text and GraphQL form is a decimal string in
// yuan with exactly two decimals: "350000.00", "-12.50", "0.00".
//
// Money is an int64, so it is comparable and ordered with the usual
// operators, and sums of Money are exact.
type Money int64

var (
	_ encoding.TextMarshaler   = Money(0)
	_ encoding.TextUnmarshaler = (*Money)(nil)
	_ driver.Valuer            = Money(0)
	_ sql.Scanner              = (*Money)(nil)
	_ fmt.Stringer             = Money(0)
)

const (
	moneyFormatZH = "金额应为十进制数（如 350000.00），不能带 + 号或千位分隔符"
	moneyFormatEN = "amount must be a decimal number such as 350000.00, without + or thousands separators"
)

func moneyFormat(s string) *Error { return invalidValue(moneyFormatZH, moneyFormatEN, s) }

func moneyDecimals(s string) *Error {
	return invalidValue("金额最多两位小数", "amount must have at most 2 decimal places", s)
}

func moneyRange(s string) *Error {
	return invalidValue("金额超出范围", "amount is out of range", s)
}

// FromYuan returns yuan whole yuan as Money. It panics if yuan*100 does not
// fit in an int64 (|yuan| > 92233720368547758); use [ParseMoney] for
// untrusted input.
func FromYuan(yuan int64) Money {
	m, err := moneyFromInt(yuan)
	if err != nil {
		panic(err)
	}
	return m
}

// FromFen returns fen fen (1/100 yuan) as Money; it is the same as Money(fen).
func FromFen(fen int64) Money { return Money(fen) }

// Fen returns m as a whole number of fen.
func (m Money) Fen() int64 { return int64(m) }

// Yuan returns m in yuan with exactly two decimals; it is the same as
// [Money.String].
func (m Money) Yuan() string { return m.String() }

// String returns m in yuan with exactly two decimals and no thousands
// separators, e.g. "350000.00", "-12.50", "0.00".
func (m Money) String() string {
	u := uint64(m)
	sign := ""
	if m < 0 {
		u = -u // also correct for math.MinInt64
		sign = "-"
	}
	f := u % 100
	return sign + strconv.FormatUint(u/100, 10) + "." + string(rune('0'+f/10)) + string(rune('0'+f%10))
}

// ParseMoney parses a decimal amount in yuan: an optional "-", at least one
// digit, and optionally "." followed by one or two digits. "350000",
// "350000.5", "350000.50" and "-0.01" are accepted; "", "+1", "1,200.00",
// "1.234", ".5", "5.", " 1" and amounts that do not fit in int64 fen are
// rejected.
func ParseMoney(s string) (Money, error) { return parseMoney(s, s) }

// parseMoney parses s as ParseMoney does, quoting shown in errors.
func parseMoney(s, shown string) (Money, error) {
	if s == "" {
		return 0, &Error{ZH: "金额不能为空", EN: "amount must not be empty"}
	}
	body, neg := strings.CutPrefix(s, "-")
	intPart, frac, hasDot := strings.Cut(body, ".")
	if !allDigits(intPart) || (hasDot && !allDigits(frac)) {
		return 0, moneyFormat(shown)
	}
	if len(frac) > 2 {
		return 0, moneyDecimals(shown)
	}
	limit := uint64(math.MaxInt64)
	if neg {
		limit++
	}
	var v uint64
	for _, part := range [...]string{intPart, frac, "00"[len(frac):]} {
		for i := 0; i < len(part); i++ {
			d := uint64(part[i] - '0')
			if v > (limit-d)/10 {
				return 0, moneyRange(shown)
			}
			v = v*10 + d
		}
	}
	if neg {
		return Money(int64(-v)), nil
	}
	return Money(int64(v)), nil
}

// allDigits reports whether s is non-empty and all ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// moneyFromInt converts whole yuan to Money, failing on overflow.
func moneyFromInt(yuan int64) (Money, error) {
	if yuan > math.MaxInt64/100 || yuan < math.MinInt64/100 {
		return 0, moneyRange(strconv.FormatInt(yuan, 10))
	}
	return Money(yuan * 100), nil
}

// moneyFromFloat converts a float in yuan via its shortest decimal form, so
// 0.1 is 0.10 and 0.125 is an error, without binary rounding.
func moneyFromFloat(f float64, bitSize int) (Money, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, moneyFormat(strconv.FormatFloat(f, 'g', -1, bitSize))
	}
	s := strconv.FormatFloat(f, 'f', -1, bitSize)
	return parseMoney(s, s)
}

// maxNumberLen bounds the length of a JSON number with an exponent.
const maxNumberLen = 400

// moneyFromNumber converts a JSON number literal such as "12.5" or "1.25e3".
// An exponent is applied by moving the decimal point, so no precision is lost.
func moneyFromNumber(s string) (Money, error) {
	i := strings.IndexAny(s, "eE")
	if i < 0 {
		return parseMoney(s, s)
	}
	mant, expStr := s[:i], s[i+1:]
	exp, err := strconv.Atoi(expStr)
	if err != nil || len(s) > maxNumberLen {
		return 0, moneyFormat(s)
	}
	// With at most maxNumberLen digits, clamping the exponent does not change
	// whether the value overflows or has too many decimals, and it keeps the
	// arithmetic below small.
	exp = max(-2*maxNumberLen, min(exp, 2*maxNumberLen))
	mant, neg := strings.CutPrefix(mant, "-")
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if !allDigits(intPart) || (hasDot && !allDigits(frac)) {
		return 0, moneyFormat(s)
	}
	// The value is 0.ds × 10^point.
	ds := intPart + frac
	point := len(intPart) + exp
	trimmed := strings.TrimLeft(ds, "0")
	point -= len(ds) - len(trimmed)
	ds = strings.TrimRight(trimmed, "0")
	switch {
	case ds == "":
		return 0, nil
	case len(ds)-point > 2:
		return 0, moneyDecimals(s)
	case point > 20:
		return 0, moneyRange(s)
	}
	var dec string
	switch {
	case point <= 0:
		dec = "0." + strings.Repeat("0", -point) + ds
	case point >= len(ds):
		dec = ds + strings.Repeat("0", point-len(ds))
	default:
		dec = ds[:point] + "." + ds[point:]
	}
	if neg {
		dec = "-" + dec
	}
	return parseMoney(dec, s)
}

// MarshalText implements [encoding.TextMarshaler] with [Money.String].
func (m Money) MarshalText() ([]byte, error) { return []byte(m.String()), nil }

// UnmarshalText implements [encoding.TextUnmarshaler] using [ParseMoney].
func (m *Money) UnmarshalText(b []byte) error {
	v, err := ParseMoney(string(b))
	if err != nil {
		return err
	}
	*m = v
	return nil
}

// MarshalGQL writes m as a GraphQL string, e.g. "350000.00".
func (m Money) MarshalGQL(w io.Writer) { writeQuoted(w, m.String()) }

// UnmarshalGQL accepts a string (parsed with [ParseMoney]) or a number in
// yuan as gqlgen passes it: any Go integer type, float32/float64 (literals in
// the query) or json.Number (variables). Floats and json.Number are converted
// through their decimal text, never through float arithmetic; more than two
// decimals is an error.
func (m *Money) UnmarshalGQL(v any) error {
	var (
		r   Money
		err error
	)
	switch v := v.(type) {
	case string:
		r, err = ParseMoney(v)
	case json.Number:
		r, err = moneyFromNumber(string(v))
	case int:
		r, err = moneyFromInt(int64(v))
	case int8:
		r, err = moneyFromInt(int64(v))
	case int16:
		r, err = moneyFromInt(int64(v))
	case int32:
		r, err = moneyFromInt(int64(v))
	case int64:
		r, err = moneyFromInt(v)
	case uint:
		r, err = moneyFromUint(uint64(v))
	case uint8:
		r, err = moneyFromUint(uint64(v))
	case uint16:
		r, err = moneyFromUint(uint64(v))
	case uint32:
		r, err = moneyFromUint(uint64(v))
	case uint64:
		r, err = moneyFromUint(v)
	case float32:
		r, err = moneyFromFloat(float64(v), 32)
	case float64:
		r, err = moneyFromFloat(v, 64)
	default:
		err = wrongType(nounMoney, aNumber, v)
	}
	if err != nil {
		return err
	}
	*m = r
	return nil
}

// moneyFromUint converts whole yuan to Money, failing on overflow.
func moneyFromUint(yuan uint64) (Money, error) {
	if yuan > math.MaxInt64/100 {
		return 0, moneyRange(strconv.FormatUint(yuan, 10))
	}
	return Money(int64(yuan) * 100), nil
}

// Value implements [driver.Valuer]: the stored form is the int64 number of
// fen.
func (m Money) Value() (driver.Value, error) { return int64(m), nil }

// Scan implements [sql.Scanner]. It accepts an int64 number of fen, or the
// same number as decimal text (string or []byte, e.g. "35000000" for
// 350000.00 yuan). NULL is an error; scan nullable columns into a pointer.
func (m *Money) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		*m = Money(v)
		return nil
	case nil:
		return nullValue(nounMoney)
	case string, []byte:
		s, _ := scanString(nounMoney, v)
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return invalidValue("数据库中的金额应为整数（分）", "stored amount must be an integer number of fen", s)
		}
		*m = Money(n)
		return nil
	}
	return wrongType(nounMoney, anInt, src)
}
