package synth

import (
	"context"
	"database/sql"
	"fmt"

	"entgo.io/ent/dialect"
)

// tune sets the generator's connection for bulk loading: a large page cache (the unique
// indexes on keyed hashes are written in random order). Durability settings stay as they are.
func tune(ctx context.Context, conn *sql.Conn, dia string) error {
	if dia != dialect.SQLite {
		return nil
	}
	for _, p := range []string{"PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY"} {
		if _, err := conn.ExecContext(ctx, p); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
	}
	return nil
}

// analyze refreshes the planner's statistics once the data is in, so that the first queries
// choose the indexes (SQLite samples at most 2,000 rows per index, which keeps it quick). On
// PostgreSQL it is VACUUM (ANALYZE): besides the statistics it marks the freshly written pages
// all-visible and sets their hint bits, without which the covering indexes of the kept facts
// cannot answer alone (every index-only scan fetches each row from the heap, scattered in person
// order: 1.7 s instead of 53 ms for a quarter's spans at national scale; a connection's
// totalCount read 527 pages instead of 6 for the peer harness's filtered query) and the first
// reads of every page write it back. Autovacuum would do it eventually, or never where it is off.
func analyze(ctx context.Context, conn *sql.Conn, dia string) error {
	stmts := []string{"VACUUM (ANALYZE)"}
	if dia == dialect.SQLite {
		stmts = []string{"PRAGMA analysis_limit = 2000", "ANALYZE", "PRAGMA cache_size = -2000"}
	}
	for _, s := range stmts {
		if _, err := conn.ExecContext(ctx, s); err != nil {
			return fmt.Errorf("%s: %w", s, err)
		}
	}
	return nil
}
