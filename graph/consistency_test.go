package graph_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"swtalent/internal/civil"
	"swtalent/internal/transfer"
)

// facts holds, per record, date and field group, the answer the first path gave, and reports
// every later path that answers differently: one fact, one answer, whichever way it is read.
type facts struct {
	t     *testing.T
	seen  map[string]string
	from  map[string]string
	reads map[string]int // reads per path, so that a path which returns nothing is noticed
}

func newFacts(t *testing.T) *facts {
	return &facts{t: t, seen: map[string]string{}, from: map[string]string{}, reads: map[string]int{}}
}

// note records what a path says of a fact; a fact is named by the record, the date and the group
// of fields, never by the path.
func (f *facts) note(path, fact string, value any) {
	f.t.Helper()
	raw, err := json.Marshal(value)
	if err != nil {
		f.t.Fatal(err)
	}
	f.reads[path]++
	if prev, ok := f.seen[fact]; !ok {
		f.seen[fact], f.from[fact] = string(raw), path
	} else if prev != string(raw) {
		f.t.Errorf("%s:\n  %s says %s\n  %s says %s", fact, f.from[fact], prev, path, raw)
	}
}

// each reads every page of a connection: query takes $after and gives the connection at
// path (dot-separated) with edges { node } and pageInfo { hasNextPage endCursor }.
func (e *env) each(query string, vars map[string]any, path string, visit func(node map[string]any)) {
	e.t.Helper()
	var after any
	for {
		v := map[string]any{"after": after}
		for k, x := range vars {
			v[k] = x
		}
		var d map[string]any
		e.ok(query, v, &d)
		var conn any = d
		for _, k := range strings.Split(path, ".") {
			conn = conn.(map[string]any)[k]
		}
		c := conn.(map[string]any)
		for _, edge := range c["edges"].([]any) {
			visit(edge.(map[string]any)["node"].(map[string]any))
		}
		info := c["pageInfo"].(map[string]any)
		if !info["hasNextPage"].(bool) {
			return
		}
		after = info["endCursor"]
	}
}

// ceFields are the continuing-education fields compared, without the certificate.
func ceOf(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := map[string]any{}
	for k, x := range m {
		if k != "certificate" {
			out[k] = x
		}
	}
	return out
}

