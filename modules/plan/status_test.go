package plan

import (
	"testing"

	"swtalent/ent/plantarget"
	"swtalent/internal/civil"
)

func date(s string) civil.Date {
	d, err := civil.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func f(v float64) *float64 { return &v }

// The doubling targets of plan_targets.csv: > 80 in 2023, > 150 in 2025.
var doublingTargets = []Target{
	{Year: 2023, Comparator: plantarget.ComparatorGreater, Value: 80},
	{Year: 2025, Comparator: plantarget.ComparatorGreater, Value: 150},
}

func TestApplicable(t *testing.T) {
	standing := Target{Year: 0, Comparator: plantarget.ComparatorAtLeast, Value: 1}
	tests := []struct {
		name     string
		targets  []Target
		asOf     string
		wantYear int
		wantOK   bool
	}{
		{"before the first year: the first", doublingTargets, "2022-06-30", 2023, true},
		{"during the first year", doublingTargets, "2023-06-30", 2023, true},
		{"last day of the first year", doublingTargets, "2023-12-31", 2023, true},
		{"first day after: the next", doublingTargets, "2024-01-01", 2025, true},
		{"in the last year", doublingTargets, "2025-12-31", 2025, true},
		{"after every year: the latest", doublingTargets, "2027-03-01", 2025, true},
		{"standing rule only", []Target{standing}, "2024-05-01", 0, true},
		{"dated target wins over the standing rule", append([]Target{standing}, doublingTargets...), "2024-05-01", 2025, true},
		{"passed dated target still wins over the standing rule", append([]Target{standing}, doublingTargets...), "2030-01-01", 2025, true},
		{"no target", nil, "2024-05-01", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Applicable(tt.targets, date(tt.asOf))
			if ok != tt.wantOK || got.Year != tt.wantYear {
				t.Fatalf("Applicable(%s) = year %d, %v; want year %d, %v", tt.asOf, got.Year, ok, tt.wantYear, tt.wantOK)
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	t2023 := doublingTargets[0] // > 80 by 2023-12-31; baseline 40 at 2022-12-31
	atLeastShare := Target{Year: 2025, Comparator: plantarget.ComparatorAtLeast, Value: 1}
	standing := Target{Year: 0, Comparator: plantarget.ComparatorAtLeast, Value: 1}
	atMost := Target{Year: 2025, Comparator: plantarget.ComparatorAtMost, Value: 10}
	tests := []struct {
		name     string
		actual   *float64
		target   *Target
		asOf     string
		baseline *float64
		want     Status
	}{
		{"no target", f(10), nil, "2023-06-30", f(40), NoTarget},
		{"no target and unknown actual", nil, nil, "2023-06-30", f(40), NoTarget},
		{"unknown actual", nil, &t2023, "2023-06-30", f(40), Unknown},
		{"met before the year ends", f(81), &t2023, "2023-06-30", f(40), Met},
		{"GT is strict: 80 does not meet > 80", f(80), &t2023, "2024-01-01", f(40), Missed},
		// Half way through 2023 the line stands at 40 + 40 × 181/365 ≈ 59.8.
		{"on the line's side mid-year", f(60), &t2023, "2023-06-30", f(40), OnTrack},
		{"below the line mid-year", f(59), &t2023, "2023-06-30", f(40), AtRisk},
		{"the day before the deadline, above the line", f(80), &t2023, "2023-12-30", f(40), OnTrack},
		{"the day before the deadline, below the line", f(79), &t2023, "2023-12-30", f(40), AtRisk},
		{"on the deadline, at the target value of a GT target: missed", f(80), &t2023, "2023-12-31", f(40), Missed},
		{"on the deadline, below: missed", f(79), &t2023, "2023-12-31", f(40), Missed},
		{"on the deadline, beyond: met", f(81), &t2023, "2023-12-31", f(40), Met},
		{"on the deadline, at the value of an AT_LEAST target: met", f(1), &atLeastShare, "2025-12-31", f(0.5), Met},
		{"on the deadline, just short of an AT_LEAST target: missed", f(0.99), &atLeastShare, "2025-12-31", f(0.5), Missed},
		{"the day after the year: missed", f(79), &t2023, "2024-01-01", f(40), Missed},
		{"met after the year", f(90), &t2023, "2024-01-01", f(40), Met},
		{"before the baseline the line is the baseline", f(40), &t2023, "2022-06-30", f(40), OnTrack},
		{"unknown baseline", f(60), &t2023, "2023-06-30", nil, AtRisk},
		{"share target met", f(1), &atLeastShare, "2024-06-30", f(0.5), Met},
		{"standing rule met", f(1), &standing, "2024-06-30", nil, Met},
		{"standing rule not met", f(0.9), &standing, "2024-06-30", f(0.5), Missed},
		{"downward target on track", f(15), &atMost, "2024-06-30", f(20), OnTrack},
		{"downward target at risk", f(19), &atMost, "2024-06-30", f(20), AtRisk},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Evaluate(tt.actual, tt.target, date(tt.asOf), tt.baseline); got != tt.want {
				t.Fatalf("Evaluate = %s, want %s", got, tt.want)
			}
		})
	}
}
