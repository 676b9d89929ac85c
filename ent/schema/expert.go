// Module: quality

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// Expert is a member of the county's social-work expert pool (专家库): a person of the registers or
// an external expert, called on for policy, evaluation, teaching, supervision or research.
type Expert struct{ ent.Schema }

// Mixin of Expert.
func (Expert) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Expert"}}
}

// Fields of Expert.
func (Expert) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(50).Comment("Name (姓名).").Annotations(entgql.OrderField("NAME")),
		field.String("affiliation").Default("").MaxLen(200).Comment("Affiliation (工作单位)."),
		field.JSON("areas", []enum.ExpertArea{}).Optional().Comment("What the expert is called on for (专长领域).").
			Annotations(entgql.Type("[ExpertArea!]")),
		field.JSON("service_fields", []enum.ServiceField{}).Optional().Comment("Service fields of expertise.").
			Annotations(entgql.Type("[ServiceField!]")),
		field.String("term_start").GoType(civil.Date{}).SchemaType(pgDate).Comment("First day of the term in the pool (聘期开始).").
			Annotations(entgql.Type("Date"), entgql.OrderField("TERM_START")),
		field.String("term_end").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().Comment("Last day of the term (聘期结束); set it to retire the expert.").
			Annotations(entgql.Type("Date"), entgql.OrderField("TERM_END")),
	}
}

// Edges of Expert.
func (Expert) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Comment("The person, when the expert is in the registers."),
	}
}

// Annotations of Expert.
func (Expert) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A member of the social-work expert pool (专家库)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The expert pool (专家库)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
