package certrules

import (
	"slices"

	"swtalent/ent/schema/enum"
)

// Outcome is the outcome of one exam attempt (one person, one level, one exam year).
type Outcome string

// Attempt outcomes.
const (
	OutcomeApplied Outcome = "APPLIED" // 已报名: no result yet
	OutcomeSat     Outcome = "SAT"     // 已参考: sat, some results still missing
	OutcomePassed  Outcome = "PASSED"  // 合格: every paper of the level passed within the window
	OutcomeFailed  Outcome = "FAILED"  // 不合格: all results in, level not passed
	OutcomeAbsent  Outcome = "ABSENT"  // 缺考: sat no paper
)

// SatOutcomes are the outcomes of applicants who sat at least one paper: SAT, PASSED and FAILED
// (not APPLIED, not ABSENT). The pass rate is PASSED over these.
func SatOutcomes() []Outcome { return []Outcome{OutcomeSat, OutcomePassed, OutcomeFailed} }

// Sat reports whether an application with outcome o counts as sat ([SatOutcomes]).
func (o Outcome) Sat() bool { return slices.Contains(SatOutcomes(), o) }

// Attempt is one person's attempt at a level in one exam year (the exam is held once a year),
// with the results known so far.
type Attempt struct {
	Year    int
	Level   enum.CertificateLevel
	Results []PaperResult
}

// carriesOver lists, per level, the papers whose pass in exam year Y-1 still counts in year Y.
//
//   - ASSISTANT: none; both papers must be passed in the same year.
//   - INTERMEDIATE: all three; the papers must be passed within 2 consecutive years, rolling:
//     a pass in Y-1 counts in Y but not in Y+1.
//   - SENIOR: the exam paper only. The review must be passed in the same year as the exam or in
//     the year after it; a review passed before the exam never counts.
var carriesOver = map[enum.CertificateLevel][]Paper{
	enum.LevelIntermediate: {PaperPractice, PaperComprehensive, PaperRegulations},
	enum.LevelSenior:       {PaperSeniorPractice},
}

// Decide computes the outcome of attempt a from its results and the same person's earlier
// attempts (attempts at other levels and years other than a.Year-1 are ignored, as are results
// naming papers the level does not have; a pass counts as sitting). In order:
//
//   - no results yet: APPLIED;
//   - no result shows a paper sat: ABSENT;
//   - every paper of the level passed, in a itself or, where the level allows it (see
//     carriesOver), in the previous year's attempt, and at least one of them passed in a: PASSED
//     (passes from the previous year complete an attempt but never pass it alone);
//   - some paper still needed has no result yet: SAT;
//   - otherwise: FAILED.
//
// Record a result with Sat false for every paper needed but not sat, so that the attempt can
// reach FAILED or ABSENT.
func Decide(a Attempt, earlier []Attempt) Outcome {
	if len(a.Results) == 0 {
		return OutcomeApplied
	}
	required := Papers(a.Level)
	known := make(map[Paper]bool, len(required))
	passed := make(map[Paper]bool, len(required))
	sat := false
	for _, r := range a.Results {
		if !slices.Contains(required, r.Paper) {
			continue
		}
		known[r.Paper] = true
		passed[r.Paper] = passed[r.Paper] || r.Passed
		sat = sat || r.Sat || r.Passed
	}
	if !sat {
		return OutcomeAbsent
	}
	carried := carriedOver(a, earlier)
	passedHere, complete, pending := false, true, false
	for _, p := range required {
		passedHere = passedHere || passed[p]
		if passed[p] || carried[p] {
			continue
		}
		complete = false
		pending = pending || !known[p]
	}
	switch {
	case complete && passedHere:
		return OutcomePassed
	case pending:
		return OutcomeSat
	}
	return OutcomeFailed
}

// carriedOver returns the papers passed in the previous year's attempts at a's level that still
// count for a.
func carriedOver(a Attempt, earlier []Attempt) map[Paper]bool {
	carry := carriesOver[a.Level]
	out := make(map[Paper]bool, len(carry))
	for _, e := range earlier {
		if e.Level != a.Level || e.Year != a.Year-1 {
			continue
		}
		for _, r := range e.Results {
			if r.Passed && slices.Contains(carry, r.Paper) {
				out[r.Paper] = true
			}
		}
	}
	return out
}
