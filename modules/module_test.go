package modules_test

import (
	"testing"

	"swtalent/internal/civil"
	"swtalent/modules"
)

func TestScopeYearWindow(t *testing.T) {
	tests := []struct{ asOf, from string }{
		{"2024-12-31", "2024-01-01"},
		{"2024-06-15", "2023-06-16"},
		{"2024-02-28", "2023-03-01"},
		{"2024-02-29", "2023-03-01"}, // 2023 has no 29 February: 12 months back is 2023-02-28
		{"2024-03-01", "2023-03-02"},
		{"2025-02-28", "2024-02-29"},
		{"2025-03-01", "2024-03-02"},
	}
	for _, tt := range tests {
		asOf, _ := civil.ParseDate(tt.asOf)
		from, to := modules.Scope{AsOf: asOf}.YearWindow()
		if from.String() != tt.from || to != asOf {
			t.Errorf("YearWindow(%s) = %s..%s, want %s..%s", tt.asOf, from, to, tt.from, tt.asOf)
		}
	}
}
