package store_test

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/internal/pii"
	"swtalent/internal/store"
	"swtalent/internal/validate"
)

// copyFile copies a fixture into the test's directory.
func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// A database made by the first build (commit e55b743: the demo world, ID numbers and phones in
// clear, no accounts) opens with this build: new tables and columns are added, nothing is lost,
// the personal data is encrypted in place, and the schema version is recorded.
func TestUpgradeFromFoundationBuild(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	path := filepath.Join(t.TempDir(), "old.db")
	copyFile(t, "testdata/foundation-e55b743.db", path)
	k := keyring(t)
	db, err := store.Open(ctx, path, k)
	if err != nil {
		t.Fatalf("open the old database: %v", err)
	}

	persons, err := db.Client.Person.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(persons) != 250 {
		t.Fatalf("%d persons after the upgrade, want the 250 of the old database", len(persons))
	}
	for _, p := range persons {
		id, err := k.Decrypt(p.IDNumber)
		if err != nil {
			t.Fatalf("%s: ID number not encrypted: %v", p.Name, err)
		}
		if _, err := validate.ParseIDNumber("idNumber", id, p.CreatedAt); err != nil || p.IDNumberHash != k.Hash("id_number", id) {
			t.Fatalf("%s: the encrypted ID number is not the original (%v)", p.Name, err)
		}
		if p.Phone != "" && !pii.IsEncrypted(p.Phone) {
			t.Fatalf("%s: phone still in clear", p.Name)
		}
	}
	certs, err := db.Client.Certificate.Query().Count(ctx)
	if err != nil || certs < 150 {
		t.Fatalf("certificates after the upgrade: %d %v", certs, err)
	}
	if n, err := db.Client.Account.Query().Count(ctx); err != nil || n != 0 {
		t.Fatalf("accounts table: %d %v", n, err)
	}
	// The keyed hash finds people who were stored in clear before.
	first, _ := k.Decrypt(persons[0].IDNumber)
	if found, err := db.Client.Person.Query().Where(person.IDNumberHash(k.Hash("id_number", first))).Only(ctx); err != nil || found.ID != persons[0].ID {
		t.Fatalf("lookup by hash after the upgrade: %v", err)
	}
	version, fingerprint, err := db.SchemaVersion(ctx)
	if err != nil || version != 1 || fingerprint == "" {
		t.Fatalf("schema version %d %q %v", version, fingerprint, err)
	}
	db.Close()

	// Opening again changes nothing: same version, nothing left to encrypt.
	db, err = store.Open(ctx, path, k)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v, _, _ := db.SchemaVersion(ctx); v != 1 {
		t.Fatalf("second open recorded version %d", v)
	}
}
