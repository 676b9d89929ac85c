// Package synth generates a synthetic dataset of any size with the national shape — provinces,
// cities, counties, townships, villages and communities; social-work agencies (some of
// city-level influence, some cultivated by their competent department), community social
// organisations, service points, trainings; persons with certificates, registrations, training
// attendance, exam applications, supervisor qualifications and allowance payments; five-party
// linkage demonstration communities with their volunteers and funds; annual inspections,
// service projects and agency support; practice and training bases, universities, agreements
// and placements; posts, recognitions, publicity events and the expert pool — so that every plan
// indicator has data at every scale, for performance work (swtalent demo --scale national). It is deterministic by seed: the same seed
// and shape give the same records (the ciphertexts of personal data differ, since encryption
// uses a random nonce). Rows are written with multi-row INSERT statements in large
// transactions; personal data is encrypted and hashed with the database's pii.Keyring exactly as
// the Person hooks do. Every record is marked demo.
package synth

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime/debug"
	"slices"
	"time"

	"entgo.io/ent/dialect"
	"golang.org/x/sync/errgroup"

	"swtalent/internal/civil"
	"swtalent/internal/dataversion"
	"swtalent/internal/demo"
	"swtalent/internal/facts"
	"swtalent/internal/sqlindex"
	"swtalent/internal/store"
)

// Options choose what Generate writes.
type Options struct {
	// Shape is the scale (see Shapes); Persons overrides its number of people when positive.
	Shape   Shape
	Persons int
	// Seed makes the dataset; the same seed gives the same dataset.
	Seed uint64
	// CommitEvery is the number of rows per transaction (default 200,000).
	CommitEvery int
	// Progress, when not nil, receives a line per finished stage.
	Progress io.Writer
}

// Report says what Generate wrote and how fast.
type Report struct {
	Rows    map[string]int // rows inserted per table
	Total   int            // rows inserted in all
	Elapsed time.Duration
}

// RowsPerSecond is the overall insert rate.
func (r Report) RowsPerSecond() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Total) / r.Elapsed.Seconds()
}

// gcPercent is the garbage collector's setting while Generate runs (GOGC; Go's default is 100).
const gcPercent = 400

// anchor is the last day the synthetic data reaches, as in the demo world.
var anchor = civil.DateFor(2025, time.December, 31)

