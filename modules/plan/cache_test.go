package plan_test

import (
	"context"
	"sync/atomic"
	"testing"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/modules"
	"swtalent/modules/plan"
)

// counting is an indicator that counts universities and how often it was measured.
func counting(client *ent.Client, calls *atomic.Int64) modules.Indicator {
	return modules.Indicator{
		Key: "universities", Title: "Universities", TitleZH: "院校", Unit: "universities", Kind: modules.Count,
		Measure: func(ctx context.Context, _ modules.Scope) (*float64, error) {
			calls.Add(1)
			n, err := client.University.Query().Count(modules.Aggregate(ctx))
			return modules.Float(float64(n)), err
		},
	}
}

// The plan is measured once per (asOf, region) until a write — through this client, another
// instance's or inside a transaction — bumps the data version.
func TestPlanCacheInvalidatedByEveryWrite(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	mod := &fakeModule{key: fakeKey, indicators: []modules.Indicator{counting(db.Client, &calls)}}
	cfg := modules.Config{Client: db.Client, TopRegion: county, Today: func() civil.Date { return today }}
	m := plan.New(cfg, []modules.Module{mod})
	asOf := civil.DateFor(2025, 12, 31)
	get := func() float64 {
		t.Helper()
		ind := measure(t, m, asOf, "")[fakeKey+".universities"]
		return *ind.Actual
	}

	if got := get(); got != 0 || calls.Load() != 1 {
		t.Fatalf("first plan: %v universities, %d measures", got, calls.Load())
	}
	if got := get(); got != 0 || calls.Load() != 1 {
		t.Fatalf("second plan was measured again (%d measures)", calls.Load())
	}
	if _, err := measurePlan(m, civil.DateFor(2025, 6, 30)); err != nil || calls.Load() != 2 {
		t.Fatalf("another date must be measured: %d measures (%v)", calls.Load(), err)
	}

	if _, err := db.Client.University.Create().SetName("南昌大学").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != 1 {
		t.Fatalf("after a write: %v universities (stale cache)", got)
	}

	other, err := store.Open(ctx, db.Addr, db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Client.University.Create().SetName("江西师范大学").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(); got != 2 {
		t.Fatalf("after another instance's write: %v universities (stale cache)", got)
	}

	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.University.Create().SetName("上饶师范学院").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	before := calls.Load()
	if got := get(); got != 2 || calls.Load() != before {
		t.Fatalf("a rolled-back write: %v universities, measured again: %v", got, calls.Load() != before)
	}
}

// measurePlan measures the top region's plan at asOf.
func measurePlan(m *plan.Module, asOf civil.Date) ([]*plan.Initiative, error) {
	p, err := m.Plan(context.Background(), &asOf, nil)
	if err != nil {
		return nil, err
	}
	return p.Initiatives(context.Background())
}
