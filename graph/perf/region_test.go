package perf_test

import (
	"strings"
	"testing"
)

// inRegion selects the same people as the generated hasRegionWith over the subtree's code range,
// for a county, a township and the whole province; a malformed code is a user error.
func TestInRegionMatchesHasRegionWith(t *testing.T) {
	e := env(t)
	var township struct {
		Regions struct {
			Edges []struct{ Node struct{ Code string } }
		}
	}
	e.must(t, `query($c: String!) { regions(first: 1, where: {level: TOWNSHIP, codeHasPrefix: $c}) { edges { node { code } } } }`,
		map[string]any{"c": e.county[:6]}, &township)
	if len(township.Regions.Edges) == 0 {
		t.Fatal("the county has no township")
	}
	codes := []string{e.county, township.Regions.Edges[0].Node.Code, e.county[:2] + "0000000000"}
	for _, code := range codes {
		var a, b struct {
			Persons struct {
				TotalCount int
				Edges      []struct{ Node struct{ ID string } }
			}
		}
		e.must(t, `query($code: String!) { persons(first: 100, where: {inRegion: $code}) { totalCount edges { node { id } } } }`,
			map[string]any{"code": code}, &a)
		vars := regionVars(code)
		e.must(t, `query($lo: String!, $hi: String!) { persons(first: 100, where: {hasRegionWith: [{codeGTE: $lo, codeLT: $hi}]}) { totalCount edges { node { id } } } }`,
			vars, &b)
		if a.Persons.TotalCount == 0 || a.Persons.TotalCount != b.Persons.TotalCount || len(a.Persons.Edges) != len(b.Persons.Edges) {
			t.Fatalf("%s: inRegion found %d, hasRegionWith %d", code, a.Persons.TotalCount, b.Persons.TotalCount)
		}
		for i := range a.Persons.Edges {
			if a.Persons.Edges[i].Node.ID != b.Persons.Edges[i].Node.ID {
				t.Fatalf("%s: the pages differ at %d", code, i)
			}
		}
	}
	err := e.post("", `{ persons(first: 1, where: {inRegion: "3611"}) { totalCount } }`, nil, nil)
	if err == nil || !strings.Contains(err.Error(), "BAD_USER_INPUT") && !strings.Contains(err.Error(), "INVALID") {
		t.Fatalf("a malformed region code: %v", err)
	}
}
