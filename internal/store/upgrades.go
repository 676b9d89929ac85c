package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/schema/enum"
	"swtalent/internal/dataversion"
	"swtalent/internal/facts"
	"swtalent/internal/pgcopy"
)

// upgradesTable records the one-off data upgrades a database has had, by name. Each upgrade
// runs once, in one transaction that also records it, so a crash leaves it either done or not.
const upgradesTable = "data_upgrades"

// upgrade is a one-off rewrite of stored data that a rule change requires. A long one reports
// its progress to progress when it is not nil.
type upgrade struct {
	name string
	run  func(ctx context.Context, db *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error
	// vacuum names the tables the upgrade rewrites in bulk, vacuumed on PostgreSQL once it has
	// committed (VACUUM cannot run in a transaction). Until a table is vacuumed no page of it is
	// marked all-visible, so an index-only scan still reads a heap page per row: a server with
	// autovacuum off (or before it gets to the table) answered the kept counts 10–30 times slower.
	vacuum []string
	// doneBy names earlier upgrades that do this one's work too: when one of them ran in the same
	// start, this one is recorded without running (its rows were just written).
	doneBy []string
}

// upgrades are applied in this order, each once per database.
var upgrades = []upgrade{
	{name: "legal-dates", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, dialect string, _ io.Writer) error {
		return recomputeLegalDates(ctx, tx.Tx, entsql.Dialect(dialect))
	}},
	// The kept person facts (package facts: spans and deltas) for the registers written before
	// they were kept. It replaced "certified-spans", the first fact's own table, which it drops;
	// a database that had that upgrade recomputes every fact into the new tables. A new fact is a
	// new name here, so that existing databases recompute: "fact-spans" became "fact-spans-2"
	// with SKILLED_COMMUNITY, "fact-spans-3" with QUALIFIED_SUPERVISOR, "fact-spans-4" with
	// CERTIFIED_COMMUNITY_STAFF and "fact-spans-5" with EXAM_SAT and EXAM_PASSED (#20). It stays
	// before "fact-rows", as "fact-spans-3" was.
	{name: "fact-spans-5", run: func(ctx context.Context, db *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error {
		if _, err := tx.ExecContext(ctx, "DROP TABLE IF EXISTS certified_spans"); err != nil {
			return fmt.Errorf("drop certified_spans: %w", err)
		}
		return facts.Backfill(ctx, tx, reader(db), dialect, progress)
	}, vacuum: []string{"fact_spans", "fact_deltas", "region_spans"}},
	// The kept columns of the rows that name a person (package facts, rows.go: the workplace code
	// of exam applications, allowance payments and recognitions, and whether a payment was due),
	// for rows written before they were kept (#20).
	{name: "fact-rows", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error {
		return facts.BackfillRows(ctx, tx, dialect, progress)
	}, vacuum: []string{"exam_applications", "allowance_payments", "recognitions"}},
	// The kept region facts (package facts, regions.go: VILLAGE_SKILLED from the kept
	// SKILLED_COMMUNITY spans, so after the person facts; VILLAGE_POINT_OPEN and
	// TOWNSHIP_STATION_OPEN from the service points) for databases written before they were kept
	// (#20). A later person-fact upgrade recomputes them too (facts.Backfill).
	{name: "region-spans", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error {
		return facts.BackfillRegions(ctx, tx, dialect, progress)
	}, vacuum: []string{"region_spans", "fact_deltas"}},
	// The province rows of the kept deltas (facts.Tally), summed from the county rows of
	// databases whose deltas were kept before them (#20).
	{name: "fact-deltas-province", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, _ string, _ io.Writer) error {
		return facts.ProvinceRows(ctx, tx)
	}, vacuum: []string{"fact_deltas"}},
	// The volunteers' (community_id, registered_on) index, which (community_id, registered_on,
	// left_on) replaced (#20): the schema migration creates the new index but drops none. The
	// planner's statistics of the new index follow (SQLite sampling as after a bulk load).
	{name: "volunteer-index", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, name string, _ io.Writer) error {
		stmts := []string{"DROP INDEX IF EXISTS volunteer_community_id_registered_on"}
		if name == dialect.SQLite {
			stmts = append(stmts, "PRAGMA analysis_limit = 2000")
		}
		for _, q := range append(stmts, "ANALYZE volunteers") {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return nil
	}},
	// The service points' (tier, region) index, replaced by (tier, region, opened_on, closed_on):
	// the schema migration adds indexes and never drops one, and the old one would only slow
	// every write of a point (#20).
	{name: "drop-point-tier-index", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, _ string, _ io.Writer) error {
		if _, err := tx.ExecContext(ctx, "DROP INDEX IF EXISTS servicepoint_tier_service_point_region"); err != nil {
			return fmt.Errorf("drop servicepoint_tier_service_point_region: %w", err)
		}
		return nil
	}},
	// The kept region fact VOLUNTEER_ACTIVE (package facts, regions.go), its spans and deltas, from
	// one sweep of the volunteers, for databases written before it was kept (#20).
	{name: "volunteer-spans", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error {
		return facts.BackfillRegions(ctx, tx, dialect, progress, enum.FactVolunteerActive)
	}, vacuum: []string{"region_spans", "fact_deltas"}, doneBy: []string{"fact-spans-5", "region-spans"}},
	// The kept region facts of the demonstration communities, DEMONSTRATION_ACTIVE and
	// DEMONSTRATION_MET (package facts, demonstrations.go), from the registers and the kept
	// CERTIFIED_COMMUNITY_STAFF and VOLUNTEER_ACTIVE spans, so after those, for databases written
	// before they were kept (#20). "fact-spans-5" and "region-spans" recompute every region fact,
	// these included.
	{name: "demonstration-spans", run: func(ctx context.Context, _ *DB, tx *pgcopy.Tx, dialect string, progress io.Writer) error {
		return facts.BackfillRegions(ctx, tx, dialect, progress, enum.FactDemonstrationActive, enum.FactDemonstrationMet)
	}, vacuum: []string{"region_spans", "fact_deltas"}, doneBy: []string{"fact-spans-5", "region-spans"}},
}

