package graph_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// regionID returns the global ID and level of the region with the code.
func (e *env) regionID(code string) (id, level string) {
	e.t.Helper()
	var d struct {
		Regions struct {
			Edges []struct{ Node struct{ ID, Level string } }
		}
	}
	e.ok(`query($code: String) { regions(where: {code: $code}) { edges { node { id level } } } }`, map[string]any{"code": code}, &d)
	if len(d.Regions.Edges) != 1 {
		e.t.Fatalf("region %s: %d found", code, len(d.Regions.Edges))
	}
	return d.Regions.Edges[0].Node.ID, d.Regions.Edges[0].Node.Level
}

// regionCount counts the regions whose code starts with prefix.
func (e *env) regionCount(prefix string) int {
	e.t.Helper()
	var d struct{ Regions struct{ TotalCount int } }
	e.ok(`query($p: String) { regions(where: {codeHasPrefix: $p}) { totalCount } }`, map[string]any{"p": prefix}, &d)
	return d.Regions.TotalCount
}

const createRegion = `mutation($input: CreateRegionInput!) {
  createRegion(input: $input) { id code level kind parent { code } }
}`

type createdRegion struct {
	CreateRegion struct {
		ID, Code, Level, Kind string
		Parent                *struct{ Code string }
	}
}

// village creates the village 361126101201 under 曹溪镇 and returns its ID.
func (e *env) village() string {
	e.t.Helper()
	town, _ := e.regionID("361126101000")
	var d createdRegion
	e.ok(createRegion, map[string]any{"input": map[string]any{
		"code": "361126101201", "name": "曹溪村", "kind": "VILLAGE", "parentID": town,
	}}, &d)
	return d.CreateRegion.ID
}

func TestCreateRegion(t *testing.T) {
	e := newEnv(t, false)
	town, level := e.regionID("361126101000") // 曹溪镇
	if level != "TOWNSHIP" {
		t.Fatalf("曹溪镇 has level %s", level)
	}
	before := e.regionCount("361126")

	// A code outside the parent's prefix (a village of 漆工镇 under 曹溪镇).
	e.fails(createRegion, map[string]any{"input": map[string]any{
		"code": "361126102201", "name": "错村", "kind": "VILLAGE", "parentID": town,
	}}, "BAD_USER_INPUT", "code")
	// Not 12 digits.
	e.fails(createRegion, map[string]any{"input": map[string]any{
		"code": "36112610120", "name": "短村", "kind": "VILLAGE", "parentID": town,
	}}, "BAD_USER_INPUT", "code")
	if n := e.regionCount("361126"); n != before {
		t.Fatalf("rejected regions were stored: %d regions, was %d", n, before)
	}

	// A valid village: the level follows from the code.
	var d createdRegion
	e.ok(createRegion, map[string]any{"input": map[string]any{
		"code": "361126101201", "name": "曹溪村", "kind": "VILLAGE", "parentID": town,
	}}, &d)
	r := d.CreateRegion
	if r.Level != "VILLAGE" || r.Code != "361126101201" || r.Parent == nil || r.Parent.Code != "361126101000" {
		t.Fatalf("created village: %+v", r)
	}

	// The same code again, and the code of a reference township.
	e.fails(createRegion, map[string]any{"input": map[string]any{
		"code": "361126101201", "name": "曹溪村二", "kind": "VILLAGE", "parentID": town,
	}}, "CONFLICT", "code")
	county, _ := e.regionID("361126000000")
	e.fails(createRegion, map[string]any{"input": map[string]any{
		"code": "361126102000", "name": "漆工镇", "kind": "TOWN", "parentID": county,
	}}, "CONFLICT", "code")
	if n := e.regionCount("361126"); n != before+1 {
		t.Fatalf("regions: %d, want %d", n, before+1)
	}
}

const createServicePoint = `mutation($input: CreateServicePointInput!) {
  createServicePoint(input: $input) { id tier openedOn closedOn region { code } }
}`

const updateServicePoint = `mutation($id: ID!, $input: UpdateServicePointInput!) {
  updateServicePoint(id: $id, input: $input) { id openedOn closedOn }
}`

