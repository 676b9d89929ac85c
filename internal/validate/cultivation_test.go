package validate

import (
	"errors"
	"testing"
	"time"

	"swtalent/internal/apperr"
	"swtalent/internal/civil"
)

func TestCultivation(t *testing.T) {
	today := civil.DateFor(2026, time.December, 4)
	year := func(y int) *int { return &y }
	field := func(err error) string {
		var e *apperr.Error
		if !errors.As(err, &e) {
			return ""
		}
		return e.Field
	}
	for _, c := range []struct {
		name  string
		dept  bool
		year  *int
		field string
	}{
		{"neither", false, nil, ""},
		{"both", true, year(2026), ""},
		{"first year", true, year(1949), ""},
		{"year before 1949", true, year(1948), "cultivatedYear"},
		{"next year", true, year(2027), "cultivatedYear"},
		{"department without year", true, nil, "cultivatedYear"},
		{"year without department", false, year(2025), "cultivatedBy"},
	} {
		err := Cultivation(c.dept, c.year, today, "cultivatedBy", "cultivatedYear")
		if (err == nil) != (c.field == "") || field(err) != c.field {
			t.Errorf("%s: err = %v (field %q), want field %q", c.name, err, field(err), c.field)
		}
	}
}
