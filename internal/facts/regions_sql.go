package facts

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"slices"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/factdelta"
	"swtalent/ent/factspan"
	"swtalent/ent/region"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/ent/volunteer"
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

// BackfillRegions replaces the kept region spans of facts (none: every region fact), and their
// deltas, with those the registers give: VILLAGE_SKILLED from the kept SKILLED_COMMUNITY spans
// (so it runs after the person facts are filled), the service-point facts from the service
// points, the regions' existence from the regions, VOLUNTEER_ACTIVE from the volunteers; each
// source is read only when one of its facts is asked. The data upgrades "region-spans" (every
// fact) and "volunteer-spans" run it, and [Backfill] after the person facts. The demonstration
// facts, which read the other kept facts, come last, both of them when either is asked
// ([WriteDemonstrations]). Running it again gives the same rows. dialect is the database's
// (entgo.io/ent/dialect).
func BackfillRegions(ctx context.Context, db DB, dialect string, progress io.Writer, facts ...enum.Fact) error {
	start := time.Now()
	b := entsql.Dialect(dialect)
	if len(facts) == 0 {
		facts = RegionFacts()
	}
	demonstrations := slices.ContainsFunc(facts, isDemonstrationFact)
	if demonstrations {
		facts = append(slices.DeleteFunc(slices.Clone(facts), isDemonstrationFact), demonstrationFacts...)
	}
	names := make([]any, 0, len(facts))
	for _, f := range facts {
		names = append(names, string(f))
	}
	deletes := []*entsql.DeleteBuilder{b.Delete(regionspan.Table).Where(entsql.In(regionspan.FieldFact, names...)),
		b.Delete(factdelta.Table).Where(entsql.In(factdelta.FieldFact, names...))}
	if !slices.ContainsFunc(RegionFacts(), func(f enum.Fact) bool { return !slices.Contains(facts, f) }) {
		// Every region fact: the spans go whole (see empty).
		if err := empty(ctx, db, dialect, regionspan.Table); err != nil {
			return fmt.Errorf("backfill region facts: %w", err)
		}
		deletes = deletes[1:]
	}
	for _, q := range deletes {
		q, args := q.Query()
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("backfill region facts: %w", err)
		}
	}
	in := RegionIntervals{}
	for _, src := range regionSources {
		if !slices.ContainsFunc(src.facts, func(f enum.Fact) bool { return slices.Contains(facts, f) }) {
			continue
		}
		if err := src.add(ctx, db, b, in); err != nil {
			return fmt.Errorf("backfill region facts: %w", err)
		}
	}
	for k := range in {
		if !slices.Contains(facts, k.Fact) {
			delete(in, k)
		}
	}
	var n, deltas, pairs int
	var err error
	if len(in) > 0 {
		err = sqlindex.Without(ctx, db, dialect, []string{regionspan.Table}, nil, func() error {
			var err error
			n, deltas, err = WriteRegions(ctx, db, b, in)
			return err
		})
	}
	if err == nil && demonstrations {
		// With the span indexes back: they read the kept spans by region code.
		var dp, dn, dd int
		dp, dn, dd, err = WriteDemonstrations(ctx, db, dialect)
		pairs, n, deltas = dp, n+dn, deltas+dd
	}
	if err == nil {
		err = analyze(ctx, db, dialect, regionspan.Table, factdelta.Table)
	}
	if err != nil {
		return fmt.Errorf("backfill region facts: %w", err)
	}
	if progress != nil {
		fmt.Fprintf(progress, "  region facts: %d (fact, region) pairs of %v, %d spans, %d delta rows in %.1fs\n", len(in)+pairs, facts, n, deltas, time.Since(start).Seconds())
	}
	return nil
}

// regionSources read the registers' intervals of the region facts into in, each source for the
// facts it gives; [BackfillRegions] and [Check] read them all but the persons' (which Check
// recomputes from its sweep).
var regionSources = []struct {
	facts []enum.Fact
	add   func(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error
}{
	{[]enum.Fact{enum.FactVillageSkilled}, addSkilled},
	{[]enum.Fact{enum.FactVillagePointOpen, enum.FactTownshipStationOpen}, addPoints},
	{[]enum.Fact{enum.FactRegionVillage, enum.FactRegionTownship}, addRegions},
	{[]enum.Fact{enum.FactVolunteerActive}, addVolunteers},
}

// addSkilled adds the kept SKILLED_COMMUNITY spans of every person working in a village.
func addSkilled(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error {
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
		s.Until = nullable(until)
		in.AddSkilled(code, s)
		return nil
	})
	if err != nil {
		return fmt.Errorf("skilled community spans: %w", err)
	}
	return nil
}

// addVolunteers adds every volunteer, with the code of its community: one sweep of the
// volunteers joined to their regions.
func addVolunteers(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error {
	v, r := b.Table(volunteer.Table).As("v"), b.Table(region.Table).As("r")
	q, args := b.Select(r.C(region.FieldCode), v.C(volunteer.FieldRegisteredOn), v.C(volunteer.FieldLeftOn)).
		From(v).Join(r).On(v.C(volunteer.FieldCommunityID), r.C(region.FieldID)).Query()
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			code       string
			registered civil.Date
			left       sql.Null[civil.Date]
		)
		if err := rows.Scan(&code, &registered, &left); err != nil {
			return err
		}
		in.AddVolunteer(code, registered, nullable(left))
		return nil
	})
	if err != nil {
		return fmt.Errorf("volunteers: %w", err)
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