func TestServicePointRules(t *testing.T) {
	e := newEnv(t, false)
	village := e.village()
	town, _ := e.regionID("361126101000")

	// A township station cannot serve a village.
	e.fails(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "TOWNSHIP_STATION", "name": "曹溪村社工站", "regionID": village,
	}}, "BAD_USER_INPUT", "regionID")
	// Nor a village point a township.
	e.fails(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "VILLAGE_POINT", "name": "曹溪镇服务点", "regionID": town,
	}}, "BAD_USER_INPUT", "regionID")

	var p struct {
		CreateServicePoint struct {
			ID, Tier string
			OpenedOn string
			Region   struct{ Code string }
		}
	}
	// The three tiers: the county centre, the station under it, the village point under the station.
	county, _ := e.regionID("361126000000")
	e.ok(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "COUNTY_CENTRE", "name": "弋阳县社会工作服务中心", "regionID": county,
	}}, &p)
	centre := p.CreateServicePoint.ID
	e.fails(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "TOWNSHIP_STATION", "name": "曹溪镇社工站", "regionID": town,
	}}, "BAD_USER_INPUT", "parentID")
	e.ok(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "TOWNSHIP_STATION", "name": "曹溪镇社工站", "regionID": town, "openedOn": "2023-05-01", "parentID": centre,
	}}, &p)
	station := p.CreateServicePoint
	// A second open station in the same township is refused.
	e.fails(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "TOWNSHIP_STATION", "name": "曹溪镇第二社工站", "regionID": town, "parentID": centre,
	}}, "CONFLICT", "regionID")
	// A village point must hang under its own township's station.
	other, _ := e.regionID("361126102000")
	e.ok(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "TOWNSHIP_STATION", "name": "漆工镇社工站", "regionID": other, "parentID": centre,
	}}, &p)
	e.fails(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "VILLAGE_POINT", "name": "曹溪村社会工作服务点", "regionID": village, "parentID": p.CreateServicePoint.ID,
	}}, "BAD_USER_INPUT", "parentID")
	e.ok(createServicePoint, map[string]any{"input": map[string]any{
		"tier": "VILLAGE_POINT", "name": "曹溪村社会工作服务点", "regionID": village, "parentID": station.ID,
	}}, &p)
	if station.Tier != "TOWNSHIP_STATION" || station.Region.Code != "361126101000" || station.OpenedOn != "2023-05-01" {
		t.Fatalf("created station: %+v", station)
	}

	// Closing before opening is refused, whether the opening date is stored or sent with it.
	e.fails(updateServicePoint, map[string]any{"id": station.ID, "input": map[string]any{"closedOn": "2023-04-30"}},
		"BAD_USER_INPUT", "closedOn")
	e.fails(updateServicePoint, map[string]any{"id": station.ID, "input": map[string]any{"openedOn": "2023-06-01", "closedOn": "2023-05-31"}},
		"BAD_USER_INPUT", "closedOn")
	// Moving an open station onto a village is refused too.
	e.fails(updateServicePoint, map[string]any{"id": station.ID, "input": map[string]any{"regionID": village}},
		"BAD_USER_INPUT", "regionID")

	var u struct {
		UpdateServicePoint struct{ OpenedOn, ClosedOn *string }
	}
	e.ok(updateServicePoint, map[string]any{"id": station.ID, "input": map[string]any{"closedOn": "2023-05-01"}}, &u)
	if u.UpdateServicePoint.ClosedOn == nil || *u.UpdateServicePoint.ClosedOn != "2023-05-01" ||
		u.UpdateServicePoint.OpenedOn == nil || *u.UpdateServicePoint.OpenedOn != "2023-05-01" {
		t.Fatalf("closing on the opening day: %+v", u.UpdateServicePoint)
	}
}

const updatePerson = `mutation($id: ID!, $input: UpdatePersonInput!) {
  updatePerson(id: $id, input: $input) { id roles joinedOn leftOn }
}`

// newPerson creates a person and returns the ID.
func (e *env) newPerson(idNumber string, extra map[string]any) string {
	e.t.Helper()
	input := map[string]any{"name": "测试人员", "idNumber": idNumber}
	for k, v := range extra {
		input[k] = v
	}
	var d struct{ CreatePerson struct{ ID string } }
	e.ok(createPerson, map[string]any{"input": input}, &d)
	return d.CreatePerson.ID
}

const createCertificate = `mutation($input: CreateCertificateInput!) {
  createCertificate(input: $input) { id number level passedOn revokedOn holder { id } }
}`

