package facts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	entdialect "entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/factdelta"
	"swtalent/ent/factspan"
	"swtalent/internal/sqlindex"
)

// spanColumns are the columns Backfill and the bulk loaders fill, in the order of Rows' values.
var spanColumns = []string{factspan.FieldFact, factspan.FieldPersonID, factspan.FieldRegionCode, factspan.FieldLevel,
	factspan.FieldFromOn, factspan.FieldUntilOn, factspan.FieldWeight}

// SpanTable names the table and columns of the kept spans, for bulk loaders that write rows
// themselves (the generator); Rows gives the values of one person's spans in this column order.
// A bulk loader also adds every person's spans to a [Tally] and writes it with [WriteDeltas].
func SpanTable() (string, []string) { return factspan.Table, spanColumns }

// Rows returns the values of the person's kept spans, row after row, in SpanTable's column order.
func Rows(personID int, k Kept) []any { return appendRows(nil, personID, k) }

// appendRows appends the values Rows returns to out.
func appendRows(out []any, personID int, k Kept) []any {
	var region any
	if k.Region != "" {
		region = k.Region
	}
	for _, f := range List() {
		for _, s := range k.Spans[f.Name] {
			var until, level any
			if s.Until != nil {
				until = *s.Until
			}
			if s.Level != "" {
				level = string(s.Level)
			}
			out = append(out, string(f.Name), personID, region, level, s.From, until, s.Weight)
		}
	}
	return out
}

// insertBatch is the number of span rows per INSERT statement: 7 values each, under SQLite's
// limit of 32,766 bound values.
const insertBatch = 4000

// personIndex is the span index by person (ent's name for it): the hooks find a person's spans
// to replace them through it.
const personIndex = "factspan_person_id"

// Backfill replaces every kept span and delta, of the person facts and then of the region facts
// ([BackfillRegions]), with those the rules give the registers: the data
// upgrade that fills the facts for a database written before they were kept (or before a fact
// was added), or after a bulk load that wrote the registers alone. It reads and writes
// sweepChunk persons at a time and, when progress is not nil, reports each round. The span
// table's indexes are dropped while it fills and built again at the end (at national scale,
// inserting into four indexes at random places made each round slower than the one before), but
// the index by person: the spans are written in person order, so its keys are appended, which
// costs less than building it (a read and a sort of every span). Running it again gives the
// same rows. dialect is the database's (entgo.io/ent/dialect).
//
// When read is not nil, the registers are read there, in a read-only transaction of their own,
// one chunk ahead of the writes to db (see sweepAhead): read must be a pool of connections to the
// same database other than db's, and no other writer may commit while Backfill runs (on SQLite,
// db's transaction holds the one writer lock; on PostgreSQL a data upgrade runs before the
// server serves). A private in-memory SQLite database, whose connections share one cache and its
// table locks, must read on db (read nil).
func Backfill(ctx context.Context, db DB, read *sql.DB, dialect string, progress io.Writer) error {
	start := time.Now()
	b := entsql.Dialect(dialect)
	if err := empty(ctx, db, dialect, factspan.Table, factdelta.Table); err != nil {
		return fmt.Errorf("backfill facts: %w", err)
	}
	sweepAll := func(each func(chunk) error) error { return sweep(ctx, db, b, each) }
	if read != nil {
		rtx, err := read.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return fmt.Errorf("backfill facts: read transaction: %w", err)
		}
		defer rtx.Rollback()
		sweepAll = func(each func(chunk) error) error { return sweepAhead(ctx, rtx, b, sweepChunk, each) }
	}
	var persons, spans int
	tally := Tally{}
	err := sqlindex.Without(ctx, db, dialect, []string{factspan.Table}, []string{personIndex}, func() error {
		return sweepAll(func(c chunk) error {
			var vals []any
			for _, id := range slices.Sorted(maps.Keys(c.Want)) {
				k := c.Want[id]
				vals = appendRows(vals, id, k)
				tally.addCounties(k, 1)
			}
			n, err := InsertRows(ctx, db, b, vals)
			if err != nil {
				return err
			}
			persons, spans = persons+c.Persons, spans+n
			if progress != nil && c.Persons > 0 {
				fmt.Fprintf(progress, "  fact spans: %d persons, %d spans in %.1fs\n", persons, spans, time.Since(start).Seconds())
			}
			return nil
		})
	})
	tally.withProvinces()
	if err == nil {
		err = WriteDeltas(ctx, db, b, tally)
	}
	if err == nil {
		err = analyze(ctx, db, dialect, factspan.Table, factdelta.Table)
	}
	if err != nil {
		return fmt.Errorf("backfill facts: %w", err)
	}
	if progress != nil {
		fmt.Fprintf(progress, "  fact spans and deltas: %d persons, %d spans, %d delta rows in %.1fs\n",
			persons, spans, len(tally.nonZero()), time.Since(start).Seconds())
	}
	// The region facts read the person facts just written (VILLAGE_SKILLED), and their deltas
	// were deleted with the others.
	return BackfillRegions(ctx, db, dialect, progress)
}

