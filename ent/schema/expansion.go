// Module: expansion

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

// AnnualInspection is an organisation's annual inspection or annual report result (年检/年报) for
// one year.
type AnnualInspection struct{ ent.Schema }

// Mixin of AnnualInspection.
func (AnnualInspection) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "AnnualInspection"}}
}

// Fields of AnnualInspection.
func (AnnualInspection) Fields() []ent.Field {
	return []ent.Field{
		field.Int("year").Comment("Year inspected (年度).").Annotations(entgql.OrderField("YEAR")),
		field.Enum("result").Values("QUALIFIED", "BASICALLY_QUALIFIED", "UNQUALIFIED", "NOT_SUBMITTED").
			Comment("Result (年检结论): QUALIFIED 合格, BASICALLY_QUALIFIED 基本合格, UNQUALIFIED 不合格, NOT_SUBMITTED 未参检.").
			Annotations(entgql.OrderField("RESULT")),
	}
}

// Edges of AnnualInspection.
func (AnnualInspection) Edges() []ent.Edge {
	return []ent.Edge{edge.To("agency", Agency.Type).Unique().Required().Comment("The organisation inspected.")}
}

// Indexes of AnnualInspection.
func (AnnualInspection) Indexes() []ent.Index {
	return []ent.Index{index.Fields("year").Edges("agency").Unique()}
}

// Annotations of AnnualInspection.
func (AnnualInspection) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An organisation's annual inspection result (年检) for one year."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Annual inspections of organisations (年检)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// ServiceProject is a social-work service project (服务项目), most often purchased by a government
// department (政府购买社会工作服务项目), with its budget and the personnel cost in it.
type ServiceProject struct{ ent.Schema }

// Mixin of ServiceProject.
func (ServiceProject) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "ServiceProject"}}
}

// Fields of ServiceProject.
func (ServiceProject) Fields() []ent.Field {
	return []ent.Field{
		field.String("title").NotEmpty().MaxLen(200).Comment("Title (项目名称).").Annotations(entgql.OrderField("TITLE")),
		field.JSON("service_fields", []enum.ServiceField{}).Optional().Comment("Service fields of the project.").
			Annotations(entgql.Type("[ServiceField!]")),
		field.JSON("populations", []enum.Population{}).Optional().Comment("Special populations served (服务对象).").
			Annotations(entgql.Type("[Population!]")),
		field.Int64("budget").GoType(civil.Money(0)).NonNegative().Comment("Total budget (项目经费), yuan.").
			Annotations(entgql.Type("Money"), entgql.OrderField("BUDGET")),
		field.Int64("personnel_cost").GoType(civil.Money(0)).NonNegative().Comment("Personnel cost in the budget (人力成本), yuan.").
			Annotations(entgql.Type("Money")),
		field.Enum("funding_source").Values("GOVERNMENT_PURCHASE", "CHARITY_FUND", "COMMUNITY_FUND", "OTHER").
			Comment("Where the money comes from (资金来源): GOVERNMENT_PURCHASE 政府购买服务, CHARITY_FUND 慈善基金, COMMUNITY_FUND 社区基金, OTHER 其他.").
			Annotations(entgql.OrderField("FUNDING_SOURCE")),
		field.Bool("linkage").Default(false).Comment("A five-party linkage project (五社联动项目)."),
		field.String("starts_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("First day (开始日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")),
		field.String("ends_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Last day (结束日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("ENDS_ON")),
	}
}

// Edges of ServiceProject.
func (ServiceProject) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("purchaser", Department.Type).Unique().Comment("Purchasing department (购买方)."),
		edge.To("contractor", Agency.Type).Unique().Comment("Contracting agency (承接机构)."),
		edge.To("community", Region.Type).Unique().Comment("Community or region served (服务区域)."),
	}
}

// Indexes of ServiceProject: the projects of a funding source starting in a stretch of days, with
// the budget and personnel cost the 12-month indicators sum and compare, read from the index
// alone (personnel_cost_compliance_rate, government_purchase_spending, spending by source); the
// projects in a community (a demonstration community's criteria: without it SQLite read every
// project started before the day, 183 ms for a province's demonstration communities).
func (ServiceProject) Indexes() []ent.Index {
	return []ent.Index{index.Fields("funding_source", "starts_on", "budget", "personnel_cost"), index.Edges("community")}
}

// Annotations of ServiceProject.
func (ServiceProject) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A social-work service project (服务项目), often purchased by a government department."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Social-work service projects (服务项目)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// AgencySupport is support an agency received (扶持): premises, purchases, charity projects, tax
// policy, subsidies.
type AgencySupport struct{ ent.Schema }

// Mixin of AgencySupport.
func (AgencySupport) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "AgencySupport"}}
}

// Fields of AgencySupport.
func (AgencySupport) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("PREMISES", "GOVERNMENT_PURCHASE", "CHARITY_PROJECT", "TAX_POLICY", "EMPLOYMENT_SUBSIDY", "TRAINING_SUBSIDY").
			Comment("Kind of support (扶持方式): PREMISES 提供场所, GOVERNMENT_PURCHASE 政府购买服务, CHARITY_PROJECT 慈善项目支持, TAX_POLICY 财税政策, EMPLOYMENT_SUBSIDY 就业补贴, TRAINING_SUBSIDY 培训补贴.").
			Annotations(entgql.OrderField("KIND")),
		field.Int("year").Comment("Year of the support.").Annotations(entgql.OrderField("YEAR")),
		field.Int64("amount").GoType(civil.Money(0)).Optional().Nillable().NonNegative().Comment("Amount, when the support is money (金额).").
			Annotations(entgql.Type("Money")),
	}
}

// Edges of AgencySupport.
func (AgencySupport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("agency", Agency.Type).Unique().Required().Comment("The agency supported."),
		edge.To("department", Department.Type).Unique().Comment("The department giving the support."),
	}
}

// Annotations of AgencySupport.
func (AgencySupport) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("Support an agency received (扶持)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Support given to agencies (扶持)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
