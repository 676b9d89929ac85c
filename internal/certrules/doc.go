// Package certrules holds the pure domain rules of the doubling module for the national
// social-work certificate: which exam papers a level has, how an exam attempt's outcome follows
// from its paper results (国人部发〔2006〕71号), and how certificate registration works
// (民发〔2009〕44号): when the first registration is due, how long a registration is valid, when
// the renewal window opens and which registration state a certificate is in on a given day.
//
// Everything here is a function of its arguments: no database, no clock, no context. Dates are
// [civil.Date] values and periods in months and years are counted by the Civil Code (民法典
// Articles 201–203) with [civil.Date.AddYears], [civil.Date.PeriodEnd] and
// [civil.Date.PeriodStart]: 2024-02-29 plus one year is 2025-02-28, never 2025-03-01.
//
// Validation failures are returned as *[RuleError], which carries the offending input field and
// a Chinese and an English message so that callers can turn it into their API error.
package certrules
