// Package sqlindex drops the secondary indexes of tables before a bulk load and builds them
// again after it, from the definitions the database itself gives (so they stay those the ent
// migration made). Inserting millions of rows into indexes at random places costs more than
// sorting them once at the end: the backfill of the kept facts and the generator load this way.
// On PostgreSQL the same goes for foreign keys (DropForeignKeys): checking one per row costs a
// query and a lock of the parent row each, checking them all when the constraint is added again
// one join.
package sqlindex

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"

	entdialect "entgo.io/ent/dialect"
)

// DB runs SQL: a *sql.DB, *sql.Conn or *sql.Tx. On SQLite the pragma Create sets is the
// connection's, so give it one connection (a *sql.Conn or *sql.Tx).
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Index is one dropped index (or foreign key): its name, its table and the statement that
// creates it.
type Index struct{ Name, Table, Def string }

// Drop drops the secondary indexes of the tables — every index SQLite lists with a statement,
// every PostgreSQL index that backs no constraint — but those named in keep, and returns them
// for Create. Keep an index whose keys the load appends in order: maintaining it costs little
// more than writing it, and saves reading the table again to build it. A dialect without support
// drops nothing. Should the load fail before Create, the next start's schema migration creates
// the missing indexes again.
func Drop(ctx context.Context, db DB, dialect string, tables []string, keep ...string) ([]Index, error) {
	var q string
	switch dialect {
	case entdialect.SQLite:
		q = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name"
	case entdialect.Postgres:
		q = `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = $1 AND schemaname = current_schema()
			AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname`
	default:
		return nil, nil
	}
	var out []Index
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, q, table)
		if err != nil {
			return nil, fmt.Errorf("indexes of %s: %w", table, err)
		}
		var found []Index
		for rows.Next() {
			x := Index{Table: table}
			if err := rows.Scan(&x.Name, &x.Def); err != nil {
				rows.Close()
				return nil, fmt.Errorf("indexes of %s: %w", table, err)
			}
			found = append(found, x)
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("indexes of %s: %w", table, err)
		}
		found = slices.DeleteFunc(found, func(x Index) bool { return slices.Contains(keep, x.Name) })
		for _, x := range found {
			if _, err := db.ExecContext(ctx, "DROP INDEX "+x.Name); err != nil {
				return nil, fmt.Errorf("drop index %s: %w", x.Name, err)
			}
		}
		out = append(out, found...)
	}
	return out, nil
}

// DropForeignKeys drops the foreign-key constraints of the tables (those that reference another
// table from them) on PostgreSQL, and returns them for Create, after any indexes: adding one
// again checks every row in one statement, so a load that broke one fails there. Other dialects
// drop nothing (SQLite cannot drop a constraint). Should the load fail before Create, the next
// start's schema migration adds the missing constraints again.
func DropForeignKeys(ctx context.Context, db DB, dialect string, tables ...string) ([]Index, error) {
	if dialect != entdialect.Postgres {
		return nil, nil
	}
	var out []Index
	for _, table := range tables {
		rows, err := db.QueryContext(ctx, `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
			WHERE contype = 'f' AND conrelid = to_regclass(quote_ident($1)) ORDER BY conname`, table)
		if err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
		}
		var found []Index
		for rows.Next() {
			var name, def string
			if err := rows.Scan(&name, &def); err != nil {
				rows.Close()
				return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
			}
			found = append(found, Index{Name: name, Table: table, Def: fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s %s", quote(table), quote(name), def)})
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, fmt.Errorf("foreign keys of %s: %w", table, err)
		}
		for _, x := range found {
			if _, err := db.ExecContext(ctx, fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s", quote(table), quote(x.Name))); err != nil {
				return nil, fmt.Errorf("drop foreign key %s: %w", x.Name, err)
			}
		}
		out = append(out, found...)
	}
	return out, nil
}

// quote quotes a PostgreSQL identifier.
func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// Create creates the indexes (and adds the foreign keys) again. On SQLite the connection's sorter may use a helper thread per
// processor meanwhile (PRAGMA threads, restored afterwards): building an index is a sort of the
// table's keys, which SQLite can split across threads.
func Create(ctx context.Context, db DB, dialect string, indexes []Index) (err error) {
	if len(indexes) == 0 {
		return nil
	}
	if dialect == entdialect.SQLite {
		var was int
		rows, err := db.QueryContext(ctx, "PRAGMA threads")
		if err != nil {
			return fmt.Errorf("PRAGMA threads: %w", err)
		}
		for rows.Next() {
			if err := rows.Scan(&was); err != nil {
				rows.Close()
				return fmt.Errorf("PRAGMA threads: %w", err)
			}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return fmt.Errorf("PRAGMA threads: %w", err)
		}
		if _, err := db.ExecContext(ctx, fmt.Sprintf("PRAGMA threads = %d", min(8, runtime.GOMAXPROCS(0)))); err != nil {
			return fmt.Errorf("PRAGMA threads: %w", err)
		}
		defer func() {
			if _, e := db.ExecContext(ctx, fmt.Sprintf("PRAGMA threads = %d", was)); e != nil && err == nil {
				err = fmt.Errorf("PRAGMA threads: %w", e)
			}
		}()
	}
	for _, x := range indexes {
		if _, err := db.ExecContext(ctx, x.Def); err != nil {
			return fmt.Errorf("create index %s: %w", x.Name, err)
		}
	}
	return nil
}

// Without drops the secondary indexes of the tables but those named in keep (see Drop), runs
// fill and creates them again.
func Without(ctx context.Context, db DB, dialect string, tables, keep []string, fill func() error) error {
	indexes, err := Drop(ctx, db, dialect, tables, keep...)
	if err != nil {
		return err
	}
	if err := fill(); err != nil {
		return err
	}
	return Create(ctx, db, dialect, indexes)
}
