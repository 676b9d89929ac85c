package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/dialect/entsql"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"swtalent/ent/schema/enum"
)

// FactDelta is a kept sum over fact spans: per fact, county, level and year, the weight of the
// spans starting in the year minus the weight of those ending in it. The sum of a county's
// deltas over the years before Y is the fact's count on 1 January of Y, so a count over a
// province or the whole country is a sum over a few thousand of these rows plus the spans that
// start or end in the year of the day asked. The same code that writes the spans keeps them, in
// the same transaction; nothing else writes them.
type FactDelta struct{ ent.Schema }

// Mixin of FactDelta.
func (FactDelta) Mixin() []ent.Mixin {
	return []ent.Mixin{PolicyMixin{Entity: "FactDelta"}}
}

// Fields of FactDelta.
func (FactDelta) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("fact").
			GoType(enum.Fact("")).
			Comment("The fact whose spans are summed."),
		field.String("county_code").
			Comment("The county of the spans' region codes (the first six digits and six zeros), empty for spans without a region."),
		field.String("level").
			Comment("The spans' level, empty for spans without one."),
		field.Int("year").
			Comment("The year in which the spans start (counted +weight) or end (counted -weight)."),
		field.Int("delta").
			Comment("Weight of the spans starting in the year minus that of the spans ending in it."),
	}
}

// Indexes of FactDelta: one row per (fact, county, level, year), which the writers upsert; the
// second serves the sum over a range of counties and years from the index alone.
func (FactDelta) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("fact", "county_code", "level", "year").Unique(),
		index.Fields("fact", "year", "county_code", "level", "delta"),
	}
}

// Annotations of FactDelta: table fact_deltas; internal, never in the GraphQL schema.
func (FactDelta) Annotations() []schema.Annotation {
	return []schema.Annotation{
		entsql.Annotation{Table: "fact_deltas"},
		schema.Comment("Kept sum: the weight of a fact's spans starting minus ending per county, level and year."),
		entgql.Skip(entgql.SkipAll),
	}
}
