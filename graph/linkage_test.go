package graph_test

import (
	"bytes"
	"fmt"
	"testing"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/fund"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// community is a village built to pass or fail the five criteria on a boundary.
type community struct {
	staff, projects, orgs, volunteers int
	fund                              bool
	population                        *int
	// residents are certified people living in the village in roles that are not the community's
	// staff (a teacher, agency staff): the certified-staff criterion must not count them.
	residents int
}

// build creates the village and what the criteria count in it, all before 2025-12-31.
func (c community) build(t *testing.T, e *env, seq int) *ent.Region {
	t.Helper()
	ctx := sys()
	township := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).Order(ent.Asc(region.FieldCode)).FirstX(ctx)
	v := e.client.Region.Create().SetParentID(township.ID).SetLevel(region.LevelVILLAGE).SetKind(region.KindVILLAGE).
		SetCode(fmt.Sprintf("%s%03d", validate.RegionPrefix(township.Code), 900+seq)).SetName(fmt.Sprintf("测试%d村", seq)).
		SetNillablePopulation(c.population).SaveX(ctx)
	roles := [][]enum.PersonRole{{enum.RoleCommunityWorker}, {enum.RoleGridWorker, enum.RoleVolunteer}, {enum.RoleVillageCadre}}
	for i := range c.staff + c.residents {
		body := fmt.Sprintf("361126198%d01%02d%03d", seq%10, 1+i, seq)
		role := roles[i%len(roles)]
		if i >= c.staff {
			role = []enum.PersonRole{enum.RoleTeacher, enum.RoleAgencyStaff}[i%2 : i%2+1]
		}
		p := e.client.Person.Create().SetName("社工").SetIDNumber(body + string(validate.IDCheckChar(body))).SetRegion(v).
			SetRoles(role).SaveX(ctx)
		e.client.Certificate.Create().SetHolder(p).SetNumber(fmt.Sprintf("20223611%05d%05d", seq, i)).
			SetLevel(enum.CertificateLevel("ASSISTANT")).SetPassedOn(civil.DateFor(2022, 6, 18)).SaveX(ctx)
	}
	for i := range c.projects {
		e.client.ServiceProject.Create().SetTitle(fmt.Sprintf("项目%d", i)).SetPopulations([]enum.Population{enum.PopulationElderly}).
			SetBudget(10000).SetPersonnelCost(9000).SetFundingSource(serviceproject.FundingSourceCOMMUNITY_FUND).
			SetCommunity(v).SetStartsOn(civil.DateFor(2025, 1, 1)).SetEndsOn(civil.DateFor(2025, 12, 31)).SaveX(ctx)
	}
	if c.fund {
		e.client.Fund.Create().SetName(v.Name + "基金").SetKind(fund.KindCOMMUNITY_SERVICE).SetCommunity(v).
			SetEstablishedOn(civil.DateFor(2024, 1, 1)).SetAmountRaised(1000).SaveX(ctx)
	}
	for i := range c.orgs {
		e.client.Agency.Create().SetName(fmt.Sprintf("%s组织%d", v.Name, i)).SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).
			SetSocialWork(false).SetInfluence(agency.InfluenceCOUNTY).SetRegion(v).SetCommunity(v).
			SetRegisteredOn(civil.DateFor(2024, 1, 1)).SaveX(ctx)
	}
	var bulk []*ent.VolunteerCreate
	for i := range c.volunteers {
		bulk = append(bulk, e.client.Volunteer.Create().SetName("志愿者").SetPhone(fmt.Sprintf("139%04d%04d", seq, i)).
			SetCommunity(v).SetRegisteredOn(civil.DateFor(2024, 3, 1)))
	}
	for len(bulk) > 0 {
		n := min(len(bulk), 500)
		e.client.Volunteer.CreateBulk(bulk[:n]...).SaveX(ctx)
		bulk = bulk[n:]
	}
	return v
}

type assessment struct {
	Criteria []struct {
		Key    string
		Actual *float64
		Met    *bool
	}
	Met *bool
}

func assess(e *env, code string) assessment {
	var d struct {
		Linkage struct{ Assessment assessment }
	}
	e.ok(`query($c: String!) { linkage { assessment(regionCode: $c, asOf: "2025-12-31") { criteria { key actual met } met } } }`,
		map[string]any{"c": code}, &d)
	return d.Linkage.Assessment
}

