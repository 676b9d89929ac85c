package civil_test

import (
	"testing"
	"time"

	"swtalent/internal/civil"
)

func TestFormatTime(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC), "2024-03-01T08:00:00Z"},
		{time.Date(2024, 3, 1, 8, 0, 0, 0, cst), "2024-03-01T00:00:00Z"},
		{time.Date(2024, 3, 1, 7, 0, 0, 0, cst), "2024-02-29T23:00:00Z"},
		{time.Date(2024, 3, 1, 8, 0, 0, 999_999_999, time.UTC), "2024-03-01T08:00:00Z"},
	}
	for _, tt := range tests {
		if got := civil.FormatTime(tt.in); got != tt.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"2024-03-01T08:00:00Z", time.Date(2024, 3, 1, 8, 0, 0, 0, time.UTC)},
		{"2024-03-01T08:00:00+08:00", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)},
		{"2024-03-01T07:00:00+08:00", time.Date(2024, 2, 29, 23, 0, 0, 0, time.UTC)},
		{"2024-03-01T08:00:00-05:30", time.Date(2024, 3, 1, 13, 30, 0, 0, time.UTC)},
		{"2024-03-01T08:00:00.5Z", time.Date(2024, 3, 1, 8, 0, 0, 500_000_000, time.UTC)},
		{"1000-01-01T00:00:00Z", time.Date(1000, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"9999-12-31T23:59:59Z", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC)},
	}
	for _, tt := range tests {
		got, err := civil.ParseTime(tt.in)
		if err != nil || !got.Equal(tt.want) || got.Location() != time.UTC {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	// Round trip at second precision.
	now := time.Now().Truncate(time.Second)
	if got, err := civil.ParseTime(civil.FormatTime(now)); err != nil || !got.Equal(now) {
		t.Errorf("round trip of %v = %v, %v", now, got, err)
	}
	for _, s := range []string{
		"", "2024-03-01", "2024-03-01T08:00:00", "2024-03-01 08:00:00Z", "2024-03-01T25:00:00Z",
		"2024-02-30T08:00:00Z", "0999-12-31T00:00:00Z", "0000-01-01T00:00:00Z", "2024-03-01T08:00Z",
		"1709280000", "2024-03-01T08:00:00+0800",
	} {
		got, err := civil.ParseTime(s)
		if err == nil {
			t.Errorf("ParseTime(%q) = %v, want error", s, got)
			continue
		}
		checkBilingual(t, err)
	}
}
