// Module: network

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"swtalent/internal/civil"
)

// Base is a practice base (实践基地) where students are placed, or a talent-training base
// (人才培养基地), hosted by exactly one service point or one agency.
type Base struct{ ent.Schema }

// Mixin of Base.
func (Base) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Base"}}
}

// Fields of Base.
func (Base) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("PRACTICE", "TRAINING").
			Comment("Kind of base (基地类型): PRACTICE 社会工作实践基地, TRAINING 人才培养基地.").
			Annotations(entgql.OrderField("KIND")),
		field.String("name").NotEmpty().MaxLen(100).Comment("Name (名称).").Annotations(entgql.OrderField("NAME")),
		field.String("designated_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Date designated (授牌日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("DESIGNATED_ON")),
		field.String("closed_on").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().Comment("Date closed (撤销日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("CLOSED_ON")),
	}
}

// Edges of Base.
func (Base) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("host_point", ServicePoint.Type).Unique().Comment("The hosting service point, when a point hosts it."),
		edge.To("host_agency", Agency.Type).Unique().Comment("The hosting agency, when an agency hosts it."),
		edge.From("partnerships", Partnership.Type).Ref("base").
			Comment("University partnerships of the base (校地合作协议).").Annotations(skipDerived),
		edge.From("placements", Placement.Type).Ref("base").
			Comment("Student placements at the base (学生实习).").Annotations(entgql.RelayConnection(), skipDerived),
	}
}

// Annotations of Base.
func (Base) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A practice or talent-training base (实践基地 / 人才培养基地), hosted by a service point or an agency."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Practice and training bases (基地)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
