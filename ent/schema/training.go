// Module: quality

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

// Training is a training course, seminar or degree programme (培训) attended by social workers.
type Training struct{ ent.Schema }

// Mixin of Training.
func (Training) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Training"}}
}

// Fields of Training.
func (Training) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			MaxLen(200).
			Comment("Name of the training (培训名称).").
			Annotations(entgql.OrderField("NAME")),
		field.Enum("kind").
			Values("CONTINUING_EDUCATION", "SUPERVISOR_TRAINING", "LEADER_SEMINAR", "PARTY_SCHOOL_COURSE", "BUSINESS_TRAINING", "DEGREE_PROGRAM").
			Comment("Kind of training (培训类型): CONTINUING_EDUCATION 继续教育, SUPERVISOR_TRAINING 督导人才培训, LEADER_SEMINAR 领导干部研修班, PARTY_SCHOOL_COURSE 党校主体班课程, BUSINESS_TRAINING 业务培训, DEGREE_PROGRAM 学历提升.").
			Annotations(entgql.OrderField("KIND")),
		field.String("starts_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("First day (开始日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")),
		field.String("ends_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("Last day (结束日期); completed hours are credited on this day.").
			Annotations(entgql.Type("Date"), entgql.OrderField("ENDS_ON")),
		field.Int("hours").
			Positive().
			Comment("Hours of the whole training (学时); a participant is credited at most these.").
			Annotations(entgql.OrderField("HOURS")),
	}
}

// Edges of Training.
func (Training) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("organiser_department", Department.Type).Unique().Comment("Organising department (主办部门), if a department."),
		edge.To("organiser_agency", Agency.Type).Unique().Comment("Organising agency (承办机构), if an agency."),
		edge.To("organiser_university", University.Type).Unique().Comment("Organising university (承办院校), if a university."),
		edge.To("region", Region.Type).Unique().Comment("Region where the training took place."),
		edge.From("records", TrainingRecord.Type).Ref("training").
			Comment("Attendance records (参训记录).").
			Annotations(entgql.RelayConnection(), skipDerived),
	}
}

// Indexes of Training: the trainings held in a region.
func (Training) Indexes() []ent.Index {
	return []ent.Index{index.Edges("region")}
}

// Annotations of Training.
func (Training) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A training course, seminar or degree programme (培训) of the talent-quality initiative."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Trainings (培训)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
