package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// RegionSpan is a kept region fact: one interval of days during which a fact of a region (package
// internal/facts, e.g. VILLAGE_SKILLED: a community worker with social-work skills works in the
// village) holds, filed under the region's code. A region's spans of a fact are the union of the
// underlying intervals (two skilled workers of a village, two points of it, are one span), each
// of weight 1, so that "how many villages of subtree R have one at D" is an index range sum; or,
// for a fact that counts them (VOLUNTEER_ACTIVE: volunteers), the intervals themselves, identical
// ones one span weighted by their number. The
// same code that changes the underlying registers rewrites them in the same transaction;
// nothing else writes them.
type RegionSpan struct{ ent.Schema }

// Mixin of RegionSpan.
func (RegionSpan) Mixin() []ent.Mixin {
	return []ent.Mixin{PolicyMixin{Entity: "RegionSpan"}}
}

// Fields of RegionSpan.
func (RegionSpan) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("fact").
			GoType(enum.Fact("")).
			Comment("The region fact that holds during the span."),
		field.String("region_code").
			Comment("Code of the region the fact holds for, so a region subtree is a code range."),
		field.String("from_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("First day of the span."),
		field.String("until_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Day the span ended (not included); empty while it lasts."),
		field.Int("weight").
			Default(1).
			Comment("What the span counts for: 1, a region; for a counted fact, the number of identical intervals."),
	}
}

// Indexes of RegionSpan, as FactSpan's: a count at a date in a region subtree reads only the
// first index (which also finds a region's spans to replace them); the counts of spans starting
// or ending in a stretch of days (the whole-country count through the deltas) only the second
// and third.
func (RegionSpan) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("fact", "region_code", "from_on", "until_on", "weight"),
		index.Fields("fact", "from_on", "region_code", "weight"),
		index.Fields("fact", "until_on", "region_code", "weight"),
	}
}

// Annotations of RegionSpan: internal, never in the GraphQL schema.
func (RegionSpan) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Kept fact: an interval during which a region fact holds, with the region's code."),
		entgql.Skip(entgql.SkipAll),
	}
}
