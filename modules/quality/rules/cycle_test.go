package rules_test

import (
	"testing"

	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/modules/quality/rules"
)

// The certificate of the tests: passed 2022-01-10, so the first registration is due by 2023-01-10.
// first is valid 2023-01-10..2026-01-09; renewal (inside first's renewal window, which opens
// 2025-10-10) is valid 2025-11-01..2028-10-31.
var (
	passed  = date("2022-01-10")
	first   = reg(certrules.KindFirst, certrules.StatusIssued, "2023-01-10")
	renewal = reg(certrules.KindRenewal, certrules.StatusIssued, "2025-11-01")

	initialCycle = cycle("2022-01-10", "2023-01-10")
	firstCycle   = cycle("2023-01-10", "2026-01-09")
	renewalCycle = cycle("2025-11-01", "2028-10-31")
)

func cycle(start, end string) rules.Cycle { return rules.Cycle{Start: date(start), End: date(end)} }

func regs(r ...certrules.Registration) []certrules.Registration { return r }

func TestRequired(t *testing.T) {
	tests := []struct {
		level enum.CertificateLevel
		want  int
	}{
		{enum.LevelAssistant, 72},
		{enum.LevelIntermediate, 90},
		{enum.LevelSenior, 90},
		{"MASTER", 0},
	}
	for _, tt := range tests {
		if got := rules.Required(tt.level); got != tt.want {
			t.Errorf("Required(%s) = %d, want %d", tt.level, got, tt.want)
		}
	}
	if rules.DegreeHours != 90 {
		t.Errorf("DegreeHours = %d, want 90", rules.DegreeHours)
	}
}

