package store_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/university"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
)

// Eight writers, eight readers and one long write transaction at once never meet a busy or
// locked error: on SQLite the writers queue for the one writer connection instead of racing for
// the file's lock, and the readers read beside the writer. The SQLite database is opened with a
// busy timeout of 50 ms, six times shorter than the long transaction, so that writers on
// connections of their own would fail with "database is locked".
func TestWritersAndReadersNeverBusy(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	var db *store.DB
	if os.Getenv(testdb.EnvPostgres) != "" {
		db = testdb.Open(t)
	} else {
		path := filepath.Join(t.TempDir(), "busy.db")
		var err error
		db, err = store.Open(ctx, "file:"+path+"?_busy_timeout=50&_journal_mode=WAL", keyring(t))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
	}
	const writers, readers, writes = 8, 8, 10
	var failures atomic.Int64
	fail := func(what string, err error) {
		failures.Add(1)
		t.Errorf("%s: %v", what, err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	held := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		tx, err := db.Client.Tx(ctx)
		if err != nil {
			fail("long transaction", err)
			close(held)
			return
		}
		if err := tx.University.Create().SetName("long").Exec(ctx); err != nil {
			fail("long transaction", err)
		}
		close(held)
		time.Sleep(300 * time.Millisecond)
		if err := tx.Commit(); err != nil {
			fail("long transaction", err)
		}
	}()
	<-held
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range writes {
				if err := db.Client.University.Create().SetName(fmt.Sprintf("w%d-%d", w, i)).Exec(ctx); err != nil {
					fail("write", err)
				}
			}
		}()
	}
	var reads atomic.Int64
	var rg sync.WaitGroup
	for range readers {
		rg.Add(1)
		go func() {
			defer rg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := db.Client.University.Query().Count(ctx); err != nil {
					fail("read", err)
				}
				if _, err := db.Client.Region.Query().Where(region.CodeGTE("36")).Limit(20).All(ctx); err != nil {
					fail("read", err)
				}
				reads.Add(1)
			}
		}()
	}
	wg.Wait()
	close(stop)
	rg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d statements failed", n)
	}
	n, err := db.Client.University.Query().Count(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != writers*writes+1 {
		t.Errorf("%d universities, want %d", n, writers*writes+1)
	}
	if reads.Load() == 0 {
		t.Error("no read finished while the writers wrote")
	}
}

// While a transaction holds the writer, a read through another client (the captured one, not
// the transaction's) answers at once, from before the transaction, instead of waiting for it.
func TestReadBesideOpenTransaction(t *testing.T) {
	db := testdb.Open(t)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if err := tx.University.Create().SetName("uncommitted").Exec(ctx); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	n, err := db.Client.University.Query().Where(university.Name("uncommitted")).Count(short)
	if err != nil {
		t.Fatalf("read beside the transaction: %v", err)
	}
	if n != 0 {
		t.Errorf("the read outside the transaction sees its uncommitted row")
	}
	if n, err := tx.University.Query().Where(university.Name("uncommitted")).Count(short); err != nil || n != 1 {
		t.Errorf("the transaction reads %d of its own rows (%v), want 1", n, err)
	}
}

// On SQLite the readers refuse to write, so a write sent past the writer fails loudly instead of
// racing it for the lock.
func TestReadersRefuseWrites(t *testing.T) {
	db := testdb.Open(t)
	if db.Read == db.SQL {
		t.Skip("one pool: PostgreSQL")
	}
	_, err := db.Read.Exec("INSERT INTO universities (created_at, updated_at, name) VALUES (CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'x')")
	if err == nil || !strings.Contains(err.Error(), "readonly") {
		t.Errorf("write on a reader: %v, want a read-only error", err)
	}
}
