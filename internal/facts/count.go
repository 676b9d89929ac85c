package facts

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certifiedspan"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/validate"
)

// SpanAt holds for spans covering day d.
func SpanAt(d civil.Date) predicate.CertifiedSpan {
	return certifiedspan.And(certifiedspan.FromOnLTE(d),
		certifiedspan.Or(certifiedspan.UntilOnIsNil(), certifiedspan.UntilOnGT(d)))
}

// SpanIn holds for spans of people whose workplace lies in the subtree of the region code
// ("" = anywhere, people without a workplace included), as [workforce.WorksIn] does: a range of
// region codes, read through the index.
func SpanIn(code string) predicate.CertifiedSpan {
	if code == "" {
		return func(*sql.Selector) {}
	}
	lo, hi := validate.RegionSubtreeRange(code)
	return certifiedspan.And(certifiedspan.RegionCodeGTE(lo), certifiedspan.RegionCodeLT(hi))
}

// CountCertified counts certified social workers at d working in the region subtree of code
// from the kept spans: the same number as workforce.CountCertified, from an index range. A
// person's spans never overlap, so each certified person is one span. ctx must allow the read
// (an aggregate: see modules.Aggregate).
func CountCertified(ctx context.Context, client *ent.Client, d civil.Date, code string) (int, error) {
	return client.CertifiedSpan.Query().Where(SpanAt(d), SpanIn(code)).Count(ctx)
}

// CountByLevel counts certified social workers at d in the region subtree of code by the level
// of their highest valid certificate (workforce.HighestLevelAt), in one scan of the spans. A
// level nobody holds is absent.
func CountByLevel(ctx context.Context, client *ent.Client, d civil.Date, code string) (map[enum.CertificateLevel]int, error) {
	var rows []struct {
		Level enum.CertificateLevel `json:"level"`
		Count int                   `json:"count"`
	}
	err := client.CertifiedSpan.Query().Where(SpanAt(d), SpanIn(code)).
		GroupBy(certifiedspan.FieldLevel).Aggregate(ent.Count()).Scan(ctx, &rows)
	if err != nil {
		return nil, fmt.Errorf("count certified by level: %w", err)
	}
	out := make(map[enum.CertificateLevel]int, len(rows))
	for _, r := range rows {
		out[r.Level] = r.Count
	}
	return out, nil
}
