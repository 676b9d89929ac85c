// Package dataversion keeps the database's data version: a counter in the data_version table
// that every write of the registers bumps inside its own transaction (an ent hook on every mutation of every
// entity, installed on every client the store builds), so that caches of derived results — the
// plan's indicators — can tell whether anything changed since they computed, whichever
// instance or command wrote. Writers that bypass ent (the bulk generator, the store's
// encryption of old plaintext) call Bump themselves.
//
// Cost: one UPDATE of one row per mutation. On PostgreSQL the row lock serialises concurrent
// writing transactions until they commit; swtalent's writes are few and short, so this is
// accepted for a version every reader can trust.
package dataversion

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
)

// Table is the table holding the counter, one row with id 1.
const Table = "data_version"

const bump = "UPDATE " + Table + " SET version = version + 1 WHERE id = 1"

// Execer runs a statement: *sql.DB, *sql.Tx, *sql.Conn, or an ent client with FeatureExecQuery.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Querier reads: *sql.DB or an ent client.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Create makes the table and its row when missing (both dialects).
func Create(ctx context.Context, db Execer) error {
	if _, err := db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+Table+" (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)"); err != nil {
		return fmt.Errorf("create data version: %w", err)
	}
	if _, err := db.ExecContext(ctx, "INSERT INTO "+Table+" (id, version) SELECT 1, 0 WHERE NOT EXISTS (SELECT 1 FROM "+Table+" WHERE id = 1)"); err != nil {
		return fmt.Errorf("create data version: %w", err)
	}
	return nil
}

// Bump increments the version through ex (use the writing transaction).
func Bump(ctx context.Context, ex Execer) error {
	if _, err := ex.ExecContext(ctx, bump); err != nil {
		return fmt.Errorf("bump data version: %w", err)
	}
	return nil
}

// Read returns the current version as q sees it.
func Read(ctx context.Context, q Querier) (int64, error) {
	rows, err := q.QueryContext(ctx, "SELECT version FROM "+Table+" WHERE id = 1")
	if err != nil {
		return 0, fmt.Errorf("read data version: %w", err)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return 0, fmt.Errorf("read data version: %w", err)
		}
		return 0, errors.New("read data version: the data_version row is missing")
	}
	var v int64
	if err := rows.Scan(&v); err != nil {
		return 0, fmt.Errorf("read data version: %w", err)
	}
	return v, rows.Close()
}

// clientOf is what every generated mutation offers: the client it runs on, bound to the
// mutation's transaction when there is one.
type clientOf interface{ Client() *gen.Client }

// Unbumped reports whether the entity is a record whose writes leave the version alone although
// a read of it sees them — accounts, tokens, the audit trail, import jobs' progress —, so that
// signing in, a failed login (which anyone can cause, and writes an audit event), a logout or a
// job's progress does not throw away every cached result. An answer that read one cannot be
// kept under the version (see Reads).
func Unbumped(entity string) bool {
	switch entity {
	case gen.TypeAccount, gen.TypeApiToken, gen.TypeAuditEvent, gen.TypeImportJob:
		return true
	}
	return false
}

// unversioned reports whether a write of the entity leaves the version alone: an Unbumped
// record, or a kept fact, which only changes with a register that bumps the version itself.
func unversioned(entity string) bool {
	return Unbumped(entity) || entity == gen.TypeFactSpan || entity == gen.TypeFactDelta || entity == gen.TypeRegionSpan
}

type deferKey struct{}

// Deferred returns ctx whose mutations leave the bump to the caller, who bumps once for many
// writes (an import's batch) in the same transaction.
func Deferred(ctx context.Context) context.Context { return context.WithValue(ctx, deferKey{}, true) }

// Hook bumps the version after every successful mutation of a register (not of the platform's
// own records: see unversioned), through the mutation's own client, so the bump commits or rolls
// back with the write; not inside Deferred.
func Hook() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return ent.MutateFunc(func(ctx context.Context, m ent.Mutation) (ent.Value, error) {
			v, err := next.Mutate(ctx, m)
			if err != nil || unversioned(m.Type()) || ctx.Value(deferKey{}) != nil {
				return v, err
			}
			c, ok := m.(clientOf)
			if !ok {
				return nil, fmt.Errorf("bump data version: mutation %s has no client", m.Type())
			}
			if err := Bump(ctx, c.Client()); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

// Install adds the hook and the read tracking (Interceptor) to a client (every entity, present
// and future).
func Install(c *gen.Client) *gen.Client {
	c.Use(Hook())
	c.Intercept(Interceptor())
	return c
}
