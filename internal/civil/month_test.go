package civil_test

import (
	"database/sql/driver"
	"testing"
	"time"

	"swtalent/internal/civil"
)

func TestParseMonthValid(t *testing.T) {
	tests := []struct {
		in   string
		want civil.Month
	}{
		{"2024-03", civil.Month{Year: 2024, Month: time.March}},
		{"2024-12", civil.Month{Year: 2024, Month: time.December}},
		{"1000-01", civil.Month{Year: 1000, Month: time.January}},
		{"9999-12", civil.Month{Year: 9999, Month: time.December}},
	}
	for _, tt := range tests {
		got, err := civil.ParseMonth(tt.in)
		if err != nil || got != tt.want || !got.Valid() {
			t.Errorf("ParseMonth(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			continue
		}
		checkRoundTrip(t, got, tt.in, driver.Value(tt.in))
	}
}

func TestParseMonthInvalid(t *testing.T) {
	checkInvalid(t, civil.ParseMonth, true, []string{
		"", "2024", "2024-3", "2024-00", "2024-13", "0999-12", "2024/03", "202403",
		"2024-03-01", " 2024-03", "2024-03 ", "2024-+3", "+024-03", "10000-01", "2024-1a",
	})
}

func TestMonthMethods(t *testing.T) {
	tests := []struct {
		m, first, last, next, prev string
	}{
		{"2024-02", "2024-02-01", "2024-02-29", "2024-03", "2024-01"},
		{"2023-02", "2023-02-01", "2023-02-28", "2023-03", "2023-01"},
		{"2024-12", "2024-12-01", "2024-12-31", "2025-01", "2024-11"},
		{"2024-01", "2024-01-01", "2024-01-31", "2024-02", "2023-12"},
		{"2024-04", "2024-04-01", "2024-04-30", "2024-05", "2024-03"},
	}
	for _, tt := range tests {
		m := mustMonth(t, tt.m)
		if got := m.First().String(); got != tt.first {
			t.Errorf("%s.First() = %s, want %s", tt.m, got, tt.first)
		}
		if got := m.Last().String(); got != tt.last {
			t.Errorf("%s.Last() = %s, want %s", tt.m, got, tt.last)
		}
		if got := m.Next().String(); got != tt.next {
			t.Errorf("%s.Next() = %s, want %s", tt.m, got, tt.next)
		}
		if got := m.Prev().String(); got != tt.prev {
			t.Errorf("%s.Prev() = %s, want %s", tt.m, got, tt.prev)
		}
		if m.Next().Prev() != m || !m.Next().After(m) || !m.Prev().Before(m) {
			t.Errorf("%s: Next/Prev inconsistent", tt.m)
		}
		if civil.MonthOf(m.First()) != m || civil.MonthOf(m.Last()) != m {
			t.Errorf("%s: MonthOf(First/Last) differs", tt.m)
		}
		if !m.Contains(m.First()) || !m.Contains(m.Last()) ||
			m.Contains(m.First().AddDate(0, 0, -1)) || m.Contains(m.Last().AddDate(0, 0, 1)) {
			t.Errorf("%s: Contains boundaries wrong", tt.m)
		}
	}
	m := mustMonth(t, "2024-03")
	for n, want := range map[int]string{0: "2024-03", 10: "2025-01", -3: "2023-12", -27: "2021-12", 24: "2026-03", -15: "2022-12"} {
		if got := m.AddMonths(n).String(); got != want {
			t.Errorf("2024-03.AddMonths(%d) = %s, want %s", n, got, want)
		}
	}
	if got := mustMonth(t, "2024-03").Compare(mustMonth(t, "2024-03")); got != 0 {
		t.Errorf("Compare equal = %d", got)
	}
	if got := mustMonth(t, "2023-12").Compare(mustMonth(t, "2024-01")); got != -1 {
		t.Errorf("Compare(2023-12, 2024-01) = %d", got)
	}
	if got := mustMonth(t, "2024-02").Compare(mustMonth(t, "2024-01")); got != 1 {
		t.Errorf("Compare(2024-02, 2024-01) = %d", got)
	}
	var z civil.Month
	if !z.IsZero() || z.Valid() || z.String() != "0000-00" {
		t.Errorf("zero Month: IsZero=%v Valid=%v String=%q", z.IsZero(), z.Valid(), z.String())
	}
	if _, err := z.Value(); err == nil {
		t.Error("zero Month Value(): no error")
	}
	if err := z.UnmarshalGQL(202403); err == nil {
		t.Error("Month.UnmarshalGQL(int): no error")
	} else {
		checkBilingual(t, err)
	}
}

func mustMonth(t *testing.T, s string) civil.Month {
	t.Helper()
	m, err := civil.ParseMonth(s)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
