package demo

import (
	"fmt"
	"math/rand/v2"

	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// idNumber returns a valid resident ID number (GB 11643-1999) for someone born on birth, not yet
// in used, and records it. The address code is Yiyang's: 361126 since 2000, mostly the former
// 362326 for earlier births. The sequence number's parity encodes the gender (odd = male).
func idNumber(r *rand.Rand, birth civil.Date, female bool, used map[string]bool) string {
	addr := "361126"
	if birth.Year < 2000 && chance(r, 70) {
		addr = "362326"
	}
	for {
		seq := 2 * r.IntN(500)
		if !female {
			seq++
		}
		if seq == 0 {
			continue
		}
		first17 := fmt.Sprintf("%s%04d%02d%02d%03d", addr, birth.Year, int(birth.Month), birth.Day, seq)
		id := first17 + string(validate.IDCheckChar(first17))
		if !used[id] {
			used[id] = true
			return id
		}
	}
}

// phoneNumber returns a synthetic mainland mobile number: 1 and ten more digits.
func phoneNumber(r *rand.Rand) string {
	return fmt.Sprintf("1%c%09d", "35789"[r.IntN(5)], r.IntN(1_000_000_000))
}
