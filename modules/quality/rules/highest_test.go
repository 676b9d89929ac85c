package rules_test

import (
	"slices"
	"testing"

	"swtalent/ent/schema/enum"
	"swtalent/modules/quality/rules"
)

func TestHighest(t *testing.T) {
	assistant := rules.Cert{ID: 1, Level: enum.LevelAssistant, PassedOn: date("2018-06-01")}
	intermediate := rules.Cert{ID: 2, Level: enum.LevelIntermediate, PassedOn: date("2021-06-01")}
	revokedIntermediate := rules.Cert{ID: 3, Level: enum.LevelIntermediate, PassedOn: date("2021-06-01"), RevokedOn: datep("2023-03-01")}
	senior := rules.Cert{ID: 4, Level: enum.LevelSenior, PassedOn: date("2025-06-01")}
	laterIntermediate := rules.Cert{ID: 5, Level: enum.LevelIntermediate, PassedOn: date("2022-06-01")}
	unknown := rules.Cert{ID: 6, Level: "MASTER", PassedOn: date("2018-06-01")}
	tests := []struct {
		name   string
		certs  []rules.Cert
		asOf   string
		wantID int // 0: none
	}{
		{"no certificates", nil, "2024-01-01", 0},
		{"intermediate over assistant", []rules.Cert{assistant, intermediate}, "2024-01-01", 2},
		{"only the assistant was passed by then", []rules.Cert{assistant, intermediate}, "2021-05-31", 1},
		{"intermediate passed on asOf counts", []rules.Cert{assistant, intermediate}, "2021-06-01", 2},
		{"revoked higher certificate skipped", []rules.Cert{assistant, revokedIntermediate}, "2024-01-01", 1},
		{"revoked on asOf skipped", []rules.Cert{assistant, revokedIntermediate}, "2023-03-01", 1},
		{"revoked after asOf still counts", []rules.Cert{assistant, revokedIntermediate}, "2023-02-28", 3},
		{"senior not yet passed", []rules.Cert{assistant, intermediate, senior}, "2024-01-01", 2},
		{"senior once passed", []rules.Cert{assistant, intermediate, senior}, "2025-06-01", 4},
		{"tie: latest passed", []rules.Cert{intermediate, laterIntermediate, assistant}, "2024-01-01", 5},
		{"only a revoked certificate", []rules.Cert{revokedIntermediate}, "2024-01-01", 0},
		{"unknown level ignored", []rules.Cert{unknown}, "2024-01-01", 0},
		{"unknown level does not outrank", []rules.Cert{unknown, assistant}, "2024-01-01", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, certs := range [][]rules.Cert{tt.certs, reversed(tt.certs)} {
				got, ok := rules.Highest(certs, date(tt.asOf))
				if tt.wantID == 0 {
					if ok {
						t.Fatalf("got %+v, want none", got)
					}
					continue
				}
				if !ok || got.ID != tt.wantID {
					t.Fatalf("got %+v (ok %v), want ID %d", got, ok, tt.wantID)
				}
			}
		})
	}
}

func TestHighestFullTie(t *testing.T) {
	a := rules.Cert{ID: 7, Level: enum.LevelAssistant, PassedOn: date("2020-06-01")}
	b := rules.Cert{ID: 9, Level: enum.LevelAssistant, PassedOn: date("2020-06-01")}
	for _, certs := range [][]rules.Cert{{a, b}, {b, a}} {
		if got, ok := rules.Highest(certs, date("2024-01-01")); !ok || got.ID != 9 {
			t.Fatalf("got %+v (ok %v), want ID 9", got, ok)
		}
	}
}

func reversed(certs []rules.Cert) []rules.Cert {
	r := slices.Clone(certs)
	slices.Reverse(r)
	return r
}
