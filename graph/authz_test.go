package graph_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/agency"
	"swtalent/ent/auditevent"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/volunteer"
	"swtalent/graph"
	"swtalent/internal/validate"
)

// world is the demo world seen from every role: one token per role, the records that are each
// scoped role's own, and records that are not.
type world struct {
	*env
	tokens             map[string]string // role name → token ("PUBLIC" → "")
	ownAgency, other   *ent.Agency       // the AGENCY account's agency and another one
	township           *ent.Region       // the TOWNSHIP account's township
	otherTownship      *ent.Region
	ownPerson, foreign *ent.Person // employed by ownAgency, in township / neither
	university         *ent.University
}

func sys() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

func newWorld(t *testing.T) *world { return newWorldWith(t, graph.Options{}) }

// newWorldWith is newWorld on a server with the options.
func newWorldWith(t *testing.T, opt graph.Options) *world {
	e := newEnvWith(t, true, opt)
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	ctx := sys()
	w := &world{env: e, tokens: map[string]string{"ADMIN": e.token, "PUBLIC": ""}}
	agencies := e.client.Agency.Query().Where(agency.HasEmployees(), agency.SocialWork(true)).Order(ent.Asc(agency.FieldID)).AllX(ctx)
	if len(agencies) < 2 {
		t.Fatal("the demo world needs two agencies with employees")
	}
	w.ownAgency, w.other = agencies[0], agencies[1]
	w.ownPerson = e.client.Person.Query().Where(person.HasEmployerWith(agency.ID(w.ownAgency.ID)), person.HasRegion()).FirstX(ctx)
	own := w.ownPerson.QueryRegion().OnlyX(ctx)
	w.township = e.client.Region.Query().Where(region.Code(validate.RegionPrefix(own.Code)[:9] + "000")).OnlyX(ctx)
	lo, hi := validate.RegionSubtreeRange(w.township.Code)
	w.foreign = e.client.Person.Query().Where(
		person.Not(person.HasEmployerWith(agency.ID(w.ownAgency.ID))),
		person.HasRegionWith(region.Or(region.CodeLT(lo), region.CodeGTE(hi)))).FirstX(ctx)
	w.otherTownship = e.client.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP), region.CodeNEQ(w.township.Code)).FirstX(ctx)
	w.university = e.client.University.Query().FirstX(ctx)
	w.tokens["STAFF"] = e.signIn("staff", account.RoleSTAFF, nil)
	w.tokens["AGENCY"] = e.signIn("agency", account.RoleAGENCY, func(c *ent.AccountCreate) { c.SetAgency(w.ownAgency) })
	w.tokens["TOWNSHIP"] = e.signIn("township", account.RoleTOWNSHIP, func(c *ent.AccountCreate) { c.SetRegion(w.township) })
	w.tokens["UNIVERSITY"] = e.signIn("university", account.RoleUNIVERSITY, func(c *ent.AccountCreate) { c.SetUniversity(w.university) })
	return w
}

var roles = []string{"ADMIN", "STAFF", "AGENCY", "TOWNSHIP", "UNIVERSITY", "PUBLIC"}