func (e *env) certificateCount() int {
	e.t.Helper()
	var d struct{ Certificates struct{ TotalCount int } }
	e.ok(`{ certificates { totalCount } }`, nil, &d)
	return d.Certificates.TotalCount
}

func TestCertificateRules(t *testing.T) {
	e := newEnv(t, false)
	holder := e.newPerson("11010519491231002X", nil)
	input := func(kv ...any) map[string]any {
		in := map[string]any{"number": "202336110000000001", "level": "ASSISTANT", "passedOn": "2023-06-18", "holderID": holder}
		for i := 0; i < len(kv); i += 2 {
			in[kv[i].(string)] = kv[i+1]
		}
		return map[string]any{"input": in}
	}

	e.fails(createCertificate, input("number", "20233611000000000"), "BAD_USER_INPUT", "number")   // 17 digits
	e.fails(createCertificate, input("number", "2023361100000000012"), "BAD_USER_INPUT", "number") // 19 digits
	e.fails(createCertificate, input("number", "20233611000000000A"), "BAD_USER_INPUT", "number")
	e.fails(createCertificate, input("revokedOn", "2023-06-17"), "BAD_USER_INPUT", "revokedOn")
	e.fails(createCertificate, input("passedOn", "2099-06-18"), "BAD_USER_INPUT", "passedOn")
	if n := e.certificateCount(); n != 0 {
		t.Fatalf("rejected certificates were stored: %d", n)
	}

	var d struct {
		CreateCertificate struct {
			ID, Number, Level, PassedOn string
			RevokedOn                   *string
			Holder                      struct{ ID string }
		}
	}
	e.ok(createCertificate, input("number", " 002336110000000001 "), &d)
	c := d.CreateCertificate
	if c.Number != "002336110000000001" || c.Level != "ASSISTANT" || c.PassedOn != "2023-06-18" || c.RevokedOn != nil || c.Holder.ID != holder {
		t.Fatalf("created certificate: %+v", c)
	}
	e.fails(createCertificate, input("number", "002336110000000001"), "CONFLICT", "number")

	// Revoking is checked against the stored pass date.
	const update = `mutation($id: ID!, $input: UpdateCertificateInput!) { updateCertificate(id: $id, input: $input) { revokedOn } }`
	e.fails(update, map[string]any{"id": c.ID, "input": map[string]any{"revokedOn": "2023-06-17"}}, "BAD_USER_INPUT", "revokedOn")
	var u struct{ UpdateCertificate struct{ RevokedOn *string } }
	e.ok(update, map[string]any{"id": c.ID, "input": map[string]any{"revokedOn": "2023-06-18"}}, &u)
	if u.UpdateCertificate.RevokedOn == nil || *u.UpdateCertificate.RevokedOn != "2023-06-18" {
		t.Fatalf("revoked on the pass day: %+v", u.UpdateCertificate)
	}
	if n := e.certificateCount(); n != 1 {
		t.Fatalf("certificates: %d, want 1", n)
	}
}

// An impossible date in an input names the input field, like every other bad input.
func TestImpossibleDateNamesItsField(t *testing.T) {
	e := newEnv(t, false)
	holder := e.newPerson("11010519491231002X", nil)
	r := e.do(createCertificate, map[string]any{"input": map[string]any{
		"number": "202336110000000001", "level": "ASSISTANT", "passedOn": "2023-02-29", "holderID": holder,
	}})
	if len(r.Errors) == 0 {
		t.Fatalf("2023-02-29 accepted: %s", r.Data)
	}
	got := r.Errors[0]
	if got.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(got.Message, " / ") {
		t.Fatalf("want a bilingual BAD_USER_INPUT, got %+v", got)
	}
	if field, _ := got.Extensions["field"].(string); field != "passedOn" {
		t.Fatalf("the error names field %q, want passedOn", field)
	}
}

