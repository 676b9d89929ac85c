package quality

import (
	"context"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// The compliance rate is the same whether the workforce is rated in one chunk or in many, so it
// holds at a scale where one IN list of every certified person would exceed SQLite's limit.
func TestComplianceRateAcrossChunks(t *testing.T) {
	db := testdb.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, db.Client, demo.PlanEnd()); err != nil {
		t.Fatal(err)
	}
	m := New(modules.Config{Client: db.Client, TopRegion: "361126000000", Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }})
	d := civil.DateFor(2025, 12, 31)
	whole, err := m.complianceRateOf(ctx, d, "")
	if err != nil || whole == nil {
		t.Fatalf("rate in one chunk: %v, %v", whole, err)
	}
	defer func(n int) { complianceChunk = n }(complianceChunk)
	complianceChunk = 7
	chunked, err := m.complianceRateOf(ctx, d, "")
	if err != nil || chunked == nil || *chunked != *whole {
		t.Fatalf("rate in chunks of 7 = %v (%v), in one chunk %v", chunked, err, *whole)
	}
	if *whole <= 0 || *whole >= 1 {
		t.Errorf("rate %v: the demo world has compliant and non-compliant workers", *whole)
	}
}