// Expected reads of each root connection by role: "all" rows, "none" (FORBIDDEN), or a number
// computed from the database by scope.
func TestReadMatrix(t *testing.T) {
	w := newWorld(t)
	ctx := sys()
	lo, hi := validate.RegionSubtreeRange(w.township.Code)
	inTownship := person.HasRegionWith(region.CodeGTE(lo), region.CodeLT(hi))
	ofAgency := person.HasEmployerWith(agency.ID(w.ownAgency.ID))
	count := func(q interface {
		Count(context.Context) (int, error)
	}) int {
		n, err := q.Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	all := map[string]int{
		"regions": count(w.client.Region.Query()), "departments": count(w.client.Department.Query()),
		"universities": count(w.client.University.Query()), "planTargets": count(w.client.PlanTarget.Query()),
		"planTasks": count(w.client.PlanTask.Query()), "agencies": count(w.client.Agency.Query()),
		"servicePoints": count(w.client.ServicePoint.Query()), "persons": count(w.client.Person.Query()),
		"certificates": count(w.client.Certificate.Query()), "accounts": count(w.client.Account.Query()),
		"apiTokens": count(w.client.ApiToken.Query()), "auditEvents": count(w.client.AuditEvent.Query()),
		"examApplications": count(w.client.ExamApplication.Query()),
		"trainings":        count(w.client.Training.Query()), "experts": count(w.client.Expert.Query()),
		"partnerships": count(w.client.Partnership.Query()), "placements": count(w.client.Placement.Query()),
		"volunteers": count(w.client.Volunteer.Query()), "funds": count(w.client.Fund.Query()),
		"demonstrationCommunities": count(w.client.DemonstrationCommunity.Query()),
		"publicityEvents":          count(w.client.PublicityEvent.Query()), "jointMeetings": count(w.client.JointMeeting.Query()),
	}
	const none = -1
	public := map[string]int{}
	for _, f := range []string{"regions", "departments", "universities", "planTargets", "planTasks", "agencies", "servicePoints", "trainings",
		"funds", "demonstrationCommunities", "publicityEvents", "jointMeetings"} {
		public[f] = all[f]
	}
	scoped := func(persons, certificates, applications int) map[string]int {
		m := map[string]int{"persons": persons, "certificates": certificates, "examApplications": applications,
			"accounts": 1, "apiTokens": 1, "auditEvents": none, "experts": none, "partnerships": none, "placements": none, "volunteers": none}
		for f, n := range public {
			m[f] = n
		}
		return m
	}
	want := map[string]map[string]int{
		"ADMIN": all,
		"STAFF": func() map[string]int {
			m := scoped(all["persons"], all["certificates"], all["examApplications"])
			m["experts"], m["partnerships"], m["placements"] = all["experts"], all["partnerships"], all["placements"]
			m["volunteers"] = all["volunteers"]
			return m
		}(),
		"AGENCY": scoped(count(w.client.Person.Query().Where(ofAgency)),
			count(w.client.Certificate.Query().QueryHolder().Where(ofAgency).QueryCertificates()),
			count(w.client.Person.Query().Where(ofAgency).QueryExamApplications())),
		"TOWNSHIP": func() map[string]int {
			m := scoped(count(w.client.Person.Query().Where(inTownship)),
				count(w.client.Certificate.Query().QueryHolder().Where(inTownship).QueryCertificates()),
				count(w.client.Person.Query().Where(inTownship).QueryExamApplications()))
			m["volunteers"] = count(w.client.Volunteer.Query().Where(volunteer.HasCommunityWith(region.CodeGTE(lo), region.CodeLT(hi))))
			return m
		}(),
		// A university reads its own agreements and placements, and its students' site mentors.
		"UNIVERSITY": func() map[string]int {
			m := scoped(count(w.university.QueryPlacements().QueryMentor()), none, none)
			m["partnerships"], m["placements"] = count(w.university.QueryPartnerships()), count(w.university.QueryPlacements())
			return m
		}(),
		"PUBLIC": {"persons": none, "certificates": none, "examApplications": none, "accounts": none, "apiTokens": none, "auditEvents": none,
			"experts": none, "partnerships": none, "placements": none, "volunteers": none},
	}
	if want["UNIVERSITY"]["placements"] == 0 || want["UNIVERSITY"]["placements"] == all["placements"] {
		t.Fatalf("the demo university should have some but not all placements (%d of %d)", want["UNIVERSITY"]["placements"], all["placements"])
	}
	for f, n := range public {
		want["PUBLIC"][f] = n
	}
	for _, role := range roles {
		for field := range all {
			t.Run(role+"/"+field, func(t *testing.T) {
				exp := want[role][field]
				q := fmt.Sprintf(`{ %s { totalCount } }`, field)
				as := w.as(w.tokens[role])
				as.t = t
				if exp == none {
					as.fails(q, nil, "FORBIDDEN", "")
					return
				}
				var d map[string]struct{ TotalCount int }
				as.ok(q, nil, &d)
				if d[field].TotalCount != exp {
					t.Fatalf("%s sees %d %s, want %d", role, d[field].TotalCount, field, exp)
				}
				// With a page, the total is a column of the page's statement: the same scope.
				var p map[string]struct {
					TotalCount int
					Edges      []struct{ Node struct{ ID string } }
				}
				as.ok(fmt.Sprintf(`{ %s(first: 3) { totalCount edges { node { id } } } }`, field), nil, &p)
				if p[field].TotalCount != exp || len(p[field].Edges) != min(3, exp) {
					t.Fatalf("%s sees %d %s with a page of %d, want %d", role, p[field].TotalCount, field, len(p[field].Edges), exp)
				}
			})
		}
	}
}

// A scoped role asking for another scope's record by ID gets what a missing record gets.
func TestNodeOutsideScopeDoesNotExist(t *testing.T) {
	w := newWorld(t)
	const q = `query($id: ID!) { node(id: $id) { id ... on Person { name } } }`
	missing := w.client.Person.Query().Aggregate(ent.Max(person.FieldID)).IntX(sys()) + 1000
	for _, role := range []string{"AGENCY", "TOWNSHIP"} {
		outside := w.as(w.tokens[role]).do(q, map[string]any{"id": w.foreign.ID})
		absent := w.as(w.tokens[role]).do(q, map[string]any{"id": missing})
		if len(outside.Errors) != 1 || len(absent.Errors) != 1 || string(outside.Data) != string(absent.Data) ||
			outside.Errors[0].Extensions["code"] != absent.Errors[0].Extensions["code"] ||
			strings.ReplaceAll(outside.Errors[0].Message, fmt.Sprint(w.foreign.ID), "ID") != strings.ReplaceAll(absent.Errors[0].Message, fmt.Sprint(missing), "ID") {
			t.Errorf("%s: a person outside the scope answers %+v, a missing one %+v", role, outside, absent)
		}
	}
	var d struct{ Node *struct{ ID string } }
	w.as(w.tokens["AGENCY"]).ok(q, map[string]any{"id": w.ownPerson.ID}, &d)
	if d.Node == nil {
		t.Error("AGENCY cannot read its own employee")
	}
}

// Writes by role and scope: who may create and change people, agencies, regions and accounts.
func TestWriteMatrix(t *testing.T) {
	w := newWorld(t)
	const create = `mutation($in: CreatePersonInput!) { createPerson(input: $in) { id } }`
	seq := 0
	input := func(extra map[string]any) map[string]any {
		seq++
		body := fmt.Sprintf("3611262000%04d%03d", 101+seq%28, 10+seq) // 17 digits: 2000-01-DD
		in := map[string]any{"name": "测试", "idNumber": body + string(validate.IDCheckChar(body))}
		for k, v := range extra {
			in[k] = v
		}
		return map[string]any{"in": in}
	}
	ownRegion := w.ownPerson.QueryRegion().OnlyX(sys())
	outside := w.client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), workforceOutside(w.township.Code)).FirstX(sys())
	cases := []struct {
		role   string
		extra  map[string]any
		wantOK bool
	}{
		{"ADMIN", nil, true},
		{"STAFF", nil, true},
		{"AGENCY", map[string]any{"employerID": w.ownAgency.ID}, true},
		{"AGENCY", map[string]any{"employerID": w.other.ID}, false},
		{"AGENCY", nil, false},
		{"TOWNSHIP", map[string]any{"regionID": ownRegion.ID}, true},
		{"TOWNSHIP", map[string]any{"regionID": outside.ID}, false},
		{"UNIVERSITY", nil, false},
		{"PUBLIC", nil, false},
	}
	for i, c := range cases {
		t.Run(fmt.Sprintf("createPerson/%s/%d", c.role, i), func(t *testing.T) {
			before := countPersons(t, w)
			as := w.as(w.tokens[c.role])
			if c.wantOK {
				var d struct{ CreatePerson struct{ ID string } }
				as.ok(create, input(c.extra), &d)
				if countPersons(t, w) != before+1 {
					t.Fatal("person not created")
				}
				return
			}
			as.fails(create, input(c.extra), "FORBIDDEN", "")
			if countPersons(t, w) != before {
				t.Fatal("a refused create wrote a person")
			}
		})
	}

	const rename = `mutation($id: ID!) { updatePerson(id: $id, input: {name: "改名"}) { id } }`
	for _, role := range []string{"AGENCY", "TOWNSHIP"} {
		w.as(w.tokens[role]).fails(rename, map[string]any{"id": w.foreign.ID}, "NOT_FOUND", "")
	}
	var d struct{ UpdatePerson struct{ ID string } }
	w.as(w.tokens["AGENCY"]).ok(rename, map[string]any{"id": w.ownPerson.ID}, &d)
	// Moving one's own employee to another agency takes it out of scope: refused, nothing kept.
	w.as(w.tokens["AGENCY"]).fails(`mutation($id: ID!, $a: ID!) { updatePerson(id: $id, input: {employerID: $a}) { id } }`,
		map[string]any{"id": w.ownPerson.ID, "a": w.other.ID}, "FORBIDDEN", "")
	if got := w.client.Person.Query().Where(person.ID(w.ownPerson.ID), person.HasEmployerWith(agency.ID(w.ownAgency.ID))).ExistX(sys()); !got {
		t.Fatal("the refused move was kept")
	}

	const updAgency = `mutation($id: ID!) { updateAgency(id: $id, input: {name: "新名称"}) { id } }`
	w.as(w.tokens["AGENCY"]).fails(updAgency, map[string]any{"id": w.other.ID}, "NOT_FOUND", "")
	w.as(w.tokens["AGENCY"]).ok(updAgency, map[string]any{"id": w.ownAgency.ID}, &map[string]any{})
	w.as(w.tokens["UNIVERSITY"]).fails(updAgency, map[string]any{"id": w.ownAgency.ID}, "FORBIDDEN", "")

	const newRegion = `mutation($p: ID!) { createRegion(input: {code: "361126101399", name: "新村", kind: VILLAGE, parentID: $p}) { id } }`
	for _, role := range []string{"STAFF", "AGENCY", "TOWNSHIP", "PUBLIC"} {
		w.as(w.tokens[role]).fails(newRegion, map[string]any{"p": w.township.ID}, "FORBIDDEN", "")
	}

	const newAccount = `mutation { createAccount(input: {username: "x1", role: STAFF}, password: "a long password") { id } }`
	for _, role := range []string{"STAFF", "AGENCY", "PUBLIC"} {
		w.as(w.tokens[role]).fails(newAccount, nil, "FORBIDDEN", "")
	}
	w.ok(newAccount, nil, &map[string]any{})
	w.fails(`mutation { createAccount(input: {username: "x2", role: AGENCY}, password: "a long password") { id } }`, nil, "BAD_USER_INPUT", "agencyID")
}

