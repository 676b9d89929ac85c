// Package modules defines the contract between the swtalent host and its modules. A module is one
// initiative or task area of the county plan (人才倍增, 人才提质 …). It owns its slice of the GraphQL
// schema, its entities and its rules; the host (package graph) holds the list of modules and wires
// them in.
//
// Like Caddy's modules, the contract is one small required interface, Module, and optional
// capabilities a module implements only when it has them. The host discovers capabilities by type
// assertion, so adding a capability never breaks an existing module.
//
// Lifecycle: the host constructs every module once at start-up with the module's New function,
// which must not touch the database. Info is called at any time and has no side effects.
// Capabilities are called concurrently from request goroutines and must be safe for that.
package modules

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"swtalent/internal/civil"
	"swtalent/internal/demo"
	"swtalent/internal/transfer"
)

// Info names a module.
type Info struct {
	// Key is the module's stable identifier: its folder, its GraphQL namespace field and the
	// module column of plan targets (e.g. "doubling").
	Key string
	// Title is the English name, e.g. "Talent doubling".
	Title string
	// TitleZH is the plan's own name, e.g. "人才倍增计划".
	TitleZH string
}

// Module is one plan initiative or task area.
type Module interface {
	// Info names the module. It has no side effects.
	Info() Info
}

// IndicatorSource is implemented by modules that measure plan indicators; plan progress lists
// them under the module's initiative, in the order returned.
type IndicatorSource interface {
	Indicators() []Indicator
}

// DemoSeeder is implemented by modules that add their part to the synthetic demo world. Demo is
// called once, in the host's module order, inside the transaction that loads the demo world.
type DemoSeeder interface {
	Demo(ctx context.Context, w *demo.World) error
}

// RequestScoped is implemented by modules that keep state for one request, such as the batch
// loaders of their computed fields. The host calls WithRequest once per GraphQL operation and
// runs the operation with the context it returns.
type RequestScoped interface {
	WithRequest(ctx context.Context) context.Context
}

// Configurable is implemented by modules with local settings (Config.Setting); the host calls
// CheckSettings at start-up and refuses to start when a setting cannot be used.
type Configurable interface {
	CheckSettings() error
}

// SheetSource is implemented by modules with registers to import from spreadsheets or reports
// to export to them; the host adds their kinds to the registry of package transfer next to the
// core registers. Adding a kind is one more element of the returned list.
type SheetSource interface {
	SheetKinds() []*transfer.Kind
}

// Kind says what an indicator counts, which decides how targets apply to it.
type Kind string

// Indicator kinds.
const (
	// Count is a number of people, organisations, places …; its targets apply only to the region a
	// target names.
	Count Kind = "COUNT"
	// Share is a proportion between 0 and 1 (coverage, compliance); its targets apply at every
	// region level.
	Share Kind = "SHARE"
	// Ratio compares two counts (growth against a base year).
	Ratio Kind = "RATIO"
	// Amount is money.
	Amount Kind = "AMOUNT"
)

// Indicator is one measurable quantity of the plan. Its definition is code; its targets are data
// (PlanTarget rows with the module's key and the indicator's Key).
type Indicator struct {
	Key     string // stable, matches plan_targets.csv, e.g. "certified_social_workers"
	Title   string // English
	TitleZH string // Chinese
	Unit    string // e.g. "persons", "share of townships"
	Kind    Kind
	// Measure computes the indicator in a scope. It returns nil when the value is unknown (e.g.
	// a ratio whose base is zero). It must be an SQL aggregate, never a loop over rows.
	Measure func(ctx context.Context, at Scope) (*float64, error)
	// Period is the period a per-period indicator counts (the exam year, the 12 months, the
	// last complete month); OnTheDay for a stock.
	Period Period
	// ZeroIsData marks a per-period indicator whose 0 is a measurement (a pass rate of 0 among
	// applicants). Otherwise a period whose value is 0 or unknown has no data yet, and the plan
	// reports the latest earlier period that has (see Period.Lookback).
	ZeroIsData bool
}

// Scope is where and when an indicator is measured.
type Scope struct {
	// AsOf is the day the measure is taken, inclusive.
	AsOf civil.Date
	// RegionCode is a 12-digit region code whose subtree is measured; "" means the deployment's
	// top region (the county here, the country at national scale).
	RegionCode string
}

// YearWindow is the 12 months ending at AsOf (first and last day, inclusive) that a per-year
// indicator measures, so that nothing resets on 1 January: [civil.Date.YearWindow], which the
// rules of kept facts read too. The 12 months up to 2024-02-29 begin on 2023-03-01.
func (s Scope) YearWindow() (from, to civil.Date) {
	return s.AsOf.YearWindow()
}

// LastCompleteMonth is the month a per-month indicator measures: the last complete month before
// AsOf.
func (s Scope) LastCompleteMonth() civil.Month {
	m := civil.MonthOf(s.AsOf)
	if s.AsOf == m.Last() {
		return m
	}
	return m.AddMonths(-1)
}

// Float is a convenience for indicators: a pointer to v.
func Float(v float64) *float64 { return &v }

// Bool is a pointer to v, for answers that may be unknown (nil).
func Bool(v bool) *bool { return &v }

// MarshalGQL writes the kind as a GraphQL enum value.
func (k Kind) MarshalGQL(w io.Writer) { _, _ = io.WriteString(w, strconv.Quote(string(k))) }

// UnmarshalGQL reads a GraphQL enum value.
func (k *Kind) UnmarshalGQL(v any) error {
	s, _ := v.(string)
	switch Kind(s) {
	case Count, Share, Ratio, Amount:
		*k = Kind(s)
		return nil
	}
	return fmt.Errorf("%q 不是有效的指标类型 / %q is not an IndicatorKind", s, s)
}
