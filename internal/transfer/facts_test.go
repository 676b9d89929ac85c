package transfer_test

import (
	"fmt"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/transfer"
	"swtalent/internal/workforce"
)

// An import keeps the certified spans of the persons it touches, refreshed once before it
// commits: after importing certificates and then revoking some by importing the sheet again,
// check-facts finds no difference and the kept count equals the reference.
func TestImportKeepsCertifiedSpans(t *testing.T) {
	db := openDB(t)
	const n = 30
	mustImport(t, db, transfer.Persons(), csvOf(personRows(n)))
	certs := certificateRows(n)
	mustImport(t, db, transfer.Certificates(), csvOf(certs))
	certs[0] = append(certs[0], "撤销日期")
	for i := 1; i <= n; i++ {
		revoked := ""
		if i%3 == 0 {
			revoked = fmt.Sprintf("2025-0%d-01", 1+i%9)
		}
		certs[i] = append(certs[i], revoked)
	}
	mustImport(t, db, transfer.Certificates(), csvOf(certs))

	ctx := system()
	rep, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing > 0 || rep.Spans != n {
		t.Fatalf("after the imports: %d spans, %d persons differ: %v", rep.Spans, rep.Differing, rep.Differences)
	}
	for _, d := range []civil.Date{civil.DateFor(2024, 6, 14), civil.DateFor(2024, 6, 15), civil.DateFor(2025, 5, 1), civil.DateFor(2025, 12, 31)} {
		want, err := workforce.CountCertified(ctx, db.Client, d, "361126000000")
		if err != nil {
			t.Fatal(err)
		}
		got, err := facts.CountCertified(ctx, db.Client, d, "361126000000")
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("certified at %s: kept %d, reference %d", d, got, want)
		}
	}
}
