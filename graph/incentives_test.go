package graph_test

import (
	"fmt"
	"math"
	"testing"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// payrollWorld is a village with community workers certified (or not) around June 2025.
type payrollWorld struct {
	assistant, intermediate, senior, lateJuly, agencyStaff, left, revoked *ent.Person
}

func buildPayrollWorld(t *testing.T, e *env) payrollWorld {
	t.Helper()
	ctx := sys()
	township := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).Order(ent.Asc(region.FieldCode)).FirstX(ctx)
	v := e.client.Region.Create().SetParentID(township.ID).SetLevel(region.LevelVILLAGE).SetKind(region.KindVILLAGE).
		SetCode(validate.RegionPrefix(township.Code) + "950").SetName("津贴测试村").SaveX(ctx)
	seq := 0
	person := func(role enum.PersonRole, left *civil.Date, certs ...struct {
		level  enum.CertificateLevel
		passed civil.Date
		revoke *civil.Date
	}) *ent.Person {
		seq++
		body := fmt.Sprintf("36112619850101%03d", seq)
		p := e.client.Person.Create().SetName(fmt.Sprintf("社工%d", seq)).SetIDNumber(body + string(validate.IDCheckChar(body))).
			SetRegion(v).SetRoles([]enum.PersonRole{role}).SetNillableLeftOn(left).SaveX(ctx)
		for i, c := range certs {
			e.client.Certificate.Create().SetHolder(p).SetNumber(fmt.Sprintf("20253611%05d%05d", seq, i)).
				SetLevel(c.level).SetPassedOn(c.passed).SetNillableRevokedOn(c.revoke).SaveX(ctx)
		}
		return p
	}
	type cert = struct {
		level  enum.CertificateLevel
		passed civil.Date
		revoke *civil.Date
	}
	d := civil.DateFor
	leftOn, revokedOn := d(2025, 6, 15), d(2025, 6, 30)
	return payrollWorld{
		assistant:    person(enum.RoleCommunityWorker, nil, cert{enum.LevelAssistant, d(2024, 1, 10), nil}),
		intermediate: person(enum.RoleCommunityWorker, nil, cert{enum.LevelAssistant, d(2020, 6, 1), nil}, cert{enum.LevelIntermediate, d(2025, 3, 1), nil}),
		senior:       person(enum.RoleCommunityWorker, nil, cert{enum.LevelSenior, d(2025, 6, 30), nil}), // certified on the month's last day
		lateJuly:     person(enum.RoleCommunityWorker, nil, cert{enum.LevelAssistant, d(2025, 7, 1), nil}),
		agencyStaff:  person(enum.RoleAgencyStaff, nil, cert{enum.LevelAssistant, d(2024, 1, 10), nil}),
		left:         person(enum.RoleCommunityWorker, &leftOn, cert{enum.LevelAssistant, d(2024, 1, 10), nil}),
		revoked:      person(enum.RoleCommunityWorker, nil, cert{enum.LevelAssistant, d(2024, 1, 10), &revokedOn}),
	}
}

const createRate = `mutation($in: CreateAllowanceRateInput!) { createAllowanceRate(input: $in) { id } }`
const createPayment = `mutation($in: CreateAllowancePaymentInput!) { createAllowancePayment(input: $in) { id } }`

type payroll struct {
	TotalCount, PaidCount   int
	TotalAmount, PaidAmount string
	Edges                   []struct {
		Cursor string
		Node   struct {
			Person struct{ ID string }
			Level  string
			Amount *string
			Paid   bool
		}
	}
	PageInfo struct {
		HasNextPage bool
		EndCursor   *string
	}
}

func payrollOf(e *env, month string, first int, after *string) payroll {
	var d struct {
		Incentives struct{ AllowancePayroll payroll }
	}
	e.ok(`query($m: Month!, $f: Int, $a: Cursor) { incentives { allowancePayroll(month: $m, first: $f, after: $a) {
		totalCount totalAmount paidCount paidAmount
		edges { cursor node { person { id } level amount paid } } pageInfo { hasNextPage endCursor } } } }`,
		map[string]any{"m": month, "f": first, "a": after}, &d)
	return d.Incentives.AllowancePayroll
}

