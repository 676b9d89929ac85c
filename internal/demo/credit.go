package demo

import (
	"math/rand/v2"

	"swtalent/internal/validate"
)

// creditChars are the characters of a unified social credit code (GB 32100-2015).
const creditChars = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// creditCode returns a valid unified social credit code that starts with prefix (e.g.
// "52361126MJ", a private non-enterprise unit of Yiyang) and is not yet in used, and records it.
func creditCode(r *rand.Rand, prefix string, used map[string]bool) string {
	for {
		b := []byte(prefix)
		for len(b) < 17 {
			b = append(b, creditChars[r.IntN(len(creditChars))])
		}
		code := string(b) + string(validate.CreditCheckChar(string(b)))
		if !used[code] {
			used[code] = true
			return code
		}
	}
}
