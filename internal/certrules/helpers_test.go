package certrules_test

import "swtalent/internal/civil"

// date parses a YYYY-MM-DD test date, panicking on a typo.
func date(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