// applyUpgrades runs the upgrades the database has not had yet, reporting the progress of long
// ones to progress (nil: silent).
func applyUpgrades(ctx context.Context, db *DB, progress io.Writer) error {
	if _, err := db.SQL.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+upgradesTable+` (
		name VARCHAR(100) NOT NULL PRIMARY KEY,
		applied_at VARCHAR(40) NOT NULL)`); err != nil {
		return fmt.Errorf("data upgrades: %w", err)
	}
	b := entsql.Dialect(db.Dialect)
	ran := map[string]bool{}
	for _, u := range upgrades {
		did, err := applyUpgrade(ctx, db, b, u, slices.ContainsFunc(u.doneBy, func(n string) bool { return ran[n] }), progress)
		if err != nil {
			return fmt.Errorf("data upgrade %s: %w", u.name, err)
		}
		ran[u.name] = did
	}
	return nil
}

// reader is where a data upgrade may read the registers beside its transaction (facts.Backfill):
// the readers of a SQLite file database, the pool of a PostgreSQL one; nil for a private
// in-memory SQLite database, whose connections share their table locks with the transaction's.
func reader(db *DB) *sql.DB {
	if db.Dialect == dialect.SQLite && db.Read == db.SQL {
		return nil
	}
	return db.Read
}

// applyUpgrade runs u and records it in one transaction, unless it is recorded already, and
// reports whether it ran. When done, its work was just done by another upgrade (upgrade.doneBy):
// it is recorded without running.
// The transaction is on one connection held for it, so that on PostgreSQL the upgrade can also
// COPY rows in it (pgcopy: the person facts' backfill writes millions of spans).
func applyUpgrade(ctx context.Context, db *DB, b *entsql.DialectBuilder, u upgrade, done bool, progress io.Writer) (bool, error) {
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	tx, err := pgcopy.Begin(ctx, conn, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	q, args := b.Select("name").From(b.Table(upgradesTable)).Where(entsql.EQ("name", u.name)).Query()
	var name string
	switch err := tx.QueryRowContext(ctx, q, args...).Scan(&name); err {
	case nil:
		return false, nil // done before
	case sql.ErrNoRows:
	default:
		return false, err
	}
	switch {
	case done && progress != nil:
		fmt.Fprintf(progress, "data upgrade %s: done by %s\n", u.name, strings.Join(u.doneBy, " or "))
	case progress != nil:
		fmt.Fprintf(progress, "data upgrade %s\n", u.name)
	}
	if !done {
		if err := u.run(ctx, db, tx, db.Dialect, progress); err != nil {
			return false, err
		}
	}
	q, args = b.Insert(upgradesTable).Columns("name", "applied_at").
		Values(u.name, time.Now().UTC().Format(time.RFC3339)).Query()
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return false, err
	}
	if err := dataversion.Bump(ctx, tx); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, err
	}
	conn.Close() // back to the pool before the VACUUM, which takes a connection of its own
	if done || db.Dialect != dialect.Postgres || len(u.vacuum) == 0 {
		return true, nil
	}
	if progress != nil {
		fmt.Fprintf(progress, "  vacuum %s\n", strings.Join(u.vacuum, ", "))
	}
	if _, err := db.SQL.ExecContext(ctx, "VACUUM (ANALYZE) "+strings.Join(u.vacuum, ", ")); err != nil {
		return false, fmt.Errorf("vacuum %s: %w", strings.Join(u.vacuum, ", "), err)
	}
	return true, nil
}

// Upgrades returns the names of the data upgrades the database has had, in name order.
func (db *DB) Upgrades(ctx context.Context) ([]string, error) {
	rows, err := db.SQL.QueryContext(ctx, "SELECT name FROM "+upgradesTable+" ORDER BY name")
	if err != nil {
		return nil, fmt.Errorf("read data upgrades: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("read data upgrades: %w", err)
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
