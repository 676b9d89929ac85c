package facts_test

import (
	"slices"
	"strings"
	"testing"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certifiedspan"
	"swtalent/internal/facts"
	"swtalent/internal/store"
)

// A database whose spans were never kept (a build before them, or a bulk load of the registers
// alone) gets them from the data upgrade when it is opened; check-facts then finds nothing, and
// it reports a span changed behind the hooks' back.
func TestBackfillAndCheck(t *testing.T) {
	w := newWorld(t, 3)
	for range 60 {
		if what, err := w.step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctx, c := w.ctx, w.db.Client
	kept := c.CertifiedSpan.Query().Order(certifiedspan.ByPersonID(), certifiedspan.ByFromOn()).AllX(ctx)
	if len(kept) == 0 {
		t.Fatal("the random writes left no certified span")
	}
	exec := func(q string) {
		t.Helper()
		if _, err := w.db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`DELETE FROM certified_spans`)
	rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing == 0 {
		t.Fatal("check-facts found no difference with every span gone")
	}
	exec(`DELETE FROM data_upgrades WHERE name = 'certified-spans'`)
	var progress strings.Builder
	again, err := store.OpenReporting(ctx, w.db.Addr, w.db.Keyring, &progress)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if !strings.Contains(progress.String(), "certified spans:") {
		t.Errorf("no progress reported: %q", progress.String())
	}
	filled := again.Client.CertifiedSpan.Query().Order(certifiedspan.ByPersonID(), certifiedspan.ByFromOn()).AllX(ctx)
	if !slices.EqualFunc(kept, filled, func(a, b *ent.CertifiedSpan) bool {
		return a.PersonID == b.PersonID && a.Level == b.Level && a.FromOn == b.FromOn &&
			((a.UntilOn == nil) == (b.UntilOn == nil)) && (a.UntilOn == nil || *a.UntilOn == *b.UntilOn) &&
			((a.RegionCode == nil) == (b.RegionCode == nil)) && (a.RegionCode == nil || *a.RegionCode == *b.RegionCode)
	}) {
		t.Fatalf("backfill wrote %d spans, the hooks had kept %d different ones", len(filled), len(kept))
	}
	w.checkFacts("backfill")

	// A span moved behind the hooks' back is a difference.
	exec(`UPDATE certified_spans SET from_on = '2014-01-01' WHERE id = (SELECT MIN(id) FROM certified_spans)`)
	rep, err = facts.Check(ctx, again.SQL, entsql.Dialect(again.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 1 || len(rep.Differences) != 1 || !strings.Contains(rep.Differences[0].String(), "kept [2014-01-01") {
		t.Fatalf("check after tampering: %d differ: %v", rep.Differing, rep.Differences)
	}
}