func TestPersonDatesAndRoles(t *testing.T) {
	e := newEnv(t, false)
	id := e.newPerson("11010519491231002X", map[string]any{"joinedOn": "2022-03-01", "roles": []string{"COMMUNITY_WORKER"}})

	e.fails(updatePerson, map[string]any{"id": id, "input": map[string]any{"leftOn": "2022-02-28"}}, "BAD_USER_INPUT", "leftOn")
	e.fails(createPerson, map[string]any{"input": map[string]any{
		"name": "钱七", "idNumber": "361126200001010015", "joinedOn": "2022-03-01", "leftOn": "2022-02-28",
	}}, "BAD_USER_INPUT", "leftOn")

	var d struct {
		UpdatePerson struct {
			Roles            []string
			JoinedOn, LeftOn *string
		}
	}
	e.ok(updatePerson, map[string]any{"id": id, "input": map[string]any{"leftOn": "2022-03-01"}}, &d)
	if d.UpdatePerson.LeftOn == nil || *d.UpdatePerson.LeftOn != "2022-03-01" {
		t.Fatalf("leaving on the joining day: %+v", d.UpdatePerson)
	}

	// A repeated role is refused, naming the element.
	rolesError := func(query string, vars map[string]any) {
		t.Helper()
		r := e.do(query, vars)
		if len(r.Errors) == 0 {
			t.Fatalf("repeated roles accepted: %s", r.Data)
		}
		for _, got := range r.Errors {
			field, _ := got.Extensions["field"].(string)
			if got.Extensions["code"] != "BAD_USER_INPUT" || !strings.HasPrefix(field, "roles[") {
				t.Fatalf("want BAD_USER_INPUT on roles[…], got %+v", got)
			}
		}
	}
	before := e.personCount()
	rolesError(createPerson, map[string]any{"input": map[string]any{
		"name": "孙八", "idNumber": "361126200001010015", "roles": []string{"GRID_WORKER", "VILLAGE_CADRE", "GRID_WORKER"},
	}})
	if after := e.personCount(); after != before {
		t.Fatalf("a person with repeated roles was stored")
	}
	rolesError(updatePerson, map[string]any{"id": id, "input": map[string]any{"roles": []string{"GRID_WORKER", "GRID_WORKER"}}})

	e.ok(updatePerson, map[string]any{"id": id, "input": map[string]any{"roles": []string{"GRID_WORKER", "VILLAGE_CADRE"}}}, &d)
	if !slices.Equal(d.UpdatePerson.Roles, []string{"GRID_WORKER", "VILLAGE_CADRE"}) {
		t.Fatalf("roles: %v", d.UpdatePerson.Roles)
	}
}

// Tag sets change by setting the whole list: the appendX inputs entgql generates would do nothing
// (its template appends the list being set), so the schema does not offer them.
func TestNoAppendInputs(t *testing.T) {
	e := newEnv(t, false)
	id := e.newPerson("11010519491231002X", map[string]any{"roles": []string{"COMMUNITY_WORKER"}})
	for _, r := range []response{
		e.do(updatePerson, map[string]any{"id": id, "input": map[string]any{"appendRoles": []string{"GRID_WORKER"}}}),
		e.do(`mutation { updateAgency(id: 1, input: {appendServiceFields: [MEDICAL]}) { id } }`, nil),
	} {
		if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "GRAPHQL_VALIDATION_FAILED" {
			t.Fatalf("an appendX input was accepted: %+v", r)
		}
	}
	var d struct{ UpdatePerson struct{ Roles []string } }
	e.ok(updatePerson, map[string]any{"id": id, "input": map[string]any{"roles": []string{"COMMUNITY_WORKER", "GRID_WORKER"}}}, &d)
	if !slices.Equal(d.UpdatePerson.Roles, []string{"COMMUNITY_WORKER", "GRID_WORKER"}) {
		t.Fatalf("roles: %v", d.UpdatePerson.Roles)
	}
}

func TestPlanInATownship(t *testing.T) {
	e := newEnv(t, false)
	type ind struct {
		Key     string
		Kind    string
		Target  *float64
		Status  string
		Targets []struct{ Year int }
	}
	var d struct {
		Plan struct {
			Region      struct{ Code string }
			Initiatives []struct {
				Key        string
				Indicators []ind
			}
		}
	}
	const q = `query($code: String) { plan(asOf: "2024-06-30", regionCode: $code) {
	  region { code } initiatives { key indicators { key kind target status targets { year } } } } }`
	find := func() ind {
		t.Helper()
		for _, ini := range d.Plan.Initiatives {
			if ini.Key != "doubling" {
				continue
			}
			for _, i := range ini.Indicators {
				if i.Key == "certified_social_workers" {
					return i
				}
			}
		}
		t.Fatalf("no doubling.certified_social_workers in %+v", d.Plan.Initiatives)
		return ind{}
	}

	e.ok(q, map[string]any{"code": "361126101000"}, &d)
	if d.Plan.Region.Code != "361126101000" {
		t.Fatalf("plan region %s", d.Plan.Region.Code)
	}
	if c := find(); c.Kind != "COUNT" || c.Status != "NO_TARGET" || c.Target != nil || len(c.Targets) != 0 {
		t.Fatalf("certified workers in 曹溪镇: %+v, want NO_TARGET without targets", c)
	}
	// The county's own figure keeps its target.
	e.ok(q, map[string]any{"code": nil}, &d)
	if c := find(); c.Status == "NO_TARGET" || c.Target == nil || *c.Target != 150 || len(c.Targets) != 2 {
		t.Fatalf("certified workers in the county: %+v", c)
	}
	e.fails(`{ plan(regionCode: "361126999000") { asOf } }`, nil, "BAD_USER_INPUT", "regionCode")
}

