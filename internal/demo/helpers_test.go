package demo

import (
	"context"
	"testing"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
)

// openLoaded opens a fresh test database with the reference data loaded.
func openLoaded(t testing.TB) *ent.Client {
	t.Helper()
	ctx := system()
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	return db.Client
}

// buildWorld builds the demo world of the plan's period in a fresh database inside a committed
// transaction.
func buildWorld(t testing.TB) (*ent.Client, *World) {
	t.Helper()
	return buildWorldUntil(t, PlanEnd())
}

// buildWorldUntil builds the demo world for the day until like buildWorld.
func buildWorldUntil(t testing.TB, until civil.Date) (*ent.Client, *World) {
	t.Helper()
	ctx := system()
	client := openLoaded(t)
	tx, err := client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	w, err := Build(ctx, tx.Client(), until)
	if err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return client, w
}

// system is the context of the system tasks these tests check: no viewer limits what they see.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// plain decrypts a stored personal value.
func plain(t testing.TB, client *ent.Client, stored string) string {
	t.Helper()
	v, err := client.Keyring.Decrypt(stored)
	if err != nil {
		t.Fatalf("decrypt: %v", err)
	}
	return v
}
