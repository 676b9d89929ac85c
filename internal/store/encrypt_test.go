package store_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/internal/pii"
	"swtalent/internal/store"
)

const (
	idNumber = "11010519491231002X"
	phone    = "13812345678"
)

func keyring(t *testing.T) *pii.Keyring {
	t.Helper()
	key, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	k, err := pii.New(key)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// fileBytes reads the database file and its WAL.
func fileBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, err := os.ReadFile(p)
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		all = append(all, b...)
	}
	return all
}

// The database file never holds an ID number or a phone number in clear.
func TestDatabaseFileHoldsNoPersonalDataInClear(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	path := filepath.Join(t.TempDir(), "swtalent.db")
	db, err := store.Open(ctx, path, keyring(t))
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Client.Person.Create().SetName("李四").SetIDNumber(idNumber).SetPhone(phone).Save(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p.Gender != person.GenderFEMALE || p.BirthDate.Year != 1949 {
		t.Fatalf("derived fields: %s %v", p.Gender, p.BirthDate)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	raw := fileBytes(t, path)
	if len(raw) == 0 {
		t.Fatal("empty database file")
	}
	for _, secret := range []string{idNumber, phone, "110105", "1381234"} {
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the database file contains %q in clear", secret)
		}
	}
}

// A database written before encryption has its clear values encrypted on the next open.
func TestOpenEncryptsPlaintextLeftByEarlierBuilds(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	path := filepath.Join(t.TempDir(), "old.db")
	k := keyring(t)
	db, err := store.Open(ctx, path, k)
	if err != nil {
		t.Fatal(err)
	}
	// What an earlier build wrote: the values in clear, no hashes, and no index of clear values
	// (the next open creates it and finds the row through it).
	if _, err := db.SQL.ExecContext(ctx, `DROP INDEX person_plaintext`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SQL.ExecContext(ctx, `INSERT INTO persons (created_at, updated_at, demo, name, id_number, gender, birth_date, social_work_degree, phone)
		VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false, '王五', ?, 'FEMALE', '1949-12-31', 'NONE', ?)`, idNumber, phone); err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = store.Open(ctx, path, k)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := db.Client.Person.Query().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !pii.IsEncrypted(p.IDNumber) || !pii.IsEncrypted(p.Phone) || p.IDNumberHash != k.Hash("id_number", idNumber) || p.PhoneHash != k.Hash("phone", phone) {
		t.Fatalf("not migrated: %+v", p)
	}
	if got, _ := k.Decrypt(p.IDNumber); got != idNumber {
		t.Fatal("the migrated ID number does not decrypt to the original")
	}

	// Without a key the clear values cannot be encrypted: refuse to open rather than serve them.
	path2 := filepath.Join(t.TempDir(), "old2.db")
	db2, err := store.Open(ctx, path2, k)
	if err != nil {
		t.Fatal(err)
	}
	db2.SQL.ExecContext(ctx, `INSERT INTO persons (created_at, updated_at, demo, name, id_number, gender, birth_date, social_work_degree)
		VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, false, '赵六', ?, 'FEMALE', '1949-12-31', 'NONE')`, idNumber)
	db2.Close()
	if db3, err := store.Open(ctx, path2, nil); err == nil {
		db3.Close()
		t.Fatal("opened a database with clear personal data and no key")
	}
}
