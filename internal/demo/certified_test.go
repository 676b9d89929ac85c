package demo

import (
	"context"
	"testing"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/internal/civil"
)

// countCertifiedSQL counts certified social workers at d with one SQL aggregate through ent.
func countCertifiedSQL(ctx context.Context, c *ent.Client, d civil.Date) (int, error) {
	return c.Person.Query().
		Where(
			person.Or(person.LeftOnIsNil(), person.LeftOnGT(d)),
			person.HasCertificatesWith(
				certificate.PassedOnLTE(d),
				certificate.Or(certificate.RevokedOnIsNil(), certificate.RevokedOnGT(d)),
			),
		).
		Count(ctx)
}

// TestCertifiedCounts checks the doubling story the demo tells: about 40 certified social
// workers at the end of 2022, more than 80 (at least double) in 2023, about 120 in 2024 and
// more than 150 in 2025, counted both over the World's slices and in SQL.
func TestCertifiedCounts(t *testing.T) {
	ctx := system()
	client, w := buildWorld(t)
	ranges := []struct{ year, lo, hi int }{
		{2022, 35, 45},
		{2023, 81, 100},
		{2024, 110, 130},
		{2025, 151, 160},
	}
	prev := 0
	byYear := make(map[int]int)
	for _, r := range ranges {
		d := civil.EndOfYear(r.year)
		inGo := len(w.CertifiedAt(d))
		inSQL, err := countCertifiedSQL(ctx, client, d)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("certified at %s: %d (SQL %d)", d, inGo, inSQL)
		if inGo != inSQL {
			t.Errorf("%s: %d certified counted in Go, %d in SQL", d, inGo, inSQL)
		}
		if inGo < r.lo || inGo > r.hi {
			t.Errorf("%s: %d certified, want %d–%d", d, inGo, r.lo, r.hi)
		}
		if inGo <= prev {
			t.Errorf("%s: %d certified, not more than the year before (%d)", d, inGo, prev)
		}
		prev = inGo
		byYear[r.year] = inGo
	}
	if byYear[2023] < 2*byYear[2022] {
		t.Errorf("2023 (%d) is not at least double 2022 (%d)", byYear[2023], byYear[2022])
	}
}
