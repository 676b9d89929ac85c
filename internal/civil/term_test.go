package civil_test

import (
	"database/sql/driver"
	"testing"

	"swtalent/internal/civil"
)

func TestParseTermValid(t *testing.T) {
	tests := []struct {
		in         string
		want       civil.Term
		start, end string
	}{
		{"2025-1", civil.Term{Year: 2025, Half: civil.Spring}, "2025-03-01", "2025-08-31"},
		{"2025-2", civil.Term{Year: 2025, Half: civil.Autumn}, "2025-09-01", "2026-02-28"},
		{"2023-2", civil.Term{Year: 2023, Half: civil.Autumn}, "2023-09-01", "2024-02-29"},
		{"1000-1", civil.Term{Year: 1000, Half: 1}, "1000-03-01", "1000-08-31"},
		{"9999-1", civil.Term{Year: 9999, Half: 1}, "9999-03-01", "9999-08-31"},
	}
	for _, tt := range tests {
		got, err := civil.ParseTerm(tt.in)
		if err != nil || got != tt.want || !got.Valid() {
			t.Errorf("ParseTerm(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			continue
		}
		if got.Start().String() != tt.start || got.End().String() != tt.end {
			t.Errorf("%s: Start..End = %v..%v, want %s..%s", tt.in, got.Start(), got.End(), tt.start, tt.end)
		}
		checkRoundTrip(t, got, tt.in, driver.Value(tt.in))
	}
}

func TestParseTermInvalid(t *testing.T) {
	checkInvalid(t, civil.ParseTerm, true, []string{
		"", "2025", "2025-0", "2025-3", "2025-01", "2025-", "2025/1", "20251", "0999-1",
		"2025-1 ", " 2025-1", "25-1", "+025-1", "2025-a",
	})
}

func TestTermMethods(t *testing.T) {
	sequence := []string{"2024-1", "2024-2", "2025-1", "2025-2", "2026-1"}
	for i := range sequence[:len(sequence)-1] {
		a, b := mustTerm(t, sequence[i]), mustTerm(t, sequence[i+1])
		if a.Next() != b || b.Prev() != a {
			t.Errorf("%v.Next() = %v, %v.Prev() = %v", a, a.Next(), b, b.Prev())
		}
		if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
			t.Errorf("%v vs %v: ordering wrong", a, b)
		}
		// Consecutive terms leave no gap.
		if a.End().AddDate(0, 0, 1) != b.Start() {
			t.Errorf("%v ends %v but %v starts %v", a, a.End(), b, b.Start())
		}
	}
	tests := []struct{ date, term string }{
		{"2025-01-01", "2024-2"},
		{"2024-02-29", "2023-2"},
		{"2025-02-28", "2024-2"},
		{"2025-03-01", "2025-1"},
		{"2025-08-31", "2025-1"},
		{"2025-09-01", "2025-2"},
		{"2025-12-31", "2025-2"},
	}
	for _, tt := range tests {
		d := mustDate(t, tt.date)
		got := civil.TermOf(d)
		if got.String() != tt.term {
			t.Errorf("TermOf(%s) = %v, want %s", tt.date, got, tt.term)
		}
		if !got.Contains(d) || got.Next().Contains(d) || got.Prev().Contains(d) {
			t.Errorf("%v.Contains(%s) inconsistent", got, tt.date)
		}
	}
	var z civil.Term
	if !z.IsZero() || z.Valid() || z.String() != "0000-0" {
		t.Errorf("zero Term: IsZero=%v Valid=%v String=%q", z.IsZero(), z.Valid(), z.String())
	}
	if _, err := (civil.Term{Year: 2025, Half: 3}).Value(); err == nil {
		t.Error("Term{2025, 3}.Value(): no error")
	}
	if err := z.UnmarshalGQL(20251); err == nil {
		t.Error("Term.UnmarshalGQL(int): no error")
	} else {
		checkBilingual(t, err)
	}
}

func mustTerm(t *testing.T, s string) civil.Term {
	t.Helper()
	v, err := civil.ParseTerm(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
