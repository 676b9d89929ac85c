package graph_test

import (
	"fmt"
	"testing"

	"swtalent/ent/account"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// periodIndicators are the keys (initiative.indicator) of the plan's indicators over a period
// (a year, 12 months, a complete month), as their modules declare them.
func periodIndicators() []string {
	var out []string
	for _, m := range graph.NewResolver(modules.Config{}).Modules() {
		if src, ok := m.(modules.IndicatorSource); ok {
			for _, ind := range src.Indicators() {
				if ind.Period != modules.OnTheDay {
					out = append(out, m.Info().Key+"."+ind.Key)
				}
			}
		}
	}
	return out
}

// On a database created on a day after the plan's period, the demo county lives up to the month
// before: plan without arguments has no indicator at 0 or null that had data in the plan's last
// years, every indicator over a period names it and measures the current one (no fallback), and
// competent departments cultivate agencies at every year end and today (#21).
func TestPlanOnTheDemoWorldCreatedToday(t *testing.T) {
	e := newEnvOn(t, true, graph.Options{}, civil.DateFor(2026, 12, 4))
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	today := periodPlanAt(e, "", nil)
	earlier := []map[string]periodIndicator{periodPlanAt(e, "2024-12-31", nil), periodPlanAt(e, "2025-12-31", nil)}
	for key, ind := range today {
		hadData := false
		for _, then := range earlier {
			hadData = hadData || then[key].Actual != nil && *then[key].Actual != 0
		}
		if hadData && (ind.Actual == nil || *ind.Actual == 0) {
			note := ""
			if ind.Note != nil {
				note = *ind.Note
			}
			t.Errorf("%s today: %s (%s, %q), but it had data in 2024 or 2025", key, value(ind.Actual), ind.Status, note)
		}
	}
	keys := periodIndicators()
	if len(keys) < 10 {
		t.Fatalf("only %d indicators over a period: %v", len(keys), keys)
	}
	for _, key := range keys {
		ind, ok := today[key]
		switch {
		case !ok:
			t.Errorf("%s is not in the plan", key)
		case ind.Period == nil || ind.Period.Label == "" || ind.Period.From == "" || ind.Period.To == "":
			t.Errorf("%s names no period: %+v", key, ind.Period)
		case ind.Period.Fallback || ind.Period.To < "2026-11-01":
			t.Errorf("%s measured %+v, want a period up to this month (the demo reaches the month before today)", key, ind.Period)
		}
	}
	// The plan's period reads the same as on a database created just after it.
	planOnly := newEnvOn(t, true, graph.Options{}, civil.DateFor(2026, 1, 15))
	planOnly.token = planOnly.signIn("admin", account.RoleADMIN, nil)
	for _, day := range []string{"2023-06-30", "2024-12-31", "2025-12-31"} {
		later, plan := periodPlanAt(e, day, nil), periodPlanAt(planOnly, day, nil)
		for key, ind := range plan {
			if value(later[key].Actual) != value(ind.Actual) {
				t.Errorf("%s at %s: %s on the database created today, %s on one created on 2026-01-15", key, day, value(later[key].Actual), value(ind.Actual))
			}
		}
	}
	for year := 2022; year <= 2025; year++ {
		end := fmt.Sprintf("%d-12-31", year)
		if r := periodPlanAt(e, end, nil)["expansion.departments_cultivating_agency_rate"]; r.Actual == nil || *r.Actual <= 0 || r.Period.Label != fmt.Sprintf("%d年", year) {
			t.Errorf("cultivating departments at %s: %s %+v", end, value(r.Actual), r.Period)
		}
	}
	if r := today["expansion.departments_cultivating_agency_rate"]; r.Actual == nil || *r.Actual <= 0 || r.Period.Label != "2026年" {
		t.Errorf("cultivating departments today: %s %+v", value(r.Actual), r.Period)
	}
}

// value prints an indicator's value, or null.
func value(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprint(*v)
}
