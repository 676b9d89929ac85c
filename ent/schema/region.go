package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// Region is an administrative division (行政区划) identified by its 12-digit NBS statistical code:
// province, city, county, township (乡镇街道) or village/community (村/社区).
type Region struct{ ent.Schema }

// Mixin of Region.
func (Region) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Region"}}
}

// Fields of Region.
func (Region) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			Unique().
			Immutable().
			Comment("12-digit statistical division code (统计用区划代码), e.g. 361126000000 for Yiyang County.").
			Annotations(entgql.OrderField("CODE")),
		field.String("name").
			NotEmpty().
			MaxLen(100).
			Comment("Official name (名称).").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("level").
			Values("PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE").
			Comment("Level in the hierarchy (层级), derived from the code: PROVINCE 省级, CITY 地级, COUNTY 县级, TOWNSHIP 乡级 (乡镇街道), VILLAGE 村级 (村/社区).").
			Annotations(
				entgql.OrderField("LEVEL"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
		field.Enum("kind").
			Values("PROVINCE", "CITY", "COUNTY", "DISTRICT", "SUBDISTRICT", "TOWN", "TOWNSHIP",
				"OTHER_TOWNSHIP_LEVEL", "COMMUNITY", "VILLAGE").
			Comment("Kind of division (区划类型): PROVINCE 省/自治区/直辖市, CITY 地级市/州/盟, COUNTY 县/县级市/旗, DISTRICT 市辖区, SUBDISTRICT 街道, TOWN 镇, TOWNSHIP 乡/民族乡/苏木, OTHER_TOWNSHIP_LEVEL 其他乡级单位 (农场等), COMMUNITY 社区/居委会, VILLAGE 村委会.").
			Annotations(entgql.OrderField("KIND")),
		field.Int("population").
			Optional().
			Nillable().
			NonNegative().
			Comment("Resident population (常住人口), when known.").
			Annotations(entgql.OrderField("POPULATION")),
		field.Int("parent_id").
			Optional().
			Immutable().
			Comment("The enclosing region; empty only for the deployment's top region.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of Region.
func (Region) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("service_points", ServicePoint.Type).
			Ref("region").
			Comment("Service points serving the region (服务阵地).").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.From("persons", Person.Type).
			Ref("region").
			Comment("People working in the region.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		edge.To("children", Region.Type).
			Comment("Regions directly below this one (下级区划).").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)).
			From("parent").
			Unique().
			Immutable().
			Field("parent_id").
			Comment("The enclosing region (上级区划)."),
	}
}

// Indexes of Region.
func (Region) Indexes() []ent.Index {
	// parent_id: a region's children (nested pages, the tree walk) at 600,000 villages.
	return []ent.Index{index.Fields("level", "code"), index.Fields("parent_id")}
}

// Annotations of Region.
func (Region) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Administrative division (行政区划) identified by its 12-digit statistical code: province, city, county, township (乡镇街道) or village/community (村/社区)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Administrative divisions (行政区划), filterable by level, kind and code."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
