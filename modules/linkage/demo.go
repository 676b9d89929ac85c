package linkage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/fund"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
	"swtalent/internal/workforce"
)

// Demo adds the module's part of the demo world (the modules.DemoSeeder capability): five
// demonstration communities — two meeting all five criteria at the end of 2025, the others each
// missing one (no fund, 9.5 % volunteers, too few certified staff) — with their projects, funds,
// community organisations and volunteers; volunteers in other villages; county charity funds;
// and after the plan's period, each year up to the world's end, more volunteers and a fund.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	c := w.Client
	certified := map[int]int{}
	for _, p := range w.CertifiedAt(w.Anchor) {
		if p.RegionID != nil && workforce.IsCommunityStaff(p.Roles) {
			certified[*p.RegionID]++
		}
	}
	// Villages with at least two certified workers, smallest first (fewer volunteers to make).
	var staffed, others []*ent.Region
	for _, v := range w.Villages {
		if v.Population == nil {
			continue
		}
		if certified[v.ID] >= 2 {
			staffed = append(staffed, v)
		} else {
			others = append(others, v)
		}
	}
	byPopulation := func(a, b *ent.Region) int { return *a.Population - *b.Population }
	slices.SortFunc(staffed, byPopulation)
	slices.SortFunc(others, byPopulation)
	if len(staffed) < 4 || len(others) < 31 {
		return fmt.Errorf("demo has %d villages with two certified workers, need 4", len(staffed))
	}
	type plan struct {
		village          *ent.Region
		year             int
		status           demonstrationcommunity.Status
		fund             bool
		volunteerPermill int
	}
	plans := []plan{
		{staffed[0], 2023, demonstrationcommunity.StatusDESIGNATED, true, 120},
		{staffed[1], 2023, demonstrationcommunity.StatusDESIGNATED, true, 105},
		{staffed[2], 2024, demonstrationcommunity.StatusPILOT, false, 110}, // no community fund
		{staffed[3], 2024, demonstrationcommunity.StatusPILOT, true, 95},   // 9.5 % volunteers
		{others[0], 2024, demonstrationcommunity.StatusPILOT, true, 115},   // too few certified staff
	}
	phones := map[string]bool{}
	for i, p := range plans {
		if _, err := c.DemonstrationCommunity.Create().SetDemo(true).SetCommunityID(p.village.ID).
			SetDesignatedYear(p.year).SetStatus(p.status).Save(ctx); err != nil {
			return fmt.Errorf("create demonstration community: %w", err)
		}
		for j, pop := range []enum.Population{enum.PopulationElderly, enum.PopulationChildren} {
			if _, err := c.ServiceProject.Create().SetDemo(true).
				SetTitle(fmt.Sprintf("%s“五社联动”%s服务项目", p.village.Name, []string{"关爱老人", "儿童守护"}[j])).
				SetPopulations([]enum.Population{pop}).SetServiceFields([]enum.ServiceField{enum.FieldCommunityDevelopment}).
				SetBudget(civil.Money(80000 + 10000*j)).SetPersonnelCost(civil.Money(66000 + 8000*j)).
				SetFundingSource(serviceproject.FundingSourceCOMMUNITY_FUND).SetLinkage(true).SetCommunity(p.village).
				SetStartsOn(civil.DateFor(2025, 3, 1)).SetEndsOn(civil.DateFor(2026, 2, 28)).Save(ctx); err != nil {
				return fmt.Errorf("create linkage project: %w", err)
			}
		}
		if p.fund {
			if _, err := c.Fund.Create().SetDemo(true).SetName(p.village.Name + "社区服务专项基金").
				SetKind(fund.KindCOMMUNITY_SERVICE).SetCommunity(p.village).SetFounder("弋阳县慈善会").
				SetFounderKind(fund.FounderKindORGANIZATION).SetEstablishedOn(civil.DateFor(p.year, 6, 1+i)).
				SetAmountRaised(civil.Money(50000 + 10000*i)).Save(ctx); err != nil {
				return fmt.Errorf("create community fund: %w", err)
			}
		}
		for _, suffix := range []string{"志愿服务队", "邻里互助会", "文体协会"} {
			if _, err := c.Agency.Create().SetDemo(true).SetName(p.village.Name + suffix).
				SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).SetSocialWork(false).
				SetInfluence(agency.InfluenceCOUNTY).SetServiceFields([]enum.ServiceField{enum.FieldCommunityDevelopment}).
				SetRegion(p.village).SetCommunity(p.village).SetRegisteredOn(civil.DateFor(p.year, 3, 15)).
				Save(ctx); err != nil {
				return fmt.Errorf("create community organisation: %w", err)
			}
		}
		want := (*p.village.Population*p.volunteerPermill + 999) / 1000
		if err := volunteers(ctx, w, p.village, want, civil.DateFor(p.year, 1, 10), 300, phones); err != nil {
			return err
		}
	}
	for _, v := range others[1:31] {
		if err := volunteers(ctx, w, v, 30+w.Rand.IntN(50), civil.DateFor(2024, 5, 1), 300, phones); err != nil {
			return err
		}
	}
	// After the plan's period: each year more volunteers in five villages, and a charity fund.
	type countyFund struct {
		name    string
		kind    fund.Kind
		founder string
		on      civil.Date
		amount  civil.Money
	}
	var laterFunds []countyFund
	for k, year := range w.LaterYears() {
		from := civil.DateFor(year, time.January, 10)
		if span := int(w.End().Time().Sub(from.Time()).Hours()/24) + 1; span > 0 {
			for j := range 5 {
				v := others[1+(5*k+j)%30]
				if err := volunteers(ctx, w, v, 10+w.Later.IntN(20), from, min(span, 300), phones); err != nil {
					return err
				}
			}
		}
		if on := civil.DateFor(year, time.April, 16); !on.After(w.End()) {
			laterFunds = append(laterFunds, countyFund{fmt.Sprintf("弋阳县%d年社会工作公益创投基金", year), fund.KindCHARITY,
				"弋阳县慈善会", on, civil.Money(150000 + 10000*int64(w.Later.IntN(10)))})
		}
	}
	for i, f := range append([]countyFund{
		{"弋阳县社会工作发展慈善基金", fund.KindCHARITY, "江西某实业有限公司", civil.DateFor(2024, 9, 5), 300000},
		{"弋阳县优秀社工奖励基金", fund.KindREWARD, "弋阳县慈善会", civil.DateFor(2025, 3, 18), 120000},
		{"弋阳县“五社联动”公益创投基金", fund.KindCHARITY, "上饶某建设集团", civil.DateFor(2025, 10, 9), 200000},
	}, laterFunds...) {
		kind := fund.FounderKindENTERPRISE
		if i == 1 || i > 2 {
			kind = fund.FounderKindORGANIZATION
		}
		if _, err := c.Fund.Create().SetDemo(true).SetName(f.name).SetKind(f.kind).SetFounder(f.founder).
			SetFounderKind(kind).SetEstablishedOn(f.on).SetAmountRaised(f.amount).Save(ctx); err != nil {
			return fmt.Errorf("create fund: %w", err)
		}
	}
	return nil
}

