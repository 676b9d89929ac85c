package validate

import (
	"strings"
	"time"
	"unicode/utf8"
)

// IDNumber is a parsed resident ID number (GB 11643-1999).
type IDNumber struct {
	// Number is the normalised 18-character number (trimmed, upper-case X).
	Number string
	// BirthYear, BirthMonth and BirthDay are the encoded birth date.
	BirthYear, BirthMonth, BirthDay int
	// Male is true when the sequence number is odd.
	Male bool
}

var (
	msgIDLength   = msg{"身份证号应为18位", "ID number must have 18 characters"}
	msgIDChars    = msg{"身份证号前17位应为数字，末位应为数字或X", "ID number must be 17 digits followed by a digit or X"}
	msgIDProvince = msg{"身份证号地址码的省份代码无效", "ID number has an unknown province code"}
	msgIDBirth    = msg{"身份证号中的出生日期无效", "ID number contains an impossible birth date"}
	msgIDFuture   = msg{"身份证号中的出生日期晚于今天", "ID number birth date is in the future"}
	msgIDTooOld   = msg{"身份证号中的出生日期早于1900年", "ID number birth date is before 1900"}
	msgIDCheck    = msg{"身份证号校验位错误", "ID number check digit is wrong"}
)

// idWeights are the ISO 7064 MOD 11-2 weights for positions 1–17.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps Σ(digit×weight) mod 11 to the check character.
const idCheckChars = "10X98765432"

// minBirth is the earliest accepted birth date.
var minBirth = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

// ParseIDNumber validates and normalises a resident ID number: 18 characters,
// a plausible province code, a real birth date between 1900-01-01 and today
// (inclusive, compared as calendar dates in today's location) and a correct
// check character. Surrounding spaces are trimmed and a final x is upper-cased.
// The county part of the address code is deliberately not checked, because
// codes change over time.
func ParseIDNumber(field, s string, today time.Time) (IDNumber, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) != 18 {
		return IDNumber{}, invalid(field, msgIDLength)
	}
	if s[17] == 'x' {
		s = s[:17] + "X"
	}
	if len(s) != 18 || !isDigits(s[:17]) || !(isDigits(s[17:]) || s[17] == 'X') {
		return IDNumber{}, invalid(field, msgIDChars)
	}
	if !provinceCodeValid(s[:2]) {
		return IDNumber{}, invalid(field, msgIDProvince)
	}
	y, m, d := atoi(s[6:10]), atoi(s[10:12]), atoi(s[12:14])
	birth := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if birth.Year() != y || int(birth.Month()) != m || birth.Day() != d {
		return IDNumber{}, invalid(field, msgIDBirth)
	}
	if birth.Before(minBirth) {
		return IDNumber{}, invalid(field, msgIDTooOld)
	}
	ty, tm, td := today.Date()
	if birth.After(time.Date(ty, tm, td, 0, 0, 0, 0, time.UTC)) {
		return IDNumber{}, invalid(field, msgIDFuture)
	}
	if IDCheckChar(s[:17]) != s[17] {
		return IDNumber{}, invalid(field, msgIDCheck)
	}
	return IDNumber{
		Number:     s,
		BirthYear:  y,
		BirthMonth: m,
		BirthDay:   d,
		Male:       (s[16]-'0')%2 == 1,
	}, nil
}

// IDCheckChar returns the check character ('0'–'9' or 'X') for the first 17
// digits of a resident ID number, or 0 if first17 is not exactly 17 digits.
func IDCheckChar(first17 string) byte {
	if len(first17) != 17 || !isDigits(first17) {
		return 0
	}
	sum := 0
	for i, w := range idWeights {
		sum += int(first17[i]-'0') * w
	}
	return idCheckChars[sum%11]
}

// atoi converts a string of ASCII digits to an int.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
