package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/internal/store"
)

// A backup taken while the database is open is a complete, checked copy that opens with the same
// data key.
func TestBackup(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	dir := t.TempDir()
	k := keyring(t)
	db, err := store.Open(ctx, filepath.Join(dir, "swtalent.db"), k)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Client.Person.Create().SetName("李四").SetIDNumber(idNumber).SetPhone(phone).Save(ctx); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "backup.db")
	rep, err := db.Backup(ctx, out)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Tables["persons"] != 1 || rep.Bytes == 0 {
		t.Fatalf("report: %+v", rep)
	}
	if _, err := db.Backup(ctx, out); err == nil {
		t.Fatal("a backup overwrote an existing file")
	}
	restored, err := store.Open(ctx, out, k)
	if err != nil {
		t.Fatal(err)
	}
	defer restored.Close()
	p, err := restored.Client.Person.Query().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := k.Decrypt(p.IDNumber); err != nil || got != idNumber {
		t.Fatalf("restored ID number: %v", err)
	}
}
