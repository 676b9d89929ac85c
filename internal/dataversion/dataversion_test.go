package dataversion_test

import (
	"context"
	"testing"
	"time"

	"swtalent/ent/privacy"
	"swtalent/internal/dataversion"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

func system() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

func version(t *testing.T, db *store.DB) int64 {
	t.Helper()
	v, err := dataversion.Read(system(), db.Read)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// Every committed write bumps the version, a rolled-back one does not, and a write through
// another client on the same database (another instance, the CLI) is seen too.
func TestEveryWriteBumpsTheVersion(t *testing.T) {
	ctx := system()
	db := testdb.Open(t)
	v0 := version(t, db)

	u, err := db.Client.University.Create().SetName("江西师范大学").Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	v1 := version(t, db)
	if v1 <= v0 {
		t.Fatalf("create: version %d, was %d", v1, v0)
	}

	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.University.UpdateOne(u).SetName("上饶师范学院").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if v := version(t, db); v != v1 {
		t.Fatalf("rolled-back update moved the version from %d to %d", v1, v)
	}

	tx, err = db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.University.UpdateOne(u).SetName("上饶师范学院").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if v := version(t, db); v != v1 {
		t.Fatalf("an uncommitted update is visible outside its transaction: %d", v)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	v2 := version(t, db)
	if v2 <= v1 {
		t.Fatalf("committed update: version %d, was %d", v2, v1)
	}

	// Another instance: its own connection pool and client on the same database.
	other, err := store.Open(ctx, db.Addr, db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if err := other.Client.University.DeleteOneID(u.ID).Exec(ctx); err != nil {
		t.Fatal(err)
	}
	if v := version(t, db); v <= v2 {
		t.Fatalf("a delete through another client left the version at %d", v)
	}
}

// Opening an existing database keeps its version.
func TestOpenKeepsTheVersion(t *testing.T) {
	ctx := system()
	db := testdb.Open(t)
	if _, err := db.Client.University.Create().SetName("南昌大学").Save(ctx); err != nil {
		t.Fatal(err)
	}
	v := version(t, db)
	again, err := store.Open(ctx, db.Addr, db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	if got := version(t, again); got != v {
		t.Fatalf("reopening moved the version from %d to %d", v, got)
	}
}

// Accounts, tokens and the audit trail are no data a cached result derives from: writing them
// (a sign-in, a failed login's audit event, a logout) leaves the version alone.
func TestPlatformRecordsBumpNoVersion(t *testing.T) {
	ctx := system()
	db := testdb.Open(t)
	v0 := version(t, db)
	acc := db.Client.Account.Create().SetUsername("clerk").SetRole("STAFF").SetPasswordHash("x").SaveX(ctx)
	tok := db.Client.ApiToken.Create().SetAccount(acc).SetKind("SESSION").SetTokenHash("h").SetExpiresAt(time.Now().Add(time.Hour)).SaveX(ctx)
	db.Client.ApiToken.UpdateOne(tok).SetRevokedAt(time.Now()).ExecX(ctx)
	db.Client.AuditEvent.Create().SetOperation("LOGIN_FAILED").SetEntity("Account").ExecX(ctx)
	if v := version(t, db); v != v0 {
		t.Fatalf("platform records moved the version from %d to %d", v0, v)
	}
	db.Client.University.Create().SetName("江西师范大学").ExecX(ctx)
	if v := version(t, db); v <= v0 {
		t.Fatal("a register's write did not move the version")
	}
}
