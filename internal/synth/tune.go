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
// PostgreSQL it vacuums too, as one should after a bulk load: that marks the new pages
// all-visible, without which no index-only scan can skip the table (a connection's totalCount,
// COUNT(*) over an index range, read every matching row's page: 527 pages instead of 6 for the
// peer harness's filtered query), and a server with autovacuum off would never do it.
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
