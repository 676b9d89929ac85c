// Module: incentives

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

// Post is an established social-work post (社会工作岗位) in an institution: its professional rank
// (专业技术等级), whether it is a main professional post (主体专业技术岗位) and who holds it.
type Post struct{ ent.Schema }

// Mixin of Post.
func (Post) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Post"}}
}

// Fields of Post.
func (Post) Fields() []ent.Field {
	return []ent.Field{
		field.String("institution").NotEmpty().MaxLen(100).Comment("Institution (单位名称).").
			Annotations(entgql.OrderField("INSTITUTION")),
		field.Enum("institution_kind").
			Values("ELDERLY_WELFARE", "DISABILITY_WELFARE", "CHILD_WELFARE", "ADOPTION_SERVICE", "WOMEN_CHILDREN_AID",
				"WORKER_ASSISTANCE", "WORKERS_RIGHTS", "MARRIAGE_FAMILY", "YOUTH_SERVICES", "SOCIAL_ASSISTANCE",
				"RESCUE", "MINOR_PROTECTION", "VETERANS_SERVICES", "OTHER").
			Comment("Kind of institution (单位类型): ELDERLY_WELFARE 养老服务机构, DISABILITY_WELFARE 残疾人福利机构, " +
				"CHILD_WELFARE 儿童福利机构, ADOPTION_SERVICE 收养服务机构, WOMEN_CHILDREN_AID 妇女儿童援助机构, " +
				"WORKER_ASSISTANCE 职工帮扶机构, WORKERS_RIGHTS 职工维权机构, MARRIAGE_FAMILY 婚姻家庭服务机构, " +
				"YOUTH_SERVICES 青少年服务机构, SOCIAL_ASSISTANCE 社会救助机构, RESCUE 救助管理机构, " +
				"MINOR_PROTECTION 未成年人保护机构, VETERANS_SERVICES 退役军人服务机构, OTHER 其他.").
			Annotations(entgql.OrderField("INSTITUTION_KIND")),
		field.String("title").NotEmpty().MaxLen(100).Comment("Title of the post (岗位名称).").
			Annotations(entgql.OrderField("TITLE")),
		field.Bool("main_professional").Default(false).
			Comment("Whether the post is a main professional post (主体专业技术岗位)."),
		field.Enum("rank").Values("JUNIOR", "INTERMEDIATE", "SENIOR").
			Comment("Professional rank (专业技术等级): JUNIOR 初级, INTERMEDIATE 中级, SENIOR 高级. It should match the holder's certificate level (ASSISTANT, INTERMEDIATE, SENIOR); a mismatch is listed, not refused.").
			Annotations(entgql.OrderField("RANK")),
		field.String("since").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().
			Comment("Date the holder took the post (任职日期); empty for a vacant post.").
			Annotations(entgql.Type("Date"), entgql.OrderField("SINCE")),
		field.Int("holder_id").Optional().Nillable().Comment("The holder; empty for a vacant post.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of Post.
func (Post) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("holder", Person.Type).Unique().Field("holder_id").Comment("The person holding the post (在岗人员)."),
		edge.To("region", Region.Type).Unique().Comment("Where the institution lies (所在区划), when recorded."),
	}
}

// Indexes of Post.
func (Post) Indexes() []ent.Index {
	return []ent.Index{index.Fields("holder_id"), index.Fields("institution_kind")}
}

// Annotations of Post.
func (Post) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A social-work post (社会工作岗位) in an institution, its rank and holder."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// AllowanceRate is the monthly professional allowance (社会工作职业津贴) paid to a certified
// community worker of one certificate level, in force from one month to another. The amounts are
// a local choice; a level's rates never overlap.
type AllowanceRate struct{ ent.Schema }

// Mixin of AllowanceRate.
func (AllowanceRate) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "AllowanceRate"}}
}

// Fields of AllowanceRate.
func (AllowanceRate) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("level").GoType(enum.CertificateLevel("")).
			Comment("Certificate level (证书等级): ASSISTANT, INTERMEDIATE, SENIOR.").
			Annotations(entgql.Type("CertificateLevel"), entgql.OrderField("LEVEL"), entgql.Skip(entgql.SkipEnumField)),
		field.Int64("monthly_amount").GoType(civil.Money(0)).
			Comment("Monthly amount (每月津贴), yuan.").
			Annotations(entgql.Type("Money"), entgql.OrderField("MONTHLY_AMOUNT")),
		field.String("effective_from").GoType(civil.Month{}).
			Comment("First month in force (起始月份).").
			Annotations(entgql.Type("Month"), entgql.OrderField("EFFECTIVE_FROM")),
		field.String("effective_to").GoType(civil.Month{}).Optional().Nillable().
			Comment("Last month in force (截止月份); open-ended when empty.").
			Annotations(entgql.Type("Month")),
	}
}

// Indexes of AllowanceRate.
func (AllowanceRate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("level", "effective_from").Unique()}
}