type department struct{ ShortName string }

type task struct {
	Code        string
	Responsible []department
}

func TestPlanTasks(t *testing.T) {
	e := newEnv(t, false)
	var d struct{ Plan struct{ Tasks []task } }
	e.ok(`{ plan { tasks { code responsible { shortName } } } }`, nil, &d)
	tasks := d.Plan.Tasks
	var codes []string
	for _, tk := range tasks {
		codes = append(codes, tk.Code)
	}
	if len(tasks) != 13 {
		t.Fatalf("%d tasks %v, want 13", len(tasks), codes)
	}
	i := slices.Index(codes, "T1.1")
	if i < 0 {
		t.Fatalf("no task T1.1 in %v", codes)
	}
	var names []string
	for _, dep := range tasks[i].Responsible {
		names = append(names, dep.ShortName)
	}
	if len(names) != 14 || !slices.Contains(names, "县民政局") || !slices.Contains(names, "县退役军人事务局") {
		t.Fatalf("T1.1 is the responsibility of %v, want the 14 units of the plan", names)
	}
	if want := []string{"T1.1", "T1.2", "T1.3", "T1.4", "T2.1", "T2.2", "T2.3", "T3.1", "T3.2", "T3.3", "G1", "G2", "G3"}; !slices.Equal(codes, want) {
		t.Fatalf("tasks %v, want the plan's order %v", codes, want)
	}
}

