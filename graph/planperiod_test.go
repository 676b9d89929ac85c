package graph_test

import (
	"fmt"
	"testing"
)

// periodIndicator is an indicator with its period, note and verdicts.
type periodIndicator struct {
	Key    string
	Actual *float64
	Status string
	Note   *string
	Period *struct {
		From, To, Label string
		Fallback        bool
	}
	Targets  []struct{ Year int }
	Verdicts []struct {
		Target struct {
			Year       int
			Value      float64
			Comparator string
		}
		Deadline string
		Actual   *float64
		Status   string
	}
}

// periodPlanAt reads the plan on a day ("" for today) in a region (nil for the top region).
func periodPlanAt(e *env, asOf string, regionCode any) map[string]periodIndicator {
	var day any
	if asOf != "" {
		day = asOf
	}
	var d struct {
		Plan struct {
			Initiatives []struct {
				Key        string
				Indicators []periodIndicator
			}
		}
	}
	e.ok(`query($asOf: Date, $r: String) { plan(asOf: $asOf, regionCode: $r) { initiatives { key indicators {
		key actual status note period { from to label fallback } targets { year }
		verdicts { target { year value comparator } deadline actual status } } } } }`,
		map[string]any{"asOf": day, "r": regionCode}, &d)
	out := map[string]periodIndicator{}
	for _, ini := range d.Plan.Initiatives {
		for _, ind := range ini.Indicators {
			out[ini.Key+"."+ind.Key] = ind
		}
	}
	return out
}

// A per-period indicator whose period has no data yet reports the latest earlier period that
// has, and says which; the value is the one the plan gives at that period's end.
func TestIndicatorPeriodsFallBackToTheLatestPeriodWithData(t *testing.T) {
	e := newEnv(t, true) // demo data up to 2025-12-31
	at2025 := periodPlanAt(e, "2025-12-31", nil)
	if p := at2025["doubling.exam_applicants"].Period; p == nil || p.Label != "2025年" || p.Fallback || p.From != "2025-01-01" {
		t.Fatalf("exam applicants at 2025-12-31: period %+v", p)
	}
	if p := at2025["doubling.certified_social_workers"].Period; p != nil {
		t.Fatalf("a stock has a period: %+v", p)
	}
	later := periodPlanAt(e, "2026-11-30", nil)
	for _, key := range []string{"doubling.exam_applicants", "doubling.exam_pass_rate", "quality.leaders_trained",
		"quality.training_hours_per_certified_worker", "expansion.personnel_cost_compliance_rate", "incentives.allowance_coverage"} {
		ind := later[key]
		if ind.Period == nil || !ind.Period.Fallback || ind.Actual == nil || ind.Period.To >= "2026-11-30" {
			t.Errorf("%s at 2026-11-30: actual %v, period %+v: want the latest earlier period with data", key, ind.Actual, ind.Period)
			continue
		}
		then := periodPlanAt(e, ind.Period.To, nil)[key]
		if then.Actual == nil || *then.Actual != *ind.Actual || then.Period.Label != ind.Period.Label || then.Period.Fallback {
			t.Errorf("%s: %v for %s at 2026-11-30, but %v (%+v) at %s", key, *ind.Actual, ind.Period.Label, then.Actual, then.Period, ind.Period.To)
		}
	}
	if got := later["doubling.exam_applicants"]; got.Period.Label != "2025年" || *got.Actual != *at2025["doubling.exam_applicants"].Actual {
		t.Errorf("exam applicants at 2026-11-30: %+v, want 2025's %v", got.Period, *at2025["doubling.exam_applicants"].Actual)
	}
	if got := later["incentives.allowance_coverage"].Period; got.Label != "2025-12" {
		t.Errorf("allowance coverage at 2026-11-30 measured %+v, want 2025-12 (the last month with payroll)", got)
	}
	// Past the look-back, nothing has data: null, UNKNOWN where a target applies, and a note.
	far := periodPlanAt(e, "2030-06-30", nil)["doubling.exam_applicants"]
	if far.Actual != nil || far.Note == nil || far.Period == nil || far.Period.Label != "2030年" {
		t.Errorf("exam applicants in 2030: %+v", far)
	}
}

// After a target's deadline the plan keeps its verdict: the value on the deadline against it.
func TestTargetVerdictsAfterTheirDeadline(t *testing.T) {
	e := newEnv(t, true)
	mid := periodPlanAt(e, "2024-06-30", nil)
	after := periodPlanAt(e, "2026-06-30", nil)
	atDeadline := map[string]map[string]periodIndicator{}
	verdicts := 0
	for key, ind := range after {
		for _, v := range ind.Verdicts {
			verdicts++
			if v.Target.Year > 2026 || v.Deadline != civilEnd(v.Target.Year) {
				t.Errorf("%s: verdict on the %d target with deadline %s", key, v.Target.Year, v.Deadline)
			}
			if atDeadline[v.Deadline] == nil {
				atDeadline[v.Deadline] = periodPlanAt(e, v.Deadline, nil)
			}
			then := atDeadline[v.Deadline][key]
			if (then.Actual == nil) != (v.Actual == nil) || (v.Actual != nil && *v.Actual != *then.Actual) {
				t.Errorf("%s: verdict value %v, plan on %s says %v", key, v.Actual, v.Deadline, then.Actual)
			}
			want := "MISSED"
			switch {
			case v.Actual == nil:
				want = "UNKNOWN"
			case holds(v.Target.Comparator, *v.Actual, v.Target.Value):
				want = "MET"
			}
			if v.Status != want {
				t.Errorf("%s: verdict on %d is %s with %v against %s %v, want %s", key, v.Target.Year, v.Status, *v.Actual, v.Target.Comparator, v.Target.Value, want)
			}
		}
		for _, v := range mid[key].Verdicts {
			if v.Target.Year >= 2024 {
				t.Errorf("%s at 2024-06-30 has a verdict on the %d target", key, v.Target.Year)
			}
		}
	}
	if verdicts == 0 {
		t.Fatal("no verdicts after the plan's period")
	}
	if s := after["quality.qualified_supervisors"]; len(s.Verdicts) == 0 || s.Verdicts[len(s.Verdicts)-1].Status != "MET" {
		t.Errorf("qualified supervisors: verdicts %+v, want the 2025 target MET (9 of 8)", s.Verdicts)
	}
}