// A month's payroll computed by hand on a small village matches allowancePayroll: who is due (a
// community worker certified on the month's last day), at which rate, and who was paid.
func TestAllowancePayrollByHand(t *testing.T) {
	e := newEnv(t, false)
	w := buildPayrollWorld(t, e)
	rate := func(level, from string, to any, amount int) map[string]any {
		return map[string]any{"in": map[string]any{"level": level, "effectiveFrom": from, "effectiveTo": to, "monthlyAmount": amount}}
	}
	var ok struct{}
	e.ok(createRate, rate("ASSISTANT", "2024-01", "2025-05", 200), &ok)
	e.ok(createRate, rate("ASSISTANT", "2025-06", nil, 300), &ok)
	e.ok(createRate, rate("INTERMEDIATE", "2024-01", nil, 400), &ok)
	// No SENIOR rate: the senior worker is due, at no amount.

	pay := func(p *ent.Person, month string, amount int, payer string) map[string]any {
		return map[string]any{"in": map[string]any{"personID": p.ID, "month": month, "amount": amount, "payer": payer}}
	}
	e.ok(createPayment, pay(w.assistant, "2025-06", 300, "TOWNSHIP"), &ok)
	e.ok(createPayment, pay(w.intermediate, "2025-06", 350, "COUNTY"), &ok)
	e.ok(createPayment, pay(w.intermediate, "2025-05", 400, "COUNTY"), &ok)

	// By hand, June 2025: due are assistant (ASSISTANT, 300), intermediate (INTERMEDIATE, 400) and
	// senior (SENIOR, no rate); not lateJuly (certified 1 July), agencyStaff (not a community
	// worker), left (left 15 June), revoked (revoked on 30 June). Paid: assistant 300, intermediate 350.
	june := payrollOf(e, "2025-06", 10, nil)
	if june.TotalCount != 3 || june.TotalAmount != "700.00" || june.PaidCount != 2 || june.PaidAmount != "650.00" {
		t.Fatalf("June totals = %d due %s, %d paid %s; want 3 due 700, 2 paid 650",
			june.TotalCount, june.TotalAmount, june.PaidCount, june.PaidAmount)
	}
	amount := func(s string) *string { return &s }
	want := []struct {
		p      *ent.Person
		level  string
		amount *string
		paid   bool
	}{
		{w.assistant, "ASSISTANT", amount("300.00"), true},
		{w.intermediate, "INTERMEDIATE", amount("400.00"), true},
		{w.senior, "SENIOR", nil, false},
	}
	if len(june.Edges) != len(want) {
		t.Fatalf("June has %d lines, want %d", len(june.Edges), len(want))
	}
	for i, wl := range want {
		got := june.Edges[i].Node
		if got.Person.ID != fmt.Sprint(wl.p.ID) || got.Level != wl.level || got.Paid != wl.paid ||
			(got.Amount == nil) != (wl.amount == nil) || (got.Amount != nil && *got.Amount != *wl.amount) {
			t.Errorf("line %d = %+v, want person %d %s %v paid %v", i, got, wl.p.ID, wl.level, wl.amount, wl.paid)
		}
	}
	// May 2025: the old ASSISTANT rate (200) for assistant, left and revoked (both still certified
	// community workers on 31 May), 400 for intermediate; the senior not yet certified. Paid:
	// intermediate 400.
	may := payrollOf(e, "2025-05", 10, nil)
	if may.TotalCount != 4 || may.TotalAmount != "1000.00" || may.PaidCount != 1 || may.PaidAmount != "400.00" {
		t.Errorf("May totals = %d due %s, %d paid %s; want 4 due 1000.00, 1 paid 400.00", may.TotalCount, may.TotalAmount, may.PaidCount, may.PaidAmount)
	}
	// Paging: the totals stay those of the whole month.
	p1 := payrollOf(e, "2025-06", 2, nil)
	if len(p1.Edges) != 2 || !p1.PageInfo.HasNextPage || p1.TotalCount != 3 {
		t.Fatalf("first page: %d lines, next %v, total %d", len(p1.Edges), p1.PageInfo.HasNextPage, p1.TotalCount)
	}
	p2 := payrollOf(e, "2025-06", 2, p1.PageInfo.EndCursor)
	if len(p2.Edges) != 1 || p2.PageInfo.HasNextPage || p2.Edges[0].Node.Person.ID != fmt.Sprint(w.senior.ID) || p2.TotalAmount != "700.00" {
		t.Errorf("second page: %+v", p2)
	}
	// allowance_coverage measures the last complete month before the date: June, 2 of 3 paid.
	cov := planAt(e, "2025-07-15")["incentives.allowance_coverage"]
	if cov.Actual == nil || math.Abs(*cov.Actual-2.0/3) > 1e-9 || cov.Target == nil || *cov.Target != 1 || cov.Status != "MISSED" {
		t.Errorf("allowance_coverage = %+v, want 2/3 against the standing target 1.0, MISSED", cov)
	}
}

