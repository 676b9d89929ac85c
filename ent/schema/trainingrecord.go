// Module: quality

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// TrainingRecord is one person's attendance of one training (参训记录), recorded by the quality
// module's attendance verb.
type TrainingRecord struct{ ent.Schema }

// Mixin of TrainingRecord.
func (TrainingRecord) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "TrainingRecord"}}
}

// Fields of TrainingRecord.
func (TrainingRecord) Fields() []ent.Field {
	return []ent.Field{
		field.Int("hours").
			NonNegative().
			Comment("Hours credited (认定学时).").
			Annotations(entgql.OrderField("HOURS"), skipDerived),
		field.Enum("status").
			Values("ENROLLED", "COMPLETED", "FAILED").
			Comment("Status (状态): ENROLLED 已报名, COMPLETED 已结业 (hours credited), FAILED 未结业.").
			Annotations(entgql.OrderField("STATUS"), skipDerived),
	}
}

// Edges of TrainingRecord.
func (TrainingRecord) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).Unique().Required().Immutable().Comment("The participant (学员).").Annotations(skipDerived),
		edge.To("training", Training.Type).Unique().Required().Immutable().Comment("The training.").Annotations(skipDerived),
	}
}

// Indexes of TrainingRecord.
func (TrainingRecord) Indexes() []ent.Index {
	// training: a training's attendance, looked up from the training's side.
	return []ent.Index{index.Edges("person", "training").Unique(), index.Edges("training")}
}

// Annotations of TrainingRecord.
func (TrainingRecord) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One person's attendance of one training (参训记录), with the hours credited."),
		entgql.RelayConnection(),
	}
}
