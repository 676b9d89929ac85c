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

// FactSpan is a kept person fact: one interval of days during which a fact (package
// internal/facts, e.g. CERTIFIED: the person is a certified social worker) holds for a person,
// with a weight and, for facts counted by level, the person's highest certificate level, filed
// under the person's current workplace region code. Each fact has one rule (a pure function of
// the person's registers); the hooks of those registers rewrite a person's spans in the same
// transaction as the change that moves them; nothing else writes them. They turn "how many at D
// in region subtree R" into an index range sum.
type FactSpan struct{ ent.Schema }

// Mixin of FactSpan.
func (FactSpan) Mixin() []ent.Mixin {
	return []ent.Mixin{PolicyMixin{Entity: "FactSpan"}}
}

// Fields of FactSpan.
func (FactSpan) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("fact").
			GoType(enum.Fact("")).
			Comment("The fact that holds during the span."),
		field.Int("person_id").
			Comment("The person the fact holds for."),
		field.String("region_code").
			Optional().
			Nillable().
			Comment("Code of the person's workplace region (empty when none), so a region subtree is a code range."),
		field.Enum("level").
			GoType(enum.CertificateLevel("")).
			Optional().
			Nillable().
			Comment("Level of the person's highest valid certificate during the span, for facts counted by level."),
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
			Comment("What the span counts for (1 for a fact that counts persons, e.g. hours for a weighted fact)."),
	}
}

// Indexes of FactSpan: a sum at a date in a region subtree reads only the first index; the
// sums of spans starting or ending in a stretch of days (the whole-country count through the
// deltas) only the second and third; person_id finds a person's spans to replace them.
func (FactSpan) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("fact", "region_code", "from_on", "until_on", "level", "weight"),
		index.Fields("fact", "from_on", "region_code", "level", "weight"),
		index.Fields("fact", "until_on", "region_code", "level", "weight"),
		index.Fields("person_id"),
	}
}

// Annotations of FactSpan: internal, never in the GraphQL schema.
func (FactSpan) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Kept fact: an interval during which a person fact holds, with its weight, level and the person's workplace region code."),
		entgql.Skip(entgql.SkipAll),
	}
}
