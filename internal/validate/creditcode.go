package validate

import (
	"strings"
	"unicode/utf8"
)

// creditCharset lists the 31 symbols of a unified social credit code; a
// symbol's value is its index (no I, O, S, V or Z).
const creditCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditWeights are the GB 32100-2015 weights for positions 1–17.
var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

var (
	msgCreditLength = msg{"统一社会信用代码应为18位", "unified social credit code must have 18 characters"}
	msgCreditChars  = msg{"统一社会信用代码含有无效字符", "unified social credit code contains invalid characters"}
	msgCreditCheck  = msg{"统一社会信用代码校验位错误", "unified social credit code check character is wrong"}
)

// CreditCode validates a unified social credit code (GB 32100-2015): after
// trimming and upper-casing it must have 18 characters from the 31-symbol
// charset and a correct check character. It returns the normalised code.
func CreditCode(field, s string) (string, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	if utf8.RuneCountInString(s) != 18 {
		return "", invalid(field, msgCreditLength)
	}
	for _, r := range s {
		if !strings.ContainsRune(creditCharset, r) {
			return "", invalid(field, msgCreditChars)
		}
	}
	if CreditCheckChar(s[:17]) != s[17] {
		return "", invalid(field, msgCreditCheck)
	}
	return s, nil
}

// CreditCheckChar returns the check character for the first 17 characters of
// a unified social credit code (upper case), or 0 if first17 is not 17
// characters from the charset.
func CreditCheckChar(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i, w := range creditWeights {
		v := strings.IndexByte(creditCharset, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * w
	}
	return creditCharset[(31-sum%31)%31]
}
