package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/graph"
	"swtalent/internal/auth"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// env is a running API over a fresh database, driven through the real HTTP handler. Requests
// carry token (an ADMIN session unless changed with as or anonymous).
type env struct {
	t      *testing.T
	srv    *httptest.Server
	count  *testdb.Counter
	client *ent.Client
	db     *store.DB
	token  string
}

// newEnv starts the API on a fresh database with the reference data and, if withDemo, the demo
// world, acting as an ADMIN. "Today" is fixed at 2026-01-15 so figures never drift with the clock.
func newEnv(t *testing.T, withDemo bool) *env {
	t.Helper()
	e := newEnvWith(t, withDemo, graph.Options{})
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	return e
}

// testPassword is the password of every account the tests create.
const testPassword = "correct horse battery"

// signIn creates an account with the role (scope sets its agency, region or university) and
// returns a session token from the real login mutation.
func (e *env) signIn(username string, role account.Role, scope func(*ent.AccountCreate)) string {
	e.t.Helper()
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	hash, err := auth.HashPassword(testPassword)
	if err != nil {
		e.t.Fatal(err)
	}
	c := e.client.Account.Create().SetUsername(username).SetRole(role).SetPasswordHash(hash)
	if scope != nil {
		scope(c)
	}
	if _, err := c.Save(ctx); err != nil {
		e.t.Fatalf("create account %s: %v", username, err)
	}
	var d struct{ Login struct{ Token string } }
	anon := *e
	anon.token = ""
	anon.ok(`mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
		map[string]any{"u": username, "p": testPassword}, &d)
	return d.Login.Token
}

// as returns the environment acting with another token ("" = anonymous).
func (e *env) as(token string) *env {
	c := *e
	c.token = token
	return &c
}

// gqlError is one error of a GraphQL response.
type gqlError struct {
	Message    string         `json:"message"`
	Extensions map[string]any `json:"extensions"`
}

// response is a GraphQL response.
type response struct {
	Data   json.RawMessage `json:"data"`
	Errors []gqlError      `json:"errors"`
}

// do posts a GraphQL document and decodes the response; the HTTP status must be 200.
func (e *env) do(query string, vars map[string]any) response {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var r response
	if err := json.Unmarshal(raw, &r); err != nil {
		e.t.Fatalf("decode response (HTTP %d): %v\n%s", res.StatusCode, err, raw)
	}
	return r
}

// ok posts a document that must succeed and decodes its data into out.
func (e *env) ok(query string, vars map[string]any, out any) {
	e.t.Helper()
	r := e.do(query, vars)
	if len(r.Errors) > 0 {
		e.t.Fatalf("unexpected errors: %+v", r.Errors)
	}
	if err := json.Unmarshal(r.Data, out); err != nil {
		e.t.Fatalf("decode data: %v\n%s", err, r.Data)
	}
}

// fails posts a document that must fail, every error with the given code and field (a nested
// field fails once per parent).
func (e *env) fails(query string, vars map[string]any, code, field string) gqlError {
	e.t.Helper()
	r := e.do(query, vars)
	if len(r.Errors) == 0 {
		e.t.Fatalf("want a %s error, got data %s", code, r.Data)
	}
	for _, got := range r.Errors {
		if got.Extensions["code"] != code || (field != "" && got.Extensions["field"] != field) {
			e.t.Fatalf("want code %s field %q, got %+v", code, field, got)
		}
		if !strings.Contains(got.Message, " / ") {
			e.t.Fatalf("message %q is not bilingual", got.Message)
		}
	}
	return r.Errors[0]
}

func (e *env) personCount() int {
	e.t.Helper()
	var d struct{ Persons struct{ TotalCount int } }
	e.ok(`{ persons { totalCount } }`, nil, &d)
	return d.Persons.TotalCount
}

type indicator struct {
	Key     string
	Actual  *float64
	Target  *float64
	Status  string
	Targets []struct{ Year int }
}

func planAt(e *env, asOf string) map[string]indicator {
	var d struct {
		Plan struct {
			Initiatives []struct {
				Key        string
				Indicators []indicator
			}
		}
	}
	e.ok(`query($asOf: Date) { plan(asOf: $asOf) { initiatives { key indicators { key actual target status targets { year } } } } }`,
		map[string]any{"asOf": asOf}, &d)
	out := map[string]indicator{}
	for _, ini := range d.Plan.Initiatives {
		for _, ind := range ini.Indicators {
			out[ini.Key+"."+ind.Key] = ind
		}
	}
	return out
}

func TestPlanProgressOnDemoWorld(t *testing.T) {
	e := newEnv(t, true)

	end2025 := planAt(e, "2025-12-31")
	c := end2025["doubling.certified_social_workers"]
	if c.Actual == nil || *c.Actual <= 150 || c.Target == nil || *c.Target != 150 || c.Status != "MET" {
		t.Fatalf("certified workers at 2025-12-31: %+v", c)
	}
	if len(c.Targets) != 2 {
		t.Fatalf("want the 2023 and 2025 targets, got %+v", c.Targets)
	}

	end2023 := planAt(e, "2023-12-31")
	c = end2023["doubling.certified_social_workers"]
	if c.Actual == nil || *c.Actual <= 80 || *c.Target != 80 || c.Status != "MET" {
		t.Fatalf("certified workers at 2023-12-31: %+v", c)
	}
	g := end2023["doubling.certified_growth_vs_2022"]
	if g.Actual == nil || *g.Actual < 2 || g.Status != "MET" {
		t.Fatalf("growth at 2023-12-31: %+v", g)
	}

	// Mid-2024 the applicable target is 2025's: not met yet, judged against the straight line.
	mid := planAt(e, "2024-06-30")["doubling.certified_social_workers"]
	if *mid.Target != 150 || (mid.Status != "ON_TRACK" && mid.Status != "AT_RISK") {
		t.Fatalf("certified workers at 2024-06-30: %+v", mid)
	}
}

func TestCertifiedSeriesRises(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Doubling struct {
			CertifiedSeries []struct{ Year, Total int }
		}
	}
	e.ok(`{ doubling { certifiedSeries(fromYear: 2022, toYear: 2025) { year total } } }`, nil, &d)
	s := d.Doubling.CertifiedSeries
	if len(s) != 4 || s[0].Year != 2022 || s[3].Year != 2025 {
		t.Fatalf("series: %+v", s)
	}
	if s[0].Total < 35 || s[0].Total > 45 || s[1].Total <= 80 || s[3].Total <= 150 {
		t.Fatalf("series does not read ~40, >80, >150: %+v", s)
	}
	for i := 1; i < len(s); i++ {
		if s[i].Total < s[i-1].Total {
			t.Fatalf("series falls: %+v", s)
		}
	}
	e.fails(`{ doubling { certifiedSeries(fromYear: 1990, toYear: 2045) { year } } }`, nil, "BAD_USER_INPUT", "toYear")
}

func TestCertifiedWorkforceBreakdowns(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Doubling struct {
			CertifiedWorkforce struct {
				Total   int
				ByLevel []struct {
					Level string
					Count int
				}
				ByRegion []struct {
					Region struct{ Code, Name string }
					Count  int
				}
			}
		}
	}
	e.ok(`{ doubling { certifiedWorkforce(asOf: "2025-12-31") { total byLevel { level count } byRegion { region { code name } count } } } }`, nil, &d)
	w := d.Doubling.CertifiedWorkforce
	levels, regions := 0, 0
	for _, l := range w.ByLevel {
		levels += l.Count
	}
	for _, r := range w.ByRegion {
		regions += r.Count
	}
	if w.Total <= 150 || levels != w.Total || len(w.ByLevel) != 3 {
		t.Fatalf("by level %+v does not add up to %d", w.ByLevel, w.Total)
	}
	if len(w.ByRegion) != 17 || regions > w.Total {
		t.Fatalf("by region: %d regions, %d people of %d", len(w.ByRegion), regions, w.Total)
	}
	e.fails(`{ doubling { certifiedWorkforce(regionCode: "361126999000") { total } } }`, nil, "BAD_USER_INPUT", "regionCode")
}

func TestReferenceRegions(t *testing.T) {
	e := newEnv(t, false)
	var d struct{ Regions struct{ TotalCount int } }
	e.ok(`{ regions(where: {level: TOWNSHIP}) { totalCount } }`, nil, &d)
	if d.Regions.TotalCount != 17 {
		t.Fatalf("townships: %d, want 17", d.Regions.TotalCount)
	}
}

const createPerson = `mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { id name idNumber gender birthYear phone roles }
}`

func TestCreatePersonValidatesIDNumber(t *testing.T) {
	e := newEnv(t, false)
	before := e.personCount()
	e.fails(createPerson, map[string]any{"input": map[string]any{"name": "张三", "idNumber": "110105194912310021"}}, "BAD_USER_INPUT", "idNumber")
	if after := e.personCount(); after != before {
		t.Fatalf("a rejected mutation wrote: %d persons, was %d", after, before)
	}

	var d struct {
		CreatePerson struct {
			ID, Name, IDNumber, Gender string
			BirthYear                  int
			Phone                      *string
			Roles                      []string
		}
	}
	e.ok(createPerson, map[string]any{"input": map[string]any{
		"name": "李四", "idNumber": "11010519491231002x", "phone": "13812345678", "roles": []string{"COMMUNITY_WORKER"},
	}}, &d)
	p := d.CreatePerson
	if p.Gender != "FEMALE" || p.BirthYear != 1949 || p.IDNumber != "110***********002X" || *p.Phone != "138****5678" {
		t.Fatalf("created person: %+v", p)
	}
	got := e.fails(createPerson, map[string]any{"input": map[string]any{"name": "王五", "idNumber": "11010519491231002X"}}, "CONFLICT", "idNumber")
	if strings.Contains(got.Message, "11010519491231002X") {
		t.Fatalf("error leaks the ID number: %q", got.Message)
	}
	e.fails(createPerson, map[string]any{"input": map[string]any{"name": "赵六", "idNumber": "361126200001010015", "phone": "12345"}}, "BAD_USER_INPUT", "phone")
	if after := e.personCount(); after != before+1 {
		t.Fatalf("persons: %d, want %d", after, before+1)
	}
}

func TestCreateAgencyValidatesCreditCode(t *testing.T) {
	e := newEnv(t, false)
	const m = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id name creditCode } }`
	e.fails(m, map[string]any{"input": map[string]any{"name": "测试社工中心", "creditCode": "91350100M000100Y44"}}, "BAD_USER_INPUT", "creditCode")
	var d struct{ CreateAgency struct{ CreditCode *string } }
	e.ok(m, map[string]any{"input": map[string]any{"name": "测试社工中心", "creditCode": "91350100M000100Y43"}}, &d)
	e.fails(m, map[string]any{"input": map[string]any{"name": "另一中心", "creditCode": "91350100M000100Y43"}}, "CONFLICT", "creditCode")
	e.ok(m, map[string]any{"input": map[string]any{"name": "社区志愿者协会"}}, &d)
	if d.CreateAgency.CreditCode != nil {
		t.Fatalf("agency without a code got %v", *d.CreateAgency.CreditCode)
	}
}

