package civil_test

import (
	"database/sql/driver"
	"slices"
	"testing"

	"swtalent/internal/civil"
)

func TestParsePeriodValid(t *testing.T) {
	tests := []struct {
		in         string
		want       civil.Period
		start, end string
	}{
		{"2024", civil.YearPeriod(2024), "2024-01-01", "2024-12-31"},
		{"2024-H1", civil.HalfPeriod(2024, 1), "2024-01-01", "2024-06-30"},
		{"2024-H2", civil.HalfPeriod(2024, 2), "2024-07-01", "2024-12-31"},
		{"2024-Q1", civil.QuarterPeriod(2024, 1), "2024-01-01", "2024-03-31"},
		{"2024-Q2", civil.QuarterPeriod(2024, 2), "2024-04-01", "2024-06-30"},
		{"2024-Q3", civil.QuarterPeriod(2024, 3), "2024-07-01", "2024-09-30"},
		{"2024-Q4", civil.QuarterPeriod(2024, 4), "2024-10-01", "2024-12-31"},
		{"1000", civil.YearPeriod(1000), "1000-01-01", "1000-12-31"},
		{"9999-Q4", civil.QuarterPeriod(9999, 4), "9999-10-01", "9999-12-31"},
	}
	for _, tt := range tests {
		got, err := civil.ParsePeriod(tt.in)
		if err != nil || got != tt.want || !got.Valid() {
			t.Errorf("ParsePeriod(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			continue
		}
		if got.Start().String() != tt.start || got.End().String() != tt.end {
			t.Errorf("%s: Start..End = %v..%v, want %s..%s", tt.in, got.Start(), got.End(), tt.start, tt.end)
		}
		checkRoundTrip(t, got, tt.in, driver.Value(tt.in))
	}
	if k := civil.YearPeriod(2024).Kind; k != civil.PeriodYear || k.String() != "year" {
		t.Errorf("YearPeriod kind = %v", k)
	}
	if civil.PeriodHalf.String() != "half" || civil.PeriodQuarter.String() != "quarter" || civil.PeriodKind(0).String() != "PeriodKind(0)" {
		t.Error("PeriodKind.String wrong")
	}
}

func TestParsePeriodInvalid(t *testing.T) {
	checkInvalid(t, civil.ParsePeriod, true, []string{
		"", "24", "202", "20245", "0999", "0999-Q1", "2024-H0", "2024-H3", "2024-Q0", "2024-Q5",
		"2024-h1", "2024-q1", "2024-M1", "2024H1", "2024-H12", "2024-Q", "2024-", "2024 ",
		" 2024", "2024-1", "2024-S1", "2024_Q1", "+024", "2024-Q+",
	})
}

func TestPeriodContains(t *testing.T) {
	tests := []struct {
		p   string
		in  []string
		out []string
	}{
		{"2024", []string{"2024-01-01", "2024-02-29", "2024-12-31"}, []string{"2023-12-31", "2025-01-01"}},
		{"2024-H1", []string{"2024-01-01", "2024-06-30"}, []string{"2023-12-31", "2024-07-01"}},
		{"2024-H2", []string{"2024-07-01", "2024-12-31"}, []string{"2024-06-30", "2025-01-01"}},
		{"2024-Q1", []string{"2024-01-01", "2024-02-29", "2024-03-31"}, []string{"2023-12-31", "2024-04-01"}},
		{"2023-Q1", []string{"2023-02-28", "2023-03-31"}, []string{"2023-04-01", "2022-12-31"}},
		{"2024-Q4", []string{"2024-10-01", "2024-12-31"}, []string{"2024-09-30", "2025-01-01"}},
	}
	for _, tt := range tests {
		p := mustPeriod(t, tt.p)
		for _, d := range tt.in {
			if !p.Contains(mustDate(t, d)) {
				t.Errorf("%s.Contains(%s) = false", tt.p, d)
			}
		}
		for _, d := range tt.out {
			if p.Contains(mustDate(t, d)) {
				t.Errorf("%s.Contains(%s) = true", tt.p, d)
			}
		}
	}
}

func TestPeriodCompare(t *testing.T) {
	// Sorted by start, then shorter first.
	sorted := []string{"2023", "2023-Q4", "2024-Q1", "2024-H1", "2024", "2024-Q2", "2024-Q3", "2024-H2", "2024-Q4", "2025-Q1"}
	for i, a := range sorted {
		for j, b := range sorted {
			pa, pb := mustPeriod(t, a), mustPeriod(t, b)
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := pa.Compare(pb); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
			if pa.Before(pb) != (want < 0) || pa.After(pb) != (want > 0) || (pa == pb) != (want == 0) {
				t.Errorf("%s vs %s: Before/After/== disagree with Compare", a, b)
			}
		}
	}
	shuffled := []civil.Period{}
	for _, i := range []int{5, 2, 9, 0, 7, 3, 8, 1, 6, 4} {
		shuffled = append(shuffled, mustPeriod(t, sorted[i]))
	}
	slices.SortFunc(shuffled, civil.Period.Compare)
	for i, p := range shuffled {
		if p.String() != sorted[i] {
			t.Errorf("sorted[%d] = %v, want %s", i, p, sorted[i])
		}
	}
}

func TestPeriodInvalidValues(t *testing.T) {
	for _, p := range []civil.Period{
		{},
		{Year: 2024},
		{Year: 2024, Kind: civil.PeriodYear, Index: 1},
		{Year: 2024, Kind: civil.PeriodHalf, Index: 3},
		{Year: 2024, Kind: civil.PeriodQuarter, Index: 0},
		{Year: 2024, Kind: 9, Index: 1},
		{Year: 999, Kind: civil.PeriodYear},
	} {
		if p.Valid() {
			t.Errorf("%#v.Valid() = true", p)
		}
		if _, err := p.Value(); err == nil {
			t.Errorf("%#v.Value(): no error", p)
		}
		if _, err := p.MarshalText(); err == nil {
			t.Errorf("%#v.MarshalText(): no error", p)
		}
	}
	if !(civil.Period{}).IsZero() {
		t.Error("zero Period: IsZero false")
	}
	var p civil.Period
	if err := p.UnmarshalGQL(2024); err == nil {
		t.Error("Period.UnmarshalGQL(int): no error")
	} else {
		checkBilingual(t, err)
	}
}

func mustPeriod(t *testing.T, s string) civil.Period {
	t.Helper()
	p, err := civil.ParsePeriod(s)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