// Each criterion is met exactly on its boundary and missed just below it; a community without a
// resident population has an unknown volunteer rate, never a division by zero.
func TestLinkageCriteriaBoundaries(t *testing.T) {
	e := newEnv(t, false)
	pop := func(n int) *int { return &n }
	pass := community{staff: 2, projects: 2, orgs: 3, volunteers: 1000, fund: true, population: pop(10000)}
	yes, no := true, false
	cases := []struct {
		name    string
		edit    func(*community)
		failing string // the criterion that fails ("" = none)
		met     *bool
	}{
		{"all exactly on the boundary", func(*community) {}, "", &yes},
		{"one certified worker", func(c *community) { c.staff = 1 }, "certified_staff", &no},
		{"one certified worker and two certified residents who are not staff", func(c *community) { c.staff, c.residents = 1, 2 }, "certified_staff", &no},
		{"one special-population project", func(c *community) { c.projects = 1 }, "special_population_projects", &no},
		{"no community service fund", func(c *community) { c.fund = false }, "community_service_fund", &no},
		{"two community organisations", func(c *community) { c.orgs = 2 }, "community_social_organizations", &no},
		{"9.99 % volunteers", func(c *community) { c.volunteers = 999 }, "volunteer_registration_rate", &no},
		{"no resident population", func(c *community) { c.population = nil }, "volunteer_registration_rate", nil},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := pass
			tc.edit(&c)
			v := c.build(t, e, i)
			a := assess(e, v.Code)
			if (a.Met == nil) != (tc.met == nil) || (a.Met != nil && *a.Met != *tc.met) {
				t.Errorf("met = %v, want %v", a.Met, tc.met)
			}
			if len(a.Criteria) != 5 {
				t.Fatalf("%d criteria", len(a.Criteria))
			}
			for _, cr := range a.Criteria {
				switch {
				case cr.Key == tc.failing && tc.met == nil:
					if cr.Actual != nil || cr.Met != nil {
						t.Errorf("%s: actual %v met %v, want both null", cr.Key, cr.Actual, cr.Met)
					}
				case cr.Key == tc.failing:
					if cr.Met == nil || *cr.Met {
						t.Errorf("%s met = %v, want false (actual %v)", cr.Key, cr.Met, *cr.Actual)
					}
				case cr.Met == nil || !*cr.Met:
					t.Errorf("%s met = %v, want true (actual %v)", cr.Key, cr.Met, cr.Actual)
				}
			}
			if tc.name == "all exactly on the boundary" {
				want := map[string]float64{"certified_staff": 2, "special_population_projects": 2, "community_service_fund": 1,
					"community_social_organizations": 3, "volunteer_registration_rate": 0.1}
				for _, cr := range a.Criteria {
					if cr.Actual == nil || *cr.Actual != want[cr.Key] {
						t.Errorf("%s actual = %v, want %v", cr.Key, cr.Actual, want[cr.Key])
					}
				}
			}
		})
	}
	township := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).FirstX(sys())
	e.fails(`{ linkage { assessment(regionCode: "`+township.Code+`") { met } } }`, nil, "BAD_USER_INPUT", "regionCode")
	e.fails(`{ linkage { assessment(regionCode: "361126999999") { met } } }`, nil, "BAD_USER_INPUT", "regionCode")
}

