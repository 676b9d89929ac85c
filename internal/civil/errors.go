package civil

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// Error is the error returned by the parsers, UnmarshalGQL, UnmarshalText,
// Scan and Value of this package. ZH and EN are the Chinese and English
// messages; the offending value, if any, is already quoted inside them.
type Error struct {
	ZH string
	EN string
}

// Error returns the bilingual message "ZH / EN".
func (e *Error) Error() string { return e.ZH + " / " + e.EN }

// maxQuoted is the number of runes of an offending value quoted in messages.
const maxQuoted = 32

// quoteValue quotes s for an error message, cutting it after maxQuoted runes.
func quoteValue(s string) string {
	if utf8.RuneCountInString(s) > maxQuoted {
		n := 0
		for i := range s {
			if n == maxQuoted {
				return strconv.Quote(s[:i]) + "…"
			}
			n++
		}
	}
	return strconv.Quote(s)
}

// invalidValue reports that value (a string) is malformed.
func invalidValue(zh, en, value string) *Error {
	q := quoteValue(value)
	return &Error{ZH: zh + "，收到 " + q, EN: en + ", got " + q}
}

// noun names a type in both languages for the generic messages.
type noun struct{ zh, en string }

var (
	nounDate   = noun{"日期", "date"}
	nounMonth  = noun{"月份", "month"}
	nounPeriod = noun{"期间", "period"}
	nounTerm   = noun{"学期", "term"}
	nounMoney  = noun{"金额", "amount"}
)

// wrongType reports that v has a Go type the decoder cannot handle.
func wrongType(n noun, want noun, v any) *Error {
	return &Error{
		ZH: fmt.Sprintf("%s应为%s，收到 %T", n.zh, want.zh, v),
		EN: fmt.Sprintf("%s must be %s, got %T", n.en, want.en, v),
	}
}

// nullValue reports a NULL scanned into a non-pointer value.
func nullValue(n noun) *Error {
	return &Error{ZH: n.zh + "不能为空（NULL）", EN: n.en + " must not be NULL"}
}

// invalidToStore reports an invalid value that is about to be written out.
func invalidToStore(n noun, s string) *Error {
	return invalidValue(n.zh+"无效", "invalid "+n.en, s)
}

// yearRange reports a year outside [MinYear, MaxYear].
func yearRange(value string) *Error {
	return invalidValue(
		fmt.Sprintf("年份应在 %d 到 %d 之间", MinYear, MaxYear),
		fmt.Sprintf("year must be between %d and %d", MinYear, MaxYear),
		value)
}

var (
	aString = noun{"字符串", "a string"}
	aNumber = noun{"字符串或数字", "a string or a number"}
	aText   = noun{"文本", "text"}
	anInt   = noun{"整数或文本", "an integer or text"}
)
