// Package testdb gives tests a fresh, migrated database of their own: a SQLite file in the test's
// temporary directory by default, or a new PostgreSQL database when SWTALENT_TEST_POSTGRES holds a server URL (CI sets
// it), so the same tests run on both. Never a mock.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"entgo.io/ent/dialect"

	"swtalent/ent"
	"swtalent/internal/pii"
	"swtalent/internal/store"
)

// EnvPostgres names the variable holding the PostgreSQL server URL for tests, e.g.
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable.
const EnvPostgres = "SWTALENT_TEST_POSTGRES"

// Open returns a fresh migrated database with a data key of its own, closed (and on PostgreSQL
// dropped) when the test ends.
func Open(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	// A file rather than ":memory:": the in-memory shared cache locks whole tables and answers
	// "database table is locked" under concurrent writers, which a file in WAL mode never does.
	addr := filepath.Join(t.TempDir(), "test.db")
	if server := os.Getenv(EnvPostgres); server != "" {
		addr = createPostgres(t, server)
	}
	key, err := pii.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	keyring, err := pii.New(key)
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, addr, keyring)
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Counter counts the SQL statements a client sends.
type Counter struct{ n atomic.Int64 }

// N is the number of statements sent so far.
func (c *Counter) N() int { return int(c.n.Load()) }

// Reset sets the count back to zero.
func (c *Counter) Reset() { c.n.Store(0) }

// Counting returns a client on db's connections (its driver, so reads and writes take the same
// connections as db.Client's) that counts every statement it sends.
func Counting(db *store.DB) (*ent.Client, *Counter) {
	c := &Counter{}
	drv := dialect.DebugWithContext(db.Driver, func(context.Context, ...any) { c.n.Add(1) })
	return store.NewClient(drv, db.Keyring), c
}

// createPostgres creates an empty database on the server and returns its URL; it is dropped when
// the test ends.
func createPostgres(t testing.TB, server string) string {
	t.Helper()
	addr, drop, err := CreatePostgres(server)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	return addr
}

// CreatePostgres creates an empty database on the PostgreSQL server and returns its URL and a
// function that drops it, for fixtures that outlive one test (a package's shared benchmark
// database).
func CreatePostgres(server string) (addr string, drop func(), err error) {
	admin, err := sql.Open("pgx", server)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %w", EnvPostgres, err)
	}
	name := "swtalent_test_" + strings.ToLower(rand.Text()[:12])
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create test database: %w", err)
	}
	drop = func() {
		_, _ = admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	}
	u, err := url.Parse(server)
	if err != nil {
		drop()
		return "", nil, fmt.Errorf("parse %s: %w", EnvPostgres, err)
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// Querier is what Indexes reads through: a *sql.DB, or the *sql.Conn a test holds (on SQLite
// the writer pool has one connection, which a held Conn would keep another query waiting for).
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Indexes lists the secondary indexes (primary keys aside) of table, or of every table when
// table is "", in name order, as the database of dialect reports them.
func Indexes(t testing.TB, q Querier, dia, table string) []string {
	t.Helper()
	query := `SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND (? = '' OR tbl_name = ?) ORDER BY name`
	if dia == dialect.Postgres {
		query = `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%\_pkey'
			AND ($1 = '' OR tablename = $1) ORDER BY indexname`
	}
	args := []any{table, table}
	if dia == dialect.Postgres {
		args = args[:1]
	}
	rows, err := q.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatalf("list indexes: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatalf("list indexes: %v", err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("list indexes: %v", err)
	}
	return out
}
