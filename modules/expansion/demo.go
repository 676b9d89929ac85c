package expansion

import (
	"context"
	"fmt"
	"time"

	"swtalent/ent"
	"swtalent/ent/agencysupport"
	"swtalent/ent/annualinspection"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the expansion initiative's part of the demo world (the modules.DemoSeeder
// capability): inspections of every organisation for 2022–2024, fifteen projects of 2023–2025
// and five in each year after up to the world's end — some government purchases below the 80 %
// personnel share — support records for every year from 2023, and the departments'
// cultivations (see demoCultivations).
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	if err := demoCultivations(ctx, w); err != nil {
		return err
	}
	c := w.Client
	results := []annualinspection.Result{annualinspection.ResultQUALIFIED, annualinspection.ResultQUALIFIED,
		annualinspection.ResultQUALIFIED, annualinspection.ResultBASICALLY_QUALIFIED}
	var inspections []*ent.AnnualInspectionCreate
	for i, a := range w.Agencies {
		for year := 2022; year <= 2024; year++ {
			if a.RegisteredOn != nil && a.RegisteredOn.Year > year {
				continue
			}
			r := results[(i+year)%len(results)]
			if i == len(w.Agencies)-1 && year == 2024 {
				r = annualinspection.ResultNOT_SUBMITTED
			}
			inspections = append(inspections, c.AnnualInspection.Create().SetDemo(true).SetAgency(a).SetYear(year).SetResult(r))
		}
	}
	if _, err := c.AnnualInspection.CreateBulk(inspections...).Save(ctx); err != nil {
		return fmt.Errorf("create inspections: %w", err)
	}
	var contractors []*ent.Agency
	for _, a := range w.Agencies {
		if a.SocialWork {
			contractors = append(contractors, a)
		}
	}
	if len(contractors) == 0 {
		return nil
	}
	purchasers := []string{"县民政局", "县卫健委", "团县委", "县司法局", "县妇联"}
	titles := []string{"社区为老服务", "困境儿童关爱", "社区矫正对象帮扶", "医务社工驻院服务", "低收入家庭救助帮扶"}
	var projects []*ent.ServiceProjectCreate
	project := func(i int, start civil.Date, budget int64) {
		year := start.Year
		a := contractors[i%len(contractors)]
		share := []int64{60, 75, 80, 85, 90}[i%5]
		p := c.ServiceProject.Create().SetDemo(true).
			SetTitle(fmt.Sprintf("%d年%s项目", year, titles[i%len(titles)])).
			SetContractor(a).
			SetServiceFields(a.ServiceFields).
			SetPopulations([]enum.Population{[]enum.Population{enum.PopulationElderly, enum.PopulationChildren,
				enum.PopulationCommunityCorrection, enum.PopulationDisabled, enum.PopulationLowIncome}[i%5]}).
			SetBudget(civil.FromYuan(budget)).
			SetPersonnelCost(civil.FromYuan(budget * share / 100)).
			SetFundingSource(serviceproject.FundingSourceGOVERNMENT_PURCHASE).
			SetLinkage(i%4 == 0).
			SetStartsOn(start).
			SetEndsOn(start.PeriodEnd(1, 0))
		if i%5 == 4 {
			p.SetFundingSource(serviceproject.FundingSourceCHARITY_FUND)
		}
		if d := w.Departments[purchasers[i%len(purchasers)]]; d != nil {
			p.SetPurchaser(d)
		}
		if len(w.Villages) > 0 {
			p.SetCommunity(w.Villages[(i*11)%len(w.Villages)])
		}
		projects = append(projects, p)
	}
	for i := range 15 {
		budget := int64(50000 + w.Rand.IntN(35)*10000)
		project(i, civil.DateFor(2023+i%3, time.Month(1+i%6), 1), budget)
	}
	for k, year := range w.LaterYears() {
		for j := range 5 {
			start := civil.DateFor(year, time.Month(1+2*j), 1)
			if start.After(w.End()) {
				break
			}
			project(15+5*k+j, start, int64(50000+w.Later.IntN(35)*10000))
		}
	}
	if _, err := c.ServiceProject.CreateBulk(projects...).Save(ctx); err != nil {
		return fmt.Errorf("create projects: %w", err)
	}
	var supports []*ent.AgencySupportCreate
	kinds := []agencysupport.Kind{agencysupport.KindPREMISES, agencysupport.KindGOVERNMENT_PURCHASE, agencysupport.KindTRAINING_SUBSIDY}
	for i, a := range contractors {
		for year := 2023; year <= w.End().Year; year++ {
			k := kinds[(i+year)%len(kinds)]
			s := c.AgencySupport.Create().SetDemo(true).SetAgency(a).SetKind(k).SetYear(year)
			if k != agencysupport.KindPREMISES {
				s.SetAmount(civil.FromYuan(int64(20000 + 10000*((i+year)%5))))
			}
			if d := w.Departments["县民政局"]; d != nil {
				s.SetDepartment(d)
			}
			supports = append(supports, s)
		}
	}
	if _, err := c.AgencySupport.CreateBulk(supports...).Save(ctx); err != nil {
		return fmt.Errorf("create support: %w", err)
	}
	return nil
}
