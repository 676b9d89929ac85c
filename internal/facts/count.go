package facts

import (
	"context"
	"fmt"
	"time"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/factdelta"
	"swtalent/ent/factspan"
	"swtalent/ent/predicate"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// SpanAt holds for spans covering day d.
func SpanAt(d civil.Date) predicate.FactSpan {
	return factspan.And(factspan.FromOnLTE(d), factspan.Or(factspan.UntilOnIsNil(), factspan.UntilOnGT(d)))
}

// SpanIn holds for spans of people whose workplace lies in the subtree of the region code
// ("" = anywhere, people without a workplace included), as [workforce.WorksIn] does: a range of
// region codes, read through the index.
func SpanIn(code string) predicate.FactSpan {
	if code == "" {
		return func(*sql.Selector) {}
	}
	lo, hi := validate.RegionSubtreeRange(code)
	return factspan.And(factspan.RegionCodeGTE(lo), factspan.RegionCodeLT(hi))
}

// aboveCounty reports whether a region scope spans several counties (the whole dataset, a
// province, a prefecture): its count reads the deltas instead of every span.
func aboveCounty(code string) bool {
	return code == "" || len(validate.RegionPrefix(code)) < 6
}

// Count sums the weight of the spans of fact covering day d of people working in the region
// subtree of code ("" = everywhere): for a fact that counts persons, the number of persons for
// whom it holds on d. ctx must allow the read (an aggregate: see modules.Aggregate).
func Count(ctx context.Context, client *ent.Client, fact enum.Fact, d civil.Date, code string) (int, error) {
	by, err := CountByLevel(ctx, client, fact, d, code)
	n := 0
	for _, v := range by {
		n += v
	}
	return n, err
}

// CountByLevel is [Count] by the spans' level ("" for spans without one); a level with no
// weight is absent. Within a county it sums the spans covering d, one index range; above, it sums
// the county deltas of the years before d's and the spans that start or end between 1 January
// and d (in the second half of the year: the deltas up to d's year less the spans that start or
// end after d until 31 December), so that the whole country reads the deltas and at most half a
// year of spans whatever the date.
func CountByLevel(ctx context.Context, client *ent.Client, fact enum.Fact, d civil.Date, code string) (map[enum.CertificateLevel]int, error) {
	return countBy(ctx, client, sumSpans, fact, d, code)
}

// CountRegions counts the regions of the subtree of code ("" = everywhere) for which the kept
// region fact (regions.go) holds on day d, as [Count] counts persons: the same deltas above a
// county, the region spans covering d within one. ctx must allow the read (an aggregate: see
// modules.Aggregate).
func CountRegions(ctx context.Context, client *ent.Client, fact enum.Fact, d civil.Date, code string) (int, error) {
	by, err := countBy(ctx, client, sumRegionSpans, fact, d, code)
	n := 0
	for _, v := range by {
		n += v
	}
	return n, err
}

// spanSum adds sign times the weight of the spans matching preds to out, by level: the sum over
// one span table. The conditions are on the columns fact_spans and region_spans share (fact,
// region_code, from_on, until_on, weight), so one count ([countBy]) runs over either.
type spanSum func(ctx context.Context, client *ent.Client, out map[enum.CertificateLevel]int, sign int, preds ...func(*sql.Selector)) error

// countBy is [CountByLevel] over the span table sum reads.
func countBy(ctx context.Context, client *ent.Client, sum spanSum, fact enum.Fact, d civil.Date, code string) (map[enum.CertificateLevel]int, error) {
	out := map[enum.CertificateLevel]int{}
	isFact, at, in := factspan.FactEQ(fact), SpanAt(d), SpanIn(code)
	if !aboveCounty(code) {
		if err := sum(ctx, client, out, 1, isFact, at, in); err != nil {
			return nil, fmt.Errorf("count %s: %w", fact, err)
		}
		return clean(out), nil
	}
	// From 1 January of d's year forward, or (in the second half of the year) back from
	// 1 January of the next, so at most half a year of spans is read.
	jan1, dec31 := civil.DateFor(d.Year, time.January, 1), civil.EndOfYear(d.Year)
	forward := d.Month <= time.June
	var rows []struct {
		Level string `json:"level"`
		Sum   int    `json:"sum"`
	}
	q := client.FactDelta.Query().Where(factdelta.FactEQ(fact))
	if forward {
		q.Where(factdelta.YearLT(d.Year))
	} else {
		q.Where(factdelta.YearLTE(d.Year))
	}
	switch prefix := validate.RegionPrefix(code); {
	case code == "": // the provinces' rows, and the row of the spans without a region
		q.Where(factdelta.Or(factdelta.CountyCodeEQ(""), factdelta.CountyCodeGTE(provinceMark)))
	case len(prefix) == 2: // a province: its row
		q.Where(factdelta.CountyCodeEQ(ProvinceOf(code)))
	default: // a prefecture: its counties' rows
		lo, hi := validate.RegionSubtreeRange(code)
		q.Where(factdelta.CountyCodeGTE(lo), factdelta.CountyCodeLT(hi))
	}
	if err := q.GroupBy(factdelta.FieldLevel).Aggregate(ent.Sum(factdelta.FieldDelta)).Scan(ctx, &rows); err != nil {
		return nil, fmt.Errorf("count %s: deltas: %w", fact, err)
	}
	for _, r := range rows {
		out[enum.CertificateLevel(r.Level)] += r.Sum
	}
	starting, ending := []func(*sql.Selector){factspan.FromOnGTE(jan1), factspan.FromOnLTE(d)}, []func(*sql.Selector){factspan.UntilOnGTE(jan1), factspan.UntilOnLTE(d)}
	sign := 1
	if !forward {
		starting, ending = []func(*sql.Selector){factspan.FromOnGT(d), factspan.FromOnLTE(dec31)}, []func(*sql.Selector){factspan.UntilOnGT(d), factspan.UntilOnLTE(dec31)}
		sign = -1
	}
	if err := sum(ctx, client, out, sign, append(starting, isFact, in)...); err != nil {
		return nil, fmt.Errorf("count %s: spans starting this year: %w", fact, err)
	}
	if err := sum(ctx, client, out, -sign, append(ending, isFact, in)...); err != nil {
		return nil, fmt.Errorf("count %s: spans ending this year: %w", fact, err)
	}
	return clean(out), nil
}

// sumSpans adds sign times the weight of the person fact spans matching preds to out, by level.
func sumSpans(ctx context.Context, client *ent.Client, out map[enum.CertificateLevel]int, sign int, preds ...func(*sql.Selector)) error {
	var rows []struct {
		Level *string `json:"level"`
		Sum   int     `json:"sum"`
	}
	err := client.FactSpan.Query().Where(func(s *sql.Selector) {
		for _, p := range preds {
			p(s)
		}
	}).GroupBy(factspan.FieldLevel).Aggregate(ent.Sum(factspan.FieldWeight)).Scan(ctx, &rows)
	if err != nil {
		return err
	}
	for _, r := range rows {
		var level enum.CertificateLevel
		if r.Level != nil {
			level = enum.CertificateLevel(*r.Level)
		}
		out[level] += sign * r.Sum
	}
	return nil
}

// sumRegionSpans adds sign times the weight of the region spans matching preds to out (region
// spans have no level: under "").
func sumRegionSpans(ctx context.Context, client *ent.Client, out map[enum.CertificateLevel]int, sign int, preds ...func(*sql.Selector)) error {
	n, err := client.RegionSpan.Query().Where(func(s *sql.Selector) {
		for _, p := range preds {
			p(s)
		}
	}).Aggregate(func(s *sql.Selector) string { return "COALESCE(SUM(" + s.C(regionspan.FieldWeight) + "), 0)" }).Int(ctx)
	if err != nil {
		return err
	}
	out[""] += sign * n
	return nil
}

// clean drops the levels that sum to zero.
func clean(m map[enum.CertificateLevel]int) map[enum.CertificateLevel]int {
	for k, v := range m {
		if v == 0 {
			delete(m, k)
		}
	}
	return m
}

// HeldIn returns a condition on rows of any table whose column codeColumn holds a region code:
// fact holds on day d for someone working in that very region (not below it), among the spans
// of the region subtree of code ("" = everywhere). It reads the spans once (an uncorrelated
// IN), never NULL, so its negation lists the regions where the fact holds for nobody.
func HeldIn(codeColumn string, fact enum.Fact, d civil.Date, code string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		b := sql.Dialect(s.Dialect())
		t := b.Table(factspan.Table)
		sub := b.Select(t.C(factspan.FieldRegionCode)).From(t)
		for _, p := range []predicate.FactSpan{factspan.FactEQ(fact), SpanIn(code), factspan.RegionCodeNotNil(), SpanAt(d)} {
			p(sub)
		}
		s.Where(sql.In(s.C(codeColumn), sub))
	}
}

// CountPerRegion sums, for each region code of codes, the weight of the spans of fact covering
// day d filed under that very code (people working in the region itself, not below it): for a
// fact that counts persons, the number of persons working there for whom it holds on d. A code
// with no weight is absent. It is one statement grouped by code, each code one probe of the
// first span index, so its cost follows the number of codes and their spans, not the scope's
// size. ctx must allow the read (an aggregate: see modules.Aggregate).
func CountPerRegion(ctx context.Context, client *ent.Client, fact enum.Fact, d civil.Date, codes []string) (map[string]int, error) {
	out := make(map[string]int, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	var rows []struct {
		Code string `json:"region_code"`
		Sum  int    `json:"sum"`
	}
	err := client.FactSpan.Query().Where(factspan.FactEQ(fact), factspan.RegionCodeIn(codes...), SpanAt(d)).
		GroupBy(factspan.FieldRegionCode).Aggregate(ent.Sum(factspan.FieldWeight)).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count %s per region: %w", fact, err)
	}
	for _, r := range rows {
		if r.Sum != 0 {
			out[r.Code] = r.Sum
		}
	}
	return out, nil
}