// Bad payments and rates are refused with a clear error and nothing is written.
func TestAllowanceRules(t *testing.T) {
	e := newEnv(t, false)
	w := buildPayrollWorld(t, e)
	var ok struct{}
	e.ok(createRate, map[string]any{"in": map[string]any{"level": "ASSISTANT", "effectiveFrom": "2024-01", "effectiveTo": "2025-05", "monthlyAmount": 200}}, &ok)
	e.ok(createRate, map[string]any{"in": map[string]any{"level": "ASSISTANT", "effectiveFrom": "2025-06", "monthlyAmount": 300}}, &ok)
	for _, tc := range []struct {
		name        string
		in          map[string]any
		code, field string
	}{
		{"overlapping a closed rate", map[string]any{"level": "ASSISTANT", "effectiveFrom": "2025-03", "effectiveTo": "2025-04", "monthlyAmount": 250}, "CONFLICT", "effectiveFrom"},
		{"overlapping an open rate", map[string]any{"level": "ASSISTANT", "effectiveFrom": "2027-01", "monthlyAmount": 250}, "CONFLICT", "effectiveFrom"},
		{"ending before it starts", map[string]any{"level": "SENIOR", "effectiveFrom": "2025-03", "effectiveTo": "2025-02", "monthlyAmount": 250}, "BAD_USER_INPUT", "effectiveTo"},
		{"a negative amount", map[string]any{"level": "SENIOR", "effectiveFrom": "2025-03", "monthlyAmount": -1}, "BAD_USER_INPUT", "monthlyAmount"},
	} {
		t.Run("rate "+tc.name, func(t *testing.T) {
			s := e.as(e.token)
			s.t = t
			s.fails(createRate, map[string]any{"in": tc.in}, tc.code, tc.field)
		})
	}
	if n := e.client.AllowanceRate.Query().CountX(sys()); n != 2 {
		t.Errorf("%d rates written, want 2", n)
	}
	// A rate that touches the next one's first month without overlapping is fine.
	e.ok(createRate, map[string]any{"in": map[string]any{"level": "SENIOR", "effectiveFrom": "2024-01", "effectiveTo": "2024-12", "monthlyAmount": 500}}, &ok)
	e.ok(createRate, map[string]any{"in": map[string]any{"level": "SENIOR", "effectiveFrom": "2025-01", "monthlyAmount": 600}}, &ok)

	e.ok(createPayment, map[string]any{"in": map[string]any{"personID": w.assistant.ID, "month": "2025-06", "amount": 300, "payer": "COUNTY"}}, &ok)
	for _, tc := range []struct {
		name        string
		p           *ent.Person
		month       string
		amount      int
		code, field string
	}{
		{"a duplicate for the month", w.assistant, "2025-06", 300, "CONFLICT", "month"},
		{"not yet certified that month", w.lateJuly, "2025-06", 300, "BAD_USER_INPUT", "personID"},
		{"not a community worker", w.agencyStaff, "2025-06", 300, "BAD_USER_INPUT", "personID"},
		{"after leaving", w.left, "2025-06", 300, "BAD_USER_INPUT", "personID"},
		{"a revoked certificate", w.revoked, "2025-06", 300, "BAD_USER_INPUT", "personID"},
		{"a negative amount", w.assistant, "2025-07", -5, "BAD_USER_INPUT", "amount"},
	} {
		t.Run("payment "+tc.name, func(t *testing.T) {
			s := e.as(e.token)
			s.t = t
			s.fails(createPayment, map[string]any{"in": map[string]any{"personID": tc.p.ID, "month": tc.month, "amount": tc.amount, "payer": "COUNTY"}}, tc.code, tc.field)
		})
	}
	if n := e.client.AllowancePayment.Query().CountX(sys()); n != 1 {
		t.Errorf("%d payments written, want 1", n)
	}
	// The payroll lists people: an anonymous viewer may not read it, a township reads its own
	// workers' lines and totals only.
	q := `{ incentives { allowancePayroll(month: "2025-06") { totalCount paidCount } } }`
	e.as("").fails(q, nil, "FORBIDDEN", "")
	ctx := sys()
	own := w.assistant.QueryRegion().QueryParent().OnlyX(ctx)
	other := e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP), region.IDNEQ(own.ID)).FirstX(ctx)
	for _, tc := range []struct {
		town      *ent.Region
		due, paid int
	}{{own, 3, 1}, {other, 0, 0}} {
		var d struct {
			Incentives struct {
				AllowancePayroll struct{ TotalCount, PaidCount int }
			}
		}
		e.as(e.signIn("town"+tc.town.Code, "TOWNSHIP", func(c *ent.AccountCreate) { c.SetRegion(tc.town) })).ok(q, nil, &d)
		if got := d.Incentives.AllowancePayroll; got.TotalCount != tc.due || got.PaidCount != tc.paid {
			t.Errorf("township %s payroll = %+v, want %d due, %d paid", tc.town.Code, got, tc.due, tc.paid)
		}
	}
}

