// Module: doubling

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"

	"swtalent/ent/schema/enum"
)

// ExamApplication is one person's application to the national social-work exam of one year and
// level (职业水平考试报名), with the results of its papers. Its outcome is computed from the results
// by the doubling module's verbs, never typed in.
type ExamApplication struct{ ent.Schema }

// Mixin of ExamApplication.
func (ExamApplication) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, KeptWorkplaceMixin{}, PolicyMixin{Entity: "ExamApplication"}}
}

// Fields of ExamApplication.
func (ExamApplication) Fields() []ent.Field {
	return []ent.Field{
		field.Int("exam_year").
			Comment("Year of the exam (考试年度).").
			Annotations(entgql.OrderField("EXAM_YEAR"), skipDerived),
		field.Enum("level").
			GoType(enum.CertificateLevel("")).
			Comment("Level applied for.").
			Annotations(entgql.Type("CertificateLevel"), entgql.OrderField("LEVEL"), entgql.Skip(entgql.SkipEnumField), skipDerived),
		field.JSON("results", []enum.PaperResult{}).
			Optional().
			Comment("Results of the papers recorded so far (成绩).").
			Annotations(entgql.Type("[PaperResult!]"), skipDerived),
		field.Enum("outcome").
			Values("APPLIED", "SAT", "PASSED", "FAILED", "ABSENT").
			Default("APPLIED").
			Comment("Outcome (结果), computed from the results: APPLIED 已报名 (no result yet), SAT 已参考 (results pending), PASSED 通过, FAILED 未通过, ABSENT 缺考.").
			Annotations(entgql.OrderField("OUTCOME"), skipDerived),
		field.JSON("roles", []enum.PersonRole{}).
			Optional().
			Comment("The applicant's roles when applying (报名时身份), for the statistics by role.").
			Annotations(entgql.Type("[PersonRole!]"), skipDerived),
	}
}

// Edges of ExamApplication.
func (ExamApplication) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("person", Person.Type).
			Unique().
			Required().
			Immutable().
			Comment("The applicant (考生)."),
		edge.To("certificate", Certificate.Type).
			Unique().
			Comment("The certificate this passed application led to, once it arrived.").
			Annotations(skipDerived),
	}
}

// Indexes of ExamApplication: the year's counts everywhere by outcome, and in a region subtree
// by the kept workplace code (a range), covering the outcome.
func (ExamApplication) Indexes() []ent.Index {
	return []ent.Index{
		index.Fields("exam_year", "level").Edges("person").Unique(),
		index.Fields("exam_year", "outcome"),
		index.Fields("exam_year", "workplace_code", "outcome"),
		index.Edges("person"), // a person's applications
	}
}

// Annotations of ExamApplication.
func (ExamApplication) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An application to the national social-work exam (职业水平考试报名) and its papers' results."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Exam applications (考试报名) you may see."),
	}
}
