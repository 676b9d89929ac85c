package linkage_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/fund"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
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

// BenchmarkWriteVolunteer: one write of a volunteer of a community of 3,000 (its departure set,
// then cleared), each in a transaction of its own as a GraphQL mutation runs, the kept fact of
// its community rewritten in it; against a peer write that moves nothing kept (its service hours),
// alternating. It reports the medians of both (write-p50-ms, peer-p50-ms). In "demonstration" the
// community is a demonstration community meeting the other criteria, so every write also
// recomputes its DEMONSTRATION_MET spans from its 1,500 distinct volunteer intervals.
func BenchmarkWriteVolunteer(b *testing.B) {
	for _, demonstration := range []bool{false, true} {
		name := "community"
		if demonstration {
			name = "demonstration"
		}
		b.Run(name, func(b *testing.B) { benchmarkWriteVolunteer(b, demonstration) })
	}
}

func benchmarkWriteVolunteer(b *testing.B, demonstration bool) {
	db := testdb.Open(b)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := db.Client
	county := c.Region.Create().SetCode("361126000000").SetName("弋阳县").SetLevel(region.LevelCOUNTY).SetKind(region.KindCOUNTY).SaveX(ctx)
	town := c.Region.Create().SetCode("361126100000").SetName("弋江镇").SetLevel(region.LevelTOWNSHIP).SetKind(region.KindTOWN).SetParentID(county.ID).SaveX(ctx)
	village := c.Region.Create().SetCode("361126100201").SetName("一村").SetLevel(region.LevelVILLAGE).SetKind(region.KindVILLAGE).SetParentID(town.ID).SaveX(ctx)
	m := linkage.New(modules.Config{Client: c, TopRegion: county.Code, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }})
	if demonstration {
		c.Region.UpdateOne(village).SetPopulation(20000).ExecX(ctx)
		c.DemonstrationCommunity.Create().SetCommunityID(village.ID).SetDesignatedYear(2020).SetStatus(demonstrationcommunity.StatusDESIGNATED).ExecX(ctx)
		for j := range 2 {
			c.ServiceProject.Create().SetTitle(fmt.Sprint("项目", j)).SetPopulations([]enum.Population{enum.PopulationElderly}).
				SetServiceFields([]enum.ServiceField{enum.FieldCommunityDevelopment}).SetBudget(civil.Money(80000)).SetPersonnelCost(civil.Money(60000)).
				SetFundingSource(serviceproject.FundingSourceCOMMUNITY_FUND).SetLinkage(true).SetCommunity(village).
				SetStartsOn(civil.DateFor(2020, 1, 1)).SetEndsOn(civil.DateFor(2030, 12, 31)).ExecX(ctx)
		}
		for j := range 3 {
			c.Agency.Create().SetName(fmt.Sprint("协会", j)).SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).SetSocialWork(false).
				SetInfluence(agency.InfluenceCOUNTY).SetServiceFields([]enum.ServiceField{enum.FieldCommunityDevelopment}).
				SetRegion(village).SetCommunity(village).SetRegisteredOn(civil.DateFor(2020, 3, 15)).ExecX(ctx)
		}
		c.Fund.Create().SetName("社区服务专项基金").SetKind(fund.KindCOMMUNITY_SERVICE).SetCommunity(village).SetFounder("县慈善会").
			SetFounderKind(fund.FounderKindORGANIZATION).SetEstablishedOn(civil.DateFor(2020, 6, 1)).SetAmountRaised(civil.Money(50000)).ExecX(ctx)
	}
	const n = 3000
	input := make([]*ent.CreateVolunteerInput, n)
	for j := range input {
		input[j] = &ent.CreateVolunteerInput{Name: fmt.Sprintf("志愿者%d", j), Phone: fmt.Sprintf("138%08d", j),
			CommunityID: village.ID, RegisteredOn: civil.DateFor(2020, 1, 1).AddDays(j % 1500)}
	}
	tx, err := c.Tx(ctx)
	if err != nil {
		b.Fatal(err)
	}
	vols, err := m.CreateVolunteers(ent.NewContext(ctx, tx.Client()), input)
	if err != nil {
		b.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	inTx := func(write func(*ent.Client) error) time.Duration {
		t0 := time.Now()
		tx, err := c.Tx(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if err := write(tx.Client()); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
		return time.Since(t0)
	}
	var writes, peers []time.Duration
	b.ResetTimer()
	for i := range b.N {
		for j := range 20 {
			v := vols[(i*20+j)%n]
			writes = append(writes, inTx(func(tc *ent.Client) error {
				u := tc.Volunteer.UpdateOneID(v.ID)
				if (i*20+j)/n%2 == 0 {
					u.SetLeftOn(v.RegisteredOn.AddDays(30))
				} else {
					u.ClearLeftOn()
				}
				return u.Exec(ctx)
			}))
			peers = append(peers, inTx(func(tc *ent.Client) error {
				return tc.Volunteer.UpdateOneID(v.ID).SetServiceHours(i + j).Exec(ctx)
			}))
		}
	}
	b.StopTimer()
	median := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	b.ReportMetric(median(writes), "write-p50-ms")
	b.ReportMetric(median(peers), "peer-p50-ms")
}
