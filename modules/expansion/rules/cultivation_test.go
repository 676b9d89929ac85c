package rules

import (
	"testing"
	"time"

	"swtalent/internal/civil"
)

func TestCultivationYearBoundaries(t *testing.T) {
	for _, c := range []struct {
		day  civil.Date
		want int
	}{
		{civil.DateFor(2024, time.December, 31), 2024},
		{civil.DateFor(2025, time.January, 1), 2025},
		{civil.DateFor(2025, time.December, 31), 2025},
		{civil.DateFor(2026, time.January, 1), 2026},
	} {
		if got := CultivationYear(c.day); got != c.want {
			t.Errorf("CultivationYear(%s) = %d, want %d", c.day, got, c.want)
		}
	}
}

func TestCultivatingShare(t *testing.T) {
	if got := CultivatingShare(0, 0); got != nil {
		t.Errorf("no competent department: got %v, want nil", *got)
	}
	for _, c := range []struct {
		n, of int
		want  float64
	}{{0, 11, 0}, {1, 11, 1.0 / 11}, {10, 11, 10.0 / 11}, {11, 11, 1}, {12, 11, 1}} {
		got := CultivatingShare(c.n, c.of)
		if got == nil || *got != c.want {
			t.Errorf("CultivatingShare(%d, %d) = %v, want %v", c.n, c.of, got, c.want)
		}
	}
	// 10 of 11 does not meet the plan's 1.0; 11 of 11 does.
	if v := *CultivatingShare(10, 11); v >= 1 {
		t.Errorf("10 of 11 = %v, must stay below 1", v)
	}
}
