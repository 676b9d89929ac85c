// Module: quality

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"swtalent/internal/civil"
)

// SupervisorLevel is a level of social-work supervisor (督导等级). No national standard fixes the
// levels (MZ/T 166-2021 defines none), so they are data the county configures.
type SupervisorLevel struct{ ent.Schema }

// Mixin of SupervisorLevel.
func (SupervisorLevel) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "SupervisorLevel"}}
}

// Fields of SupervisorLevel.
func (SupervisorLevel) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").Unique().NotEmpty().MaxLen(50).Comment("Name, e.g. 初级督导.").Annotations(entgql.OrderField("NAME")),
		field.Int("rank").NonNegative().Default(0).Comment("Order of the levels, lowest first.").Annotations(entgql.OrderField("RANK")),
	}
}

// Annotations of SupervisorLevel.
func (SupervisorLevel) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A level of social-work supervisor (督导等级), configured by the county."),
		entgql.QueryField().Description("Supervisor levels (督导等级), lowest first."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// SupervisorQualification is a person's supervision qualification (督导资质), granted and revoked
// only through the quality module's verbs.
type SupervisorQualification struct{ ent.Schema }

// Mixin of SupervisorQualification.
func (SupervisorQualification) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "SupervisorQualification"}}
}

// Fields of SupervisorQualification.
func (SupervisorQualification) Fields() []ent.Field {
	return []ent.Field{
		field.String("granted_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Date granted (认定日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("GRANTED_ON")),
		field.String("granted_by").Default("").MaxLen(100).Comment("Who granted it (认定单位)."),
		field.String("revoked_on").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().Comment("Date revoked (撤销日期); from then on it no longer counts.").
			Annotations(entgql.Type("Date"), entgql.OrderField("REVOKED_ON")),
	}
}

// Edges of SupervisorQualification.
func (SupervisorQualification) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Required().Immutable().Comment("The supervisor (督导)."),
		edge.To("level", SupervisorLevel.Type).Unique().Required().Comment("The level granted."),
	}
}

// Indexes of SupervisorQualification: a person's qualifications, which the kept facts read per
// person (internal/facts).
func (SupervisorQualification) Indexes() []ent.Index {
	return []ent.Index{index.Edges("person")}
}

// Annotations of SupervisorQualification.
func (SupervisorQualification) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person's supervision qualification (督导资质)."),
		entgql.RelayConnection(),
	}
}