func TestCycleAt(t *testing.T) {
	tests := []struct {
		name string
		regs []certrules.Registration
		asOf string
		want rules.Cycle
	}{
		{"before any registration", nil, "2022-06-01", initialCycle},
		{"on the pass date", nil, "2022-01-10", initialCycle},
		{"before the pass date", nil, "2021-12-31", initialCycle},
		{"first registration overdue", nil, "2023-06-01", initialCycle},
		{"pending first does not count", regs(reg(certrules.KindFirst, certrules.StatusPending, "2023-01-10")),
			"2023-06-01", initialCycle},
		{"rejected first does not count", regs(reg(certrules.KindFirst, certrules.StatusFinalReviewRejected, "2023-01-10")),
			"2023-06-01", initialCycle},
		{"undated counting registration ignored", regs(certrules.Registration{Kind: certrules.KindFirst, Status: certrules.StatusIssued}),
			"2023-06-01", initialCycle},
		{"first registration not yet made on asOf", regs(first), "2023-01-09", initialCycle},
		{"first day of the first registration", regs(first), "2023-01-10", firstCycle},
		{"final review passed counts", regs(reg(certrules.KindFirst, certrules.StatusFinalReviewPassed, "2023-01-10")),
			"2024-01-01", firstCycle},
		{"last day of the first registration", regs(first), "2026-01-09", firstCycle},
		{"lapsed: the last registration's cycle", regs(first), "2026-01-10", firstCycle},
		{"lapsed long ago", regs(first), "2030-01-01", firstCycle},
		{"in the renewal window, not yet renewed", regs(first), "2025-12-01", firstCycle},
		{"renewal registered: the later-ending cycle", regs(first, renewal), "2025-11-01", renewalCycle},
		{"the day before the renewal", regs(renewal, first), "2025-10-31", firstCycle},
		{"pending renewal does not count", regs(first, reg(certrules.KindRenewal, certrules.StatusPending, "2025-11-01")),
			"2025-12-01", firstCycle},
		{"gap before a late re-registration", regs(first, reg(certrules.KindRenewal, certrules.StatusIssued, "2026-06-01")),
			"2026-03-01", firstCycle},
		{"late re-registration", regs(first, reg(certrules.KindRenewal, certrules.StatusIssued, "2026-06-01")),
			"2026-06-01", cycle("2026-06-01", "2029-05-31")},
		{"lapsed after a renewal", regs(first, renewal), "2029-01-01", renewalCycle},
		{"explicit ValidUntil", regs(certrules.Registration{Kind: certrules.KindFirst, Status: certrules.StatusIssued,
			RegisteredOn: date("2023-01-10"), ValidUntil: date("2026-01-09")}), "2024-01-01", firstCycle},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.CycleAt(passed, tt.regs, date(tt.asOf)); got != tt.want {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestCycleContains(t *testing.T) {
	c := firstCycle
	for day, want := range map[string]bool{
		"2023-01-09": false, "2023-01-10": true, "2024-07-01": true, "2026-01-09": true, "2026-01-10": false,
	} {
		if got := c.Contains(date(day)); got != want {
			t.Errorf("Contains(%s) = %v, want %v", day, got, want)
		}
	}
}

func TestStatusAt(t *testing.T) {
	type credits = []rules.Credit
	cr := func(on string, hours int) rules.Credit { return rules.Credit{On: date(on), Hours: hours} }
	tests := []struct {
		name       string
		level      enum.CertificateLevel
		regs       []certrules.Registration
		credits    credits
		degree     bool
		degreeOn   *string
		asOf       string
		wantCycle  rules.Cycle
		wantEarned int
		wantReq    int
	}{
		// Levels.
		{name: "assistant: 72 hours are enough", level: enum.LevelAssistant, regs: regs(first),
			credits: credits{cr("2024-03-01", 72)}, asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 72, wantReq: 72},
		{name: "intermediate: 72 hours are not", level: enum.LevelIntermediate, regs: regs(first),
			credits: credits{cr("2024-03-01", 72)}, asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 72, wantReq: 90},
		{name: "senior: 72 hours are not", level: enum.LevelSenior, regs: regs(first),
			credits: credits{cr("2024-03-01", 72)}, asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 72, wantReq: 90},
		{name: "senior: 90 hours are", level: enum.LevelSenior, regs: regs(first),
			credits: credits{cr("2024-03-01", 50), cr("2025-03-01", 40)}, asOf: "2025-06-01", wantCycle: firstCycle, wantEarned: 90, wantReq: 90},
		{name: "no credits", level: enum.LevelAssistant, regs: regs(first),
			asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 0, wantReq: 72},

		// Cycle boundaries (asOf after the lapse, so the first cycle is still evaluated).
		{name: "first and last day count, the day after does not", level: enum.LevelIntermediate, regs: regs(first),
			credits: credits{cr("2023-01-09", 1), cr("2023-01-10", 10), cr("2026-01-09", 20), cr("2026-01-10", 40)},
			asOf:    "2026-03-01", wantCycle: firstCycle, wantEarned: 30, wantReq: 90},
		{name: "initial cycle: pass date and due date count", level: enum.LevelAssistant,
			credits: credits{cr("2022-01-09", 1), cr("2022-01-10", 10), cr("2023-01-10", 20), cr("2023-01-11", 40)},
			asOf:    "2023-02-01", wantCycle: initialCycle, wantEarned: 30, wantReq: 72},

		// Credits after asOf.
		{name: "credits after asOf are not counted", level: enum.LevelAssistant, regs: regs(first),
			credits: credits{cr("2024-01-01", 30), cr("2024-06-01", 30), cr("2024-06-02", 50)},
			asOf:    "2024-06-01", wantCycle: firstCycle, wantEarned: 60, wantReq: 72},

		// Renewal.
		{name: "before the renewal: old cycle's credits", level: enum.LevelAssistant, regs: regs(first, renewal),
			credits: credits{cr("2025-06-01", 72), cr("2025-11-01", 20)},
			asOf:    "2025-10-31", wantCycle: firstCycle, wantEarned: 72, wantReq: 72},
		{name: "after the renewal: old cycle's credits do not count", level: enum.LevelAssistant, regs: regs(first, renewal),
			credits: credits{cr("2025-06-01", 72), cr("2025-10-31", 5), cr("2025-11-01", 20), cr("2026-05-01", 10)},
			asOf:    "2026-06-01", wantCycle: renewalCycle, wantEarned: 30, wantReq: 72},

		// Degree.
		{name: "degree counts 90 in its cycle", level: enum.LevelIntermediate, regs: regs(first),
			degree: true, degreeOn: new("2024-05-01"), asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 90, wantReq: 90},
		{name: "degree on the cycle's first day", level: enum.LevelIntermediate, regs: regs(first),
			degree: true, degreeOn: new("2023-01-10"), asOf: "2023-01-10", wantCycle: firstCycle, wantEarned: 90, wantReq: 90},
		{name: "degree not yet completed on asOf", level: enum.LevelIntermediate, regs: regs(first),
			degree: true, degreeOn: new("2024-05-01"), asOf: "2024-04-30", wantCycle: firstCycle, wantEarned: 0, wantReq: 90},
		{name: "degree counts once: not in the next cycle", level: enum.LevelIntermediate, regs: regs(first, renewal),
			degree: true, degreeOn: new("2024-05-01"), asOf: "2026-06-01", wantCycle: renewalCycle, wantEarned: 0, wantReq: 90},
		{name: "degree completed in the renewal cycle", level: enum.LevelIntermediate, regs: regs(first, renewal),
			degree: true, degreeOn: new("2027-07-01"), asOf: "2027-08-01", wantCycle: renewalCycle, wantEarned: 90, wantReq: 90},
		{name: "degree completed before passing counts in no cycle", level: enum.LevelAssistant,
			degree: true, degreeOn: new("2021-07-01"), asOf: "2022-06-01", wantCycle: initialCycle, wantEarned: 0, wantReq: 72},
		{name: "degree with unknown date counts in the first cycle", level: enum.LevelIntermediate, regs: regs(first),
			degree: true, asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 90, wantReq: 90},
		{name: "degree with unknown date counts before the first registration", level: enum.LevelAssistant,
			degree: true, asOf: "2022-06-01", wantCycle: initialCycle, wantEarned: 90, wantReq: 72},
		{name: "degree with unknown date counts once: not in the renewal cycle", level: enum.LevelIntermediate, regs: regs(first, renewal),
			degree: true, asOf: "2026-06-01", wantCycle: renewalCycle, wantEarned: 0, wantReq: 90},
		{name: "degree with unknown date, renewal cycle with training", level: enum.LevelIntermediate, regs: regs(first, renewal),
			credits: credits{cr("2026-03-01", 40)}, degree: true, asOf: "2026-06-01", wantCycle: renewalCycle, wantEarned: 40, wantReq: 90},
		{name: "date without a completed degree is ignored", level: enum.LevelIntermediate, regs: regs(first),
			degree: false, degreeOn: new("2024-05-01"), asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 0, wantReq: 90},
		{name: "degree and training add up, no cap", level: enum.LevelAssistant, regs: regs(first),
			credits: credits{cr("2024-03-01", 30)}, degree: true, degreeOn: new("2024-05-01"),
			asOf: "2024-06-01", wantCycle: firstCycle, wantEarned: 120, wantReq: 72},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var degreeOn *civil.Date
			if tt.degreeOn != nil {
				degreeOn = datep(*tt.degreeOn)
			}
			got := rules.StatusAt(tt.level, passed, tt.regs, tt.credits, tt.degree, degreeOn, date(tt.asOf))
			want := rules.Status{
				Cycle:     tt.wantCycle,
				Required:  tt.wantReq,
				Earned:    tt.wantEarned,
				Remaining: max(0, tt.wantReq-tt.wantEarned),
				Compliant: tt.wantEarned >= tt.wantReq,
			}
			if got != want {
				t.Fatalf("got %+v, want %+v", got, want)
			}
		})
	}
}
