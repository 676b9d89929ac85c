package workforce_test

import (
	"fmt"
	"testing"
	"time"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

func TestSpans(t *testing.T) {
	d := func(y int, m time.Month, dd int) civil.Date { return civil.DateFor(y, m, dd) }
	p := func(x civil.Date) *civil.Date { return &x }
	a, i, s := enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior
	tests := []struct {
		name  string
		certs []workforce.Held
		left  *civil.Date
		want  string
	}{
		{"none", nil, nil, "[]"},
		{"one lasting", []workforce.Held{{a, d(2020, 1, 1), nil}}, nil, "[ASSISTANT 2020-01-01–]"},
		{"revoked", []workforce.Held{{a, d(2020, 1, 1), p(d(2021, 1, 1))}}, nil, "[ASSISTANT 2020-01-01–2021-01-01]"},
		{"revoked on the pass day", []workforce.Held{{a, d(2020, 1, 1), p(d(2020, 1, 1))}}, nil, "[]"},
		{"left before passing", []workforce.Held{{a, d(2020, 1, 1), nil}}, p(d(2019, 1, 1)), "[]"},
		{"left on the pass day", []workforce.Held{{a, d(2020, 1, 1), nil}}, p(d(2020, 1, 1)), "[]"},
		{"left", []workforce.Held{{a, d(2020, 1, 1), nil}}, p(d(2022, 5, 1)), "[ASSISTANT 2020-01-01–2022-05-01]"},
		{"a higher level", []workforce.Held{{a, d(2020, 1, 1), nil}, {i, d(2022, 1, 1), nil}}, nil,
			"[ASSISTANT 2020-01-01–2022-01-01 INTERMEDIATE 2022-01-01–]"},
		{"higher revoked, lower lasts", []workforce.Held{{a, d(2020, 1, 1), nil}, {s, d(2021, 1, 1), p(d(2023, 1, 1))}}, nil,
			"[ASSISTANT 2020-01-01–2021-01-01 SENIOR 2021-01-01–2023-01-01 ASSISTANT 2023-01-01–]"},
		{"a gap", []workforce.Held{{a, d(2020, 1, 1), p(d(2021, 1, 1))}, {a, d(2022, 1, 1), nil}}, nil,
			"[ASSISTANT 2020-01-01–2021-01-01 ASSISTANT 2022-01-01–]"},
		{"two of a level overlap into one span", []workforce.Held{{a, d(2020, 1, 1), p(d(2022, 1, 1))}, {a, d(2021, 1, 1), nil}}, nil,
			"[ASSISTANT 2020-01-01–]"},
		{"a renewal on the revocation day joins", []workforce.Held{{a, d(2020, 1, 1), p(d(2021, 1, 1))}, {a, d(2021, 1, 1), nil}}, nil,
			"[ASSISTANT 2020-01-01–]"},
	}
	for _, tt := range tests {
		got := "["
		for k, s := range workforce.Spans(tt.certs, tt.left) {
			if k > 0 {
				got += " "
			}
			until := ""
			if s.Until != nil {
				until = s.Until.String()
			}
			got += fmt.Sprintf("%s %s–%s", s.Level, s.From, until)
		}
		got += "]"
		if got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
