package synth_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/synth"
	"swtalent/internal/testdb"
)

// A generation that fails partway leaves the large tables without the secondary indexes it
// dropped to fill them; opening the database again (what every command and the server do first)
// creates every index of the schema again. SQLite and PostgreSQL.
func TestFailedGenerationGetsItsIndexesBackOnOpen(t *testing.T) {
	want := indexNames(t, testdb.Open(t))
	if len(want) < 20 {
		t.Fatalf("a fresh database has %d secondary indexes: %v", len(want), want)
	}

	ctx, cancel := context.WithCancel(privacy.DecisionContext(context.Background(), privacy.Allow))
	defer cancel()
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	// The run stops after its second stage, as an interrupted or failing run would.
	stop := progressFunc(func(line string) {
		if strings.Contains(line, "agencies") {
			cancel()
		}
	})
	if _, err := synth.Generate(ctx, db, synth.Options{Shape: countyShape(t), Seed: 5, CommitEvery: 500, Progress: stop}); err == nil {
		t.Fatal("the cancelled generation reported success")
	}
	if got := indexNames(t, db); len(got) >= len(want) {
		t.Fatalf("the failed generation left %d of %d indexes: the test no longer fails partway", len(got), len(want))
	}

	again, err := store.Open(context.Background(), db.Addr, db.Keyring)
	if err != nil {
		t.Fatalf("open after a failed generation: %v", err)
	}
	defer again.Close()
	if got := indexNames(t, again); !slices.Equal(got, want) {
		t.Errorf("indexes after opening again:\n got %v\nwant %v", got, want)
	}
}

// progressFunc is an io.Writer calling f with every progress line.
type progressFunc func(line string)

func (f progressFunc) Write(p []byte) (int, error) {
	f(string(p))
	return len(p), nil
}

// indexNames lists the database's secondary indexes, sorted.
func indexNames(t *testing.T, db *store.DB) []string {
	t.Helper()
	return testdb.Indexes(t, db.SQL, db.Dialect, "")
}
