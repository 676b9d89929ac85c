package graph_test

import (
	"encoding/json"
	"fmt"
	"testing"
)

func TestDoublingInitiativeHasSixIndicators(t *testing.T) {
	e := newEnv(t, true)
	ind := planAt(e, "2025-06-30")
	for _, key := range []string{"certified_social_workers", "certified_growth_vs_2022", "exam_applicants", "exam_pass_rate",
		"registration_valid_rate", "social_work_professionals"} {
		got, ok := ind["doubling."+key]
		if !ok || got.Actual == nil {
			t.Errorf("doubling.%s: %+v", key, got)
		}
	}
	if r := *ind["doubling.exam_pass_rate"].Actual; r <= 0 || r >= 1 {
		t.Errorf("exam pass rate %v", r)
	}
	if r := *ind["doubling.registration_valid_rate"].Actual; r <= 0.3 || r > 1 {
		t.Errorf("registration valid rate %v", r)
	}
}

func TestExamStatisticsOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Doubling struct {
			ExamStatistics struct {
				Applicants, Sat, Passed int
				PassRate                *float64
				ByRole                  []struct {
					Role               string
					Applicants, Passed int
				}
				ByLevel []struct {
					Level              string
					Applicants, Passed int
				}
			}
		}
	}
	e.as("").ok(`{ doubling { examStatistics(year: 2023) { applicants sat passed passRate byRole { role applicants passed } byLevel { level applicants passed } } } }`, nil, &d)
	s := d.Doubling.ExamStatistics
	if s.Passed == 0 || s.Sat <= s.Passed || s.Applicants < s.Sat || s.PassRate == nil || *s.PassRate != float64(s.Passed)/float64(s.Sat) {
		t.Fatalf("statistics: %+v", s)
	}
	sum := 0
	for _, l := range s.ByLevel {
		sum += l.Applicants
	}
	if sum != s.Applicants {
		t.Fatalf("by level %+v does not add up to %d", s.ByLevel, s.Applicants)
	}
	community := false
	for _, r := range s.ByRole {
		community = community || (r.Role == "COMMUNITY_WORKER" && r.Applicants > 0)
	}
	if !community {
		t.Fatalf("no community workers among applicants: %+v", s.ByRole)
	}
}

const recordApp = `mutation($in: ExamApplicationInput!) { recordExamApplication(input: $in) { id outcome } }`

func paper(p string, sat, passed bool) map[string]any {
	return map[string]any{"paper": p, "sat": sat, "passed": passed}
}

