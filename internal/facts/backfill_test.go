package facts_test

import (
	"fmt"
	"maps"
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/factspan"
	"swtalent/internal/facts"
	"swtalent/internal/store"
)

// A database whose spans were never kept (a build before them, or a bulk load of the registers
// alone) gets them from the data upgrade when it is opened; check-facts then finds nothing, and
// it reports a span changed behind the hooks' back.
func TestBackfillAndCheck(t *testing.T) {
	w := newWorld(t, 3)
	for range 100 {
		if what, err := w.step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctx, c := w.ctx, w.db.Client
	order := []factspan.OrderOption{factspan.ByPersonID(), factspan.ByFact(), factspan.ByFromOn(), factspan.ByLevel(), factspan.ByWeight()}
	kept := c.FactSpan.Query().Order(order...).AllX(ctx)
	if len(kept) == 0 {
		t.Fatal("the random writes left no fact span")
	}
	deltas := c.FactDelta.Query().AllX(ctx)
	exec := func(q string) {
		t.Helper()
		if _, err := w.db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`DELETE FROM fact_spans`)
	exec(`DELETE FROM fact_deltas`)
	rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing == 0 {
		t.Fatal("check-facts found no difference with every span gone")
	}
	// volunteer-spans too: the backfill writes every region fact, so it is recorded without running.
	exec(`DELETE FROM data_upgrades WHERE name IN ('fact-spans-5', 'volunteer-spans')`)
	// A database of the build before kept the first fact in a table of its own, which goes.
	exec(`CREATE TABLE certified_spans (id INTEGER PRIMARY KEY)`)
	var progress strings.Builder
	again, err := store.OpenReporting(ctx, w.db.Addr, w.db.Keyring, &progress)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if _, err := again.SQL.ExecContext(ctx, `SELECT COUNT(*) FROM certified_spans`); err == nil {
		t.Error("the data upgrade left the table certified_spans")
	}
	if !strings.Contains(progress.String(), "fact spans:") {
		t.Errorf("no progress reported: %q", progress.String())
	}
	if !strings.Contains(progress.String(), "data upgrade volunteer-spans: done by fact-spans-5") {
		t.Errorf("volunteer-spans not recorded as done by the backfill: %q", progress.String())
	}
	var recorded int
	if err := again.SQL.QueryRowContext(ctx, `SELECT COUNT(*) FROM data_upgrades WHERE name = 'volunteer-spans'`).Scan(&recorded); err != nil || recorded != 1 {
		t.Errorf("volunteer-spans recorded %d times (%v)", recorded, err)
	}
	// The planner has statistics of the rebuilt span indexes (dropping an index drops them; without
	// them SQLite chose a range of from_on for a probe by person).
	statsQuery := `SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'fact_spans'`
	if again.Dialect != dialect.SQLite {
		statsQuery = `SELECT COUNT(*) FROM pg_stats WHERE tablename = 'fact_spans' AND schemaname = current_schema()`
	}
	var stats int
	if err := again.SQL.QueryRowContext(ctx, statsQuery).Scan(&stats); err != nil || stats == 0 {
		t.Errorf("no planner statistics of fact_spans after the backfill (%d rows, %v)", stats, err)
	}
	// On PostgreSQL the upgrade vacuums the spans once committed, so that index-only scans need
	// no heap page: some page is all-visible.
	if again.Dialect == dialect.Postgres {
		var visible int
		if err := again.SQL.QueryRowContext(ctx, `SELECT relallvisible FROM pg_class WHERE oid = 'fact_spans'::regclass`).Scan(&visible); err != nil || visible == 0 {
			t.Errorf("fact_spans not vacuumed after the backfill (%d all-visible pages, %v)", visible, err)
		}
	}
	filled := again.Client.FactSpan.Query().Order(order...).AllX(ctx)
	if !slices.EqualFunc(kept, filled, func(a, b *ent.FactSpan) bool {
		return a.PersonID == b.PersonID && a.Fact == b.Fact && a.Weight == b.Weight && a.FromOn == b.FromOn &&
			((a.Level == nil) == (b.Level == nil)) && (a.Level == nil || *a.Level == *b.Level) &&
			((a.UntilOn == nil) == (b.UntilOn == nil)) && (a.UntilOn == nil || *a.UntilOn == *b.UntilOn) &&
			((a.RegionCode == nil) == (b.RegionCode == nil)) && (a.RegionCode == nil || *a.RegionCode == *b.RegionCode)
	}) {
		t.Fatalf("backfill wrote %d spans, the hooks had kept %d different ones", len(filled), len(kept))
	}
	sums := func(ds []*ent.FactDelta) map[facts.DeltaKey]int {
		out := map[facts.DeltaKey]int{}
		for _, d := range ds {
			if d.Delta != 0 {
				out[facts.DeltaKey{Fact: d.Fact, County: d.CountyCode, Level: d.Level, Year: d.Year}] = d.Delta
			}
		}
		return out
	}
	if !maps.Equal(sums(deltas), sums(again.Client.FactDelta.Query().AllX(ctx))) {
		t.Fatal("backfill wrote other deltas than the hooks had kept")
	}
	w.checkFacts("backfill")

	// A span moved behind the hooks' back is a difference.
	exec(`UPDATE fact_spans SET from_on = '2014-01-01' WHERE id = (SELECT MIN(id) FROM fact_spans)`)
	rep, err = facts.Check(ctx, again.SQL, entsql.Dialect(again.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 1 || len(rep.Differences) != 1 || !strings.Contains(rep.Differences[0].String(), "kept [2014-01-01") {
		t.Fatalf("check after tampering: %d differ: %v", rep.Differing, rep.Differences)
	}

	// A delta changed behind the hooks' back is a difference too.
	exec(`UPDATE fact_deltas SET delta = delta + 1 WHERE id = (SELECT MIN(id) FROM fact_deltas)`)
	rep, err = facts.Check(ctx, again.SQL, entsql.Dialect(again.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 2 || !strings.Contains(rep.Differences[1].String(), " delta of county ") {
		t.Fatalf("check after tampering with a delta: %d differ: %v", rep.Differing, rep.Differences)
	}
}

// A database whose rows naming a person keep nothing yet (written by a build before the kept
// columns) gets them from the data upgrade "fact-rows"; check-facts reports each row that keeps
// other values than its person's facts give, and finds nothing after the upgrade.
func TestBackfillRowsAndCheck(t *testing.T) {
	w := newWorld(t, 4)
	for range 200 {
		if what, err := w.step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctx, c := w.ctx, w.db.Client
	codes := func(db *store.DB) map[string]int {
		out := map[string]int{}
		for _, a := range db.Client.ExamApplication.Query().AllX(ctx) {
			out[fmt.Sprint("application ", a.ID, " ", deref(a.WorkplaceCode))]++
		}
		for _, p := range db.Client.AllowancePayment.Query().AllX(ctx) {
			out[fmt.Sprint("payment ", p.ID, " ", deref(p.WorkplaceCode), " ", p.Due)]++
		}
		for _, r := range db.Client.Recognition.Query().AllX(ctx) {
			out[fmt.Sprint("recognition ", r.ID, " ", deref(r.WorkplaceCode))]++
		}
		return out
	}
	kept := codes(w.db)
	rows := c.ExamApplication.Query().CountX(ctx) + c.AllowancePayment.Query().CountX(ctx)
	if rows == 0 || c.AllowancePayment.Query().Where(allowancepayment.Due(true)).CountX(ctx) == 0 {
		t.Fatal("the random writes left no exam application or no payment due")
	}
	exec := func(q string) {
		t.Helper()
		if _, err := w.db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`UPDATE exam_applications SET workplace_code = NULL`)
	exec(`UPDATE allowance_payments SET workplace_code = NULL, due = false`)
	exec(`UPDATE recognitions SET workplace_code = '360000000000'`) // those of nobody too
	rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.RowsDiffer == 0 || rep.Differing != rep.RowsDiffer || !strings.Contains(rep.Differences[0].String(), "kept columns of ") {
		t.Fatalf("check-facts with the kept columns cleared: %d rows of %d differ, %d in all: %v", rep.RowsDiffer, rep.Rows, rep.Differing, rep.Differences)
	}
	exec(`DELETE FROM data_upgrades WHERE name = 'fact-rows'`)
	var progress strings.Builder
	again, err := store.OpenReporting(ctx, w.db.Addr, w.db.Keyring, &progress)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if !strings.Contains(progress.String(), "kept columns:") {
		t.Errorf("no progress reported: %q", progress.String())
	}
	if got := codes(again); !maps.Equal(got, kept) {
		t.Fatalf("the upgrade kept other columns than the hooks had: %v, hooks %v", got, kept)
	}
	w.checkFacts("the upgrade of the kept columns")
}

// deref is the string p points to ("" for nil).
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// A database whose deltas were kept before the province rows gets them from the data upgrade
// "fact-deltas-province", summed from its county rows: the same rows the hooks keep, so
// check-facts, which reports them missing, finds nothing after it; and the whole country and a
// province count the same through them.
func TestProvinceDeltasUpgrade(t *testing.T) {
	w := newWorld(t, 5)
	for range 150 {
		if what, err := w.step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctx := w.ctx
	keys := func(db *store.DB) map[facts.DeltaKey]int {
		out := map[facts.DeltaKey]int{}
		for _, d := range db.Client.FactDelta.Query().AllX(ctx) {
			if d.Delta != 0 {
				out[facts.DeltaKey{Fact: d.Fact, County: d.CountyCode, Level: d.Level, Year: d.Year}] = d.Delta
			}
		}
		return out
	}
	kept := keys(w.db)
	provinces := 0
	for k := range kept {
		if strings.HasPrefix(k.County, "P") {
			provinces++
		}
	}
	if provinces == 0 || provinces == len(kept) {
		t.Fatalf("%d of %d delta rows are a province's", provinces, len(kept))
	}
	if _, err := w.db.SQL.ExecContext(ctx, `DELETE FROM fact_deltas WHERE county_code LIKE 'P%'`); err != nil {
		t.Fatal(err)
	}
	rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing == 0 || !strings.Contains(rep.Differences[0].String(), " delta of province ") {
		t.Fatalf("check-facts without the province rows: %d differ: %v", rep.Differing, rep.Differences)
	}
	if _, err := w.db.SQL.ExecContext(ctx, `DELETE FROM data_upgrades WHERE name = 'fact-deltas-province'`); err != nil {
		t.Fatal(err)
	}
	again, err := store.Open(ctx, w.db.Addr, w.db.Keyring)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if got := keys(again); !maps.Equal(got, kept) {
		t.Fatalf("the upgrade wrote other delta rows than the hooks keep: %d rows, hooks %d", len(got), len(kept))
	}
	w.checkFacts("the upgrade of the province deltas")
	w.compare("the upgrade of the province deltas")
}

// The sweep behind the backfill and check-facts reads the registers a chunk of persons at a time:
// a person a chunk, it hands over every person once, chunk after chunk in id order, with the same
// facts as in one chunk (at national scale a chunk's registers are read by id lists); read on
// the readers one chunk ahead (the backfill's way), the same.
func TestSweepInChunks(t *testing.T) {
	w := newWorld(t, 5)
	for range 60 {
		if what, err := w.step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	b := entsql.Dialect(w.db.Dialect)
	_, whole, err := facts.SweepIn(w.ctx, w.db.SQL, b, 1_000_000, false)
	if err != nil {
		t.Fatal(err)
	}
	persons := w.db.Client.Person.Query().IDsX(w.ctx)
	if len(persons) < 3 || len(whole) != len(persons) {
		t.Fatalf("one chunk: %d persons computed of %d (want at least 3)", len(whole), len(persons))
	}
	for _, ahead := range []bool{false, true} {
		bounds, chunked, err := facts.SweepIn(w.ctx, w.db.Read, b, 1, ahead)
		if err != nil {
			t.Fatal(err)
		}
		if want := len(persons) + 1; len(bounds) != want { // the last one empty
			t.Fatalf("ahead %v: %d chunks of 1 for %d persons, want %d", ahead, len(bounds), len(persons), want)
		}
		for i, c := range bounds {
			switch {
			case i == 0 && c[0] != 0, i > 0 && c[0] != bounds[i-1][1]:
				t.Fatalf("ahead %v: chunk %d starts after %d, want after the previous chunk's last (%v)", ahead, i, c[0], bounds)
			case i == len(bounds)-1 && c[1] != math.MaxInt64, i < len(bounds)-1 && c[1] <= c[0]:
				t.Fatalf("ahead %v: chunk %d ends at %d (%v)", ahead, i, c[1], bounds)
			}
		}
		if len(chunked) != len(whole) {
			t.Fatalf("ahead %v: chunks of 1 computed %d persons, one chunk %d", ahead, len(chunked), len(whole))
		}
		for id, k := range whole {
			if got := chunked[id]; !reflect.DeepEqual(got, k) {
				t.Fatalf("ahead %v: person %d: a person a chunk %v, in one chunk %v", ahead, id, got, k)
			}
		}
	}
}
