package civil_test

import (
	"database/sql"
	"database/sql/driver"
	"strings"
	"testing"
	"time"

	"swtalent/internal/civil"
)

func TestParseDateValid(t *testing.T) {
	tests := []struct {
		in   string
		want civil.Date
	}{
		{"2024-03-01", civil.Date{Year: 2024, Month: time.March, Day: 1}},
		{"2024-02-29", civil.Date{Year: 2024, Month: time.February, Day: 29}},
		{"2000-02-29", civil.Date{Year: 2000, Month: time.February, Day: 29}},
		{"2023-12-31", civil.Date{Year: 2023, Month: time.December, Day: 31}},
		{"2024-04-30", civil.Date{Year: 2024, Month: time.April, Day: 30}},
		{"1000-01-01", civil.Date{Year: 1000, Month: time.January, Day: 1}},
		{"9999-12-31", civil.Date{Year: 9999, Month: time.December, Day: 31}},
	}
	for _, tt := range tests {
		got, err := civil.ParseDate(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseDate(%q) = %#v, %v; want %#v", tt.in, got, err, tt.want)
			continue
		}
		if !got.Valid() || got.IsZero() {
			t.Errorf("%v: Valid=%v IsZero=%v", got, got.Valid(), got.IsZero())
		}
		checkRoundTrip(t, got, tt.in, driver.Value(tt.in))
	}
}

func TestParseDateInvalid(t *testing.T) {
	checkInvalid(t, civil.ParseDate, true, []string{
		"",
		"2023-02-29", // not a leap year
		"1900-02-29", // not a leap year (century)
		"2024-02-30",
		"2024-04-31",
		"2024-13-01",
		"2024-00-10",
		"2024-01-00",
		"2024-01-32",
		"0999-12-31", // year too small
		"0000-01-01",
		"2024-3-1",
		"2024-03-1",
		"24-03-01",
		"2024/03/01",
		"20240301",
		" 2024-03-01",
		"2024-03-01 ",
		"2024-03-01T00:00:00Z",
		"+024-03-01",
		"-024-03-01",
		"2024-+3-01",
		"2024-03-+1",
		"２０２４-03-01",
		"10000-01-01",
		"2024-03-0a",
	})
}

func TestParseDateErrorMessage(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2024-13-01", `日期不存在，收到 "2024-13-01" / no such date, got "2024-13-01"`},
		{"2024/03/01", `日期格式应为 YYYY-MM-DD，收到 "2024/03/01" / date must be YYYY-MM-DD, got "2024/03/01"`},
		{"0999-01-01", `年份应在 1000 到 9999 之间，收到 "0999-01-01" / year must be between 1000 and 9999, got "0999-01-01"`},
	}
	for _, tt := range tests {
		_, err := civil.ParseDate(tt.in)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseDate(%q) error = %v, want %s", tt.in, err, tt.want)
		}
	}
	// A long input is quoted only in part.
	long := strings.Repeat("9", 10000)
	_, err := civil.ParseDate(long)
	if err == nil || len(err.Error()) > 300 || !strings.Contains(err.Error(), "…") {
		t.Errorf("ParseDate(long) error = %v", err)
	}
	checkBilingual(t, err)
}

func TestDateZeroAndInvalid(t *testing.T) {
	var z civil.Date
	if !z.IsZero() || z.Valid() {
		t.Errorf("zero Date: IsZero=%v Valid=%v", z.IsZero(), z.Valid())
	}
	if got := z.String(); got != "0000-00-00" {
		t.Errorf("zero Date String = %q", got)
	}
	for _, d := range []civil.Date{
		{},
		{Year: 2023, Month: time.February, Day: 29},
		{Year: 999, Month: time.January, Day: 1},
		{Year: 10000, Month: time.January, Day: 1},
		{Year: 2024, Month: 13, Day: 1},
		{Year: 2024, Month: time.January, Day: 0},
	} {
		if d.Valid() {
			t.Errorf("%#v.Valid() = true", d)
		}
		if _, err := d.Value(); err == nil {
			t.Errorf("%#v.Value(): no error", d)
		} else {
			checkBilingual(t, err)
		}
		if _, err := d.MarshalText(); err == nil {
			t.Errorf("%#v.MarshalText(): no error", d)
		}
	}
}

func TestDateCodecsWrongTypes(t *testing.T) {
	var d civil.Date
	for _, v := range []any{nil, 20240301, int64(20240301), 1.5, []byte("2024-03-01"), time.Now()} {
		if err := d.UnmarshalGQL(v); err == nil {
			t.Errorf("UnmarshalGQL(%#v): no error", v)
		} else {
			checkBilingual(t, err)
		}
	}
	for _, v := range []any{nil, int64(20240301), 1.5, true, time.Now()} {
		if err := d.Scan(v); err == nil {
			t.Errorf("Scan(%#v): no error", v)
		} else {
			checkBilingual(t, err)
		}
	}
	if !d.IsZero() {
		t.Errorf("failed decodes changed the Date to %v", d)
	}
	if err := d.UnmarshalGQL(1); err == nil || err.Error() != "日期应为字符串，收到 int / date must be a string, got int" {
		t.Errorf("UnmarshalGQL(1) error = %v", err)
	}
}

// A PostgreSQL date column arrives as midnight UTC; a time of day is not a date.
func TestDateScanTime(t *testing.T) {
	var d civil.Date
	if err := d.Scan(time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)); err != nil || d != civil.DateFor(2024, time.February, 29) {
		t.Errorf("Scan(midnight 2024-02-29) = %v, %v", d, err)
	}
	if err := d.Scan(time.Date(2024, time.March, 1, 0, 0, 0, 1, time.UTC)); err == nil {
		t.Errorf("Scan(a time of day): no error")
	}
}

