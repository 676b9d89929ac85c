package rules

import "swtalent/internal/civil"

// CultivationYear is the year whose cultivations a department is measured by on day asOf: the
// calendar year containing it. A department that took an agency on in year Y counts as
// cultivating from 1 January to 31 December of Y, and not in Y-1 or Y+1.
func CultivationYear(asOf civil.Date) int { return asOf.Year }

// CultivatingShare is the share of competent departments that cultivated at least one agency in
// the year: cultivating / competent. It is nil (not measurable) when no department is competent
// for any field; cultivating counts only competent departments, so it never exceeds competent.
func CultivatingShare(cultivating, competent int) *float64 {
	if competent <= 0 {
		return nil
	}
	if cultivating > competent {
		cultivating = competent
	}
	v := float64(cultivating) / float64(competent)
	return &v
}
