package pgcopy_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"entgo.io/ent/dialect"

	"swtalent/internal/civil"
	"swtalent/internal/pgcopy"
	"swtalent/internal/testdb"
)

// TestCopyFromInTransaction checks that copied rows belong to the transaction (gone after a
// rollback, kept after a commit, with their NULLs and dates), and that a connection that is not
// PostgreSQL's says it cannot copy. On SQLite only the last part runs (set SWTALENT_TEST_POSTGRES).
func TestCopyFromInTransaction(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	begin := func() *pgcopy.Tx {
		t.Helper()
		tx, err := pgcopy.Begin(ctx, conn, nil)
		if err != nil {
			t.Fatal(err)
		}
		return tx
	}
	if db.Dialect != dialect.Postgres {
		tx := begin()
		defer tx.Rollback()
		if tx.CanCopy() {
			t.Fatal("a SQLite transaction says it can copy")
		}
		if _, err := tx.CopyFrom(ctx, "regions", []string{"code"}, []any{"1"}); !errors.Is(err, pgcopy.ErrNoCopy) {
			t.Fatalf("copy on SQLite: got %v, want ErrNoCopy", err)
		}
		return
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE copy_test (id BIGINT PRIMARY KEY, day DATE, name VARCHAR(20), n INT)"); err != nil {
		t.Fatal(err)
	}
	var noDay *civil.Date
	rows := []any{
		1, civil.DateFor(2024, time.February, 29), "a", 3,
		2, noDay, nil, 4,
	}
	cols := []string{"id", "day", "name", "n"}
	count := func() int {
		t.Helper()
		var n int
		if err := conn.QueryRowContext(ctx, "SELECT COUNT(*) FROM copy_test").Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	tx := begin()
	if !tx.CanCopy() {
		t.Fatal("a PostgreSQL transaction says it cannot copy")
	}
	if n, err := tx.CopyFrom(ctx, "copy_test", cols, rows); err != nil || n != 2 {
		t.Fatalf("copy: %d rows, %v", n, err)
	}
	var inside int
	if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM copy_test").Scan(&inside); err != nil || inside != 2 {
		t.Fatalf("inside the transaction: %d rows, %v", inside, err)
	}
	if err := tx.Rollback(); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 0 {
		t.Fatalf("after rollback: %d rows, want 0", n)
	}

	tx = begin()
	if _, err := tx.CopyFrom(ctx, "copy_test", cols, rows[:5]); err == nil {
		t.Fatal("5 values for 4 columns: no error")
	}
	if _, err := tx.CopyFrom(ctx, "copy_test", cols, rows); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var day, name *string
	if err := conn.QueryRowContext(ctx, "SELECT day::text, name FROM copy_test WHERE id = 1").Scan(&day, &name); err != nil {
		t.Fatal(err)
	}
	if day == nil || *day != "2024-02-29" || name == nil || *name != "a" {
		t.Fatalf("row 1: day %v, name %v", day, name)
	}
	if err := conn.QueryRowContext(ctx, "SELECT day::text, name FROM copy_test WHERE id = 2").Scan(&day, &name); err != nil {
		t.Fatal(err)
	}
	if day != nil || name != nil {
		t.Fatalf("row 2: day %v, name %v, want NULLs", day, name)
	}

	tx = begin()
	defer tx.Rollback()
	if _, err := tx.CopyFrom(ctx, "copy_test", cols, []any{1, nil, "dup", 0}); err == nil {
		t.Fatal("a duplicate key copied without error")
	}
}
