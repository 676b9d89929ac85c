package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"

	"entgo.io/ent/dialect"

	"swtalent/ent/migrate"
)

// BackupReport describes a checked backup.
type BackupReport struct {
	Path   string
	Bytes  int64
	Tables map[string]int // rows per table in the copy
}

// Backup writes a consistent copy of a SQLite database to out while it stays in use (VACUUM INTO
// reads one snapshot), then opens the copy, runs PRAGMA integrity_check and checks the row count
// of every table against the live database counted just before and after the copy. out must not
// exist. PostgreSQL deployments use pg_dump.
func (db *DB) Backup(ctx context.Context, out string) (*BackupReport, error) {
	if db.Dialect != dialect.SQLite {
		return nil, errors.New("backup copies SQLite databases; back up PostgreSQL with pg_dump")
	}
	if _, err := os.Stat(out); err == nil {
		return nil, fmt.Errorf("backup: %s already exists", out)
	}
	before, err := countRows(ctx, db.SQL)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	// VACUUM INTO writes one consistent snapshot while other connections keep writing.
	if _, err := db.SQL.ExecContext(ctx, "VACUUM INTO ?", out); err != nil {
		return nil, fmt.Errorf("backup: copy: %w", err)
	}
	after, err := countRows(ctx, db.SQL)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	copyDB, err := sql.Open("sqlite3", "file:"+out+"?mode=ro")
	if err != nil {
		return nil, fmt.Errorf("backup: open the copy: %w", err)
	}
	defer copyDB.Close()
	var check string
	if err := copyDB.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		return nil, fmt.Errorf("backup: the copy fails the integrity check: %s %v", check, err)
	}
	copied, err := countRows(ctx, copyDB)
	if err != nil {
		return nil, fmt.Errorf("backup: the copy: %w", err)
	}
	// The snapshot was taken between the two counts of the live database.
	for name, n := range copied {
		lo, hi := min(before[name], after[name]), max(before[name], after[name])
		if n < lo || n > hi {
			return nil, fmt.Errorf("backup: %s has %d rows in the copy, %d to %d in the database", name, n, lo, hi)
		}
	}
	info, err := os.Stat(out)
	if err != nil {
		return nil, fmt.Errorf("backup: %w", err)
	}
	return &BackupReport{Path: out, Bytes: info.Size(), Tables: copied}, nil
}

// countRows counts the rows of every table of the schema.
func countRows(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (map[string]int, error) {
	out := make(map[string]int, len(migrate.Tables))
	for _, t := range migrate.Tables {
		var n int
		if err := q.QueryRowContext(ctx, "SELECT COUNT(*) FROM `"+t.Name+"`").Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t.Name, err)
		}
		out[t.Name] = n
	}
	return out, nil
}
