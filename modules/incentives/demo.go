package incentives

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/post"
	"swtalent/ent/publicityevent"
	"swtalent/ent/recognition"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the module's part of the demo world (the modules.DemoSeeder capability): allowance
// rates from July 2024 (the assistant rate raised in July 2025), monthly payments to the
// certified community workers from July 2024 to the world's end with a few gaps (a township late
// in February 2025, a few not yet paid for December 2025 and for the last month, a handful of
// single months missed), posts in the county's institutions (two of them with a rank
// that does not match the holder's level, three vacant), recognitions for 2023–2025 and publicity
// campaigns.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	if err := demoRates(ctx, w); err != nil {
		return err
	}
	if err := demoPayments(ctx, w); err != nil {
		return err
	}
	if err := demoPosts(ctx, w); err != nil {
		return err
	}
	if err := demoRecognitions(ctx, w); err != nil {
		return err
	}
	return demoPublicity(ctx, w)
}

// demoMonths bounds the demo's payments in the plan's period: July 2024 to December 2025.
func demoMonths() (first, last civil.Month) {
	return civil.Month{Year: 2024, Month: 7}, civil.Month{Year: 2025, Month: 12}
}

// paidThrough is the last month the demo pays: the month of the world's end.
func paidThrough(w *demo.World) civil.Month { return civil.MonthOf(w.End()) }

// demoRates are the demo's allowance rates, in fen.
func demoRates(ctx context.Context, w *demo.World) error {
	first, _ := demoMonths()
	raised := civil.Month{Year: 2025, Month: 7}
	endOld := raised.Prev()
	for _, r := range []struct {
		level    enum.CertificateLevel
		from     civil.Month
		to       *civil.Month
		perMonth civil.Money
	}{
		{enum.LevelAssistant, first, &endOld, 20000},
		{enum.LevelAssistant, raised, nil, 30000},
		{enum.LevelIntermediate, first, nil, 40000},
		{enum.LevelSenior, first, nil, 50000},
	} {
		if _, err := w.Client.AllowanceRate.Create().SetDemo(true).SetLevel(r.level).SetEffectiveFrom(r.from).
			SetNillableEffectiveTo(r.to).SetMonthlyAmount(r.perMonth).Save(ctx); err != nil {
			return fmt.Errorf("create allowance rate: %w", err)
		}
	}
	return nil
}

// highestLevels returns each person's highest certificate level valid at d, from the world.
func highestLevels(w *demo.World, d civil.Date) map[int]enum.CertificateLevel {
	out := map[int]enum.CertificateLevel{}
	for _, c := range w.Certificates {
		if !c.PassedOn.After(d) && (c.RevokedOn == nil || c.RevokedOn.After(d)) && c.Level.Rank() > out[c.HolderID].Rank() {
			out[c.HolderID] = c.Level
		}
	}
	return out
}

// demoPayments pays every certified community worker each month at the rate in force, with gaps.
func demoPayments(ctx context.Context, w *demo.World) error {
	rate := func(level enum.CertificateLevel, m civil.Month) civil.Money {
		switch level {
		case enum.LevelSenior:
			return 50000
		case enum.LevelIntermediate:
			return 40000
		}
		if m.Before(civil.Month{Year: 2025, Month: 7}) {
			return 20000
		}
		return 30000
	}
	var lateTownship int
	if len(w.Townships) > 0 {
		lateTownship = w.Townships[len(w.Townships)-1].ID
	}
	township := map[int]int{} // village → township
	for _, v := range w.Villages {
		township[v.ID] = v.ParentID
	}
	first, planLast := demoMonths()
	last := paidThrough(w)
	for month := first; !month.After(last); month = month.Next() {
		end := month.Last()
		r := w.RandFor(end)
		levels := highestLevels(w, end)
		var bulk []*ent.AllowancePaymentCreate
		for i, p := range w.CertifiedAt(end) {
			if !slices.Contains(p.Roles, enum.RoleCommunityWorker) {
				continue
			}
			town := 0
			if p.RegionID != nil {
				town = township[*p.RegionID]
			}
			if (month == civil.Month{Year: 2025, Month: 2} && town == lateTownship) || ((month == planLast || month == last) && i%45 == 7) ||
				r.IntN(100) < 2 {
				continue // a gap: the township paid late, the last month not yet paid to a few, or a single month missed
			}
			payer := allowancepayment.PayerCOUNTY
			if p.ID%3 == 0 {
				payer = allowancepayment.PayerTOWNSHIP
			}
			bulk = append(bulk, w.Client.AllowancePayment.Create().SetDemo(true).SetPersonID(p.ID).SetMonth(month).
				SetAmount(rate(levels[p.ID], month)).SetPayer(payer))
		}
		if len(bulk) == 0 {
			continue
		}
		if _, err := w.Client.AllowancePayment.CreateBulk(bulk...).Save(ctx); err != nil {
			return fmt.Errorf("create allowance payments for %s: %w", month, err)
		}
	}
	return nil
}

