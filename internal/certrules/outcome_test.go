package certrules_test

import (
	"testing"

	"swtalent/ent/schema/enum"
	rules "swtalent/internal/certrules"
)

// Result shorthands.
func pass(p rules.Paper) rules.PaperResult {
	return rules.PaperResult{Paper: p, Sat: true, Passed: true}
}
func fail(p rules.Paper) rules.PaperResult { return rules.PaperResult{Paper: p, Sat: true} }
func absent(p rules.Paper) rules.PaperResult {
	return rules.PaperResult{Paper: p}
}

// at builds an attempt.
func at(year int, level enum.CertificateLevel, results ...rules.PaperResult) rules.Attempt {
	return rules.Attempt{Year: year, Level: level, Results: results}
}

func TestDecide(t *testing.T) {
	const (
		pr  = rules.PaperPractice
		co  = rules.PaperComprehensive
		re  = rules.PaperRegulations
		sp  = rules.PaperSeniorPractice
		rv  = rules.PaperReview
		ast = enum.LevelAssistant
		itm = enum.LevelIntermediate
		snr = enum.LevelSenior
	)
	tests := []struct {
		name    string
		a       rules.Attempt
		earlier []rules.Attempt
		want    rules.Outcome
	}{
		// General progression.
		{"no results yet", at(2023, ast), nil, rules.OutcomeApplied},
		{"sat nothing", at(2023, ast, absent(pr), absent(co)), nil, rules.OutcomeAbsent},
		{"one not sat, the other pending", at(2023, ast, absent(pr)), nil, rules.OutcomeAbsent},
		{"one sat, the other pending", at(2023, ast, fail(pr)), nil, rules.OutcomeSat},
		{"one passed, the other pending", at(2023, ast, pass(pr)), nil, rules.OutcomeSat},
		{"unknown papers ignored", at(2023, ast, pass(re)), nil, rules.OutcomeAbsent},

		// ASSISTANT: both papers in the same year.
		{"assistant, both passed", at(2023, ast, pass(pr), pass(co)), nil, rules.OutcomePassed},
		{"assistant, one failed", at(2023, ast, pass(pr), fail(co)), nil, rules.OutcomeFailed},
		{"assistant, one absent", at(2023, ast, pass(pr), absent(co)), nil, rules.OutcomeFailed},
		{"assistant, no carry-over from last year", at(2023, ast, fail(pr), pass(co)),
			[]rules.Attempt{at(2022, ast, pass(pr), fail(co))}, rules.OutcomeFailed},
		{"assistant, carry-over would leave the paper pending", at(2023, ast, pass(co)),
			[]rules.Attempt{at(2022, ast, pass(pr), fail(co))}, rules.OutcomeSat},

		// INTERMEDIATE: rolling window of two consecutive years.
		{"intermediate, all three in one year", at(2023, itm, pass(pr), pass(co), pass(re)), nil, rules.OutcomePassed},
		{"intermediate, 2 in 2022 + third in 2023", at(2023, itm, pass(re)),
			[]rules.Attempt{at(2022, itm, pass(pr), pass(co), fail(re))}, rules.OutcomePassed},
		{"intermediate, 2 in 2022 + third in 2023, re-sat ones absent", at(2023, itm, absent(pr), absent(co), pass(re)),
			[]rules.Attempt{at(2022, itm, pass(pr), pass(co), fail(re))}, rules.OutcomePassed},
		{"intermediate, 2 in 2022 + third failed in 2023", at(2023, itm, fail(re)),
			[]rules.Attempt{at(2022, itm, pass(pr), pass(co), fail(re))}, rules.OutcomeFailed},
		{"intermediate, 2 in 2022 + third not sat in 2023", at(2023, itm, absent(re)),
			[]rules.Attempt{at(2022, itm, pass(pr), pass(co), fail(re))}, rules.OutcomeAbsent},
		{"intermediate, 2 in 2021 + third in 2023: others pending", at(2023, itm, pass(re)),
			[]rules.Attempt{at(2021, itm, pass(pr), pass(co), fail(re))}, rules.OutcomeSat},
		{"intermediate, 2 in 2021 + third in 2023: others absent", at(2023, itm, absent(pr), absent(co), pass(re)),
			[]rules.Attempt{at(2021, itm, pass(pr), pass(co), fail(re))}, rules.OutcomeFailed},
		{"intermediate, 1 in 2021, 1 in 2022, 1 in 2023", at(2023, itm, absent(pr), absent(co), pass(re)),
			[]rules.Attempt{at(2021, itm, pass(pr), fail(co), fail(re)), at(2022, itm, fail(pr), pass(co), fail(re))},
			rules.OutcomeFailed},
		{"intermediate, passes at another level do not count", at(2023, itm, pass(re)),
			[]rules.Attempt{at(2022, ast, pass(pr), pass(co))}, rules.OutcomeSat},
		{"intermediate, last year alone cannot pass this attempt", at(2023, itm, fail(pr), absent(co), absent(re)),
			[]rules.Attempt{at(2022, itm, pass(pr), pass(co), pass(re))}, rules.OutcomeFailed},
		{"intermediate, same-year attempt in earlier ignored", at(2023, itm, pass(re)),
			[]rules.Attempt{at(2023, itm, pass(pr), pass(co))}, rules.OutcomeSat},

		// SENIOR: exam and review in the same year, or the review the year after the exam.
		{"senior, both in one year", at(2023, snr, pass(sp), pass(rv)), nil, rules.OutcomePassed},
		{"senior, review pending", at(2023, snr, pass(sp)), nil, rules.OutcomeSat},
		{"senior, review failed", at(2023, snr, pass(sp), fail(rv)), nil, rules.OutcomeFailed},
		{"senior, review the year after the exam", at(2023, snr, pass(rv)),
			[]rules.Attempt{at(2022, snr, pass(sp), fail(rv))}, rules.OutcomePassed},
		{"senior, review two years after the exam", at(2023, snr, absent(sp), pass(rv)),
			[]rules.Attempt{at(2021, snr, pass(sp))}, rules.OutcomeFailed},
		{"senior, review before the exam does not carry", at(2023, snr, pass(sp), absent(rv)),
			[]rules.Attempt{at(2022, snr, fail(sp), pass(rv))}, rules.OutcomeFailed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rules.Decide(tt.a, tt.earlier); got != tt.want {
				t.Fatalf("Decide = %s, want %s", got, tt.want)
			}
		})
	}
}
