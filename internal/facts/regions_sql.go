package facts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/factdelta"
	"swtalent/ent/factspan"
	"swtalent/ent/region"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/sqlindex"
)

// RegionTable is the table of the kept region spans, for the generator, which drops its indexes
// while WriteRegions fills it.
const RegionTable = regionspan.Table

// regionColumns are the columns of the region spans WriteRegions fills.
var regionColumns = []string{regionspan.FieldFact, regionspan.FieldRegionCode, regionspan.FieldFromOn, regionspan.FieldUntilOn, regionspan.FieldWeight}

// regionBatch is the number of region span rows per INSERT statement: 5 values each, under
// SQLite's limit of 32,766 bound values.
const regionBatch = 6000

// BackfillRegions replaces every kept region span, and the deltas of the region facts, with those
// the registers give: the VILLAGE_SKILLED spans from the kept SKILLED_COMMUNITY spans (so it runs
// after the person facts are filled), the service-point facts from the service points. The data
// upgrade "region-spans" runs it, and [Backfill] after the person facts. Running it again gives
// the same rows. dialect is the database's (entgo.io/ent/dialect).
func BackfillRegions(ctx context.Context, db DB, dialect string, progress io.Writer) error {
	start := time.Now()
	b := entsql.Dialect(dialect)
	facts := make([]any, 0, len(RegionFacts()))
	for _, f := range RegionFacts() {
		facts = append(facts, string(f))
	}
	for _, q := range []*entsql.DeleteBuilder{b.Delete(regionspan.Table), b.Delete(factdelta.Table).Where(entsql.In(factdelta.FieldFact, facts...))} {
		q, args := q.Query()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("backfill region facts: %w", err)
		}
	}
	in := RegionIntervals{}
	q, args := b.Select(factspan.FieldRegionCode, factspan.FieldFromOn, factspan.FieldUntilOn).From(b.Table(factspan.Table)).
		Where(entsql.And(entsql.EQ(factspan.FieldFact, string(enum.FactSkilledCommunity)), entsql.NotNull(factspan.FieldRegionCode))).Query()
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			code  string
			s     factdata.Span
			until sql.Null[civil.Date]
		)
		if err := rows.Scan(&code, &s.From, &until); err != nil {
			return err
		}
		if until.Valid {
			s.Until = &until.V
		}
		in.AddSkilled(code, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("backfill region facts: skilled community spans: %w", err)
	}
	if err := addPoints(ctx, db, b, in); err != nil {
		return fmt.Errorf("backfill region facts: %w", err)
	}
	if err := addRegions(ctx, db, b, in); err != nil {
		return fmt.Errorf("backfill region facts: %w", err)
	}
	var n, deltas int
	err = sqlindex.Without(ctx, db, dialect, []string{regionspan.Table}, func() error {
		var err error
		n, deltas, err = WriteRegions(ctx, db, b, in)
		return err
	})
	if err == nil {
		err = analyze(ctx, db, dialect, regionspan.Table, factdelta.Table)
	}
	if err != nil {
		return fmt.Errorf("backfill region facts: %w", err)
	}
	if progress != nil {
		fmt.Fprintf(progress, "  region facts: %d (fact, region) pairs, %d spans, %d delta rows in %.1fs\n", len(in), n, deltas, time.Since(start).Seconds())
	}
	return nil
}

// addPoints adds the intervals of every village point and township station to in, with the code
// of the region each serves.
func addPoints(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error {
	p, r := b.Table(servicepoint.Table).As("p"), b.Table(region.Table).As("r")
	tiers := make([]any, 0, len(pointFacts))
	for t := range pointFacts {
		tiers = append(tiers, t)
	}
	q, args := b.Select(p.C(servicepoint.FieldTier), r.C(region.FieldCode), p.C(servicepoint.FieldOpenedOn), p.C(servicepoint.FieldClosedOn)).
		From(p).Join(r).On(p.C(servicepoint.RegionColumn), r.C(region.FieldID)).
		Where(entsql.In(p.C(servicepoint.FieldTier), tiers...)).Query()
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			tier, code     string
			opened, closed sql.Null[civil.Date]
		)
		if err := rows.Scan(&tier, &code, &opened, &closed); err != nil {
			return err
		}
		in.AddPoint(tier, code, nullable(opened), nullable(closed))
		return nil
	})
	if err != nil {
		return fmt.Errorf("service points: %w", err)
	}
	return nil
}

// addRegions adds every village and township to in.
func addRegions(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error {
	q, args := b.Select(region.FieldCode).From(b.Table(region.Table)).Query()
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var code string
		if err := rows.Scan(&code); err != nil {
			return err
		}
		in.AddRegion(code)
		return nil
	})
	if err != nil {
		return fmt.Errorf("regions: %w", err)
	}
	return nil
}

// nullable returns a pointer to a nullable date's value, nil for NULL.
func nullable(d sql.Null[civil.Date]) *civil.Date {
	if !d.Valid {
		return nil
	}
	return &d.V
}

// WriteRegions writes the spans the intervals in give (their unions) into region_spans with
// plain SQL, and adds them to the deltas: the backfill, the generator. It returns the number of
// spans and of delta rows written.
func WriteRegions(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) (spans, deltas int, err error) {
	all := in.Spans()
	tally := Tally{}
	var vals []any
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		ins := b.Insert(regionspan.Table).Columns(regionColumns...)
		for i := 0; i < len(vals); i += len(regionColumns) {
			ins.Values(vals[i : i+len(regionColumns)]...)
		}
		q, args := ins.Query()
		vals = vals[:0]
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("write region spans: %w", err)
		}
		return nil
	}
	for _, k := range sortedKeys(all) {
		tally.AddRegion(k, all[k], 1)
		for _, s := range all[k] {
			var until any
			if s.Until != nil {
				until = *s.Until
			}
			vals = append(vals, string(k.Fact), k.Region, s.From, until, s.Weight)
			spans++
			if len(vals) >= regionBatch*len(regionColumns) {
				if err := flush(); err != nil {
					return 0, 0, err
				}
			}
		}
	}
	if err := flush(); err != nil {
		return 0, 0, err
	}
	if err := WriteDeltas(ctx, db, b, tally); err != nil {
		return 0, 0, err
	}
	return spans, len(tally.nonZero()), nil
}

// storedRegions reads every kept region span.
func storedRegions(ctx context.Context, db DB, b *entsql.DialectBuilder) (map[RegionKey][]factdata.Span, error) {
	q, args := b.Select(regionColumns...).From(b.Table(regionspan.Table)).Query()
	out := map[RegionKey][]factdata.Span{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			k     RegionKey
			f     string
			s     factdata.Span
			until sql.Null[civil.Date]
		)
		if err := rows.Scan(&f, &k.Region, &s.From, &until, &s.Weight); err != nil {
			return err
		}
		k.Fact, s.Until = enum.Fact(f), nullable(until)
		out[k] = append(out[k], s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read region spans: %w", err)
	}
	for k := range out {
		out[k] = canonical(out[k])
	}
	return out, nil
}
