package facts

import (
	"context"

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

// CountAtLevel counts certified social workers at d in the region subtree of code whose highest
// valid certificate has the given level (workforce.HighestLevelAt).
func CountAtLevel(ctx context.Context, client *ent.Client, d civil.Date, code string, level enum.CertificateLevel) (int, error) {
	return client.CertifiedSpan.Query().Where(SpanAt(d), SpanIn(code), certifiedspan.LevelEQ(level)).Count(ctx)
}