// demoPosts creates posts in the county's institutions, held by certified workers of the matching
// level, with two mismatches and three vacancies.
func demoPosts(ctx context.Context, w *demo.World) error {
	levels := highestLevels(w, w.Anchor)
	byLevel := map[enum.CertificateLevel][]*ent.Person{}
	for _, p := range w.CertifiedAt(w.Anchor) {
		byLevel[levels[p.ID]] = append(byLevel[levels[p.ID]], p)
	}
	rankOf := map[enum.CertificateLevel]post.Rank{
		enum.LevelAssistant: post.RankJUNIOR, enum.LevelIntermediate: post.RankINTERMEDIATE, enum.LevelSenior: post.RankSENIOR,
	}
	institutions := []struct {
		name string
		kind post.InstitutionKind
	}{
		{"弋阳县社会福利中心", post.InstitutionKindELDERLY_WELFARE},
		{"弋阳县中心敬老院", post.InstitutionKindELDERLY_WELFARE},
		{"弋阳县儿童福利院", post.InstitutionKindCHILD_WELFARE},
		{"弋阳县残疾人康复中心", post.InstitutionKindDISABILITY_WELFARE},
		{"弋阳县救助管理站", post.InstitutionKindRESCUE},
		{"弋阳县未成年人救助保护中心", post.InstitutionKindMINOR_PROTECTION},
		{"弋阳县婚姻登记处", post.InstitutionKindMARRIAGE_FAMILY},
		{"弋阳县妇女儿童维权站", post.InstitutionKindWOMEN_CHILDREN_AID},
		{"弋阳县总工会职工服务中心", post.InstitutionKindWORKER_ASSISTANCE},
		{"弋阳县青少年活动中心", post.InstitutionKindYOUTH_SERVICES},
		{"弋阳县退役军人服务中心", post.InstitutionKindVETERANS_SERVICES},
		{"弋阳县社会救助服务中心", post.InstitutionKindSOCIAL_ASSISTANCE},
	}
	used := map[int]bool{}
	take := func(level enum.CertificateLevel) *ent.Person {
		for _, p := range byLevel[level] {
			if !used[p.ID] {
				used[p.ID] = true
				return p
			}
		}
		return nil
	}
	n := 0
	for i, inst := range institutions {
		for j, level := range []enum.CertificateLevel{enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior} {
			if level == enum.LevelSenior && i%3 != 0 {
				continue
			}
			rank := rankOf[level]
			holder := take(level)
			switch {
			case n == 4 || n == 11: // mismatches: a JUNIOR holder in an INTERMEDIATE post, and the reverse
				if level == enum.LevelIntermediate {
					holder = take(enum.LevelAssistant)
				} else {
					rank = post.RankINTERMEDIATE
				}
			case n%9 == 8: // vacant
				holder = nil
			}
			n++
			c := w.Client.Post.Create().SetDemo(true).SetInstitution(inst.name).SetInstitutionKind(inst.kind).
				SetTitle([]string{"社会工作员", "社会工作师", "高级社会工作师"}[j]).SetRank(rank).
				SetMainProfessional(j > 0 || i%2 == 0).SetRegion(w.County)
			if holder != nil {
				c.SetHolder(holder).SetSince(civil.DateFor(2023+n%3, time.Month(1+n%12), 1))
			}
			if _, err := c.Save(ctx); err != nil {
				return fmt.Errorf("create post: %w", err)
			}
		}
	}
	return nil
}