func TestPageSizeLimits(t *testing.T) {
	e := newEnv(t, true)
	e.fails(`{ persons(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT", "first")
	e.fails(`{ regions { edges { node { children(last: 500) { totalCount } } } } }`, nil, "BAD_USER_INPUT", "last")
	var d struct {
		Persons struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
	}
	e.ok(`{ persons { totalCount edges { node { id } } } }`, nil, &d)
	if len(d.Persons.Edges) != graph.DefaultPage || d.Persons.TotalCount <= graph.DefaultPage {
		t.Fatalf("default page: %d edges of %d", len(d.Persons.Edges), d.Persons.TotalCount)
	}
	e.ok(`{ persons(first: 100) { totalCount edges { node { id } } } }`, nil, &d)
	if len(d.Persons.Edges) != 100 {
		t.Fatalf("first: 100 gave %d edges", len(d.Persons.Edges))
	}
}

// The statements a page of persons with their certificates costs do not grow with the page.
func TestPersonsWithCertificatesIsNotNPlusOne(t *testing.T) {
	e := newEnv(t, true)
	const q = `query($n: Int) { persons(first: $n) { edges { node { name certificates { level } } } } }`
	statements := func(n int) int {
		var d struct {
			Persons struct{ Edges []json.RawMessage }
		}
		e.count.Reset()
		e.ok(q, map[string]any{"n": n}, &d)
		if len(d.Persons.Edges) != n {
			t.Fatalf("want %d persons, got %d", n, len(d.Persons.Edges))
		}
		return e.count.N()
	}
	statements(1) // warm up: the token's last-used time is written once a minute
	small, large := statements(5), statements(50)
	if small != large || large > 10 {
		t.Fatalf("statements: %d for 5 persons, %d for 50", small, large)
	}
}

func TestNodeAndFilters(t *testing.T) {
	e := newEnv(t, true)
	var d struct {
		Persons struct {
			TotalCount int
			Edges      []struct {
				Node struct {
					ID    string
					Roles []string
				}
			}
		}
	}
	e.ok(`{ persons(first: 100, where: {rolesHas: [GRID_WORKER]}) { totalCount edges { node { id roles } } } }`, nil, &d)
	if d.Persons.TotalCount == 0 {
		t.Fatal("no grid workers in the demo world")
	}
	for _, edge := range d.Persons.Edges {
		if !strings.Contains(strings.Join(edge.Node.Roles, ","), "GRID_WORKER") {
			t.Fatalf("filter let through %+v", edge.Node)
		}
	}
	var n struct {
		Node struct {
			ID       string
			IDNumber string
		}
	}
	id := d.Persons.Edges[0].Node.ID
	e.ok(`query($id: ID!) { node(id: $id) { id ... on Person { idNumber } } }`, map[string]any{"id": id}, &n)
	if n.Node.ID != id || !strings.Contains(n.Node.IDNumber, "***********") {
		t.Fatalf("node: %+v", n.Node)
	}
	e.fails(`{ plan(asOf: "2023-02-29") { asOf } }`, nil, "BAD_USER_INPUT", "")
}

// All mutations of one request commit together or not at all.
func TestMutationsOfOneRequestAreAllOrNothing(t *testing.T) {
	e := newEnv(t, false)
	before := e.personCount()
	r := e.do(`mutation {
	  a: createPerson(input: {name: "甲", idNumber: "11010519491231002X"}) { id }
	  b: createPerson(input: {name: "乙", idNumber: "110105194912310021"}) { id }
	}`, nil)
	if len(r.Errors) == 0 {
		t.Fatal("the second mutation should fail")
	}
	if after := e.personCount(); after != before {
		t.Fatalf("the first mutation was kept: %d persons, was %d", after, before)
	}
}
