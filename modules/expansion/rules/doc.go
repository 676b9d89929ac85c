// Package rules holds the pure domain rules of the expansion module (机构扩面): which competent
// departments count as cultivating an agency in a year (二（二）1, "each competent department
// cultivates at least one agency a year") (what a recorded cultivation must look like is checked by swtalent/internal/validate.Cultivation, which the agency import uses).
//
// Everything here is a function of its arguments: no database, no clock, no context.
package rules