// Posts are summed by kind of institution; a rank that does not match the holder's level is
// recorded and listed; main professional posts and recognitions are plan indicators.
func TestPostsAndRecognitions(t *testing.T) {
	e := newEnv(t, false)
	w := buildPayrollWorld(t, e)
	ctx := sys()
	body := "361126199001019999"
	uncertified := e.client.Person.Create().SetName("无证人员").SetIDNumber(body[:17] + string(validate.IDCheckChar(body[:17]))).
		SetRegion(w.assistant.QueryRegion().OnlyX(ctx)).SaveX(ctx)
	var created struct{ CreatePost struct{ ID string } }
	post := func(institution, kind string, main bool, rank string, holder *ent.Person, since any) string {
		in := map[string]any{"institution": institution, "institutionKind": kind, "title": "社会工作岗", "mainProfessional": main,
			"rank": rank, "since": since}
		if holder != nil {
			in["holderID"] = holder.ID
		}
		e.ok(`mutation($in: CreatePostInput!) { createPost(input: $in) { id } }`, map[string]any{"in": in}, &created)
		return created.CreatePost.ID
	}
	post("县第一养老院", "ELDERLY_WELFARE", true, "JUNIOR", w.assistant, "2024-03-01")               // matches
	senior := post("县第二养老院", "ELDERLY_WELFARE", false, "SENIOR", w.intermediate, "2024-03-01") // INTERMEDIATE holder: mismatch
	post("县儿童福利院", "CHILD_WELFARE", true, "INTERMEDIATE", w.intermediate, "2025-02-01")        // matches
	post("县儿童福利院", "CHILD_WELFARE", true, "JUNIOR", nil, nil)                                  // vacant
	rescue := post("县救助管理站", "RESCUE", true, "JUNIOR", uncertified, "2025-09-01")              // no certificate: mismatch

	var d struct {
		Incentives struct {
			PostSummary []struct {
				InstitutionKind                          string
				Posts, MainProfessional, HeldByCertified int
			}
			RankMismatches struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
	}
	e.ok(`{ incentives { postSummary { institutionKind posts mainProfessional heldByCertified }
		rankMismatches { totalCount edges { node { id } } } } }`, nil, &d)
	want := []string{"ELDERLY_WELFARE 2 1 2", "CHILD_WELFARE 2 2 1", "RESCUE 1 1 0"}
	if len(d.Incentives.PostSummary) != len(want) {
		t.Fatalf("postSummary = %+v", d.Incentives.PostSummary)
	}
	for i, s := range d.Incentives.PostSummary {
		if got := fmt.Sprintf("%s %d %d %d", s.InstitutionKind, s.Posts, s.MainProfessional, s.HeldByCertified); got != want[i] {
			t.Errorf("postSummary[%d] = %s, want %s", i, got, want[i])
		}
	}
	m := d.Incentives.RankMismatches
	if m.TotalCount != 2 || len(m.Edges) != 2 || m.Edges[0].Node.ID != rescue || m.Edges[1].Node.ID != senior {
		t.Errorf("rankMismatches = %+v, want the rescue post then the senior post (by institution)", m)
	}

	recognise := func(kind string, year int, who string, id int) {
		var r struct{ CreateRecognition struct{ ID string } }
		e.ok(`mutation($in: CreateRecognitionInput!) { createRecognition(input: $in) { id } }`,
			map[string]any{"in": map[string]any{"kind": kind, "year": year, "title": "表彰", who: id}}, &r)
	}
	recognise("OUTSTANDING_SOCIAL_WORKER", 2025, "personID", w.assistant.ID)
	recognise("LEADING_TALENT", 2025, "personID", w.intermediate.ID)
	recognise("GOOD_STORY", 2024, "personID", w.assistant.ID)
	org := e.client.Agency.Create().SetName("测试社工机构").SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).
		SetSocialWork(true).SetInfluence(agency.InfluenceCOUNTY).SetRegion(uncertified.QueryRegion().OnlyX(ctx)).
		SetRegisteredOn(civil.DateFor(2020, 1, 1)).SaveX(ctx)
	recognise("CASE", 2024, "agencyID", org.ID)
	e.fails(`mutation($in: CreateRecognitionInput!) { createRecognition(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"kind": "CASE", "year": 2025, "title": "无对象"}}, "BAD_USER_INPUT", "personID")
	e.fails(`mutation($in: CreateRecognitionInput!) { createRecognition(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"kind": "CASE", "year": 2025, "title": "两个对象", "personID": w.assistant.ID, "agencyID": org.ID}},
		"BAD_USER_INPUT", "personID")
	var rs struct {
		Incentives struct{ Recognitions struct{ TotalCount int } }
	}
	e.as("").ok(`{ incentives { recognitions(year: 2025) { totalCount } } }`, nil, &rs)
	if rs.Incentives.Recognitions.TotalCount != 2 {
		t.Errorf("2025 recognitions = %d, want 2", rs.Incentives.Recognitions.TotalCount)
	}

	plan := planAt(e, "2025-12-31")
	if v := plan["incentives.main_professional_posts"].Actual; v == nil || *v != 3 {
		t.Errorf("main_professional_posts = %v, want 3 (held main posts; the vacant one not)", v)
	}
	if v := plan["incentives.recognitions_per_year"].Actual; v == nil || *v != 2 {
		t.Errorf("recognitions_per_year = %v, want 2", v)
	}
	if v := planAt(e, "2025-06-30")["incentives.main_professional_posts"].Actual; v == nil || *v != 2 {
		t.Errorf("main_professional_posts on 2025-06-30 = %v, want 2 (the rescue post was filled in September)", v)
	}

	ev := `mutation($in: CreatePublicityEventInput!) { createPublicityEvent(input: $in) { id } }`
	in := map[string]any{"name": "2025年社会工作宣传周", "kind": "SOCIAL_WORK_WEEK", "startsOn": "2025-03-16", "endsOn": "2025-03-22",
		"organiser": "弋阳县民政局", "reach": 12000}
	var ok struct{}
	e.ok(ev, map[string]any{"in": in}, &ok)
	in["endsOn"] = "2025-03-10"
	e.fails(ev, map[string]any{"in": in}, "BAD_USER_INPUT", "endsOn")
	var pe struct{ PublicityEvents struct{ TotalCount int } }
	e.as("").ok(`{ publicityEvents { totalCount } }`, nil, &pe)
	if pe.PublicityEvents.TotalCount != 1 {
		t.Errorf("publicity events = %d, want 1", pe.PublicityEvents.TotalCount)
	}
}