// On the demo world some demonstration communities meet all five criteria and some do not, and
// the plan shows the linkage initiative.
func TestLinkageOverviewOnDemo(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Linkage struct {
			Overview struct {
				Communities, Met int
				ByCriterion      []struct {
					Key string
					Met int
				}
			}
		}
	}
	anon := e.as("")
	anon.ok(`{ linkage { overview(asOf: "2025-12-31") { communities met byCriterion { key met } } } }`, nil, &d)
	o := d.Linkage.Overview
	if o.Communities < 3 || o.Met == 0 || o.Met == o.Communities || len(o.ByCriterion) != 5 {
		t.Fatalf("overview = %+v", o)
	}
	plan := planAt(e, "2025-12-31")
	if v := plan["linkage.demonstration_communities"].Actual; v == nil || int(*v) != o.Communities {
		t.Errorf("demonstration_communities = %v, want %d", v, o.Communities)
	}
	rate := plan["linkage.demonstration_communities_meeting_all_criteria_rate"]
	if rate.Actual == nil || *rate.Actual != float64(o.Met)/float64(o.Communities) || rate.Target == nil || *rate.Target != 1 {
		t.Errorf("meeting-all rate = %+v", rate)
	}
	county := e.client.Region.Query().Where(region.Code("361126000000")).OnlyX(sys())
	n := e.client.Volunteer.Query().CountX(sys())
	if v := plan["linkage.volunteer_registration_rate"].Actual; v == nil || *v != float64(n)/float64(*county.Population) || n < 1000 {
		t.Errorf("volunteer_registration_rate = %v, want %d / %d", v, n, *county.Population)
	}
	// The rate's count reads community_id IN (the subtree's regions); the reference is ent's
	// correlated HasCommunityWith, on days before, during and after the registrations.
	for _, day := range []string{"2019-12-31", "2024-06-30", "2025-12-31"} {
		d, _ := civil.ParseDate(day)
		want := e.client.Volunteer.Query().Where(volunteer.RegisteredOnLTE(d), volunteer.Or(volunteer.LeftOnIsNil(), volunteer.LeftOnGT(d)),
			volunteer.HasCommunityWith(region.CodeGTE("361126000000"), region.CodeLT("361127000000"))).CountX(sys())
		if v := planAt(e, day)["linkage.volunteer_registration_rate"].Actual; v == nil || *v != float64(want)/float64(*county.Population) {
			t.Errorf("volunteer_registration_rate on %s = %v, want %d / %d", day, v, want, *county.Population)
		}
	}
	if v := plan["linkage.charity_funds_raised"].Actual; v == nil || *v <= 0 {
		t.Errorf("charity_funds_raised = %v", v)
	}
	// The anonymous public sees counts, never volunteers.
	anon.fails(`{ volunteers { totalCount } }`, nil, "FORBIDDEN", "")
}

// createVolunteers is all or nothing, and its errors name the element and field.
func TestCreateVolunteersAllOrNothing(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	village := w.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), region.CodeGTE(w.township.Code[:9]+"000"),
		region.CodeLT(w.township.Code[:9]+"999")).FirstX(ctx)
	other := w.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), region.Not(region.CodeHasPrefix(w.township.Code[:9]))).FirstX(ctx)
	const create = `mutation($in: [CreateVolunteerInput!]!) { createVolunteers(input: $in) { id name phone } }`
	vol := func(name, phone string, edit map[string]any) map[string]any {
		in := map[string]any{"name": name, "phone": phone, "communityID": village.ID, "registeredOn": "2025-05-01"}
		for k, v := range edit {
			in[k] = v
		}
		return in
	}
	before := w.client.Volunteer.Query().CountX(ctx)
	staff := w.as(w.tokens["STAFF"])
	cases := []struct {
		name, code, field string
		list              []any
	}{
		{"bad phone", "BAD_USER_INPUT", "input[1].phone", []any{vol("甲", "13900000001", nil), vol("乙", "12345", nil)}},
		{"twice in the list", "CONFLICT", "input[2].phone", []any{vol("甲", "13900000001", nil), vol("乙", "13900000002", nil), vol("甲", "13900000001", nil)}},
		{"registered before birth", "BAD_USER_INPUT", "input[0].registeredOn", []any{vol("丙", "13900000003", map[string]any{"birthDate": "2025-06-01"})}},
		{"not a village", "BAD_USER_INPUT", "input[0].communityID", []any{vol("丁", "13900000004", map[string]any{"communityID": w.township.ID})}},
		{"empty name", "BAD_USER_INPUT", "input[0].name", []any{vol("  ", "13900000005", nil)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := staff.as(staff.token)
			s.t = t
			s.fails(create, map[string]any{"in": c.list}, c.code, c.field)
		})
	}
	if n := w.client.Volunteer.Query().CountX(ctx); n != before {
		t.Fatalf("refused lists wrote %d volunteers", n-before)
	}
	var list []any
	for i := range 300 {
		list = append(list, vol(fmt.Sprintf("志愿者%d", i), fmt.Sprintf("1370000%04d", i), nil))
	}
	var d struct {
		CreateVolunteers []struct{ Name, Phone string }
	}
	staff.ok(create, map[string]any{"in": list}, &d)
	if len(d.CreateVolunteers) != 300 || d.CreateVolunteers[5].Phone != "137****0005" {
		t.Fatalf("created %d, phone %q", len(d.CreateVolunteers), d.CreateVolunteers[5].Phone)
	}
	// Registered again: the whole list is a conflict.
	staff.fails(create, map[string]any{"in": list[:2]}, "CONFLICT", "input[0].phone")
	// A township clerk registers volunteers in its own villages only.
	town := w.as(w.tokens["TOWNSHIP"])
	town.ok(create, map[string]any{"in": []any{vol("戊", "13600000001", nil)}}, &d)
	town.fails(create, map[string]any{"in": []any{vol("己", "13600000002", map[string]any{"communityID": other.ID})}}, "FORBIDDEN", "")
}

