// Module: plan

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

// TaskReport is a responsible department's progress report on a plan task for one period
// (任务进展报告): one per task, department and period.
type TaskReport struct{ ent.Schema }

// Mixin of TaskReport.
func (TaskReport) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "TaskReport"}}
}

// Fields of TaskReport.
func (TaskReport) Fields() []ent.Field {
	return []ent.Field{
		field.String("period").GoType(civil.Period{}).Comment("Period reported on (报告期): a year, half or quarter.").
			Annotations(entgql.Type("Period"), entgql.OrderField("PERIOD")),
		field.Text("progress").NotEmpty().Comment("Progress made (工作进展)."),
		field.Enum("status").Values("NOT_STARTED", "IN_PROGRESS", "DONE").
			Comment("Status (状态): NOT_STARTED 未启动, IN_PROGRESS 推进中, DONE 已完成.").
			Annotations(entgql.OrderField("STATUS")),
		field.Int("task_id").Comment("The task.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.Int("department_id").Comment("The reporting department.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of TaskReport.
func (TaskReport) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("task", PlanTask.Type).Unique().Required().Field("task_id").Comment("The plan task (任务)."),
		edge.To("department", Department.Type).Unique().Required().Field("department_id").
			Comment("The reporting department (报告单位), one responsible for the task."),
	}
}

// Indexes of TaskReport.
func (TaskReport) Indexes() []ent.Index {
	return []ent.Index{index.Fields("task_id", "department_id", "period").Unique()}
}

// Annotations of TaskReport.
func (TaskReport) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A responsible department's progress report on a plan task for one period (任务进展报告)."),
		entgql.RelayConnection(),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// JointMeeting is a joint meeting of the plan's departments (联席会议): when, who attended and what
// was decided.
type JointMeeting struct{ ent.Schema }

// Mixin of JointMeeting.
func (JointMeeting) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "JointMeeting"}}
}

// Fields of JointMeeting.
func (JointMeeting) Fields() []ent.Field {
	return []ent.Field{
		field.String("held_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Date held (会议日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("HELD_ON")),
		field.String("title").NotEmpty().MaxLen(200).Comment("Title (会议名称)."),
		field.Text("decisions").NotEmpty().Comment("Decisions taken (议定事项)."),
	}
}

// Edges of JointMeeting.
func (JointMeeting) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("departments", Department.Type).Comment("Departments present (参会单位)."),
	}
}

// Annotations of JointMeeting.
func (JointMeeting) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A joint meeting of the plan's departments (联席会议)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Joint meetings of the plan's departments (联席会议), latest first by default order of ID."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// PlanTargetRevision keeps a target's value before an admin revised it (目标值调整记录): the earlier
// value and comparator, the new ones, who revised it, when and why. Written only by setPlanTarget.
type PlanTargetRevision struct{ ent.Schema }

// Mixin of PlanTargetRevision.
func (PlanTargetRevision) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "PlanTargetRevision"}}
}

// Fields of PlanTargetRevision.
func (PlanTargetRevision) Fields() []ent.Field {
	return []ent.Field{
		field.Float("previous_value").Comment("Value before the revision (原目标值)."),
		field.String("previous_comparator").Comment("Comparator before the revision: GT, GTE, LT, LTE or EQ."),
		field.Float("value").Comment("Value set by the revision (新目标值)."),
		field.String("comparator").Comment("Comparator set by the revision: GT, GTE, LT, LTE or EQ."),
		field.String("revised_by").NotEmpty().Comment("Login of the admin who revised it (调整人)."),
		field.Time("revised_at").Comment("When it was revised (调整时间).").
			Annotations(entgql.Type("Time"), entgql.OrderField("REVISED_AT")),
		field.Text("reason").NotEmpty().Comment("Why it was revised (调整理由)."),
		field.Int("target_id").Comment("The target revised.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of PlanTargetRevision.
func (PlanTargetRevision) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("target", PlanTarget.Type).Ref("revisions").Unique().Required().Field("target_id").
			Comment("The target revised."),
	}
}

// Annotations of PlanTargetRevision.
func (PlanTargetRevision) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An admin's revision of a plan target (目标值调整记录), keeping the earlier value."),
	}
}
