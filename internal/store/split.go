package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	entsql "entgo.io/ent/dialect/sql"
)

// split is the ent driver of a SQLite file database: a pool of read connections and one writer
// connection. SQLite lets one connection at a time write; with a pool of writing connections, two
// requests saving at once wait on each other's lock in SQLite's busy loop and fail with "database
// is locked" when its timeout runs out, and a reader waits for a free connection behind them. In
// WAL mode a reader never waits for the writer, so plain reads outside a transaction go to the
// readers, and everything else — statements, transactions, and queries that write, such as
// INSERT … RETURNING — waits its turn in Go's queue for the writer connection, bounded by the
// request's deadline rather than by the busy timeout.
//
// A transaction holds the writer until it ends, so code inside a transaction must write through
// the transaction's client (as DESIGN.md requires: ent.FromContext); reads through another client
// go to the readers and never wait for the transaction.
type split struct {
	*entsql.Driver // the writer: Exec, Tx, BeginTx, and queries that are not plain reads
	read           *entsql.Driver
}

// Query runs a plain SELECT on a reader and any other query on the writer.
func (s split) Query(ctx context.Context, query string, args, v any) error {
	if readOnly(query) {
		return s.read.Query(ctx, query, args, v)
	}
	return s.Driver.Query(ctx, query, args, v)
}

// QueryContext is the database/sql form of Query, used by ent's client.QueryContext.
func (s split) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if readOnly(query) {
		return s.read.QueryContext(ctx, query, args...)
	}
	return s.Driver.QueryContext(ctx, query, args...)
}

// Close closes the readers, then the writer.
func (s split) Close() error {
	return errors.Join(s.read.Close(), s.Driver.Close())
}

// readOnly reports whether a statement is a plain SELECT, which never writes in SQLite (a WITH
// clause may lead to an INSERT, so it counts as a write, as does every PRAGMA).
func readOnly(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	return len(q) > len("SELECT") && strings.EqualFold(q[:len("SELECT")], "SELECT") && !isIdentChar(q[len("SELECT")])
}

// isIdentChar reports whether c may continue an SQL keyword or name.
func isIdentChar(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