// workforceOutside holds for regions outside a township's subtree.
func workforceOutside(code string) predicate.Region {
	lo, hi := validate.RegionSubtreeRange(code)
	return region.Or(region.CodeLT(lo), region.CodeGTE(hi))
}

func countPersons(t *testing.T, w *world) int {
	t.Helper()
	return w.client.Person.Query().CountX(sys())
}

// Where-filters through an edge to records the viewer may not read are refused, so they cannot
// tell whether such a record exists.
func TestEdgeFiltersCannotProbe(t *testing.T) {
	w := newWorld(t)
	probes := []string{
		`{ agencies(where: {hasEmployeesWith: {nameContains: "张"}}) { totalCount } }`,
		`{ agencies(where: {hasEmployees: true}) { totalCount } }`,
		`{ servicePoints(where: {or: [{hasStaffWith: {nameHasPrefix: "王"}}]}) { totalCount } }`,
		`{ agencies { edges { node { employees(where: {not: {hasCertificatesWith: {number: "1"}}}) { totalCount } } } } }`,
	}
	for _, role := range []string{"PUBLIC", "UNIVERSITY", "AGENCY"} {
		for _, q := range probes {
			w.as(w.tokens[role]).fails(q, nil, "FORBIDDEN", "")
		}
	}
	var d map[string]any
	w.as(w.tokens["STAFF"]).ok(probes[0], nil, &d)
	w.as("").ok(`{ regions(where: {hasChildrenWith: {nameContains: "村"}}) { totalCount } }`, nil, &d)
}

