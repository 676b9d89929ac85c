package graph_test

import (
	"encoding/json"
	"testing"

	"swtalent/ent/account"
	"swtalent/ent/certificate"
	"swtalent/ent/schema/enum"
	"swtalent/graph"
)

// A connection's totalCount is the number of nodes its filter matches whatever page is asked
// for — first or last, before or after a cursor, an empty page — and asking for it with a page
// costs no statement more than the page alone (the count is a column of the page's statement).
func TestTotalCountWithEveryPage(t *testing.T) {
	e := newEnvWith(t, true, graph.Options{ResponseCacheEntries: -1}) // the statements of executing, not of a cached answer
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	want := e.client.Certificate.Query().Where(certificate.LevelEQ(enum.LevelAssistant)).CountX(sys())
	if want < 6 {
		t.Fatalf("the demo world needs assistant certificates, has %d", want)
	}
	type page struct {
		Certificates struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage, HasPreviousPage bool
			}
			Edges []struct{ Cursor string }
		}
	}
	const q = `query($first: Int, $last: Int, $after: Cursor, $before: Cursor) {
  certificates(first: $first, last: $last, after: $after, before: $before, where: {level: ASSISTANT}) {
    totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor } } }`
	get := func(vars map[string]any) page {
		t.Helper()
		var d page
		e.ok(q, vars, &d)
		if d.Certificates.TotalCount != want {
			t.Fatalf("%v: totalCount %d, want %d", vars, d.Certificates.TotalCount, want)
		}
		return d
	}
	first := get(map[string]any{"first": 3})
	if n := len(first.Certificates.Edges); n != 3 || !first.Certificates.PageInfo.HasNextPage {
		t.Fatalf("first page: %d edges, hasNextPage %v", n, first.Certificates.PageInfo.HasNextPage)
	}
	get(map[string]any{"last": 2})
	get(map[string]any{"first": 0})
	next := get(map[string]any{"first": 2, "after": first.Certificates.Edges[2].Cursor})
	if len(next.Certificates.Edges) != 2 || next.Certificates.Edges[0].Cursor == first.Certificates.Edges[2].Cursor {
		t.Fatalf("the page after the third certificate: %+v", next.Certificates.Edges)
	}
	get(map[string]any{"last": 2, "before": first.Certificates.Edges[0].Cursor}) // empty: nothing before the first
	last := get(map[string]any{"last": 1})
	if len(last.Certificates.Edges) != 1 || !last.Certificates.PageInfo.HasPreviousPage {
		t.Fatalf("the last certificate: %+v", last.Certificates)
	}
	if after := get(map[string]any{"first": 5, "after": last.Certificates.Edges[0].Cursor}); len(after.Certificates.Edges) != 0 {
		t.Fatalf("a page after the last certificate has %d edges", len(after.Certificates.Edges))
	}
	var none page
	e.ok(`{ certificates(first: 5, where: {number: "no such number"}) { totalCount edges { cursor } } }`, nil, &none)
	if none.Certificates.TotalCount != 0 || len(none.Certificates.Edges) != 0 {
		t.Fatalf("no match: %+v", none.Certificates)
	}

	statements := func(doc string) int {
		var d map[string]json.RawMessage
		e.count.Reset()
		e.ok(doc, nil, &d)
		return e.count.N()
	}
	const edges = `certificates(first: 20, where: {level: SENIOR, passedOnGTE: "2020-01-01"}) { edges { node { number passedOn } } }`
	const withTotal = `certificates(first: 20, where: {level: SENIOR, passedOnGTE: "2020-01-01"}) { totalCount edges { node { number passedOn } } }`
	statements(`{ ` + withTotal + ` }`)
	if alone, with := statements(`{ `+edges+` }`), statements(`{ `+withTotal+` }`); alone != with || with != 1 {
		t.Errorf("a page costs %d statements, with its totalCount %d; want 1 and 1", alone, with)
	}
}
