package plan

import (
	"context"
	"fmt"

	"swtalent/internal/civil"
	"swtalent/modules"
)

// MeasuredPeriod is the period a per-period indicator measured (the GraphQL MeasuredPeriod).
type MeasuredPeriod struct {
	From, To civil.Date
	Label    string
	// Fallback is true when the period containing the plan's date had no data yet and this is
	// the latest earlier period that has.
	Fallback bool
}

// measurement is an indicator's value with the period it was measured over.
type measurement struct {
	actual *float64
	period *MeasuredPeriod
	note   *string
}

// measureAt measures def in a region on a day. A stock is measured on the day. A per-period
// indicator is measured over the period containing the day; when that period has no data yet
// (the year's exam before its results are in, a month whose payroll is not entered), it is
// measured as of the end of the latest earlier period that has, up to the period's Lookback,
// and says so. When none has, the value is null and the note says why.
func measureAt(ctx context.Context, def modules.Indicator, at modules.Scope) (measurement, error) {
	actual, err := def.Measure(ctx, at)
	if err != nil {
		return measurement{}, err
	}
	span, periodic := def.Period.Of(at.AsOf)
	if !periodic {
		return measurement{actual: actual}, nil
	}
	out := measurement{actual: actual, period: &MeasuredPeriod{From: span.From, To: span.To, Label: span.Label}}
	if hasData(def, actual) {
		return out, nil
	}
	day := at.AsOf
	for range def.Period.Lookback() {
		day = def.Period.Previous(day)
		if day.Before(civil.DateFor(civil.MinYear, 1, 1)) {
			break
		}
		v, err := def.Measure(ctx, modules.Scope{AsOf: day, RegionCode: at.RegionCode})
		if err != nil {
			return measurement{}, err
		}
		if hasData(def, v) {
			s, _ := def.Period.Of(day)
			return measurement{actual: v, period: &MeasuredPeriod{From: s.From, To: s.To, Label: s.Label, Fallback: true}}, nil
		}
	}
	note := fmt.Sprintf("%s及此前%d期均无数据 / no data for %s or the %d periods before it", span.Label, def.Period.Lookback(), span.Label, def.Period.Lookback())
	return measurement{period: out.period, note: &note}, nil
}

// hasData reports whether a period's value is data: known and, unless the indicator's 0 is
// a measurement, not zero.
func hasData(def modules.Indicator, v *float64) bool {
	return v != nil && (def.ZeroIsData || *v != 0)
}
