package store_test

import (
	"context"
	"strings"
	"testing"

	"swtalent/internal/pii"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// PostgreSQL connections run with JIT off (it compiled swtalent's counts for longer than they
// ran), on every connection of the pool, unless the address asks for it with ?jit=on.
func TestPostgresConnectionsRunWithoutJIT(t *testing.T) {
	db := testdb.Open(t)
	if db.Dialect != "postgres" {
		t.Skip("JIT is PostgreSQL's; set " + testdb.EnvPostgres)
	}
	ctx := context.Background()
	jit := func(db *store.DB) string {
		t.Helper()
		conn, err := db.SQL.Conn(ctx) // one connection, whichever the pool gives
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var v string
		if err := conn.QueryRowContext(ctx, "SHOW jit").Scan(&v); err != nil {
			t.Fatal(err)
		}
		return v
	}
	if v := jit(db); v != "off" {
		t.Errorf("jit = %s on a connection of the pool, want off", v)
	}
	keyring, err := pii.New(make([]byte, 32))
	if err != nil {
		t.Fatal(err)
	}
	sep := "?"
	if strings.Contains(db.Addr, "?") {
		sep = "&"
	}
	on, err := store.Connect(db.Addr+sep+"jit=on", keyring)
	if err != nil {
		t.Fatal(err)
	}
	defer on.Close()
	if v := jit(on); v != "on" {
		t.Errorf("jit = %s with ?jit=on in the address, want on", v)
	}
}
