package civil

import (
	"io"
	"strconv"
)

// MinYear and MaxYear bound the years accepted by the parsers: years are
// always written with exactly four digits.
const (
	MinYear = 1000
	MaxYear = 9999
)

// yearOK reports whether y is in [MinYear, MaxYear].
func yearOK(y int) bool { return y >= MinYear && y <= MaxYear }

// digits parses s, which must be 1 to 9 ASCII digits, as a decimal number.
func digits(s string) (int, bool) {
	if len(s) == 0 || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m int) int {
	switch m {
	case 4, 6, 9, 11:
		return 30
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// gqlString extracts the string a GraphQL scalar of kind n must be given as.
func gqlString(n noun, v any) (string, error) {
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", wrongType(n, aString, v)
}

// scanString extracts the text of a database value of kind n.
func scanString(n noun, src any) (string, error) {
	switch src := src.(type) {
	case string:
		return src, nil
	case []byte:
		return string(src), nil
	case nil:
		return "", nullValue(n)
	}
	return "", wrongType(n, aText, src)
}

// writeQuoted writes s to w as a JSON string literal.
func writeQuoted(w io.Writer, s string) {
	_, _ = io.WriteString(w, strconv.Quote(s))
}
