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

// CertificateRegistration is one registration of a certificate (登记, 民发〔2009〕44号): the first
// registration within a year of passing, then a renewal every three years. It changes only through
// the registration verbs of the doubling module, never through a generic mutation.
type CertificateRegistration struct{ ent.Schema }

// Mixin of CertificateRegistration.
func (CertificateRegistration) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "CertificateRegistration"}}
}

// Fields of CertificateRegistration.
func (CertificateRegistration) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("FIRST", "RENEWAL").
			Comment("Kind of registration (登记类型): FIRST 首次登记, RENEWAL 再登记."),
		field.Enum("status").
			Values("NOT_APPLIED", "PENDING", "FIRST_REVIEW_PASSED", "FIRST_REVIEW_REJECTED",
				"FINAL_REVIEW_PASSED", "FINAL_REVIEW_REJECTED", "ISSUED").
			Comment("Status in the national registration system (登记状态): NOT_APPLIED 未申请, PENDING 待审核, FIRST_REVIEW_PASSED 初审通过, FIRST_REVIEW_REJECTED 初审未通过, FINAL_REVIEW_PASSED 终审通过, FINAL_REVIEW_REJECTED 终审未通过, ISSUED 已出证."),
		field.String("registered_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date of registration (登记日期).").
			Annotations(entgql.Type("Date")),
		field.String("valid_until").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Last day the registration is valid (有效期至), three years after registering.").
			Annotations(entgql.Type("Date")),
	}
}

// Edges of CertificateRegistration.
func (CertificateRegistration) Edges() []ent.Edge {
	return []ent.Edge{
		edge.From("certificate", Certificate.Type).
			Ref("registrations").
			Unique().
			Required().
			Comment("The registered certificate."),
	}
}

// Indexes of CertificateRegistration: a certificate's registrations, which "registered at a date"
// looks up once per certificate (without it the check scans every registration per certificate).
func (CertificateRegistration) Indexes() []ent.Index {
	return []ent.Index{index.Edges("certificate")}
}

// Annotations of CertificateRegistration.
func (CertificateRegistration) Annotations() []schema.Annotation {
	return []schema.Annotation{schema.Comment("One registration of a certificate (登记): the first within a year of passing, then a renewal every three years.")}
}
