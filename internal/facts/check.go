package facts

import (
	"context"
	"fmt"
	"slices"
	"strings"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/schema/enum"
	"swtalent/internal/factdata"
)

// Difference is a person whose kept spans of a fact differ from those the fact's rule gives the
// registers, or (PersonID 0) a kept delta that differs from the sum of the spans the rules give,
// or (Row set) a row whose kept columns differ from those its person's facts give.
type Difference struct {
	Fact       enum.Fact
	PersonID   int
	Kept, Want Kept
	Delta      *DeltaKey // the delta row, for a delta difference
	KeptDelta  int
	WantDelta  int
	Row        *RowDifference // the row, for a difference of kept columns
	Region     *RegionKey     // the region, for a difference of a region fact's spans
	KeptRegion []factdata.Span
	WantRegion []factdata.Span
}

// String describes the difference for the console.
func (d Difference) String() string {
	if d.Row != nil {
		return d.Row.String()
	}
	if d.Region != nil {
		return fmt.Sprintf("%s spans of region %s: kept %s, registers give %s", d.Fact, d.Region.Region,
			describe(d.Region.Region, d.KeptRegion), describe(d.Region.Region, d.WantRegion))
	}
	if d.Delta != nil {
		of := fmt.Sprintf("county %q", d.Delta.County)
		if strings.HasPrefix(d.Delta.County, provinceMark) {
			of = fmt.Sprintf("province %q", d.Delta.County[len(provinceMark):])
		}
		return fmt.Sprintf("%s delta of %s, level %q, year %d: kept %d, spans give %d",
			d.Fact, of, d.Delta.Level, d.Delta.Year, d.KeptDelta, d.WantDelta)
	}
	return fmt.Sprintf("%s spans of person %d: kept %s, registers give %s", d.Fact, d.PersonID,
		describe(d.Kept.Region, d.Kept.Spans[d.Fact]), describe(d.Want.Region, d.Want.Spans[d.Fact]))
}

// describe writes spans as "[2019-05-01, 2023-01-01) ASSISTANT ×1 in 360101000000".
func describe(region string, spans []factdata.Span) string {
	if len(spans) == 0 {
		return "none"
	}
	parts := make([]string, len(spans))
	for i, s := range spans {
		until := "…"
		if s.Until != nil {
			until = s.Until.String()
		}
		parts[i] = fmt.Sprintf("[%s, %s) %s ×%d", s.From, until, s.Level, s.Weight)
	}
	if region == "" {
		region = "no region"
	}
	return strings.Join(parts, ", ") + " in " + region
}

// FactReport is what Check found of one fact.
type FactReport struct {
	Fact      enum.Fact
	Spans     int // spans the rule gives the registers
	Weight    int // their total weight
	Differing int // persons (regions, for a region fact) whose kept spans of the fact differ, plus delta rows that differ
}

// CheckReport is what Check found.
type CheckReport struct {
	Persons     int          // persons read
	Facts       []FactReport // per fact, in List order, then the region facts in RegionFacts order
	Rows        int          // rows with kept columns read (rows.go)
	RowsDiffer  int          // those whose kept columns differ
	Differing   int          // persons whose kept spans differ in some fact, plus delta rows and rows with kept columns that differ
	Differences []Difference // the first maxDifferences of them
}

// maxDifferences bounds the differences a check keeps; Differing counts them all.
const maxDifferences = 100

