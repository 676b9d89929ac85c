package civil_test

import "testing"

func TestDateAddMonths(t *testing.T) {
	tests := []struct {
		from   string
		months int
		want   string
	}{
		{"2024-02-29", 12, "2025-02-28"}, // no 29 February: its last day
		{"2024-02-29", 48, "2028-02-29"},
		{"2024-02-28", 12, "2025-02-28"},
		{"2024-03-01", 12, "2025-03-01"},
		{"2024-01-31", 1, "2024-02-29"},
		{"2023-01-31", 1, "2023-02-28"},
		{"2024-01-30", 1, "2024-02-29"},
		{"2024-01-29", 1, "2024-02-29"},
		{"2024-01-28", 1, "2024-02-28"},
		{"2024-03-31", 1, "2024-04-30"},
		{"2024-12-31", -3, "2024-09-30"},
		{"2024-05-31", -3, "2024-02-29"},
		{"2023-05-31", -3, "2023-02-28"},
		{"2024-03-31", -1, "2024-02-29"},
		{"2024-11-30", 3, "2025-02-28"},
		{"2024-12-15", 1, "2025-01-15"},
		{"2025-01-15", -1, "2024-12-15"},
		{"2024-06-15", -18, "2022-12-15"},
		{"2024-06-15", 0, "2024-06-15"},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.from).AddMonths(tt.months); got.String() != tt.want {
			t.Errorf("%s.AddMonths(%d) = %v, want %s", tt.from, tt.months, got, tt.want)
		}
	}
}

func TestDateAddYears(t *testing.T) {
	tests := []struct {
		from  string
		years int
		want  string
	}{
		{"2024-02-29", 1, "2025-02-28"},
		{"2024-02-29", -1, "2023-02-28"},
		{"2024-02-29", 4, "2028-02-29"},
		{"2024-02-29", 100, "2124-02-29"},
		{"2000-02-29", 100, "2100-02-28"}, // 2100 is not a leap year
		{"2023-02-28", 1, "2024-02-28"},
		{"2023-11-05", 1, "2024-11-05"},
		{"2024-12-31", 1, "2025-12-31"},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.from).AddYears(tt.years); got.String() != tt.want {
			t.Errorf("%s.AddYears(%d) = %v, want %s", tt.from, tt.years, got, tt.want)
		}
	}
}

func TestDatePeriodEnd(t *testing.T) {
	tests := []struct {
		from          string
		years, months int
		want          string
	}{
		{"2023-01-10", 3, 0, "2026-01-09"},
		{"2023-01-01", 3, 0, "2025-12-31"},
		{"2024-02-29", 3, 0, "2027-02-28"}, // no corresponding day: the month's last day
		{"2024-02-28", 3, 0, "2027-02-27"},
		{"2024-03-01", 3, 0, "2027-02-28"},
		{"2025-03-01", 3, 0, "2028-02-29"},
		{"2024-02-29", 4, 0, "2028-02-28"},
		{"2024-01-31", 0, 1, "2024-02-29"},
		{"2024-01-30", 0, 1, "2024-02-29"},
		{"2024-01-29", 0, 1, "2024-02-28"},
		{"2023-01-29", 0, 1, "2023-02-28"},
		{"2024-03-31", 0, 1, "2024-04-30"},
		{"2024-12-31", 0, 3, "2025-03-30"},
		{"2024-11-30", 0, 3, "2025-02-28"},
		{"2024-06-15", 1, 6, "2025-12-14"},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.from).PeriodEnd(tt.years, tt.months); got.String() != tt.want {
			t.Errorf("%s.PeriodEnd(%d, %d) = %v, want %s", tt.from, tt.years, tt.months, got, tt.want)
		}
	}
}

func TestDatePeriodStart(t *testing.T) {
	tests := []struct {
		to            string
		years, months int
		want          string
	}{
		{"2024-12-31", 0, 3, "2024-10-01"},
		{"2024-05-31", 0, 3, "2024-03-01"},
		{"2023-05-31", 0, 3, "2023-03-01"},
		{"2026-01-09", 0, 3, "2025-10-10"},
		{"2024-02-29", 1, 0, "2023-03-01"},
		{"2025-02-28", 1, 0, "2024-02-29"},
		{"2024-12-31", 1, 0, "2024-01-01"},
		{"2024-06-15", 1, 0, "2023-06-16"},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.to).PeriodStart(tt.years, tt.months); got.String() != tt.want {
			t.Errorf("%s.PeriodStart(%d, %d) = %v, want %s", tt.to, tt.years, tt.months, got, tt.want)
		}
	}
}

// TestPeriodEndMonotone checks, for every start day of four years (one of them leap), that a
// later start never ends a period earlier, that a period reaches at least the day before its
// corresponding day, and that counting back from its end never starts after its start.
func TestPeriodEndMonotone(t *testing.T) {
	d := mustDate(t, "2023-01-01")
	for i := 0; i < 4*366; i++ {
		next := d.AddDays(1)
		for _, n := range []int{1, 3, 12, 36} {
			a, b := d.PeriodEnd(0, n), next.PeriodEnd(0, n)
			if b.Before(a) {
				t.Fatalf("PeriodEnd(%d) not monotone: %s → %s, %s → %s", n, d, a, next, b)
			}
			if !a.After(d) || a.AddDays(1).Before(d.AddMonths(n)) {
				t.Fatalf("%s.PeriodEnd(0, %d) = %s, not up to the day before %s", d, n, a, d.AddMonths(n))
			}
			if s := a.PeriodStart(0, n); s.After(d) {
				t.Fatalf("%s.PeriodEnd(0, %d) = %s, whose PeriodStart %s is after the start", d, n, a, s)
			}
		}
		d = next
	}
}

func TestDateAddDays(t *testing.T) {
	tests := []struct {
		from string
		n    int
		want string
	}{
		{"2024-02-28", 1, "2024-02-29"},
		{"2024-02-29", 1, "2024-03-01"},
		{"2023-02-28", 1, "2023-03-01"},
		{"2024-03-01", -1, "2024-02-29"},
		{"2023-12-31", 1, "2024-01-01"},
		{"2024-01-01", 365, "2024-12-31"},
	}
	for _, tt := range tests {
		if got := mustDate(t, tt.from).AddDays(tt.n); got.String() != tt.want {
			t.Errorf("%s.AddDays(%d) = %v, want %s", tt.from, tt.n, got, tt.want)
		}
	}
}