// volunteers registers n volunteers in a village within span days from a date on, in bulk,
// drawing from RandFor(from).
func volunteers(ctx context.Context, w *demo.World, village *ent.Region, n int, from civil.Date, span int, phones map[string]bool) error {
	const chunk = 500
	r := w.RandFor(from)
	for start := 0; start < n; start += chunk {
		var bulk []*ent.VolunteerCreate
		for range min(chunk, n-start) {
			phone := ""
			for phone == "" || phones[phone] {
				phone = fmt.Sprintf("1%d%09d", 3+r.IntN(7), r.IntN(1_000_000_000))
			}
			phones[phone] = true
			birth := civil.DateFor(1950+r.IntN(55), time.Month(1+r.IntN(12)), 1+r.IntN(28))
			bulk = append(bulk, w.Client.Volunteer.Create().SetDemo(true).SetName(w.PersonNameOn(from, r.IntN(2) == 0)).
				SetPhone(phone).SetBirthDate(birth).SetCommunity(village).
				SetRegisteredOn(from.AddDate(0, 0, r.IntN(span))).SetServiceHours(r.IntN(120)))
		}
		if _, err := w.Client.Volunteer.CreateBulk(bulk...).Save(ctx); err != nil {
			return fmt.Errorf("create volunteers in %s: %w", village.Name, err)
		}
	}
	return nil
}
