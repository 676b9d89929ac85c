package sqlindex_test

import (
	"context"
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
