package sqlindex_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"

	"entgo.io/ent/dialect"

	"swtalent/internal/sqlindex"
	"swtalent/internal/testdb"
)

// Without drops a table's secondary indexes while it fills, but those it is told to keep, and
// creates the same ones again; a unique index then still refuses a duplicate. SQLite and
// PostgreSQL (SWTALENT_TEST_POSTGRES).
func TestWithoutIndexes(t *testing.T) {
	for _, keep := range [][]string{nil, {"bulk_rows_b_a"}} {
		t.Run(fmt.Sprintf("keep %v", keep), func(t *testing.T) { testWithout(t, keep) })
	}
}

func testWithout(t *testing.T, keep []string) {
	ctx := context.Background()
	db := testdb.Open(t)
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range []string{
		"CREATE TABLE bulk_rows (id INTEGER PRIMARY KEY, a INTEGER NOT NULL, b VARCHAR(10))",
		"CREATE UNIQUE INDEX bulk_rows_a ON bulk_rows (a)",
		"CREATE INDEX bulk_rows_b_a ON bulk_rows (b, a)",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	names := func() []string {
		t.Helper()
		return testdb.Indexes(t, conn, db.Dialect, "bulk_rows")
	}
	want := []string{"bulk_rows_a", "bulk_rows_b_a"}
	if got := names(); !slices.Equal(got, want) {
		t.Fatalf("indexes before: %v", got)
	}
	// On SQLite, Create lets the sorter use helper threads while it builds; the connection's own
	// setting is back afterwards.
	if db.Dialect == dialect.SQLite {
		threads := func() int {
			t.Helper()
			var n int
			if err := conn.QueryRowContext(ctx, "PRAGMA threads").Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA threads = 1"); err != nil {
			t.Fatal(err)
		}
		defer func() {
			if n := threads(); n != 1 {
				t.Errorf("PRAGMA threads: %d after building the indexes, 1 before", n)
			}
		}()
	}
	err = sqlindex.Without(ctx, conn, db.Dialect, []string{"bulk_rows"}, keep, func() error {
		if got := names(); !slices.Equal(got, keep) && !(len(got) == 0 && len(keep) == 0) {
			t.Errorf("indexes while filling: %v, want %v", got, keep)
		}
		for i := range 1000 {
			if _, err := conn.ExecContext(ctx, rebind(db.Dialect, "INSERT INTO bulk_rows (id, a, b) VALUES (?, ?, ?)"), i+1, i, "x"); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := names(); !slices.Equal(got, want) {
		t.Fatalf("indexes after: %v", got)
	}
	if _, err := conn.ExecContext(ctx, rebind(db.Dialect, "INSERT INTO bulk_rows (id, a, b) VALUES (?, ?, ?)"), 5000, 7, "y"); err == nil {
		t.Error("the unique index created again accepted a duplicate")
	}
}

// DropForeignKeys drops a table's foreign keys on PostgreSQL, so a row without its parent goes
// in; adding them again checks every row (the orphan stops it, then the same constraints come
// back and refuse one). Elsewhere it drops nothing and the constraint still holds.
func TestDropForeignKeys(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if db.Dialect == dialect.SQLite {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		"CREATE TABLE fk_parents (id INTEGER PRIMARY KEY)",
		"CREATE TABLE fk_children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES fk_parents (id) ON DELETE SET NULL)",
		"INSERT INTO fk_parents (id) VALUES (1)",
		"INSERT INTO fk_children (id, parent_id) VALUES (1, 1)",
	} {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	orphan := func(id int) error {
		_, err := conn.ExecContext(ctx, rebind(db.Dialect, "INSERT INTO fk_children (id, parent_id) VALUES (?, ?)"), id, 99)
		return err
	}
	fks, err := sqlindex.DropForeignKeys(ctx, conn, db.Dialect, "fk_children")
	if err != nil {
		t.Fatal(err)
	}
	if db.Dialect != dialect.Postgres {
		if len(fks) != 0 {
			t.Fatalf("dropped %v on %s", fks, db.Dialect)
		}
		if orphan(2) == nil {
			t.Fatal("the foreign key no longer holds")
		}
		return
	}
	if len(fks) != 1 {
		t.Fatalf("dropped %v, want the one foreign key", fks)
	}
	if err := orphan(2); err != nil {
		t.Fatalf("a row without its parent while the key is dropped: %v", err)
	}
	if err := sqlindex.Create(ctx, conn, db.Dialect, fks); err == nil {
		t.Fatal("the foreign key was added again over a row without its parent")
	}
	if _, err := conn.ExecContext(ctx, "DELETE FROM fk_children WHERE id = 2"); err != nil {
		t.Fatal(err)
	}
	if err := sqlindex.Create(ctx, conn, db.Dialect, fks); err != nil {
		t.Fatal(err)
	}
	if orphan(3) == nil {
		t.Fatal("the foreign key added again accepted a row without its parent")
	}
	// the same constraint, its action included
	if _, err := conn.ExecContext(ctx, "DELETE FROM fk_parents WHERE id = 1"); err != nil {
		t.Fatal(err)
	}
	var parent sql.NullInt64
	if err := conn.QueryRowContext(ctx, "SELECT parent_id FROM fk_children WHERE id = 1").Scan(&parent); err != nil {
		t.Fatal(err)
	}
	if parent.Valid {
		t.Errorf("parent deleted: the child keeps %d, want NULL (ON DELETE SET NULL)", parent.Int64)
	}
}

// rebind writes PostgreSQL's numbered placeholders for ?.
func rebind(dia, q string) string {
	if dia != dialect.Postgres {
		return q
	}
	out, n := []byte{}, 0
	for i := 0; i < len(q); i++ {
		if q[i] == '?' {
			n++
			out = append(out, '$', byte('0'+n))
			continue
		}
		out = append(out, q[i])
	}
	return string(out)
}