// Personal data: masked for everyone, revealed only to an ADMIN with a reason, and audited.
func TestPersonalDataIsMaskedRevealedAndAudited(t *testing.T) {
	w := newWorld(t)
	var d struct {
		Node struct {
			IDNumber  string
			BirthDate *string
			BirthYear int
		}
	}
	const q = `query($id: ID!) { node(id: $id) { ... on Person { idNumber birthDate birthYear } } }`
	w.as(w.tokens["STAFF"]).ok(q, map[string]any{"id": w.ownPerson.ID}, &d)
	if !strings.Contains(d.Node.IDNumber, "***********") || d.Node.BirthDate != nil || d.Node.BirthYear == 0 {
		t.Fatalf("STAFF sees %+v", d.Node)
	}
	plainID, err := w.client.Keyring.Decrypt(w.ownPerson.IDNumber)
	if err != nil {
		t.Fatal(err)
	}
	const reveal = `mutation($id: ID!) { revealPersonIdentity(id: $id, reason: "核对补贴发放名单") { idNumber phone birthDate } }`
	w.as(w.tokens["STAFF"]).fails(reveal, map[string]any{"id": w.ownPerson.ID}, "FORBIDDEN", "")
	var r struct{ RevealPersonIdentity struct{ IDNumber string } }
	w.ok(reveal, map[string]any{"id": w.ownPerson.ID}, &r)
	if r.RevealPersonIdentity.IDNumber != plainID {
		t.Fatal("reveal did not return the ID number")
	}
	ev := w.client.AuditEvent.Query().Where(auditevent.Operation("REVEAL")).OnlyX(sys())
	if ev.Actor != "admin" || ev.EntityID != w.ownPerson.ID || ev.Reason == "" {
		t.Fatalf("reveal audit event: %+v", ev)
	}

	var found struct{ PersonByIdNumber *struct{ ID string } }
	w.as(w.tokens["STAFF"]).ok(`query($n: String!) { personByIdNumber(idNumber: $n) { id } }`, map[string]any{"n": plainID}, &found)
	if found.PersonByIdNumber == nil {
		t.Fatal("STAFF cannot find a person by ID number")
	}
	for _, role := range []string{"AGENCY", "PUBLIC"} {
		w.as(w.tokens[role]).fails(`query($n: String!) { personByIdNumber(idNumber: $n) { id } }`, map[string]any{"n": plainID}, "FORBIDDEN", "")
	}

	// A change by STAFF is in the trail with the field names and without the values.
	w.as(w.tokens["STAFF"]).ok(`mutation($id: ID!) { updatePerson(id: $id, input: {phone: "13900001111"}) { id } }`, map[string]any{"id": w.ownPerson.ID}, &map[string]any{})
	var a struct {
		AuditEvents struct {
			Edges []struct {
				Node struct {
					Actor, Operation, Entity string
					Fields                   []string
				}
			}
		}
	}
	w.ok(`{ auditEvents(where: {operation: "UPDATE"}) { edges { node { actor operation entity fields } } } }`, nil, &a)
	if len(a.AuditEvents.Edges) != 1 {
		t.Fatalf("audit events: %+v", a)
	}
	n := a.AuditEvents.Edges[0].Node
	if n.Actor != "staff" || n.Entity != "Person" || strings.Join(n.Fields, ",") != "phone" {
		t.Fatalf("audit event: %+v", n)
	}
	raw := fmt.Sprint(w.client.AuditEvent.Query().AllX(sys()))
	if strings.Contains(raw, "13900001111") || strings.Contains(raw, plainID) {
		t.Fatal("the audit trail holds personal data")
	}
}
