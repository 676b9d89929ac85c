package perf_test

import "testing"

// A request's SQL statements do not grow with its page sizes: nested connections and lists
// are loaded one query per level, whatever the number of parents.
func TestStatementsIndependentOfPageSize(t *testing.T) {
	e := env(t)
	for _, q := range []struct {
		name, query string
		small, big  map[string]any
	}{
		{"nested regions", nestedRegions,
			map[string]any{"level": "TOWNSHIP", "n": 2, "m": 2, "k": 1}, map[string]any{"level": "TOWNSHIP", "n": 50, "m": 10, "k": 5}},
		{"nested persons", nestedPersons, map[string]any{"n": 2, "m": 1}, map[string]any{"n": 50, "m": 10}},
		{"persons page", personsPage, map[string]any{"code": e.county}, map[string]any{"code": e.county}},
	} {
		statements := func(vars map[string]any) int {
			e.must(t, q.query, vars, nil) // the token's last use is written at most once a minute
			e.count.Reset()
			e.must(t, q.query, vars, nil)
			return e.count.N()
		}
		small, big := statements(q.small), statements(q.big)
		if small != big || big > 12 {
			t.Errorf("%s: %d statements for the small page, %d for the big one", q.name, small, big)
		}
		t.Logf("%s: %d statements", q.name, big)
	}
}
