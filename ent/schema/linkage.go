// Module: linkage

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

// DemonstrationCommunity is a village or community chosen to demonstrate the five-party linkage
// (“五社联动”示范社区): community, social workers, social organisations, volunteers and charity
// resources working together.
type DemonstrationCommunity struct{ ent.Schema }

// Mixin of DemonstrationCommunity.
func (DemonstrationCommunity) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "DemonstrationCommunity"}}
}

// Fields of DemonstrationCommunity.
func (DemonstrationCommunity) Fields() []ent.Field {
	return []ent.Field{
		field.Int("designated_year").Min(2000).Max(2100).Comment("Year designated (确定年度).").
			Annotations(entgql.OrderField("DESIGNATED_YEAR")),
		field.Enum("status").Values("PILOT", "DESIGNATED", "WITHDRAWN").Default("PILOT").
			Comment("Status (状态): PILOT 试点建设, DESIGNATED 命名示范, WITHDRAWN 撤销.").
			Annotations(entgql.OrderField("STATUS")),
		field.String("withdrawn_on").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().
			Comment("Date withdrawn (撤销日期); set with the WITHDRAWN status.").
			Annotations(entgql.Type("Date")),
		field.Int("community_id").Comment("The village or community.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of DemonstrationCommunity.
func (DemonstrationCommunity) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Region.Type).Unique().Required().Field("community_id").
			Comment("The village or community (村（社区）)."),
	}
}

// Indexes of DemonstrationCommunity.
func (DemonstrationCommunity) Indexes() []ent.Index {
	return []ent.Index{index.Fields("community_id").Unique()}
}

// Annotations of DemonstrationCommunity.
func (DemonstrationCommunity) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A five-party linkage demonstration community (“五社联动”示范社区)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Five-party linkage demonstration communities (“五社联动”示范社区)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Volunteer is a registered community volunteer (社区志愿者). Volunteers are personal data: the
// phone is stored encrypted and shown masked.
type Volunteer struct{ ent.Schema }

// Mixin of Volunteer.
func (Volunteer) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Volunteer"}}
}

// Fields of Volunteer.
func (Volunteer) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(50).Comment("Name (姓名).").Annotations(entgql.OrderField("NAME")),
		field.String("phone").
			Comment("Mobile phone (手机号), required to register. Stored encrypted; shown masked.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.String("phone_hash").Default("").
			Comment("Keyed hash of the phone, for de-duplication (set by the hooks).").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.String("birth_date").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().
			Comment("Birth date (出生日期), when known.").Annotations(entgql.Type("Date")),
		field.String("registered_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Date registered (注册日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("REGISTERED_ON")),
		field.Int("service_hours").NonNegative().Default(0).Comment("Service hours recorded (服务时长，小时).").
			Annotations(entgql.OrderField("SERVICE_HOURS")),
		field.String("left_on").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().
			Comment("Date the volunteer left (注销日期).").Annotations(entgql.Type("Date")),
		field.Int("community_id").Comment("The village or community registered in.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of Volunteer.
func (Volunteer) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Region.Type).Unique().Required().Field("community_id").
			Comment("The village or community registered in (所在村（社区）)."),
	}
}

// Indexes of Volunteer: one registration per name and phone in a community; the refresh of a
// community's kept fact VOLUNTEER_ACTIVE (package internal/facts) reads its volunteers through the
// second, which holds the departure too so that it reads no table row, and so do the counts of
// the volunteers active on a day by community that define the volunteer criterion (its
// reference); the whole country's count of volunteers active at a date that defines
// volunteer_registration_rate (its reference) reads the third alone, one range of registrations
// up to the date with the leaving dates beside them. The served answers read the kept fact.
func (Volunteer) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("community_id", "name", "phone_hash").Unique(),
		index.Fields("community_id", "registered_on", "left_on"),
		index.Fields("registered_on", "left_on"),
	}
}

// Annotations of Volunteer.
func (Volunteer) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A registered community volunteer (社区志愿者); the phone is masked."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Registered community volunteers (社区志愿者); personal data, scoped by role."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Fund is a community or charity fund (社区基金 / 慈善基金 / 奖励基金) and the money it raised.
type Fund struct{ ent.Schema }

// Mixin of Fund.
func (Fund) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Fund"}}
}

// Fields of Fund.
func (Fund) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(100).Comment("Name (基金名称).").Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("COMMUNITY_SERVICE", "CHARITY", "REWARD").
			Comment("Kind (类型): COMMUNITY_SERVICE 社区服务专项基金, CHARITY 慈善基金, REWARD 奖励基金.").
			Annotations(entgql.OrderField("KIND")),
		field.String("founder").Optional().MaxLen(100).Comment("Founding enterprise or person (发起企业或个人)."),
		field.Enum("founder_kind").Values("ENTERPRISE", "PERSON", "ORGANIZATION", "GOVERNMENT").Optional().Nillable().
			Comment("Kind of founder (发起方类型): ENTERPRISE 企业, PERSON 个人, ORGANIZATION 社会组织, GOVERNMENT 政府部门."),
		field.String("established_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Date established (设立日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("ESTABLISHED_ON")),
		field.Int64("amount_raised").GoType(civil.Money(0)).Default(0).
			Comment("Amount raised (筹集金额), yuan.").Annotations(entgql.Type("Money"), entgql.OrderField("AMOUNT_RAISED")),
	}
}

// Edges of Fund.
func (Fund) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("community", Region.Type).Unique().Comment("The village or community the fund serves, if one (服务社区)."),
		edge.To("host", Agency.Type).Unique().Comment("Organisation hosting the fund (托管机构), e.g. a charity federation."),
	}
}

// Indexes of Fund: the funds of a community (a demonstration community's criteria).
func (Fund) Indexes() []ent.Index {
	return []ent.Index{index.Edges("community")}
}

// Annotations of Fund.
func (Fund) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A community service, charity or reward fund (基金) and the money it raised."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Community, charity and reward funds (基金)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
