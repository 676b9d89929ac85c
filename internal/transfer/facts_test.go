package transfer_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"entgo.io/ent"
	entsql "entgo.io/ent/dialect/sql"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"

	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/store"
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
	if rep.Differing > 0 || rep.Of(enum.FactCertified).Spans != n {
		t.Fatalf("after the imports: %d spans, %d persons differ: %v", rep.Of(enum.FactCertified).Spans, rep.Differing, rep.Differences)
	}
	for _, d := range []civil.Date{civil.DateFor(2024, 6, 14), civil.DateFor(2024, 6, 15), civil.DateFor(2025, 5, 1), civil.DateFor(2025, 12, 31)} {
		want, err := workforce.CountCertified(ctx, db.Client, d, "361126000000")
		if err != nil {
			t.Fatal(err)
		}
		got, err := facts.Count(ctx, db.Client, enum.FactCertified, d, "361126000000")
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("certified at %s: kept %d, reference %d", d, got, want)
		}
	}
}

// An import taken back after batches that moved certified spans were committed (new
// certificates, revocations of stored ones) leaves the kept spans as they were: the undo log
// restores the registers past the hooks, so the take-back recomputes the spans of every person
// the import touched.
func TestTakenBackImportRestoresCertifiedSpans(t *testing.T) {
	db := openDB(t)
	const n = 600
	mustImport(t, db, transfer.Persons(), csvOf(personRows(n)))
	mustImport(t, db, transfer.Certificates(), csvOf(certificateRows(n/2)))
	before := spans(t, db)
	certified := 0
	for _, s := range before {
		if strings.Contains(s, " CERTIFIED ") {
			certified++
		}
	}
	if certified != n/2 {
		t.Fatalf("%d CERTIFIED spans before the import, want %d", certified, n/2)
	}
	// Revoke the stored certificates, add one for every other person, and refuse the last row.
	certs := certificateRows(n)
	certs[0] = append(certs[0], "撤销日期")
	for i := 1; i <= n; i++ {
		revoked := ""
		if i <= n/2 {
			revoked = "2025-01-01"
		}
		certs[i] = append(certs[i], revoked)
	}
	refused := certs[n][0]
	db.Client.Certificate.Use(hook.On(func(next ent.Mutator) ent.Mutator {
		return hook.CertificateFunc(func(ctx context.Context, m *gen.CertificateMutation) (ent.Value, error) {
			if v, ok := m.Number(); ok && v == refused {
				return nil, apperr.Invalid("number", "测试拒绝该证书", "the test refuses this certificate")
			}
			return next.Mutate(ctx, m)
		})
	}, ent.OpCreate))
	rep := importFile(t, db, transfer.Certificates(), csvOf(certs), false)
	if rep.OK() || rep.Committed || len(rep.Errors) != 1 || rep.Errors[0].Row != n+1 {
		t.Fatalf("want the last row refused and nothing kept: %+v\n%s", rep, errorsOf(rep))
	}
	if after := spans(t, db); !reflect.DeepEqual(before, after) {
		for i := range before {
			if i < len(after) && before[i] != after[i] {
				t.Fatalf("fact spans changed: %d rows before, %d after; first difference %q → %q", len(before), len(after), before[i], after[i])
			}
		}
		t.Fatalf("fact spans changed: %d rows before, %d after", len(before), len(after))
	}
	check, err := facts.Check(system(), db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if check.Differing > 0 {
		t.Fatalf("%d persons differ after the take-back: %v", check.Differing, check.Differences)
	}
}

// spans reads the kept fact spans without their row ids (a refresh may rewrite a person's
// rows with the same content).
func spans(t *testing.T, db *store.DB) []string {
	t.Helper()
	rows, err := db.Client.QueryContext(context.Background(),
		"SELECT person_id, fact, level, from_on, until_on, region_code, weight FROM fact_spans ORDER BY person_id, fact, from_on, level, weight")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var (
			person, weight           int
			fact, from               string
			level, until, regionCode *string
		)
		if err := rows.Scan(&person, &fact, &level, &from, &until, &regionCode, &weight); err != nil {
			t.Fatal(err)
		}
		region := ""
		if regionCode != nil {
			region = *regionCode
		}
		out = append(out, fmt.Sprint(person, " ", fact, " ", deref(level), " ", from, " ", until != nil, " ", region, " ", weight))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
