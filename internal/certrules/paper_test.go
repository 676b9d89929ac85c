package certrules_test

import (
	"slices"
	"testing"

	"swtalent/ent/schema/enum"
	rules "swtalent/internal/certrules"
)

func TestPapers(t *testing.T) {
	tests := []struct {
		level enum.CertificateLevel
		want  []rules.Paper
	}{
		{enum.LevelAssistant, []rules.Paper{rules.PaperPractice, rules.PaperComprehensive}},
		{enum.LevelIntermediate, []rules.Paper{rules.PaperPractice, rules.PaperComprehensive, rules.PaperRegulations}},
		{enum.LevelSenior, []rules.Paper{rules.PaperSeniorPractice, rules.PaperReview}},
		{"UNKNOWN", nil},
	}
	for _, tt := range tests {
		t.Run(string(tt.level), func(t *testing.T) {
			got := rules.Papers(tt.level)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("Papers(%s) = %v, want %v", tt.level, got, tt.want)
			}
			for _, p := range got {
				if !p.Valid() {
					t.Errorf("paper %s of %s is not Valid", p, tt.level)
				}
			}
		})
	}
}

func TestPapersReturnsACopy(t *testing.T) {
	rules.Papers(enum.LevelAssistant)[0] = "CHANGED"
	if got := rules.Papers(enum.LevelAssistant)[0]; got != rules.PaperPractice {
		t.Fatalf("Papers shares its slice: first paper is now %s", got)
	}
}

func TestPaperValid(t *testing.T) {
	tests := []struct {
		p    rules.Paper
		want bool
	}{
		{rules.PaperPractice, true},
		{rules.PaperReview, true},
		{"practice", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := tt.p.Valid(); got != tt.want {
			t.Errorf("Paper(%q).Valid() = %v, want %v", tt.p, got, tt.want)
		}
	}
	if n := len(rules.Paper("").Values()); n != 5 {
		t.Errorf("len(Values()) = %d, want 5", n)
	}
}
