package demo

import (
	"context"
	"testing"

	"swtalent/ent"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
)

// openLoaded opens a fresh test database with the reference data loaded.
func openLoaded(t testing.TB) *ent.Client {
	t.Helper()
	ctx := context.Background()
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	return db.Client
}

// buildWorld builds the demo world in a fresh database inside a committed transaction.
func buildWorld(t testing.TB) (*ent.Client, *World) {
	t.Helper()
	ctx := context.Background()
	client := openLoaded(t)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(ctx, tx.Client())
	if err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return client, w
}