func TestDateNullable(t *testing.T) {
	// A nil *Date is stored as NULL.
	v, err := driver.DefaultParameterConverter.ConvertValue((*civil.Date)(nil))
	if err != nil || v != nil {
		t.Errorf("ConvertValue(nil *Date) = %#v, %v", v, err)
	}
	var n sql.Null[civil.Date]
	if err := n.Scan(nil); err != nil || n.Valid {
		t.Errorf("Null[Date].Scan(nil) = %v, valid %v", err, n.Valid)
	}
	if err := n.Scan("2024-03-01"); err != nil || !n.Valid || n.V != civil.DateFor(2024, time.March, 1) {
		t.Errorf("Null[Date].Scan = %v, %#v", err, n)
	}
	if err := n.Scan("2024-02-30"); err == nil {
		t.Errorf("Null[Date].Scan(2024-02-30): no error")
	}
}

func TestDateCompare(t *testing.T) {
	dates := []string{"1000-01-01", "2023-12-31", "2024-01-01", "2024-01-31", "2024-02-01", "2024-02-29", "2024-12-31", "9999-12-31"}
	for i, a := range dates {
		for j, b := range dates {
			da, db := mustDate(t, a), mustDate(t, b)
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			if got := da.Compare(db); got != want {
				t.Errorf("%s.Compare(%s) = %d, want %d", a, b, got, want)
			}
			if da.Before(db) != (want < 0) || da.After(db) != (want > 0) || (da == db) != (want == 0) {
				t.Errorf("%s vs %s: Before/After/== disagree with Compare", a, b)
			}
			if (a < b) != (want < 0) {
				t.Errorf("%s vs %s: string order differs from date order", a, b)
			}
		}
	}
}

func TestDateAddDate(t *testing.T) {
	tests := []struct {
		from             string
		years, months, d int
		want             string
	}{
		// Go's normalisation: 2025-02-29 does not exist and rolls over.
		{"2024-02-29", 1, 0, 0, "2025-03-01"},
		{"2024-02-29", 4, 0, 0, "2028-02-29"},
		{"2024-01-31", 0, 1, 0, "2024-03-02"},
		{"2023-01-31", 0, 1, 0, "2023-03-03"},
		{"2024-03-31", 0, -1, 0, "2024-03-02"},
		{"2024-03-01", 0, 0, -1, "2024-02-29"},
		{"2023-03-01", 0, 0, -1, "2023-02-28"},
		{"2023-12-31", 0, 0, 1, "2024-01-01"},
		{"2024-01-01", 0, 0, 365, "2024-12-31"},
		{"2024-06-15", -1, -6, 0, "2022-12-15"},
		{"2024-06-15", 0, 0, 0, "2024-06-15"},
	}
	for _, tt := range tests {
		got := mustDate(t, tt.from).AddDate(tt.years, tt.months, tt.d)
		if got.String() != tt.want {
			t.Errorf("%s.AddDate(%d, %d, %d) = %v, want %s", tt.from, tt.years, tt.months, tt.d, got, tt.want)
		}
	}
}

func TestDateConstructors(t *testing.T) {
	if got := civil.DateFor(2024, time.March, 1); got != (civil.Date{Year: 2024, Month: time.March, Day: 1}) {
		t.Errorf("DateFor(2024, 3, 1) = %v", got)
	}
	if got := civil.DateFor(2023, time.February, 29); got.String() != "2023-03-01" {
		t.Errorf("DateFor(2023, 2, 29) = %v", got)
	}
	if got := civil.DateFor(2024, time.March, 0); got.String() != "2024-02-29" {
		t.Errorf("DateFor(2024, 3, 0) = %v", got)
	}
	if got := civil.EndOfYear(2024); got.String() != "2024-12-31" {
		t.Errorf("EndOfYear(2024) = %v", got)
	}
	cst := time.FixedZone("CST", 8*3600)
	instant := time.Date(2024, time.February, 29, 16, 30, 0, 0, time.UTC)
	if got := civil.DateOf(instant); got.String() != "2024-02-29" {
		t.Errorf("DateOf(UTC) = %v", got)
	}
	if got := civil.DateOf(instant.In(cst)); got.String() != "2024-03-01" {
		t.Errorf("DateOf(+08:00) = %v", got)
	}
	for _, loc := range []*time.Location{nil, time.UTC, cst} {
		before := time.Now()
		got := civil.Today(loc)
		after := time.Now()
		l := loc
		if l == nil {
			l = time.UTC
		}
		if got != civil.DateOf(before.In(l)) && got != civil.DateOf(after.In(l)) {
			t.Errorf("Today(%v) = %v", loc, got)
		}
	}
}

func TestDateTime(t *testing.T) {
	d := mustDate(t, "2024-03-01")
	if got, want := d.Time(), time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v", got, want)
	}
	cst := time.FixedZone("CST", 8*3600)
	if got, want := d.In(cst), time.Date(2024, time.March, 1, 0, 0, 0, 0, cst); !got.Equal(want) {
		t.Errorf("In(CST) = %v, want %v", got, want)
	}
	if got := d.In(nil); !got.Equal(d.Time()) {
		t.Errorf("In(nil) = %v", got)
	}
	if got := civil.DateOf(d.In(cst)); got != d {
		t.Errorf("DateOf(In(CST)) = %v", got)
	}
}

func mustDate(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
