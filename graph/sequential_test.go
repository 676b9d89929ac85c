package graph_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"swtalent/ent/account"
	"swtalent/graph"
)

// nestedPage is the nested page of the side-by-side benchmark (bench/peer, issue #19): persons →
// their certificates → the certificates' registrations.
const nestedPage = `query($n: Int!) { persons(first: $n) { edges { node { name
  certificates { number level passedOn registrations { kind status validUntil } } } } } }`

// newEnvHooked starts the demo world's API with mw around every field, acting as an ADMIN.
func newEnvHooked(t *testing.T, mw graphql.FieldMiddleware) *env {
	t.Helper()
	e := newEnvWith(t, true, graph.WithFieldHook(graph.Options{}, mw))
	e.token = e.signIn("admin", account.RoleADMIN, nil)
	return e
}

// Every field of a nested page resolves in one goroutine, whatever the page size: the generated
// executor is sequential (tools/gqlgenrun), where gqlgen's own starts a goroutine per list
// element and per field whose resolver takes a context.
func TestFieldsResolveInOneGoroutine(t *testing.T) {
	var (
		mu         sync.Mutex
		goroutines = map[string]bool{}
		fields     int
	)
	e := newEnvHooked(t, func(ctx context.Context, next graphql.Resolver) (any, error) {
		id := graph.GoroutineID()
		mu.Lock()
		goroutines[id] = true
		fields++
		mu.Unlock()
		return next(ctx)
	})
	for _, n := range []int{5, 50} {
		mu.Lock()
		goroutines, fields = map[string]bool{}, 0
		mu.Unlock()
		passed(t, e.post(nestedPage, map[string]any{"n": n}))
		mu.Lock()
		if fields < 3*n {
			t.Fatalf("page of %d: %d fields resolved; the demo world should give more", n, fields)
		}
		if len(goroutines) != 1 {
			t.Errorf("page of %d: %d fields resolved in %d goroutines, want 1", n, fields, len(goroutines))
		}
		mu.Unlock()
	}
}

// A panic in the resolver of one list element's field answers that field's error, on its path,
// and nulls that element's node; the other elements are answered and the server keeps serving.
func TestPanicInOneListElement(t *testing.T) {
	const broken = "persons.edges[1].node.name"
	var armed atomic.Bool
	e := newEnvHooked(t, func(ctx context.Context, next graphql.Resolver) (any, error) {
		if armed.Load() && graphql.GetFieldContext(ctx).Path().String() == broken {
			panic("a resolver breaks")
		}
		return next(ctx)
	})
	armed.Store(true)
	r := e.post(`{ persons(first: 3) { edges { node { name } } } }`, nil)
	armed.Store(false)
	if r.status != http.StatusOK {
		t.Fatalf("HTTP %d: %.500s", r.status, r.body)
	}
	var got struct {
		Data struct {
			Persons struct {
				Edges []struct{ Node *struct{ Name string } }
			}
		}
		Errors []struct {
			Message    string
			Path       []any
			Extensions map[string]any
		}
	}
	if err := json.Unmarshal(r.body, &got); err != nil {
		t.Fatal(err)
	}
	edges := got.Data.Persons.Edges
	if len(edges) != 3 || edges[0].Node == nil || edges[0].Node.Name == "" || edges[1].Node != nil ||
		edges[2].Node == nil || edges[2].Node.Name == "" {
		t.Fatalf("want the first and third persons and a null second one: %s", r.body)
	}
	if len(got.Errors) != 1 {
		t.Fatalf("want one error: %s", r.body)
	}
	if p, _ := json.Marshal(got.Errors[0].Path); string(p) != `["persons","edges",1,"node","name"]` {
		t.Errorf("error path %s, want the broken field's", p)
	}
	if got.Errors[0].Extensions["code"] != "INTERNAL" {
		t.Errorf("error %+v, want code INTERNAL", got.Errors[0])
	}
	passed(t, e.post(`{ persons(first: 3) { edges { node { name } } } }`, nil))
}