// demoRecognitions honours people, agencies and projects in 2023–2025, and people and an agency
// in each year after whose honours are awarded by the world's end.
func demoRecognitions(ctx context.Context, w *demo.World) error {
	c := w.Client
	certified := w.CertifiedAt(w.Anchor)
	projects, err := c.ServiceProject.Query().Where(serviceproject.Linkage(true)).Order(serviceproject.ByID()).Limit(3).All(ctx)
	if err != nil {
		return fmt.Errorf("load projects: %w", err)
	}
	for i, year := range []int{2023, 2024, 2025} {
		for j := range 2 + i {
			if len(certified) > 0 {
				p := certified[(i*7+j*13)%len(certified)]
				if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindOUTSTANDING_SOCIAL_WORKER).SetYear(year).
					SetTitle(fmt.Sprintf("%d年度弋阳县优秀社会工作者", year)).SetAwardedBy("弋阳县民政局").SetPerson(p).Save(ctx); err != nil {
					return fmt.Errorf("create recognition: %w", err)
				}
			}
		}
		if len(w.Agencies) > i {
			if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindCASE).SetYear(year).
				SetTitle(fmt.Sprintf("%d年度上饶市社会工作优秀案例", year)).SetAwardedBy("上饶市民政局").SetAgency(w.Agencies[i]).Save(ctx); err != nil {
				return fmt.Errorf("create recognition: %w", err)
			}
		}
		if len(projects) > i && year >= 2024 {
			if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindGOOD_STORY).SetYear(year).
				SetTitle(fmt.Sprintf("%d年度“社工好故事”", year)).SetAwardedBy("江西省民政厅").SetProject(projects[i]).Save(ctx); err != nil {
				return fmt.Errorf("create recognition: %w", err)
			}
		}
	}
	// After the plan's period, each year's honours once they are awarded (by the end of September).
	for _, year := range w.LaterYears() {
		if w.End().Before(civil.DateFor(year, time.September, 30)) {
			break
		}
		if people := w.CertifiedAt(civil.DateFor(year, time.September, 30)); len(people) > 0 {
			for j := range 3 {
				p := people[(year*7+j*13)%len(people)]
				if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindOUTSTANDING_SOCIAL_WORKER).SetYear(year).
					SetTitle(fmt.Sprintf("%d年度弋阳县优秀社会工作者", year)).SetAwardedBy("弋阳县民政局").SetPerson(p).Save(ctx); err != nil {
					return fmt.Errorf("create recognition: %w", err)
				}
			}
		}
		if len(w.Agencies) > 0 {
			if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindCASE).SetYear(year).
				SetTitle(fmt.Sprintf("%d年度上饶市社会工作优秀案例", year)).SetAwardedBy("上饶市民政局").SetAgency(w.Agencies[year%len(w.Agencies)]).Save(ctx); err != nil {
				return fmt.Errorf("create recognition: %w", err)
			}
		}
	}
	if len(certified) > 1 {
		if _, err := c.Recognition.Create().SetDemo(true).SetKind(recognition.KindLEADING_TALENT).SetYear(2025).
			SetTitle("弋阳县社会工作领军人才").SetAwardedBy("弋阳县委组织部").SetPerson(certified[1]).Save(ctx); err != nil {
			return fmt.Errorf("create recognition: %w", err)
		}
	}
	return nil
}

// demoPublicity adds the social-work week of each year (around 18 March) up to the world's end and
// two campaigns.
func demoPublicity(ctx context.Context, w *demo.World) error {
	type event struct {
		name       string
		kind       publicityevent.Kind
		start, end civil.Date
		organiser  string
		reach      int
	}
	events := []event{
		{"2023年社会工作宣传周", publicityevent.KindSOCIAL_WORK_WEEK, civil.DateFor(2023, 3, 13), civil.DateFor(2023, 3, 19), "弋阳县民政局", 8200},
		{"2024年社会工作宣传周", publicityevent.KindSOCIAL_WORK_WEEK, civil.DateFor(2024, 3, 18), civil.DateFor(2024, 3, 24), "弋阳县民政局", 11500},
		{"2025年社会工作宣传周", publicityevent.KindSOCIAL_WORK_WEEK, civil.DateFor(2025, 3, 17), civil.DateFor(2025, 3, 23), "弋阳县民政局", 14300},
		{"“五社联动”进社区宣传月", publicityevent.KindCAMPAIGN, civil.DateFor(2024, 9, 1), civil.DateFor(2024, 9, 30), "弋阳县民政局", 6400},
		{"社工好故事巡讲", publicityevent.KindCAMPAIGN, civil.DateFor(2025, 11, 3), civil.DateFor(2025, 11, 14), "弋阳县融媒体中心", 20500},
	}
	for _, year := range w.LaterYears() {
		week := civil.DateFor(year, time.March, 15)
		for week.Time().Weekday() != time.Monday {
			week = week.AddDate(0, 0, 1)
		}
		if week.AddDate(0, 0, 6).After(w.End()) {
			break
		}
		events = append(events, event{fmt.Sprintf("%d年社会工作宣传周", year), publicityevent.KindSOCIAL_WORK_WEEK,
			week, week.AddDate(0, 0, 6), "弋阳县民政局", 14000 + 500*(year-2025)})
	}
	for _, e := range events {
		if _, err := w.Client.PublicityEvent.Create().SetDemo(true).SetName(e.name).SetKind(e.kind).
			SetStartsOn(e.start).SetEndsOn(e.end).SetOrganiser(e.organiser).SetReach(e.reach).Save(ctx); err != nil {
			return fmt.Errorf("create publicity event: %w", err)
		}
	}
	return nil
}
