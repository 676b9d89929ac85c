package schema

import (
	"testing"

	"entgo.io/ent/entc"
	"entgo.io/ent/entc/gen"
)

// Every entity has a privacy policy, and a row of its own in the policy table: an entity added
// without one would be readable by everybody, the opposite of failing closed.
func TestEveryEntityHasAPolicy(t *testing.T) {
	graph, err := entc.LoadGraph(".", &gen.Config{})
	if err != nil {
		t.Fatal(err)
	}
	table := policyTable()
	for _, n := range graph.Nodes {
		if n.NumPolicy() == 0 {
			t.Errorf("%s has no privacy policy: embed PolicyMixin{Entity: %q}", n.Name, n.Name)
		}
		if _, ok := table[n.Name]; !ok {
			t.Errorf("%s has no row in policyTable()", n.Name)
		}
	}
	if len(graph.Nodes) < 13 {
		t.Fatalf("loaded only %d entities", len(graph.Nodes))
	}
}