func TestExamApplicationsAndTheTwoYearRule(t *testing.T) {
	e := newEnv(t, false)
	id := e.newPerson("11010519491231002X", map[string]any{"roles": []string{"COMMUNITY_WORKER"}})
	var d struct{ RecordExamApplication struct{ ID, Outcome string } }

	// A paper the level does not have is refused, naming it; nothing is written.
	e.fails(recordApp, map[string]any{"in": map[string]any{"personID": id, "examYear": 2022, "level": "ASSISTANT",
		"results": []any{paper("REGULATIONS", true, true)}}}, "BAD_USER_INPUT", "results[0].paper")

	// Intermediate: two papers in 2022, the third in 2023 — passed in 2023.
	e.ok(recordApp, map[string]any{"in": map[string]any{"personID": id, "examYear": 2022, "level": "INTERMEDIATE",
		"results": []any{paper("PRACTICE", true, true), paper("COMPREHENSIVE", true, true), paper("REGULATIONS", true, false)}}}, &d)
	if d.RecordExamApplication.Outcome != "FAILED" {
		t.Fatalf("2022: %s", d.RecordExamApplication.Outcome)
	}
	e.ok(recordApp, map[string]any{"in": map[string]any{"personID": id, "examYear": 2023, "level": "INTERMEDIATE"}}, &d)
	app2023 := d.RecordExamApplication.ID
	if d.RecordExamApplication.Outcome != "APPLIED" {
		t.Fatalf("2023 before results: %s", d.RecordExamApplication.Outcome)
	}
	var r struct{ RecordPaperResults struct{ Outcome string } }
	e.ok(`mutation($id: ID!, $r: [PaperResultInput!]!) { recordPaperResults(applicationID: $id, results: $r) { outcome } }`,
		map[string]any{"id": app2023, "r": []any{paper("REGULATIONS", true, true)}}, &r)
	if r.RecordPaperResults.Outcome != "PASSED" {
		t.Fatalf("2023 with the third paper: %s", r.RecordPaperResults.Outcome)
	}
	e.fails(recordApp, map[string]any{"in": map[string]any{"personID": id, "examYear": 2023, "level": "INTERMEDIATE"}}, "CONFLICT", "examYear")

	// Bulk: all or nothing, errors name the item.
	var n struct{ ExamApplications struct{ TotalCount int } }
	e.ok(`{ examApplications { totalCount } }`, nil, &n)
	before := n.ExamApplications.TotalCount
	e.fails(`mutation($in: [ExamApplicationInput!]!) { recordExamApplications(input: $in) { id } }`, map[string]any{"in": []any{
		map[string]any{"personID": id, "examYear": 2024, "level": "ASSISTANT"},
		map[string]any{"personID": 1, "examYear": 2024, "level": "ASSISTANT"},
	}}, "BAD_USER_INPUT", "input[1].personID")
	e.ok(`{ examApplications { totalCount } }`, nil, &n)
	if n.ExamApplications.TotalCount != before {
		t.Fatal("a refused bulk wrote applications")
	}

	// Linking: a certificate of another level is refused; the right one is linked.
	cert := func(level, passed string) string {
		var c struct{ CreateCertificate struct{ ID string } }
		e.ok(`mutation($in: CreateCertificateInput!) { createCertificate(input: $in) { id } }`, map[string]any{"in": map[string]any{
			"number": fmt.Sprintf("20230000000000%04d", len(level)), "level": level, "passedOn": passed, "holderID": id}}, &c)
		return c.CreateCertificate.ID
	}
	wrong, right := cert("ASSISTANT", "2023-11-10"), cert("INTERMEDIATE", "2023-11-10")
	link := `mutation($a: ID!, $c: ID!) { linkCertificate(applicationID: $a, certificateID: $c) { certificate { id } } }`
	e.fails(link, map[string]any{"a": app2023, "c": wrong}, "BAD_USER_INPUT", "certificateID")
	var l struct {
		LinkCertificate struct{ Certificate struct{ ID string } }
	}
	e.ok(link, map[string]any{"a": app2023, "c": right}, &l)
	if l.LinkCertificate.Certificate.ID != right {
		t.Fatal("not linked")
	}
}

