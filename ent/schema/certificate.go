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

// Certificate is a national social-work professional level certificate (社会工作者职业水平证书).
type Certificate struct{ ent.Schema }

// Mixin of Certificate.
func (Certificate) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Certificate"}}
}

// Fields of Certificate.
func (Certificate) Fields() []ent.Field {
	return []ent.Field{
		field.String("number").
			Unique().
			Comment("Certificate management number (管理号), 18 digits.").
			Annotations(entgql.OrderField("NUMBER")),
		field.Enum("level").
			GoType(enum.CertificateLevel("")).
			Comment("Level: ASSISTANT 助理社会工作师, INTERMEDIATE 社会工作师, SENIOR 高级社会工作师.").
			Annotations(entgql.Type("CertificateLevel"), entgql.OrderField("LEVEL"), entgql.Skip(entgql.SkipEnumField)),
		field.String("passed_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("Date the exam (or review) was passed (取得日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("PASSED_ON")),
		field.String("revoked_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date the certificate was revoked (撤销日期); from then on it no longer certifies.").
			Annotations(entgql.Type("Date"), entgql.OrderField("REVOKED_ON")),
		field.String("registration_due_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Day by which the certificate must next be registered (登记截止日): the pass date plus one year until a first registration counts, then the last day of the latest counting registration. Kept by the system.").
			Annotations(entgql.Type("Date"), entgql.OrderField("REGISTRATION_DUE_ON"), skipDerived),
		field.Int("holder_id").
			Comment("The holder.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of Certificate.
func (Certificate) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("holder", Person.Type).
			Unique().
			Required().
			Field("holder_id").
			Comment("The person holding the certificate (持证人)."),
		edge.From("application", ExamApplication.Type).
			Ref("certificate").
			Unique().
			Comment("The exam application that led to the certificate, when recorded.").
			Annotations(skipDerived),
		edge.To("registrations", CertificateRegistration.Type).
			Comment("Registrations of the certificate (登记), first and renewals, oldest first.").
			Annotations(skipDerived),
	}
}

// Indexes of Certificate.
func (Certificate) Indexes() []ent.Index {
	return []ent.Index{index.Fields("holder_id"), index.Fields("passed_on"), index.Fields("level", "passed_on"), index.Fields("registration_due_on")}
}

// Annotations of Certificate.
func (Certificate) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("National social-work professional level certificate (社会工作者职业水平证书) held by a person."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Social-work professional level certificates (职业水平证书)."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