// Check recomputes every kept fact from the registers with the one rule of each ([List]) and
// compares it with what is kept: each person whose kept spans of a fact differ is a Difference,
// and so is each region whose kept spans of a region fact differ (regions.go), each delta row that differs from the sum the recomputed spans give, and each row
// whose kept columns (rows.go) differ from those the recomputed facts give. It only reads.
func Check(ctx context.Context, db DB, b *entsql.DialectBuilder) (CheckReport, error) {
	var rep CheckReport
	index := map[enum.Fact]int{}
	for i, f := range List() {
		index[f.Name] = i
		rep.Facts = append(rep.Facts, FactReport{Fact: f.Name})
	}
	for _, f := range RegionFacts() {
		index[f] = len(rep.Facts)
		rep.Facts = append(rep.Facts, FactReport{Fact: f})
	}
	differ := func(d Difference) {
		rep.Differing++
		if i, ok := index[d.Fact]; ok {
			rep.Facts[i].Differing++
		}
		if len(rep.Differences) < maxDifferences {
			rep.Differences = append(rep.Differences, d)
		}
	}
	rowDiffers := func(r RowDifference) {
		rep.RowsDiffer++
		differ(Difference{Row: &r})
	}
	tally := Tally{}
	regions := RegionIntervals{}
	err := sweep(ctx, db, b, func(c chunk) error {
		have, err := storedIn(ctx, db, b, c.After, c.Last)
		if err != nil {
			return err
		}
		rep.Persons += c.Persons
		ids := make([]int, 0, len(c.Want))
		for id := range c.Want {
			ids = append(ids, id)
		}
		for id := range have {
			if _, ok := c.Want[id]; !ok { // spans of a person who no longer exists
				ids = append(ids, id)
			}
		}
		n, err := keepRows(ctx, db, b, c.Want, inChunk(c), false, rowDiffers)
		if err != nil {
			return err
		}
		rep.Rows += n
		slices.Sort(ids)
		for _, id := range ids {
			want, kept := c.Want[id], have[id]
			tally.Add(want, 1)
			regions.AddPerson(want)
			for f, spans := range want.Spans {
				if i, ok := index[f]; ok {
					rep.Facts[i].Spans += len(spans)
					for _, s := range spans {
						rep.Facts[i].Weight += s.Weight
					}
				}
			}
			if want.Equal(kept) {
				continue
			}
			for _, f := range factsOf(want, kept) {
				if !want.EqualFact(kept, f) || (len(want.Spans[f]) > 0 && want.Region != kept.Region) {
					differ(Difference{Fact: f, PersonID: id, Kept: kept, Want: want})
				}
			}
		}
		return nil
	})
	if err != nil {
		return rep, fmt.Errorf("check kept facts: %w", err)
	}
	if err := keepRowsWithoutPerson(ctx, db, b, false, rowDiffers); err != nil {
		return rep, fmt.Errorf("check kept facts: %w", err)
	}
	if err := checkRegions(ctx, db, b, regions, tally, func(d Difference) {
		differ(d)
	}, func(f enum.Fact, spans []factdata.Span) {
		i := index[f]
		rep.Facts[i].Spans += len(spans)
		for _, s := range spans {
			rep.Facts[i].Weight += s.Weight
		}
	}); err != nil {
		return rep, fmt.Errorf("check kept facts: %w", err)
	}
	kept, err := storedDeltas(ctx, db, b)
	if err != nil {
		return rep, fmt.Errorf("check kept facts: %w", err)
	}
	keys := tally.nonZero()
	for _, k := range kept.nonZero() {
		if tally[k] == 0 {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if kept[k] != tally[k] {
			differ(Difference{Fact: k.Fact, Delta: &k, KeptDelta: kept[k], WantDelta: tally[k]})
		}
	}
	return rep, nil
}

// factsOf returns the facts either of a and b keeps spans of, listed facts first in List order.
func factsOf(a, b Kept) []enum.Fact {
	var out []enum.Fact
	for _, f := range List() {
		out = append(out, f.Name)
	}
	for _, k := range []Kept{a, b} {
		for f := range k.Spans {
			if !slices.Contains(out, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// Of returns the report of one fact (zero when the fact is not kept).
func (r CheckReport) Of(fact enum.Fact) FactReport {
	for _, f := range r.Facts {
		if f.Fact == fact {
			return f
		}
	}
	return FactReport{Fact: fact}
}

// checkRegions compares the kept region spans with those the registers give: the intervals of
// the persons' recomputed facts (in), of the other registers (regionSources) and the
// demonstration communities' (demonstrations.go). It reports each region whose
// spans of a fact differ to differ, the spans the registers give to counted, and adds them to the
// tally the deltas are compared with.
func checkRegions(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals, tally Tally,
	differ func(Difference), counted func(enum.Fact, []factdata.Span)) error {
	for _, src := range regionSources {
		if slices.Contains(src.facts, enum.FactVillageSkilled) {
			continue // from the persons' recomputed facts
		}
		if err := src.add(ctx, db, b, in); err != nil {
			return err
		}
	}
	// From the kept spans of CERTIFIED_COMMUNITY_STAFF and VOLUNTEER_ACTIVE, which this run
	// compares with the registers too.
	if err := addAllDemonstrations(ctx, db, b, in); err != nil {
		return err
	}
	want := in.Spans()
	have, err := storedRegions(ctx, db, b)
	if err != nil {
		return err
	}
	keys := sortedKeys(want)
	for k := range have {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		tally.AddRegion(k, want[k], 1)
		counted(k.Fact, want[k])
		if !slices.EqualFunc(want[k], have[k], factdata.Span.Equal) {
			differ(Difference{Fact: k.Fact, Region: &k, KeptRegion: have[k], WantRegion: want[k]})
		}
	}
	return nil
}
