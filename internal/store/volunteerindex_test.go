package store_test

import (
	"context"
	"slices"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// A database of the build before keeps the volunteers' (community_id, registered_on) index; the
// schema migration adds (community_id, registered_on, left_on) beside it and the data upgrade
// volunteer-index drops the old one, on SQLite and PostgreSQL.
func TestVolunteerIndexUpgrade(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	db := testdb.Open(t)
	for _, q := range []string{
		`CREATE INDEX volunteer_community_id_registered_on ON volunteers (community_id, registered_on)`,
		`DELETE FROM data_upgrades WHERE name = 'volunteer-index'`,
	} {
		if _, err := db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	again, err := store.Open(ctx, db.Addr, db.Keyring)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	list := `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'volunteers' ORDER BY name`
	if again.Dialect == "postgres" {
		list = `SELECT indexname FROM pg_indexes WHERE tablename = 'volunteers' AND indexname <> 'volunteers_pkey' ORDER BY indexname`
	}
	rows, err := again.SQL.QueryContext(ctx, list)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	want := []string{"volunteer_community_id_name_phone_hash", "volunteer_community_id_registered_on_left_on", "volunteer_registered_on_left_on"}
	if !slices.Equal(names, want) {
		t.Fatalf("indexes of volunteers after the upgrade: %v, want %v", names, want)
	}
}