// The registration cycle through the API, on its boundaries.
func TestRegistrationCycle(t *testing.T) {
	e := newEnv(t, false)
	holder := e.newPerson("11010519491231002X", nil)
	var c struct{ CreateCertificate struct{ ID string } }
	e.ok(`mutation($h: ID!) { createCertificate(input: {number: "202400000000000001", level: ASSISTANT, passedOn: "2024-02-29", holderID: $h}) { id } }`,
		map[string]any{"h": holder}, &c)
	id := c.CreateCertificate.ID
	state := func(asOf string) string {
		var d struct {
			Node struct{ RegistrationState string }
		}
		e.ok(`query($id: ID!, $d: Date) { node(id: $id) { ... on Certificate { registrationState(asOf: $d) } } }`, map[string]any{"id": id, "d": asOf}, &d)
		return d.Node.RegistrationState
	}
	// Passed on 29 February 2024: the first registration is due by 2025-02-28 (one year later,
	// and 2025 has no 29 February: its last day), overdue from 1 March.
	var dueOn struct {
		Node struct{ RegistrationDueOn string }
	}
	e.ok(`query($id: ID!) { node(id: $id) { ... on Certificate { registrationDueOn } } }`, map[string]any{"id": id}, &dueOn)
	if dueOn.Node.RegistrationDueOn != "2025-02-28" {
		t.Fatalf("registrationDueOn %s, want 2025-02-28", dueOn.Node.RegistrationDueOn)
	}
	for day, want := range map[string]string{"2025-02-27": "NOT_REGISTERED", "2025-02-28": "NOT_REGISTERED", "2025-03-01": "FIRST_OVERDUE"} {
		if s := state(day); s != want {
			t.Fatalf("%s: %s, want %s", day, s, want)
		}
	}
	// A clerk corrects the pass date: the stored deadline follows it, and back again.
	for passed, want := range map[string]string{"2024-03-31": "2025-03-31", "2024-02-29": "2025-02-28"} {
		e.ok(`mutation($id: ID!, $p: Date!) { updateCertificate(id: $id, input: {passedOn: $p}) { id } }`, map[string]any{"id": id, "p": passed}, &map[string]any{})
		e.ok(`query($id: ID!) { node(id: $id) { ... on Certificate { registrationDueOn } } }`, map[string]any{"id": id}, &dueOn)
		if dueOn.Node.RegistrationDueOn != want {
			t.Fatalf("passed on %s: registrationDueOn %s, want %s", passed, dueOn.Node.RegistrationDueOn, want)
		}
	}
	reg := `mutation($in: RegistrationInput!) { recordRegistration(input: $in) { validUntil } }`
	e.fails(reg, map[string]any{"in": map[string]any{"certificateID": id, "kind": "FIRST", "status": "ISSUED", "registeredOn": "2024-01-10"}}, "BAD_USER_INPUT", "registeredOn")
	var r struct{ RecordRegistration struct{ ValidUntil string } }
	e.ok(reg, map[string]any{"in": map[string]any{"certificateID": id, "kind": "FIRST", "status": "ISSUED", "registeredOn": "2024-04-01"}}, &r)
	if r.RecordRegistration.ValidUntil != "2027-03-31" {
		t.Fatalf("valid until %s", r.RecordRegistration.ValidUntil)
	}
	e.fails(reg, map[string]any{"in": map[string]any{"certificateID": id, "kind": "RENEWAL", "status": "ISSUED", "registeredOn": "2025-01-01"}}, "BAD_USER_INPUT", "registeredOn")
	for day, want := range map[string]string{"2025-03-01": "VALID", "2026-12-31": "VALID", "2027-01-01": "RENEWAL_OPEN", "2027-03-31": "RENEWAL_OPEN", "2027-04-01": "EXPIRED"} {
		if s := state(day); s != want {
			t.Errorf("%s: %s, want %s", day, s, want)
		}
	}

	// An older certificate: a renewal moves from PENDING to ISSUED through its status, and then counts.
	e.ok(`mutation($h: ID!) { createCertificate(input: {number: "202000000000000002", level: ASSISTANT, passedOn: "2020-10-20", holderID: $h}) { id } }`,
		map[string]any{"h": holder}, &c)
	old := c.CreateCertificate.ID
	e.ok(reg, map[string]any{"in": map[string]any{"certificateID": old, "kind": "FIRST", "status": "ISSUED", "registeredOn": "2021-01-10"}}, &r)
	var p struct{ RecordRegistration struct{ ID string } }
	e.ok(`mutation($in: RegistrationInput!) { recordRegistration(input: $in) { id } }`,
		map[string]any{"in": map[string]any{"certificateID": old, "kind": "RENEWAL", "status": "PENDING"}}, &p)
	oldState := func(asOf string) string {
		var d struct {
			Node struct{ RegistrationState string }
		}
		e.ok(`query($id: ID!, $d: Date) { node(id: $id) { ... on Certificate { registrationState(asOf: $d) } } }`, map[string]any{"id": old, "d": asOf}, &d)
		return d.Node.RegistrationState
	}
	if s := oldState("2024-01-10"); s != "EXPIRED" {
		t.Fatalf("a pending renewal counted: %s", s)
	}
	const progress = `mutation($id: ID!, $d: Date) { updateRegistrationStatus(registrationID: $id, status: ISSUED, registeredOn: $d) { validUntil } }`
	e.fails(progress, map[string]any{"id": p.RecordRegistration.ID}, "BAD_USER_INPUT", "")
	var u struct{ UpdateRegistrationStatus struct{ ValidUntil string } }
	e.ok(progress, map[string]any{"id": p.RecordRegistration.ID, "d": "2023-12-15"}, &u)
	if u.UpdateRegistrationStatus.ValidUntil != "2026-12-14" || oldState("2024-01-10") != "VALID" {
		t.Fatalf("after the renewal was issued: %+v, %s", u, oldState("2024-01-10"))
	}

	// The first certificate is due on 2027-03-31, the older one on 2026-12-14: each is listed
	// when looking 30 days ahead.
	var due struct {
		Doubling struct {
			RegistrationsDue struct {
				TotalCount int
				Edges      []struct {
					Node struct{ ID, RegistrationDueOn string }
				}
			}
		}
	}
	e.ok(`{ doubling { registrationsDue(asOf: "2027-03-05", withinDays: 30) { totalCount edges { node { id registrationDueOn } } } } }`, nil, &due)
	if due.Doubling.RegistrationsDue.TotalCount != 2 || due.Doubling.RegistrationsDue.Edges[0].Node.RegistrationDueOn != "2026-12-14" ||
		due.Doubling.RegistrationsDue.Edges[1].Node.RegistrationDueOn != "2027-03-31" {
		t.Fatalf("registrations due (overdue first): %+v", due)
	}
	e.ok(`{ doubling { registrationsDue(asOf: "2026-10-01", withinDays: 30) { totalCount } } }`, nil, &due)
	if due.Doubling.RegistrationsDue.TotalCount != 0 {
		t.Fatal("listed too early")
	}
}

