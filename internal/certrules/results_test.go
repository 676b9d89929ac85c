package certrules_test

import (
	"strings"
	"testing"

	"swtalent/ent/schema/enum"
	rules "swtalent/internal/certrules"
)

func TestCheckResults(t *testing.T) {
	passed := func(p rules.Paper) rules.PaperResult { return rules.PaperResult{Paper: p, Sat: true, Passed: true} }
	tests := []struct {
		name      string
		level     enum.CertificateLevel
		results   []rules.PaperResult
		wantIndex int
		wantField string
	}{
		{"no results", enum.LevelAssistant, nil, -1, ""},
		{"assistant, both papers", enum.LevelAssistant,
			[]rules.PaperResult{passed(rules.PaperPractice), {Paper: rules.PaperComprehensive}}, -1, ""},
		{"intermediate, all three", enum.LevelIntermediate,
			[]rules.PaperResult{passed(rules.PaperRegulations), passed(rules.PaperPractice), passed(rules.PaperComprehensive)}, -1, ""},
		{"senior, exam and review", enum.LevelSenior,
			[]rules.PaperResult{passed(rules.PaperSeniorPractice), passed(rules.PaperReview)}, -1, ""},
		{"assistant has no regulations paper", enum.LevelAssistant,
			[]rules.PaperResult{passed(rules.PaperPractice), passed(rules.PaperRegulations)}, 1, "results[1].paper"},
		{"intermediate has no review", enum.LevelIntermediate,
			[]rules.PaperResult{passed(rules.PaperReview)}, 0, "results[0].paper"},
		{"senior has no plain practice paper", enum.LevelSenior,
			[]rules.PaperResult{passed(rules.PaperReview), passed(rules.PaperPractice)}, 1, "results[1].paper"},
		{"unknown paper", enum.LevelAssistant,
			[]rules.PaperResult{{Paper: "ETHICS"}}, 0, "results[0].paper"},
		{"unknown level", "UNKNOWN",
			[]rules.PaperResult{passed(rules.PaperPractice)}, 0, "results[0].paper"},
		{"repeated paper", enum.LevelIntermediate,
			[]rules.PaperResult{passed(rules.PaperPractice), {Paper: rules.PaperComprehensive}, {Paper: rules.PaperPractice, Sat: true}},
			2, "results[2].paper"},
		{"passed without sitting", enum.LevelAssistant,
			[]rules.PaperResult{{Paper: rules.PaperPractice, Passed: true}}, 0, "results[0].passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			i, err := rules.CheckResults(tt.level, tt.results)
			if i != tt.wantIndex {
				t.Errorf("index = %d, want %d", i, tt.wantIndex)
			}
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want one on %s", tt.wantField)
			}
			if err.Field != tt.wantField {
				t.Errorf("Field = %q, want %q", err.Field, tt.wantField)
			}
			if err.ZH == "" || err.EN == "" || err.Error() != err.ZH+" / "+err.EN {
				t.Errorf("error text not bilingual: %q", err.Error())
			}
			if !strings.Contains(err.EN, string(tt.results[i].Paper)) {
				t.Errorf("EN %q does not name paper %s", err.EN, tt.results[i].Paper)
			}
		})
	}
}
