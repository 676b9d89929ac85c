package rules

import (
	"fmt"
	"strings"
)

// Share is a minimum share of a budget as an exact decimal fraction Num/Den (Den a power of
// ten), e.g. 0.805 = 805/1000: the personnel-cost rule (二（三）2, "人力成本占比不低于项目经费的
// 80%", a local setting) is compared in integers, never in floating point, so 805.00 of a
// 1,000.00 budget meets a share of 0.805 exactly.
type Share struct{ Num, Den int64 }

// maxShareDecimals bounds a share's decimals so that amount × Den stays well inside int64 for
// any budget in fen below 10^12 yuan.
const maxShareDecimals = 6

// ParseShare reads a share from 0 to 1 written as a decimal ("0.8", "0.805", "1") with at most
// six decimals.
func ParseShare(s string) (Share, error) {
	bad := fmt.Errorf("%q 应为 0 到 1 之间、最多 %d 位小数的数 / must be a decimal from 0 to 1 with at most %d decimals", s, maxShareDecimals, maxShareDecimals)
	whole, frac, _ := strings.Cut(strings.TrimSpace(s), ".")
	if whole == "" && frac == "" || len(frac) > maxShareDecimals || !digits(whole) || !digits(frac) {
		return Share{}, bad
	}
	sh := Share{Den: 1}
	for _, c := range whole + frac {
		sh.Num = sh.Num*10 + int64(c-'0')
		if sh.Num > 10*pow10(maxShareDecimals) {
			return Share{}, bad
		}
	}
	sh.Den = pow10(len(frac))
	if sh.Num > sh.Den {
		return Share{}, bad
	}
	return sh, nil
}

// digits reports whether s is empty or only ASCII digits.
func digits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// pow10 is 10^n.
func pow10(n int) int64 {
	p := int64(1)
	for range n {
		p *= 10
	}
	return p
}

// Meets reports whether part reaches the share of whole (both in the same unit, e.g. fen):
// part × Den ≥ whole × Num. A whole of 0 or less has no share: nil, not measurable.
func (s Share) Meets(part, whole int64) *bool {
	if whole <= 0 {
		return nil
	}
	ok := part*s.Den >= whole*s.Num
	return &ok
}

// String writes the share as a decimal, e.g. 0.805.
func (s Share) String() string {
	if s.Den <= 1 {
		return fmt.Sprint(s.Num)
	}
	n := len(fmt.Sprint(s.Den)) - 1
	return fmt.Sprintf("%d.%0*d", s.Num/s.Den, n, s.Num%s.Den)
}
