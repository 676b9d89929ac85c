package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
)

// ServicePoint is a place of the three-tier service network (服务阵地): the county centre, a
// township station or a village/community point.
type ServicePoint struct{ ent.Schema }

// Mixin of ServicePoint.
func (ServicePoint) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "ServicePoint"}}
}

// Fields of ServicePoint.
func (ServicePoint) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("tier").
			Values("COUNTY_CENTRE", "TOWNSHIP_STATION", "VILLAGE_POINT").
			Comment("Tier of the network (层级): COUNTY_CENTRE 县社会工作服务中心, TOWNSHIP_STATION 乡镇（街道）社工站, VILLAGE_POINT 村（社区）社会工作服务点.").
			Annotations(entgql.OrderField("TIER")),
		field.String("name").
			NotEmpty().
			MaxLen(100).
			Comment("Name (名称).").
			Annotations(entgql.OrderField("NAME")),
		field.String("address").
			Default("").
			MaxLen(200).
			Comment("Address (地址)."),
		field.JSON("colocated_with", []enum.Colocation{}).
			Optional().
			Comment("Community facilities the point shares its premises with (一体推进的设施).").
			Annotations(entgql.Type("[Colocation!]")),
		field.String("opened_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date the point opened (建成/启用日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("OPENED_ON")),
		field.String("closed_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date the point closed (关闭日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("CLOSED_ON")),
		field.Int("region_id").
			StorageKey("service_point_region").
			Comment("The region the point serves (the region edge's column, a field so that indexes can order it).").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of ServicePoint.
func (ServicePoint) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).
			Unique().
			Required().
			Field("region_id").
			Comment("Region the point serves (服务区划)."),
		edge.To("children", ServicePoint.Type).
			Comment("Points of the next tier down linked to this one (下级阵地).").
			Annotations(entgql.RelayConnection(), skipDerived).
			From("parent").
			Unique().
			Comment("Point of the tier above (上级阵地)."),
		edge.To("operator", Agency.Type).
			Unique().
			Comment("Agency operating the point (运营机构), if any."),
		edge.From("bases", Base.Type).
			Ref("host_point").
			Comment("Practice and training bases the point hosts (基地).").
			Annotations(skipDerived),
		edge.From("staff", Person.Type).
			Ref("service_point").
			Comment("People assigned to the point (驻点人员).").
			Annotations(entgql.RelayConnection(), skipDerived),
	}
}

// Indexes of ServicePoint: the points of a region; the points of a tier in a region with their
// opening and closing dates (coverage counts the regions with an open point of a tier: one
// index-only probe per region, or for the whole country's villages one index-only range read in
// region order); the points below a point; the points an agency operates.
func (ServicePoint) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("region_id"),
		index.Fields("tier", "region_id", "opened_on", "closed_on"),
		index.Edges("parent"), index.Edges("operator"),
	}
}

// Annotations of ServicePoint.
func (ServicePoint) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Place of the three-tier service network (服务阵地): the county centre, a township station or a village/community point."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Service points of the three-tier network (服务阵地)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
