package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// University is a partner university or college (院校) of the campus cooperation (校地合作).
type University struct{ ent.Schema }

// Mixin of University.
func (University) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "University"}}
}

// Fields of University.
func (University) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			MaxLen(100).
			Comment("Name (院校名称).").
			Annotations(entgql.OrderField("NAME")),
		field.String("credit_code").
			Optional().
			Nillable().
			Unique().
			Comment("Unified social credit code (统一社会信用代码); universities' codes start with 12.").
			Annotations(entgql.OrderField("CREDIT_CODE")),
	}
}

// Edges of University.
func (University) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("partnerships", Partnership.Type).Ref("university").
			Comment("The university's partnerships with practice bases (校地合作协议).").Annotations(skipDerived),
		edge.From("placements", Placement.Type).Ref("university").
			Comment("The university's student placements (学生实习).").Annotations(entgql.RelayConnection(), skipDerived),
	}
}

// Annotations of University.
func (University) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Partner university or college (院校) of the campus cooperation (校地合作)."),
		entgql.RelayConnection(),
		entgql.QueryField("universities").Description("Partner universities and colleges (院校)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