func TestResponsibilitiesOfEducationBureau(t *testing.T) {
	e := newEnv(t, false)
	var dep struct {
		Departments struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.ok(`{ departments(where: {shortName: "县教育局"}) { edges { node { id } } } }`, nil, &dep)
	if len(dep.Departments.Edges) != 1 {
		t.Fatalf("县教育局: %+v", dep.Departments.Edges)
	}
	var r struct {
		Plan struct{ Responsibilities []task }
	}
	e.ok(`query($id: ID!) { plan { responsibilities(departmentId: $id) { code responsible { shortName } } } }`,
		map[string]any{"id": dep.Departments.Edges[0].Node.ID}, &r)
	var codes []string
	for _, tk := range r.Plan.Responsibilities {
		codes = append(codes, tk.Code)
		if !slices.ContainsFunc(tk.Responsible, func(d department) bool { return d.ShortName == "县教育局" }) {
			t.Fatalf("task %s does not list 县教育局: %+v", tk.Code, tk.Responsible)
		}
	}
	slices.Sort(codes)
	if want := []string{"T1.1", "T1.4", "T2.1", "T2.3", "T3.1"}; !slices.Equal(codes, want) {
		t.Fatalf("县教育局 is responsible for %v, want %v", codes, want)
	}
}

func TestAgenciesByServiceField(t *testing.T) {
	e := newEnv(t, false)
	const m = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { id } }`
	ids := map[string]string{}
	for name, fields := range map[string][]string{
		"医务社工中心":  {"MEDICAL", "SCHOOL"},
		"学校社工中心":  {"SCHOOL"},
		"精神卫生中心":  {"MENTAL_HEALTH"},
		"社区志愿者协会": nil,
		"医务为老中心":  {"ELDERLY_SERVICES", "MEDICAL"},
	} {
		input := map[string]any{"name": name}
		if fields != nil {
			input["serviceFields"] = fields
		}
		var d struct{ CreateAgency struct{ ID string } }
		e.ok(m, map[string]any{"input": input}, &d)
		ids[name] = d.CreateAgency.ID
	}
	names := func(fields ...string) []string {
		t.Helper()
		var d struct {
			Agencies struct {
				Edges []struct {
					Node struct {
						Name          string
						ServiceFields []string
					}
				}
			}
		}
		e.ok(`query($f: [ServiceField!]) { agencies(first: 100, where: {serviceFieldsHas: $f}) { edges { node { name serviceFields } } } }`,
			map[string]any{"f": fields}, &d)
		var out []string
		for _, edge := range d.Agencies.Edges {
			if !slices.ContainsFunc(fields, func(f string) bool { return slices.Contains(edge.Node.ServiceFields, f) }) {
				t.Fatalf("filter %v let through %+v", fields, edge.Node)
			}
			out = append(out, edge.Node.Name)
		}
		slices.Sort(out)
		return out
	}
	if got, want := names("MEDICAL"), []string{"医务为老中心", "医务社工中心"}; !slices.Equal(got, want) {
		t.Fatalf("MEDICAL agencies: %v, want %v", got, want)
	}
	if got, want := names("MEDICAL", "SCHOOL"), []string{"医务为老中心", "医务社工中心", "学校社工中心"}; !slices.Equal(got, want) {
		t.Fatalf("MEDICAL or SCHOOL agencies: %v, want %v", got, want)
	}
	if got := names("DISASTER_RELIEF"); len(got) != 0 {
		t.Fatalf("DISASTER_RELIEF agencies: %v, want none", got)
	}

	// A field added later (the whole list set again) is found too.
	var u struct {
		UpdateAgency struct{ ServiceFields []string }
	}
	e.ok(`mutation($id: ID!) { updateAgency(id: $id, input: {serviceFields: [SCHOOL, MEDICAL]}) { serviceFields } }`,
		map[string]any{"id": ids["学校社工中心"]}, &u)
	if got := names("MEDICAL"); len(got) != 3 || !slices.Contains(got, "学校社工中心") {
		t.Fatalf("MEDICAL agencies after adding the field: %v", got)
	}
}

// get sends a GraphQL document as a GET request with the environment's token.
func (e *env) get(query string) (int, response) {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodGet, e.srv.URL+"/graphql?query="+url.QueryEscape(query), nil)
	if err != nil {
		e.t.Fatal(err)
	}
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
		e.t.Fatalf("decode GET response (HTTP %d): %v\n%s", res.StatusCode, err, raw)
	}
	return res.StatusCode, r
}

func TestGetRequests(t *testing.T) {
	e := newEnv(t, false)
	status, r := e.get(`{ regions(where: {level: TOWNSHIP}) { totalCount } }`)
	var d struct{ Regions struct{ TotalCount int } }
	if status != http.StatusOK || len(r.Errors) != 0 {
		t.Fatalf("GET query: HTTP %d, errors %+v", status, r.Errors)
	}
	if err := json.Unmarshal(r.Data, &d); err != nil || d.Regions.TotalCount != 17 {
		t.Fatalf("GET query data: %s (%v)", r.Data, err)
	}
	// Public data needs no session.
	status, r = e.as("").get(`{ regions(where: {level: TOWNSHIP}) { totalCount } }`)
	if status != http.StatusOK || len(r.Errors) != 0 || !strings.Contains(string(r.Data), `"totalCount":17`) {
		t.Fatalf("anonymous GET query: HTTP %d, %s %+v", status, r.Data, r.Errors)
	}

	before := e.regionCount("361126")
	town, _ := e.regionID("361126101000")
	status, r = e.get(`mutation { createRegion(input: {code: "361126101202", name: "GET村", kind: VILLAGE, parentID: "` + town + `"}) { id } }`)
	if status == http.StatusOK && len(r.Errors) == 0 {
		t.Fatalf("GET mutation accepted: %s", r.Data)
	}
	if len(r.Data) > 0 && string(r.Data) != "null" {
		t.Fatalf("GET mutation returned data: %s", r.Data)
	}
	if after := e.regionCount("361126"); after != before {
		t.Fatalf("GET mutation wrote: %d regions, was %d", after, before)
	}
	// The same document is fine as a POST.
	var c struct{ CreateRegion struct{ ID string } }
	e.ok(`mutation { createRegion(input: {code: "361126101202", name: "GET村", kind: VILLAGE, parentID: "`+town+`"}) { id } }`, nil, &c)
	if after := e.regionCount("361126"); after != before+1 {
		t.Fatalf("POST mutation: %d regions, want %d", after, before+1)
	}
}
