package linkage_test

import (
	"context"
	"fmt"
	"testing"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/internal/civil"
	"swtalent/internal/testdb"
	"swtalent/modules"
	"swtalent/modules/linkage"
)

// BenchmarkCreateVolunteers registers 5,000 volunteers (the most one request takes) in one
// transaction, every rule checked, and reports volunteers per second.
func BenchmarkCreateVolunteers(b *testing.B) {
	db := testdb.Open(b)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	county := c.Region.Create().SetCode("361126000000").SetName("弋阳县").SetLevel(region.LevelCOUNTY).SetKind(region.KindCOUNTY).SaveX(ctx)
	town := c.Region.Create().SetCode("361126100000").SetName("弋江镇").SetLevel(region.LevelTOWNSHIP).SetKind(region.KindTOWN).SetParentID(county.ID).SaveX(ctx)
	m := linkage.New(modules.Config{Client: c, TopRegion: county.Code, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }})
	const n = linkage.MaxVolunteersPerRequest
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		village := c.Region.Create().SetCode(fmt.Sprintf("361126100%03d", 200+i%700)).SetName(fmt.Sprintf("%d村", i)).
			SetLevel(region.LevelVILLAGE).SetKind(region.KindVILLAGE).SetParentID(town.ID).SaveX(ctx)
		input := make([]*ent.CreateVolunteerInput, n)
		for j := range input {
			input[j] = &ent.CreateVolunteerInput{Name: fmt.Sprintf("志愿者%d", j), Phone: fmt.Sprintf("138%08d", j),
				CommunityID: village.ID, RegisteredOn: civil.DateFor(2025, 5, 1)}
		}
		tx, err := c.Tx(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := m.CreateVolunteers(ent.NewContext(ctx, tx.Client()), input); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "volunteers/s")
}
