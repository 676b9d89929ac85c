package modules

import (
	"fmt"

	"swtalent/internal/civil"
)

// Period is how a per-period indicator's period follows from the day it is measured. A stock
// (people certified, bases open) is measured on the day and has no period (OnTheDay).
type Period int

// Periods of indicators.
const (
	// OnTheDay is a stock counted on the day measured.
	OnTheDay Period = iota
	// CalendarYear counts the calendar year containing the day (the exam year, recognitions,
	// cultivations), from 1 January.
	CalendarYear
	// TwelveMonths counts the 12 months ending on the day ([Scope.YearWindow]).
	TwelveMonths
	// CompleteMonth counts the last complete month on or before the day
	// ([Scope.LastCompleteMonth]).
	CompleteMonth
)

// Span is the period an indicator measured, first and last day inclusive.
type Span struct {
	From, To civil.Date
	// Label names the period as a clerk does: 2025年, 2026-11, 2025-12-05至2026-12-04.
	Label string
}

// Of is the period measured on day asOf; ok is false for a stock measured on the day. A
// calendar year measured before its end runs from 1 January to the day.
func (p Period) Of(asOf civil.Date) (s Span, ok bool) {
	switch p {
	case CalendarYear:
		return Span{From: civil.DateFor(asOf.Year, 1, 1), To: asOf, Label: fmt.Sprintf("%d年", asOf.Year)}, true
	case TwelveMonths:
		from, to := Scope{AsOf: asOf}.YearWindow()
		return Span{From: from, To: to, Label: from.String() + "至" + to.String()}, true
	case CompleteMonth:
		m := Scope{AsOf: asOf}.LastCompleteMonth()
		return Span{From: m.First(), To: m.Last(), Label: m.String()}, true
	}
	return Span{}, false
}

// Previous is the day on which the period before the one measured on asOf is measured: the
// last day of the previous year, the day before the 12 months began, the last day of the
// month before the month measured. For OnTheDay it is asOf itself.
func (p Period) Previous(asOf civil.Date) civil.Date {
	switch p {
	case CalendarYear:
		return civil.EndOfYear(asOf.Year - 1)
	case TwelveMonths:
		from, _ := Scope{AsOf: asOf}.YearWindow()
		return from.AddDays(-1)
	case CompleteMonth:
		return Scope{AsOf: asOf}.LastCompleteMonth().Prev().Last()
	}
	return asOf
}

// Lookback is how many earlier periods an indicator without data in the period containing
// the day is looked for in before it is reported unknown: three years, or twelve months.
func (p Period) Lookback() int {
	switch p {
	case CalendarYear, TwelveMonths:
		return 3
	case CompleteMonth:
		return 12
	}
	return 0
}
