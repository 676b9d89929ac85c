// Module: campus

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

// Partnership is a cooperation agreement (校地合作协议) between a partner university and a practice
// base: what they cooperate on and how many students the base takes each term.
type Partnership struct{ ent.Schema }

// Mixin of Partnership.
func (Partnership) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Partnership"}}
}

// Fields of Partnership.
func (Partnership) Fields() []ent.Field {
	return []ent.Field{
		field.String("starts_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("First day of the agreement (协议开始日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")),
		field.String("ends_on").GoType(civil.Date{}).SchemaType(pgDate).Optional().Nillable().
			Comment("Last day of the agreement (协议结束日期); open-ended when empty.").
			Annotations(entgql.Type("Date"), entgql.OrderField("ENDS_ON")),
		field.Int("places_per_term").NonNegative().
			Comment("Student places the base offers the university each term (每学期实习名额).").
			Annotations(entgql.OrderField("PLACES_PER_TERM")),
		field.JSON("scopes", []enum.PartnershipScope{}).
			Comment("What the agreement covers (合作内容): courses, placements, research, planning, employment.").
			Annotations(entgql.Type("[PartnershipScope!]")),
	}
}

// Edges of Partnership.
func (Partnership) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("university", University.Type).Unique().Required().Comment("The partner university (合作院校)."),
		edge.To("base", Base.Type).Unique().Required().Comment("The practice base (实践基地)."),
	}
}

// Indexes of Partnership: the partnerships of a university (partner_universities tests each
// university's partnerships: without it every university scanned every partnership).
func (Partnership) Indexes() []ent.Index {
	return []ent.Index{index.Edges("university")}
}

// Annotations of Partnership.
func (Partnership) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A cooperation agreement (校地合作协议) between a partner university and a practice base."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("University partnerships with practice bases (校地合作); a university account sees its own."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}

// Placement is one student's placement (学生实习) at a practice base in one term. Students are not
// persons of the register: the placement names them by name and student number.
type Placement struct{ ent.Schema }

// Mixin of Placement.
func (Placement) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Placement"}}
}

// Fields of Placement.
func (Placement) Fields() []ent.Field {
	return []ent.Field{
		field.String("student_name").NotEmpty().MaxLen(50).Comment("Student's name (学生姓名).").
			Annotations(entgql.OrderField("STUDENT_NAME")),
		field.String("student_number").NotEmpty().MaxLen(30).Comment("Student number at the university (学号).").
			Annotations(entgql.OrderField("STUDENT_NUMBER")),
		field.String("supervisor_name").Optional().MaxLen(50).Comment("University supervisor (校内指导教师)."),
		field.String("term").GoType(civil.Term{}).Comment("Academic term of the placement (学期), e.g. 2025-2 for autumn 2025.").
			Annotations(entgql.Type("Term"), entgql.OrderField("TERM")),
		field.String("starts_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("First day (开始日期); within the term.").
			Annotations(entgql.Type("Date"), entgql.OrderField("STARTS_ON")),
		field.String("ends_on").GoType(civil.Date{}).SchemaType(pgDate).Comment("Last day (结束日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("ENDS_ON")),
		field.Int("planned_hours").NonNegative().Comment("Hours planned (计划实习时数)."),
		field.Int("logged_hours").NonNegative().Default(0).
			Comment("Hours logged so far (已记录实习时数); added to with logPlacementHours.").
			Annotations(entgql.OrderField("LOGGED_HOURS"), entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Enum("status").Values("PLANNED", "ACTIVE", "COMPLETED", "CANCELLED").Default("PLANNED").
			Comment("Status (状态): PLANNED 计划, ACTIVE 进行中, COMPLETED 已完成, CANCELLED 已取消; changed with changePlacementStatus.").
			Annotations(entgql.OrderField("STATUS"), entgql.Skip(entgql.SkipMutationUpdateInput)),
		field.Text("evaluation").Optional().MaxLen(2000).Comment("Evaluation of the placement (实习评价)."),
	}
}

// Edges of Placement.
func (Placement) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("university", University.Type).Unique().Required().Comment("The student's university (所在院校)."),
		edge.To("base", Base.Type).Unique().Required().Comment("The practice base (实践基地)."),
		edge.To("mentor", Person.Type).Unique().
			Comment("Site mentor (基地带教社工), certified on the first day of the placement."),
	}
}

// Indexes of Placement.
func (Placement) Indexes() []ent.Index {
	return []ent.Index{index.Fields("term").Edges("base"), index.Fields("student_number").Edges("university")}
}

// Annotations of Placement.
func (Placement) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A student's placement (学生实习) at a practice base in one term."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Student placements at practice bases (学生实习); a university account sees its own."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
