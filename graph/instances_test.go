package graph_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"testing"

	"swtalent/ent/account"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/modules"
)

// Two instances of the server on one PostgreSQL database serve the same data: a write through
// one is read through the other, and a session opened on one signs in on the other (the server
// keeps no state of its own). SQLite is one process's file, so this runs on PostgreSQL only.
func TestTwoInstancesShareOnePostgreSQL(t *testing.T) {
	first := newEnv(t, false)
	if first.db.Dialect != "postgres" {
		t.Skip("set SWTALENT_TEST_POSTGRES to run instances against one PostgreSQL database")
	}
	db2, err := store.Open(context.Background(), first.db.Addr, first.db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	top, _ := refdata.TopRegionCode()
	cfg := modules.Config{Client: db2.Client, TopRegion: top, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }}
	srv2 := httptest.NewServer(graph.NewHandler(cfg, graph.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv2.Close)
	second := *first
	second.srv = srv2

	staff := first.signIn("clerk", account.RoleSTAFF, nil) // a session opened on the first instance
	var created struct{ CreatePerson struct{ ID string } }
	first.as(staff).ok(createPerson, map[string]any{"input": map[string]any{"name": "李四", "idNumber": "11010519491231002X"}}, &created)
	var read struct {
		Node struct{ Name, IDNumber string }
	}
	second.as(staff).ok(`query($id: ID!) { node(id: $id) { ... on Person { name idNumber } } }`, map[string]any{"id": created.CreatePerson.ID}, &read)
	if read.Node.Name != "李四" || read.Node.IDNumber != "110***********002X" {
		t.Fatalf("the second instance reads %+v", read.Node)
	}
	second.as(staff).fails(createPerson, map[string]any{"input": map[string]any{"name": "王五", "idNumber": "11010519491231002X"}}, "CONFLICT", "idNumber")
}