// TestOneAnswerPerFact reads every computed field that more than one path reaches — node and
// nodes, nested lists, connections, module queries and exports — on the demo world at several
// dates, and requires the same answer for the same record and date from every path.
func TestOneAnswerPerFact(t *testing.T) {
	e := newEnv(t, true)
	f := newFacts(t)
	const ce = `continuingEducation(asOf: $d) { certificate { id } cycleStart cycleEnd required earned remaining compliant }`
	const certFields = `id number registrationState(asOf: $d) ` + ce
	const personFields = `id idNumber phone birthYear ` + ce + ` certificates { ` + certFields + ` }`
	// A null date is "today" (the environment's fixed day), as when asOf is omitted.
	dates := []any{"2022-12-31", "2024-02-29", "2025-06-30", "2025-12-31", nil}
	dateName := func(d any) string {
		if d == nil {
			return "today"
		}
		return d.(string)
	}

	// The highest certificate each person's continuingEducation names, per date.
	personCE := map[string]map[string]any{}
	noteCert := func(path string, d any, c map[string]any) {
		key := fmt.Sprintf("Certificate %v at %s", c["id"], dateName(d))
		f.note(path, key+": registrationState", c["registrationState"])
		f.note(path, key+": continuingEducation", ceOf(c["continuingEducation"]))
		if got := c["continuingEducation"].(map[string]any)["certificate"].(map[string]any)["id"]; got != c["id"] {
			t.Errorf("%s: %s names certificate %v", path, key, got)
		}
	}
	notePerson := func(path string, d any, p map[string]any) {
		key := fmt.Sprintf("Person %v", p["id"])
		f.note(path, key+": personal data", []any{p["idNumber"], p["phone"], p["birthYear"]})
		ce, _ := p["continuingEducation"].(map[string]any)
		if personCE[dateName(d)] == nil {
			personCE[dateName(d)] = map[string]any{}
		}
		if ce != nil {
			personCE[dateName(d)][fmt.Sprint(p["id"])] = ce
		}
		f.note(path, fmt.Sprintf("%s at %s: continuingEducation", key, dateName(d)), ce)
		for _, c := range p["certificates"].([]any) {
			noteCert(path+" → certificates", d, c.(map[string]any))
		}
	}

	var personIDs, certIDs []string
	for i, d := range dates {
		e.each(`query($d: Date, $after: Cursor) { certificates(first: 100, after: $after) {
			edges { node { `+certFields+` holder { id idNumber phone birthYear } } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"d": d}, "certificates", func(c map[string]any) {
				noteCert("certificates", d, c)
				h := c["holder"].(map[string]any)
				f.note("certificates → holder", fmt.Sprintf("Person %v: personal data", h["id"]), []any{h["idNumber"], h["phone"], h["birthYear"]})
				if i == 0 {
					certIDs = append(certIDs, c["id"].(string))
				}
			})
		e.each(`query($d: Date, $after: Cursor) { persons(first: 100, after: $after) {
			edges { node { `+personFields+` } } pageInfo { hasNextPage endCursor } } }`,
			map[string]any{"d": d}, "persons", func(p map[string]any) {
				notePerson("persons", d, p)
				if i == 0 {
					personIDs = append(personIDs, p["id"].(string))
				}
			})
		for start := 0; start < len(certIDs); start += 100 {
			var r struct{ Nodes []map[string]any }
			e.ok(`query($d: Date, $ids: [ID!]!) { nodes(ids: $ids) { ... on Certificate { `+certFields+` } } }`,
				map[string]any{"d": d, "ids": certIDs[start:min(start+100, len(certIDs))]}, &r)
			for _, c := range r.Nodes {
				noteCert("nodes", d, c)
			}
		}
		for start := 0; start < len(personIDs); start += 100 {
			var r struct{ Nodes []map[string]any }
			e.ok(`query($d: Date, $ids: [ID!]!) { nodes(ids: $ids) { ... on Person { `+personFields+` } } }`,
				map[string]any{"d": d, "ids": personIDs[start:min(start+100, len(personIDs))]}, &r)
			for _, p := range r.Nodes {
				notePerson("nodes", d, p)
			}
		}
		// One record at a time, as a detail page reads it.
		for _, id := range personIDs[:min(15, len(personIDs))] {
			var r struct{ Node map[string]any }
			e.ok(`query($d: Date, $id: ID!) { node(id: $id) { ... on Person { `+personFields+` } } }`, map[string]any{"d": d, "id": id}, &r)
			notePerson("node", d, r.Node)
		}
		for _, id := range certIDs[:min(15, len(certIDs))] {
			var r struct{ Node map[string]any }
			e.ok(`query($d: Date, $id: ID!) { node(id: $id) { ... on Certificate { `+certFields+` } } }`, map[string]any{"d": d, "id": id}, &r)
			noteCert("node", d, r.Node)
		}
		// A person's continuingEducation is that of the certificate it names.
		for _, x := range personCE[dateName(d)] {
			c := x.(map[string]any)["certificate"].(map[string]any)["id"]
			f.note("Person.continuingEducation", fmt.Sprintf("Certificate %v at %s: continuingEducation", c, dateName(d)), ceOf(x))
		}
	}
	if len(certIDs) < 50 || len(personIDs) < 50 {
		t.Fatalf("the demo world has %d certificates and %d persons: too few to compare paths", len(certIDs), len(personIDs))
	}

	// The module's reminder list and its export, both on the environment's day.
	var list struct {
		Quality struct{ ContinuingEducationCompliance []map[string]any }
	}
	e.ok(`{ quality { continuingEducationCompliance(cycleEndingBefore: "2099-12-31", first: 100) { certificate { id } cycleStart cycleEnd required earned remaining compliant } } }`, nil, &list)
	for _, s := range list.Quality.ContinuingEducationCompliance {
		f.note("quality.continuingEducationCompliance", fmt.Sprintf("Certificate %v at today: continuingEducation", s["certificate"].(map[string]any)["id"]), ceOf(s))
	}
	numberOf := map[string]string{}
	e.each(`query($after: Cursor) { certificates(first: 100, after: $after) { edges { node { id number } } pageInfo { hasNextPage endCursor } } }`,
		nil, "certificates", func(c map[string]any) { numberOf[c["number"].(string)] = c["id"].(string) })
	status, body := e.download("ce-compliance", "?format=csv")
	if status != http.StatusOK {
		t.Fatalf("ce-compliance export: HTTP %d %s", status, body)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	if err != nil || len(rows) < 2 {
		t.Fatalf("ce-compliance export: %v, %d rows", err, len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, r := range rows[1:] {
		id, ok := numberOf[r[col["证书编号"]]]
		if !ok {
			t.Fatalf("the export lists certificate %q, which the API does not", r[col["证书编号"]])
		}
		num := func(h string) float64 {
			var n float64
			fmt.Sscan(r[col[h]], &n)
			return n
		}
		f.note("export ce-compliance", fmt.Sprintf("Certificate %s at today: continuingEducation", id), map[string]any{
			"cycleStart": r[col["周期开始"]], "cycleEnd": r[col["周期结束"]], "required": num("应修学时"),
			"earned": num("已修学时"), "remaining": num("尚缺学时"), "compliant": r[col["是否达标"]] == transfer.FormatBool(true)})
	}

	// Projects' personnel-cost rule: the connection, node, the agency's projects and the
	// module's list of non-compliant projects.
	const projectFields = `id personnelCostRatio meetsPersonnelCostRule`
	var projectIDs []string
	e.each(`query($after: Cursor) { serviceProjects(first: 100, after: $after) { edges { node { `+projectFields+` } } pageInfo { hasNextPage endCursor } } }`,
		nil, "serviceProjects", func(p map[string]any) {
			f.note("serviceProjects", fmt.Sprintf("ServiceProject %v", p["id"]), []any{p["personnelCostRatio"], p["meetsPersonnelCostRule"]})
			projectIDs = append(projectIDs, p["id"].(string))
		})
	e.each(`query($after: Cursor) { agencies(first: 100, after: $after) { edges { node { projects { `+projectFields+` } } } pageInfo { hasNextPage endCursor } } }`,
		nil, "agencies", func(a map[string]any) {
			for _, x := range a["projects"].([]any) {
				p := x.(map[string]any)
				f.note("agencies → projects", fmt.Sprintf("ServiceProject %v", p["id"]), []any{p["personnelCostRatio"], p["meetsPersonnelCostRule"]})
			}
		})
	e.each(`query($after: Cursor) { expansion { nonCompliantProjects(first: 100, after: $after) { edges { node { `+projectFields+` } } pageInfo { hasNextPage endCursor } } } }`,
		nil, "expansion.nonCompliantProjects", func(p map[string]any) {
			f.note("expansion.nonCompliantProjects", fmt.Sprintf("ServiceProject %v", p["id"]), []any{p["personnelCostRatio"], p["meetsPersonnelCostRule"]})
			if p["meetsPersonnelCostRule"] == true {
				t.Errorf("project %v is listed as non-compliant but meets the rule", p["id"])
			}
		})
	for _, id := range projectIDs[:min(15, len(projectIDs))] {
		var r struct{ Node map[string]any }
		e.ok(`query($id: ID!) { node(id: $id) { ... on ServiceProject { `+projectFields+` } } }`, map[string]any{"id": id}, &r)
		f.note("node", fmt.Sprintf("ServiceProject %v", id), []any{r.Node["personnelCostRatio"], r.Node["meetsPersonnelCostRule"]})
	}

	// Bases' places in a term: the connection, node and the module's practice bases.
	for _, term := range []civil.Term{{Year: 2024, Half: civil.Spring}, {Year: 2025, Half: civil.Autumn}} {
		const baseFields = `id placesOffered(term: $t) placesTaken(term: $t)`
		vars := map[string]any{"t": term.String()}
		var baseIDs []string
		e.each(`query($t: Term!, $after: Cursor) { bases(first: 100, after: $after) { edges { node { `+baseFields+` } } pageInfo { hasNextPage endCursor } } }`,
			vars, "bases", func(b map[string]any) {
				f.note("bases", fmt.Sprintf("Base %v in %s", b["id"], term), []any{b["placesOffered"], b["placesTaken"]})
				baseIDs = append(baseIDs, b["id"].(string))
			})
		e.each(`query($t: Term!, $after: Cursor) { campus { practiceBases(term: $t, first: 100, after: $after) { edges { node { `+baseFields+` } } pageInfo { hasNextPage endCursor } } } }`,
			vars, "campus.practiceBases", func(b map[string]any) {
				f.note("campus.practiceBases", fmt.Sprintf("Base %v in %s", b["id"], term), []any{b["placesOffered"], b["placesTaken"]})
			})
		for _, id := range baseIDs[:min(10, len(baseIDs))] {
			var r struct{ Node map[string]any }
			e.ok(`query($t: Term!, $id: ID!) { node(id: $id) { ... on Base { `+baseFields+` } } }`, map[string]any{"t": term.String(), "id": id}, &r)
			f.note("node", fmt.Sprintf("Base %v in %s", id, term), []any{r.Node["placesOffered"], r.Node["placesTaken"]})
		}
	}

	// Volunteers' masked phones: the connection, node and the export.
	var volunteerIDs []string
	e.each(`query($after: Cursor) { volunteers(first: 100, after: $after) { edges { node { id phone } } pageInfo { hasNextPage endCursor } } }`,
		nil, "volunteers", func(v map[string]any) {
			f.note("volunteers", fmt.Sprintf("Volunteer %v: phone", v["id"]), v["phone"])
			volunteerIDs = append(volunteerIDs, v["id"].(string))
		})
	for _, id := range volunteerIDs[:min(10, len(volunteerIDs))] {
		var r struct{ Node map[string]any }
		e.ok(`query($id: ID!) { node(id: $id) { ... on Volunteer { phone } } }`, map[string]any{"id": id}, &r)
		f.note("node", fmt.Sprintf("Volunteer %v: phone", id), r.Node["phone"])
	}

	// Every path must have answered something: a path that returns nothing compares nothing.
	var paths []string
	for p, n := range f.reads {
		if n == 0 {
			t.Errorf("path %s read nothing", p)
		}
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, want := range []string{"certificates", "persons", "persons → certificates", "nodes", "node", "Person.continuingEducation",
		"quality.continuingEducationCompliance", "export ce-compliance", "serviceProjects", "agencies → projects",
		"expansion.nonCompliantProjects", "bases", "campus.practiceBases", "volunteers"} {
		if f.reads[want] == 0 {
			t.Errorf("path %s read nothing (paths read: %v)", want, paths)
		}
	}
}
