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

// Agency is a social organisation (社会组织): a social-work service agency (社会工作服务机构), a hub or
// industry association, or a community social organisation rooted in one community.
type Agency struct{ ent.Schema }

// Mixin of Agency.
func (Agency) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Agency"}}
}

// Fields of Agency.
func (Agency) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			MaxLen(100).
			Comment("Registered name (名称).").
			Annotations(entgql.OrderField("NAME")),
		field.String("credit_code").
			Optional().
			Nillable().
			Unique().
			Comment("Unified social credit code (统一社会信用代码, GB 32100-2015); empty for organisations only filed (备案).").
			Annotations(entgql.OrderField("CREDIT_CODE")),
		field.Enum("org_type").
			Values("PRIVATE_NON_ENTERPRISE", "SOCIAL_GROUP", "FOUNDATION", "COMMUNITY_SOCIAL_ORGANIZATION", "OTHER").
			Default("PRIVATE_NON_ENTERPRISE").
			Comment("Legal form (组织类型): PRIVATE_NON_ENTERPRISE 民办非企业单位, SOCIAL_GROUP 社会团体, FOUNDATION 基金会, COMMUNITY_SOCIAL_ORGANIZATION 社区社会组织 (often only filed 备案), OTHER 其他."),
		field.Bool("social_work").
			Default(true).
			Comment("True for a social-work service agency (社会工作服务机构)."),
		field.Bool("hub").
			Default(false).
			Comment("Hub organisation (枢纽型社会组织)."),
		field.Bool("industry_association").
			Default(false).
			Comment("Industry association (行业组织)."),
		field.Bool("purchase_capable").
			Default(false).
			Comment("Able to undertake government-purchased services (可承接政府购买服务)."),
		field.Enum("influence").
			Values("COUNTY", "CITY", "PROVINCE", "NATIONAL").
			Default("COUNTY").
			Comment("Reach of the agency's influence (影响力): COUNTY 县级, CITY 市级, PROVINCE 省级, NATIONAL 全国."),
		field.JSON("service_fields", []enum.ServiceField{}).
			Optional().
			Comment("Service fields the agency works in (服务领域).").
			Annotations(entgql.Type("[ServiceField!]")),
		field.Int("cultivated_year").
			Optional().
			Nillable().
			Comment("Year the cultivating department took the agency on (培育年度).").
			Annotations(entgql.OrderField("CULTIVATED_YEAR")),
		field.String("registered_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date of registration or filing (登记/备案日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("REGISTERED_ON")),
		field.String("deregistered_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date of deregistration (注销日期); from then on it no longer counts.").
			Annotations(entgql.Type("Date"), entgql.OrderField("DEREGISTERED_ON")),
	}
}

// Edges of Agency.
func (Agency) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).
			Unique().
			Comment("Region of the agency's seat (所在区划)."),
		edge.To("competent_department", Department.Type).
			Unique().
			Comment("Competent department (业务主管单位)."),
		edge.To("cultivated_by", Department.Type).
			Unique().
			Comment("Department that cultivates the agency (培育部门)."),
		edge.To("community", Region.Type).
			Unique().
			Comment("Community a community social organisation is rooted in (所在社区)."),
		edge.From("employees", Person.Type).
			Ref("employer").
			Comment("People employed by the agency (工作人员).").
			Annotations(entgql.RelayConnection(), skipDerived),
		edge.From("projects", ServiceProject.Type).
			Ref("contractor").
			Comment("Projects the agency contracted (承接项目).").
			Annotations(skipDerived),
		edge.From("inspections", AnnualInspection.Type).
			Ref("agency").
			Comment("Annual inspection results (年检).").
			Annotations(skipDerived),
		edge.From("supports", AgencySupport.Type).
			Ref("agency").
			Comment("Support received (扶持).").
			Annotations(skipDerived),
		edge.From("bases", Base.Type).
			Ref("host_agency").
			Comment("Practice and training bases the agency hosts (基地).").
			Annotations(skipDerived),
		edge.From("service_points", ServicePoint.Type).
			Ref("operator").
			Comment("Service points the agency operates (运营的服务阵地).").
			Annotations(skipDerived),
	}
}

// Indexes of Agency: the agencies seated in a region; the agencies a department cultivated in a
// year (departments_cultivating_agency_rate and departmentCultivation look up each department's
// agencies of one year: without it every department scanned every agency); the community social
// organisations rooted in a community (a demonstration community's criteria).
func (Agency) Indexes() []ent.Index {
	return []ent.Index{index.Edges("region"), index.Fields("cultivated_year").Edges("cultivated_by"), index.Edges("community")}
}

// Annotations of Agency.
func (Agency) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Social organisation (社会组织): a social-work service agency, a hub or industry association, or a community social organisation."),
		entgql.RelayConnection(),
		entgql.QueryField("agencies").Description("Social organisations and social-work agencies (社会组织)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