// Funds and demonstration communities refuse bad input, naming the field.
func TestFundAndDemonstrationRules(t *testing.T) {
	e := newEnv(t, true)
	ctx := sys()
	township := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).FirstX(ctx)
	e.fails(`mutation($in: CreateDemonstrationCommunityInput!) { createDemonstrationCommunity(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"communityID": township.ID, "designatedYear": 2025}}, "BAD_USER_INPUT", "communityID")
	e.fails(`mutation($in: CreateFundInput!) { createFund(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"name": "基金", "kind": "CHARITY", "establishedOn": "2025-01-01", "amountRaised": -5}},
		"BAD_USER_INPUT", "amountRaised")
	demo := e.client.DemonstrationCommunity.Query().FirstX(ctx)
	e.fails(`mutation($id: ID!) { updateDemonstrationCommunity(id: $id, input: {status: WITHDRAWN}) { id } }`,
		map[string]any{"id": demo.ID}, "BAD_USER_INPUT", "withdrawnOn")
}

// The volunteer register imports from a clerk's sheet all or nothing, re-imports unchanged, and
// exports with phones masked.
func TestImportVolunteers(t *testing.T) {
	e := newEnv(t, true)
	ctx := sys()
	village := e.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE)).Order(ent.Asc(region.FieldCode)).FirstX(ctx)
	before := e.client.Volunteer.Query().CountX(ctx)
	header := []string{"姓名", "手机号", "所在村（社区）代码", "注册日期", "出生日期", "服务时长（小时）"}
	good := [][]string{header,
		{"赵一", "13912340001", village.Code, "2025-03-01", "1980-02-03", "12"},
		{"钱二", "13912340002", village.Code, "2025/3/2", "", ""},
	}
	status, rep, raw := e.upload("volunteers", sheetCSV(good), "", nil)
	if status != 200 || rep.Created != 2 {
		t.Fatalf("import: HTTP %d %s", status, raw)
	}
	if status, rep, raw = e.upload("volunteers", sheetCSV(good), "", nil); status != 200 || rep.Unchanged != 2 || rep.Created+rep.Updated != 0 {
		t.Fatalf("re-import: HTTP %d %s", status, raw)
	}
	bad := [][]string{header,
		{"孙三", "13912340003", village.Code, "2025-03-01", "", ""},
		{"李四", "13912340004", village.Code, "2025-03-01", "2025-04-01", ""}, // registered before birth
		{"孙三", "13912340003", village.Code, "2025-03-05", "", ""},           // twice in the file
		{"周五", "13912340005", "361126999999", "2025-03-01", "", ""},         // unknown region
	}
	status, rep, _ = e.upload("volunteers", sheetCSV(bad), "", nil)
	if status != 422 || len(rep.Errors) < 2 {
		t.Fatalf("bad file: HTTP %d %+v", status, rep)
	}
	for _, re := range rep.Errors {
		if re.Column == "手机号" && re.Value != "" && re.Value != "139****0003" {
			t.Errorf("phone shown unmasked in the report: %+v", re)
		}
	}
	if n := e.client.Volunteer.Query().CountX(ctx); n != before+2 {
		t.Errorf("volunteers = %d, want %d: a bad file wrote rows", n, before+2)
	}
	_, body := e.download("volunteers", "?format=csv")
	if !bytes.Contains(body, []byte("139****0001")) || bytes.Contains(body, []byte("13912340001")) {
		t.Error("the export does not mask phones")
	}
}
