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

// CertifiedSpan is a kept fact: one interval during which a person was a certified social worker
// (持证社工) with the same highest certificate level, in their current workplace region. A
// person's spans never overlap; together they are exactly the days on which
// workforce.CertifiedAt holds for the person, each labelled with the level
// workforce.HighestLevelAt gives. The certificate and person hooks keep them in the same
// transaction as the change that moves them (see package facts); nothing else writes them. They
// turn "certified at D in region subtree R" into an index range count.
type CertifiedSpan struct{ ent.Schema }

// Mixin of CertifiedSpan.
func (CertifiedSpan) Mixin() []ent.Mixin {
	return []ent.Mixin{PolicyMixin{Entity: "CertifiedSpan"}}
}

// Fields of CertifiedSpan.
func (CertifiedSpan) Fields() []ent.Field {
	return []ent.Field{
		field.Int("person_id").
			Comment("The person certified."),
		field.String("region_code").
			Optional().
			Nillable().
			Comment("Code of the person's workplace region (empty when none), so a region subtree is a code range."),
		field.Enum("level").
			GoType(enum.CertificateLevel("")).
			Comment("Level of the person's highest valid certificate during the span."),
		field.String("from_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("First day of the span."),
		field.String("until_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Day the span ended (not included): a revocation, the person leaving, or a change of highest level; empty while it lasts."),
	}
}

// Indexes of CertifiedSpan: a count at a date in a region subtree reads only the first index, a
// count over everything only the second; person_id finds a person's spans to replace them.
func (CertifiedSpan) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("region_code", "from_on", "until_on", "level"),
		index.Fields("from_on", "until_on", "level"),
		index.Fields("person_id"),
	}
}

// Annotations of CertifiedSpan: internal, never in the GraphQL schema.
func (CertifiedSpan) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Kept fact: an interval during which a person was certified, with their highest level and workplace region code."),
		entgql.Skip(entgql.SkipAll),
	}
}
