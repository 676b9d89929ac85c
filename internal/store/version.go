package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/migrate"
)

// schemaFingerprint identifies the schema this build migrates to: a hash over every table's
// columns and their types. ent migrates declaratively, so the fingerprint, not a hand-kept
// number, says which schema a database was brought to.
func schemaFingerprint() string {
	var b strings.Builder
	for _, t := range migrate.Tables {
		b.WriteString(t.Name)
		for _, c := range t.Columns {
			fmt.Fprintf(&b, "|%s:%s:%v", c.Name, c.Type, c.Nullable)
		}
		b.WriteByte('\n')
	}
	sum := sha256.Sum256([]byte(b.String()))
	return hex.EncodeToString(sum[:8])
}

// recordSchema notes in schema_versions that the database now has this build's schema, when the
// latest note says otherwise. The table only grows: it is the database's migration history.
func recordSchema(ctx context.Context, db *DB) error {
	if _, err := db.SQL.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_versions (
		version INTEGER NOT NULL PRIMARY KEY,
		fingerprint VARCHAR(64) NOT NULL,
		applied_at VARCHAR(40) NOT NULL)`); err != nil {
		return fmt.Errorf("record schema version: %w", err)
	}
	version, fingerprint, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	want := schemaFingerprint()
	if fingerprint == want {
		return nil
	}
	q, args := entsql.Dialect(db.Dialect).Insert("schema_versions").
		Columns("version", "fingerprint", "applied_at").
		Values(version+1, want, time.Now().UTC().Format(time.RFC3339)).Query()
	if _, err := db.SQL.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("record schema version: %w", err)
	}
	return nil
}

// SchemaVersion is the number of schemas the database has been migrated to so far and the
// fingerprint of the latest; 0 and "" before the first.
func (db *DB) SchemaVersion(ctx context.Context) (int, string, error) {
	var version int
	var fingerprint string
	err := db.SQL.QueryRowContext(ctx, `SELECT version, fingerprint FROM schema_versions ORDER BY version DESC LIMIT 1`).Scan(&version, &fingerprint)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, "", fmt.Errorf("read schema version: %w", err)
	}
	return version, fingerprint, nil
}
