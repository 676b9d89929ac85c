package demo

import (
	"math/rand/v2"
	"time"

	"swtalent/internal/civil"
)

// between returns a uniformly drawn date in [from, to]; from when to is before from.
func between(r *rand.Rand, from, to civil.Date) civil.Date {
	days := int(to.Time().Sub(from.Time()) / (24 * time.Hour))
	if days <= 0 {
		return from
	}
	return from.AddDate(0, 0, r.IntN(days+1))
}

// inYear returns a uniformly drawn date of the given year, not after last.
func inYear(r *rand.Rand, year int, last civil.Date) civil.Date {
	return between(r, civil.DateFor(year, time.January, 1), minDate(civil.EndOfYear(year), last))
}

// resultsSeason returns a date in October–December of year (the exam results season), not
// after last.
func resultsSeason(r *rand.Rand, year int, last civil.Date) civil.Date {
	return between(r, civil.DateFor(year, time.October, 1), minDate(civil.EndOfYear(year), last))
}

// minDate returns the earlier of two dates.
func minDate(a, b civil.Date) civil.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// maxDate returns the later of two dates.
func maxDate(a, b civil.Date) civil.Date {
	if b.After(a) {
		return b
	}
	return a
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance reports true with probability percent/100.
func chance(r *rand.Rand, percent int) bool { return r.IntN(100) < percent }

// datePtr returns a pointer to d.
func datePtr(d civil.Date) *civil.Date { return &d }
