// Module: plan

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// PlanTask is one main task of the plan (主要任务) with its responsible departments (责任单位),
// seeded from data/plan_tasks.csv.
type PlanTask struct{ ent.Schema }

// Mixin of PlanTask.
func (PlanTask) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "PlanTask"}}
}

// Fields of PlanTask.
func (PlanTask) Fields() []ent.Field {
	return []ent.Field{
		field.String("code").
			Unique().
			NotEmpty().
			Comment("Task code, e.g. T1.4 for 二（一）4.").
			Annotations(entgql.OrderField("CODE")),
		field.Int("position").
			Default(0).
			Comment("Place of the task in the plan's own order (二（一）1 first, 三（三） last).").
			Annotations(entgql.OrderField("POSITION")),
		field.String("section").
			Comment("Section of the plan the task belongs to (章节)."),
		field.String("title").
			Comment("Title of the task (任务)."),
		field.String("responsible_source").
			Default("").
			Comment("Whether the plan lists the responsible units (listed) or they were inferred from its text."),
	}
}

// Edges of PlanTask.
func (PlanTask) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("responsible", Department.Type).
			Comment("Responsible departments (责任单位)."),
	}
}

// Annotations of PlanTask.
func (PlanTask) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A main task of the plan (主要任务) with its responsible departments (责任单位)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Main tasks of the plan (主要任务) and their responsible departments."),
	}
}