// Annotations of AllowanceRate.
func (AllowanceRate) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A monthly professional allowance rate (职业津贴标准) for one certificate level."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// AllowancePayment is one month's professional allowance paid to a certified community worker
// (职业津贴发放记录): at most one per person and month, only for a month the person was certified.
type AllowancePayment struct{ ent.Schema }

// Mixin of AllowancePayment.
func (AllowancePayment) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, KeptWorkplaceMixin{}, PolicyMixin{Entity: "AllowancePayment"}}
}

// Fields of AllowancePayment.
func (AllowancePayment) Fields() []ent.Field {
	return []ent.Field{
		field.String("month").GoType(civil.Month{}).Comment("Month paid for (发放月份).").
			Annotations(entgql.Type("Month"), entgql.OrderField("MONTH")),
		field.Int64("amount").GoType(civil.Money(0)).Comment("Amount paid (发放金额), yuan; not negative.").
			Annotations(entgql.Type("Money"), entgql.OrderField("AMOUNT")),
		field.Enum("payer").Values("COUNTY", "TOWNSHIP").
			Comment("Who pays (发放主体): COUNTY 县级财政, TOWNSHIP 乡镇（街道）."),
		field.Int("person_id").Comment("The person paid.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.Bool("due").Default(false).
			Comment("Kept (package internal/facts): the person was due the allowance for the month, a certified community worker on its last day (the fact CERTIFIED_COMMUNITY holds then). Only the facts' refresh writes it.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of AllowancePayment.
func (AllowancePayment) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Required().Field("person_id").Comment("The community worker paid (领取人)."),
	}
}

// Indexes of AllowancePayment: one payment per person and month; payroll reads by month, and
// the coverage counts a month's payments to those due in a region subtree (a range of the kept
// workplace code) from the second index alone.
func (AllowancePayment) Indexes() []ent.Index {
	return []ent.Index{index.Fields("person_id", "month").Unique(), index.Fields("month", "due", "workplace_code")}
}

// Annotations of AllowancePayment.
func (AllowancePayment) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One month's professional allowance paid to a certified community worker (职业津贴发放)."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Recognition is an honour (表彰 / 评选) given to a person, an agency or a project: outstanding
// social workers, excellent cases, good stories, leading talents, rewards.
type Recognition struct{ ent.Schema }

// Mixin of Recognition.
func (Recognition) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, KeptWorkplaceMixin{}, PolicyMixin{Entity: "Recognition"}}
}

// Fields of Recognition.
func (Recognition) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").Values("OUTSTANDING_SOCIAL_WORKER", "CASE", "GOOD_STORY", "LEADING_TALENT", "REWARD").
			Comment("Kind (类型): OUTSTANDING_SOCIAL_WORKER 优秀社工, CASE 优秀案例, GOOD_STORY 社工好故事, LEADING_TALENT 领军人才, REWARD 奖励.").
			Annotations(entgql.OrderField("KIND")),
		field.Int("year").Min(2000).Max(2100).Comment("Year given (年度).").Annotations(entgql.OrderField("YEAR")),
		field.String("title").NotEmpty().MaxLen(200).Comment("Title of the honour (名称).").
			Annotations(entgql.OrderField("TITLE")),
		field.String("awarded_by").Default("").MaxLen(100).Comment("Who gave it (授予单位)."),
	}
}

// Edges of Recognition: exactly one of person, agency and project.
func (Recognition) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Comment("The person recognised (获表彰个人)."),
		edge.To("agency", Agency.Type).Unique().Comment("The agency recognised (获表彰机构)."),
		edge.To("project", ServiceProject.Type).Unique().Comment("The project recognised (获表彰项目)."),
	}
}

// Indexes of Recognition: a year's recognitions, and those of people working in a region
// subtree (a range of the kept workplace code).
func (Recognition) Indexes() []ent.Index {
	return []ent.Index{index.Fields("year"), index.Fields("year", "workplace_code")}
}

// Annotations of Recognition.
func (Recognition) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An honour (表彰) given to a person, an agency or a project."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// PublicityEvent is a publicity campaign (宣传活动): the social-work day week (社会工作宣传周) and
// other campaigns.
type PublicityEvent struct{ ent.Schema }

// Mixin of PublicityEvent.
func (PublicityEvent) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "PublicityEvent"}}
}

// Fields of PublicityEvent.
func (PublicityEvent) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").NotEmpty().MaxLen(200).Comment("Name (活动名称).").Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").Values("SOCIAL_WORK_WEEK", "CAMPAIGN").
			Comment("Kind (类型): SOCIAL_WORK_WEEK 社会工作宣传周, CAMPAIGN 其他宣传活动."),
		field.String("starts_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("First day (开始日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")),
		field.String("ends_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Last day (结束日期).").
			Annotations(entgql.Type("Date")),
		field.String("organiser").NotEmpty().MaxLen(100).Comment("Organiser (主办单位)."),
		field.Int("reach").NonNegative().Default(0).Comment("People reached (覆盖人次).").
			Annotations(entgql.OrderField("REACH")),
	}
}

// Annotations of PublicityEvent.
func (PublicityEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A publicity campaign (宣传活动), e.g. the social-work day week."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Publicity campaigns (宣传活动): the social-work day week and others."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
