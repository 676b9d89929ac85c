// Package rules holds the pure domain rules of the quality module for continuing education of
// certified social workers (民发〔2009〕123号): which registration cycle a certificate is in on a
// given day, how many hours that cycle requires and how many have been earned in it, and which of
// a person's certificates decides the person's status (the highest current one).
//
// Everything here is a function of its arguments: no database, no clock, no context. Dates are
// [civil.Date] values; registration periods come from swtalent/internal/certrules, which this
// package only reads.
package rules