// On the demo world, plan shows the incentives initiative, the payroll has its gaps, and
// plan { tasks } lists the 13 tasks with their departments and reports.
func TestIncentivesOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	plan := planAt(e, "2025-12-31")
	for _, k := range []string{"main_professional_posts", "allowance_coverage", "recognitions_per_year"} {
		if v := plan["incentives."+k].Actual; v == nil || *v <= 0 {
			t.Errorf("incentives.%s = %v on the demo world", k, v)
		}
	}
	cov := plan["incentives.allowance_coverage"]
	if *cov.Actual >= 1 || *cov.Actual < 0.9 || cov.Target == nil || *cov.Target != 1 || cov.Status != "MISSED" {
		t.Errorf("allowance_coverage = %+v, want a few gaps below the standing target 1.0", cov)
	}
	feb := payrollOf(e, "2025-02", 100, nil)
	if feb.TotalCount == 0 || feb.PaidCount >= feb.TotalCount || feb.TotalAmount == "0.00" {
		t.Errorf("February 2025 payroll: %d due, %d paid, want gaps", feb.TotalCount, feb.PaidCount)
	}
	var d struct {
		Plan struct {
			Tasks []struct {
				Code        string
				Responsible []struct{ Name string }
				Reports     []struct {
					Period, Status string
					Department     struct{ Name string }
				}
			}
		}
	}
	e.as("").ok(`{ plan { tasks { code responsible { name } reports(period: "2025") { period status department { name } } } } }`, nil, &d)
	if len(d.Plan.Tasks) != 13 {
		t.Fatalf("plan has %d tasks, want 13", len(d.Plan.Tasks))
	}
	for _, task := range d.Plan.Tasks {
		if len(task.Responsible) == 0 || len(task.Reports) == 0 {
			t.Errorf("task %s: %d departments, %d reports for 2025", task.Code, len(task.Responsible), len(task.Reports))
		}
		for _, r := range task.Reports {
			if r.Period != "2025" {
				t.Errorf("task %s: report for %s under period 2025", task.Code, r.Period)
			}
		}
	}
	var m struct{ JointMeetings struct{ TotalCount int } }
	e.as("").ok(`{ jointMeetings { totalCount } }`, nil, &m)
	if m.JointMeetings.TotalCount != 2 {
		t.Errorf("%d joint meetings, want 2", m.JointMeetings.TotalCount)
	}
}