// empty deletes every row of the tables. On PostgreSQL it truncates them: a DELETE leaves every
// old row in the table as a dead one until a vacuum, so the index builds after the fill read
// twice the pages (13.6 million dead spans beside as many new ones at national scale) and the
// vacuum after the upgrade had them to clear. TRUNCATE takes the tables' exclusive lock until
// the transaction ends, which a data upgrade may (it runs before the server serves), and is
// undone with it. SQLite's DELETE without a condition already drops the pages whole.
func empty(ctx context.Context, db DB, dialect string, tables ...string) error {
	var stmts []string
	if dialect == entdialect.Postgres {
		stmts = append(stmts, "TRUNCATE "+strings.Join(tables, ", "))
	} else {
		for _, t := range tables {
			q, _ := entsql.Dialect(dialect).Delete(t).Query()
			stmts = append(stmts, q)
		}
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("empty %s: %w", strings.Join(tables, ", "), err)
		}
	}
	return nil
}

// analyze refreshes the planner's statistics of the tables just rewritten. Dropping an index
// drops its statistics (SQLite's sqlite_stat1 rows), so after the backfill the planner knew
// nothing of the span indexes and chose from_on for a probe of a person's spans: every
// payment of a month scanned a fact's spans, minutes for one allowance-coverage count at national
// scale instead of seconds. SQLite samples at most 2,000 rows per index (analysis_limit, as after
// a bulk load), PostgreSQL its default sample; both run inside the upgrade's transaction.
// (PostgreSQL's VACUUM, which would also mark the pages all-visible for index-only scans, cannot
// run in a transaction: autovacuum or an operator does it.)
func analyze(ctx context.Context, db DB, dialect string, tables ...string) error {
	var stmts []string
	if dialect == entdialect.SQLite {
		stmts = append(stmts, "PRAGMA analysis_limit = 2000")
	}
	for _, t := range tables {
		stmts = append(stmts, "ANALYZE "+t)
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// Copier is a DB that can also stream rows into a table, PostgreSQL's COPY (a *pgcopy.Tx): the
// backfill writes its spans that way where it can.
type Copier interface {
	CanCopy() bool
	CopyFrom(ctx context.Context, table string, columns []string, values []any) (int64, error)
}

// InsertRows writes span rows (values in SpanTable's column order) and returns the number of
// rows: with COPY when db is a [Copier] that can, else with multi-row INSERTs. Statements of the
// same number of rows have the same text, built once per call, so a connection that caches its
// prepared statements (SQLite's writer, see package store) prepares each size once.
func InsertRows(ctx context.Context, db DB, b *entsql.DialectBuilder, vals []any) (int, error) {
	n := len(spanColumns)
	rows := len(vals) / n
	if c, ok := db.(Copier); ok && c.CanCopy() {
		if _, err := c.CopyFrom(ctx, factspan.Table, spanColumns, vals); err != nil {
			return 0, fmt.Errorf("write fact spans: %w", err)
		}
		return rows, nil
	}
	queries := map[int]string{}
	for len(vals) > 0 {
		k := min(insertBatch, len(vals)/n)
		q, ok := queries[k]
		if !ok {
			// Placeholders for every value: the builder writes a nil value as NULL in the text.
			row := make([]any, n)
			for i := range row {
				row[i] = 0
			}
			ins := b.Insert(factspan.Table).Columns(spanColumns...)
			for range k {
				ins.Values(row...)
			}
			q, _ = ins.Query()
			queries[k] = q
		}
		if _, err := db.ExecContext(ctx, q, vals[:k*n]...); err != nil {
			return 0, fmt.Errorf("write fact spans: %w", err)
		}
		vals = vals[k*n:]
	}
	return rows, nil
}
