package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"

	"swtalent/ent/schema/enum"
)

// Department is a county department or mass organisation (部门): the competent department of a
// service field (业务主管部门) and a unit responsible for plan tasks (责任单位).
type Department struct{ ent.Schema }

// Mixin of Department.
func (Department) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "Department"}}
}

// Fields of Department.
func (Department) Fields() []ent.Field {
	return []ent.Field{
		field.String("short_name").
			Unique().
			NotEmpty().
			MaxLen(50).
			Comment("Short name as the plan writes it (简称), e.g. 县民政局; unique.").
			Annotations(entgql.OrderField("SHORT_NAME")),
		field.String("name").
			NotEmpty().
			MaxLen(100).
			Comment("Full name (全称), e.g. 弋阳县民政局.").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").
			Values("GOVERNMENT", "PARTY", "MASS_ORGANIZATION", "INSTITUTION").
			Comment("Kind of department (部门类型): GOVERNMENT 政府部门, PARTY 党委部门, MASS_ORGANIZATION 群团组织, INSTITUTION 事业单位/院校.").
			Annotations(entgql.OrderField("KIND")),
		field.JSON("fields", []enum.ServiceField{}).
			Optional().
			Comment("Service fields this department is competent for (主管领域).").
			Annotations(entgql.Type("[ServiceField!]")),
	}
}

// Edges of Department.
func (Department) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("supervised_agencies", Agency.Type).
			Ref("competent_department").
			Comment("Agencies whose competent department (业务主管单位) this is.").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("cultivated_agencies", Agency.Type).
			Ref("cultivated_by").
			Comment("Agencies this department cultivated (重点培育).").
			Annotations(entgql.RelayConnection(), entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("tasks", PlanTask.Type).
			Ref("responsible").
			Comment("Plan tasks this department is responsible for (责任任务).").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
		edge.From("joint_meetings", JointMeeting.Type).
			Ref("departments").
			Comment("Joint meetings the department attended (参加的联席会议).").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// Annotations of Department.
func (Department) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("County department or mass organisation (部门): competent department of service fields and unit responsible for plan tasks."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("County departments and mass organisations (部门)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
