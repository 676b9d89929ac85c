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
	names := testdb.Indexes(t, again.SQL, again.Dialect, "volunteers")
	want := []string{"volunteer_community_id_name_phone_hash", "volunteer_community_id_registered_on_left_on", "volunteer_registered_on_left_on"}
	if !slices.Equal(names, want) {
		t.Fatalf("indexes of volunteers after the upgrade: %v, want %v", names, want)
	}
}