// Generate writes the dataset into db, which must hold the reference data (refdata.Load) and no
// registers yet (demo.Empty). It commits every CommitEvery rows, so a run that fails midway
// leaves the rows committed so far, and the large tables without the secondary indexes (and on
// PostgreSQL the foreign keys) it dropped to fill them until the database is opened again (store.Open's migration creates them):
// start again from a fresh database.
func Generate(ctx context.Context, db *store.DB, opt Options) (Report, error) {
	start := time.Now()
	if db.Keyring == nil {
		return Report{}, errors.New("generate: no data key to encrypt personal data with")
	}
	empty, err := demo.Empty(ctx, db.Client)
	if err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	if !empty {
		return Report{}, errors.New("generate: the database already holds registers; synthetic data goes only into an empty database")
	}
	if opt.Persons > 0 {
		opt.Shape.Persons = opt.Persons
	}
	// The rows drawn are short-lived garbage over a small live heap (18-39 MB at province
	// scale): with the default GOGC the collector ran every 0.3 s and was a quarter of the
	// generator's CPU. A fifth as many collections for a heap five times the live one, unless
	// GOGC is set.
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(gcPercent))
	}
	if opt.CommitEvery <= 0 {
		opt.CommitEvery = 200_000
	}
	conn, err := db.SQL.Conn(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	defer conn.Close()
	if err := tune(ctx, conn, db.Dialect); err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	// The large tables fill without their secondary indexes, built once at the end by sorting
	// (sqlindex): at province scale inserting into them row by row was most of SQLite's time.
	indexes, err := sqlindex.Drop(ctx, conn, db.Dialect, bulkTables())
	if err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	// On PostgreSQL their foreign keys too, added again (each checked in one join) after the
	// indexes: checked row by row they were half the server's time of a COPY.
	fks, err := sqlindex.DropForeignKeys(ctx, conn, db.Dialect, bulkTables()...)
	if err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	b, err := newBulk(ctx, conn, db.Dialect, opt.CommitEvery)
	if err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	g := &gen{
		opt:     opt,
		db:      db,
		b:       b,
		rng:     rand.New(rand.NewPCG(opt.Seed, 0x5357_7461_6c65_6e74)),
		now:     time.Now().UTC().Truncate(time.Microsecond),
		started: start,
		// the kept region facts' intervals, gathered as the regions, points and persons are drawn
		regionFacts: facts.RegionIntervals{},
	}
	stages := []struct {
		name string
		run  func(context.Context) error
	}{
		{"regions", g.writeRegions},
		{"agencies", g.writeAgencies},
		{"service points", g.writePoints},
		{"trainings", g.writeTrainings},
		{"persons", g.writePersons},
		{"linkage", g.writeLinkage},
		{"expansion", g.writeExpansion},
		{"campus", g.writeCampus},
		{"incentives", g.writeIncentives},
	}
	for _, s := range stages {
		if err := s.run(ctx); err != nil {
			b.abort()
			return Report{}, fmt.Errorf("generate %s: %w", s.name, err)
		}
		g.progress(s.name)
	}
	if err := dataversion.Bump(ctx, b.tx); err != nil {
		b.abort()
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	if err := b.finish(); err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	if err := createIndexes(ctx, db.SQL, conn, db.Dialect, indexes, fks); err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	g.progress("indexes")
	if err := g.writeDemonstrationFacts(ctx, conn); err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	if err := analyze(ctx, conn, db.Dialect); err != nil {
		return Report{}, fmt.Errorf("generate: %w", err)
	}
	rep := Report{Rows: b.rows, Elapsed: time.Since(start)}
	for _, n := range b.rows {
		rep.Total += n
	}
	return rep, nil
}

// bulkTables are the tables the generator fills with many rows, whose secondary indexes it drops
// while it writes. None of them is read through an index meanwhile (the generator reads the
// regions and departments whole) or written with ON CONFLICT (fact_deltas, which is, keeps its
// unique index).
func bulkTables() []string {
	return []string{regionTable.name, pointTable.name, agencyTable.name, personTable.name, certificateTable.name,
		registrationTable.name, recordTable.name, spanTable.name, examTable.name, supervisorTable.name,
		paymentTable.name, volunteerTable.name, fundTable.name, facts.RegionTable}
}

// createIndexes creates the dropped indexes and adds the dropped foreign keys again. On SQLite in
// one transaction: one commit (one sync of the log with synchronous=FULL) instead of one per
// index. On PostgreSQL the indexes are built on two connections at once (one if the pool allows
// only one), a table at a time each, the largest tables first: one build is one server process
// (with at most one parallel worker at the default maintenance_work_mem), so the other processor
// would wait, and each build's last phases (the merge, writing the index) run alone; then the
// foreign keys, each checked in one join over the tables' primary keys.
func createIndexes(ctx context.Context, db *sql.DB, conn *sql.Conn, dia string, indexes, fks []sqlindex.Index) error {
	if dia != dialect.Postgres {
		return inTx(ctx, conn, func(tx *sql.Tx) error { return sqlindex.Create(ctx, tx, dia, append(indexes, fks...)) })
	}
	var tables [][]sqlindex.Index
	at := map[string]int{}
	for _, x := range indexes {
		i, ok := at[x.Table]
		if !ok {
			i = len(tables)
			at[x.Table] = i
			tables = append(tables, nil)
		}
		tables[i] = append(tables[i], x)
	}
	size := make([]int64, len(tables))
	for i, t := range tables {
		if err := conn.QueryRowContext(ctx, "SELECT pg_relation_size(to_regclass(quote_ident($1)))", t[0].Table).Scan(&size[i]); err != nil {
			return fmt.Errorf("size of %s: %w", t[0].Table, err)
		}
	}
	order := make([]int, len(tables))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(size[b], size[a]) })
	conns := []*sql.Conn{conn}
	if limit := db.Stats().MaxOpenConnections; limit == 0 || limit > 1 { // a pool of one would wait forever
		other, err := db.Conn(ctx)
		if err != nil {
			return fmt.Errorf("second connection: %w", err)
		}
		defer other.Close()
		conns = append(conns, other)
	}
	next := make(chan []sqlindex.Index)
	eg, ectx := errgroup.WithContext(ctx)
	for _, c := range conns {
		eg.Go(func() error {
			for t := range next {
				if err := sqlindex.Create(ectx, c, dia, t); err != nil {
					return err
				}
			}
			return nil
		})
	}
feed:
	for _, i := range order {
		select {
		case next <- tables[i]:
		case <-ectx.Done():
			break feed
		}
	}
	close(next)
	if err := eg.Wait(); err != nil {
		return err
	}
	return inTx(ctx, conn, func(tx *sql.Tx) error { return sqlindex.Create(ctx, tx, dia, fks) })
}

// inTx runs f in a transaction on conn and commits it.
func inTx(ctx context.Context, conn *sql.Conn, f func(*sql.Tx) error) error {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// progress reports a finished stage.
func (g *gen) progress(stage string) {
	if g.opt.Progress == nil {
		return
	}
	total := 0
	for _, n := range g.b.rows {
		total += n
	}
	el := time.Since(g.started)
	fmt.Fprintf(g.opt.Progress, "  %-15s done: %9d rows in %6.1fs (%.0f rows/s)\n", stage, total, el.Seconds(), float64(total)/el.Seconds())
}