func civilEnd(year int) string { return fmt.Sprintf("%04d-12-31", year) }

// holds is the comparator as the plan's rules read it.
func holds(cmp string, actual, value float64) bool {
	switch cmp {
	case "GT":
		return actual > value
	case "GTE":
		return actual >= value
	case "LT":
		return actual < value
	case "LTE":
		return actual <= value
	case "EQ":
		return actual == value
	}
	return false
}

// The exam year on the day its results are recorded: before them this year's pass rate is not
// measurable and the plan reports last year's, saying so; from the day they are recorded, this
// year's, even when it is 0 (a pass rate of 0 among those who sat is a measurement).
func TestPassRateFallsBackUntilResultsAreRecorded(t *testing.T) {
	e := newEnv(t, false) // today is 2026-01-15
	a := e.newPerson("11010519491231002X", nil)
	b := e.newPerson("361126200001010015", nil)
	var d struct{ RecordExamApplication struct{ ID, Outcome string } }
	e.ok(recordApp, map[string]any{"in": map[string]any{"personID": a, "examYear": 2025, "level": "ASSISTANT",
		"results": []any{paper("PRACTICE", true, true), paper("COMPREHENSIVE", true, true)}}}, &d)
	e.ok(recordApp, map[string]any{"in": map[string]any{"personID": b, "examYear": 2026, "level": "ASSISTANT"}}, &d)
	app2026 := d.RecordExamApplication.ID

	before := periodPlanAt(e, "", nil)
	if r := before["doubling.exam_pass_rate"]; r.Actual == nil || *r.Actual != 1 || r.Period == nil || r.Period.Label != "2025年" || !r.Period.Fallback {
		t.Fatalf("pass rate before the 2026 results: %v %+v, want 2025's 1 as a fallback", r.Actual, r.Period)
	}
	if n := before["doubling.exam_applicants"]; n.Actual == nil || *n.Actual != 1 || n.Period.Label != "2026年" || n.Period.Fallback {
		t.Fatalf("applicants in 2026: %v %+v", n.Actual, n.Period)
	}
	e.ok(`mutation($id: ID!, $r: [PaperResultInput!]!) { recordPaperResults(applicationID: $id, results: $r) { outcome } }`,
		map[string]any{"id": app2026, "r": []any{paper("PRACTICE", true, false), paper("COMPREHENSIVE", true, false)}}, &map[string]any{})
	after := periodPlanAt(e, "", nil)["doubling.exam_pass_rate"]
	if after.Actual == nil || *after.Actual != 0 || after.Period.Label != "2026年" || after.Period.Fallback {
		t.Fatalf("pass rate once the 2026 results are in: %v %+v, want 2026's 0", after.Actual, after.Period)
	}
}

// The 12 months on their boundary: a leaders' seminar ending 2025-05-12 is inside the 12 months
// up to 2026-05-11 and outside those up to 2026-05-12, when the plan reports the previous 12
// months instead.
func TestTwelveMonthsFallBackOnTheirBoundary(t *testing.T) {
	e := newEnv(t, false)
	p := e.newPerson("11010519491231002X", nil)
	var tr struct{ CreateTraining struct{ ID string } }
	e.ok(`mutation { createTraining(input: {name: "领导干部社会工作专题研讨班", kind: LEADER_SEMINAR, startsOn: "2025-05-10", endsOn: "2025-05-12", hours: 16}) { id } }`, nil, &tr)
	e.ok(`mutation($t: ID!, $p: [ID!]!) { recordTrainingAttendance(trainingId: $t, personIds: $p, hours: 16) { id } }`,
		map[string]any{"t": tr.CreateTraining.ID, "p": []string{p}}, &map[string]any{})
	in := periodPlanAt(e, "2026-05-11", nil)["quality.leaders_trained"]
	if in.Actual == nil || *in.Actual != 1 || in.Period.Fallback || in.Period.From != "2025-05-12" {
		t.Fatalf("12 months up to 2026-05-11: %v %+v", in.Actual, in.Period)
	}
	out := periodPlanAt(e, "2026-05-12", nil)["quality.leaders_trained"]
	if out.Actual == nil || *out.Actual != 1 || !out.Period.Fallback || out.Period.Label != "2024-05-13至2025-05-12" {
		t.Fatalf("12 months up to 2026-05-12: %v %+v, want the 12 months up to 2025-05-12", out.Actual, out.Period)
	}
	none := periodPlanAt(e, "2024-05-12", nil)["quality.leaders_trained"]
	if none.Actual != nil || none.Note == nil {
		t.Fatalf("before the seminar: %v, note %v", none.Actual, none.Note)
	}
}