// registrationState for a page of certificates costs the same statements for 5 or 50.
func TestRegistrationStateIsBatched(t *testing.T) {
	e := newEnv(t, true)
	const q = `query($n: Int) { certificates(first: $n) { edges { node { number registrationState(asOf: "2025-06-30") } } } }`
	statements := func(n int) int {
		var d struct {
			Certificates struct{ Edges []json.RawMessage }
		}
		e.count.Reset()
		e.ok(q, map[string]any{"n": n}, &d)
		return e.count.N()
	}
	statements(1)
	if small, large := statements(5), statements(50); small != large {
		t.Fatalf("statements: %d for 5 certificates, %d for 50", small, large)
	}
	// The demo world has certificates in every state at mid-2025.
	var d struct {
		Certificates struct {
			Edges []struct {
				Node struct{ RegistrationState string }
			}
		}
	}
	seen := map[string]int{}
	e.ok(`{ certificates(first: 100) { edges { node { registrationState(asOf: "2025-06-30") } } } }`, nil, &d)
	for _, edge := range d.Certificates.Edges {
		seen[edge.Node.RegistrationState]++
	}
	e.ok(`{ certificates(first: 100, after: null, orderBy: {field: PASSED_ON, direction: DESC}) { edges { node { registrationState(asOf: "2025-06-30") } } } }`, nil, &d)
	for _, edge := range d.Certificates.Edges {
		seen[edge.Node.RegistrationState]++
	}
	for _, s := range []string{"VALID", "FIRST_OVERDUE", "NOT_REGISTERED", "RENEWAL_OPEN"} {
		if seen[s] == 0 {
			t.Errorf("no certificate %s at mid-2025: %v", s, seen)
		}
	}
	t.Logf("states at 2025-06-30: %v", seen)
}

// The demo world's pass rates stay near the national 20–35 % in every year.
func TestDemoPassRatesAreRealistic(t *testing.T) {
	e := newEnv(t, true)
	for year := 2020; year <= 2025; year++ {
		var d struct {
			Doubling struct{ ExamStatistics struct{ PassRate *float64 } }
		}
		e.ok(`query($y: Int!) { doubling { examStatistics(year: $y) { passRate } } }`, map[string]any{"y": year}, &d)
		if r := d.Doubling.ExamStatistics.PassRate; r == nil || *r < 0.15 || *r > 0.45 {
			t.Errorf("%d: pass rate %v", year, r)
		}
	}
}
