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

// Person is someone in the county's social-work talent registers (人员): a certified social worker,
// a community worker, a student of social work, an agency employee ….
type Person struct{ ent.Schema }

// Mixin of Person.
func (Person) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, DemoMixin{}, PolicyMixin{Entity: "Person"}}
}

// skipDerived keeps a field out of the generic create and update inputs: it is derived or governed.
var skipDerived = entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)

// Fields of Person.
func (Person) Fields() []ent.Field {
	return []ent.Field{
		field.String("name").
			NotEmpty().
			MaxLen(50).
			Comment("Full name (姓名).").
			Annotations(entgql.OrderField("NAME")),
		field.String("id_number").
			Comment("Resident ID number (公民身份号码, GB 11643-1999); gender and birth date are derived from it. Stored encrypted; never shown in full.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.String("id_number_hash").
			Optional().
			Unique().
			Comment("Keyed hash of the ID number, for uniqueness and exact lookup.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("gender").
			Values("MALE", "FEMALE").
			Comment("Gender (性别), from the ID number's sequence digit: MALE 男 (odd), FEMALE 女 (even).").
			Annotations(entgql.OrderField("GENDER"), skipDerived),
		field.String("birth_date").
			GoType(civil.Date{}).SchemaType(pgDate).
			Comment("Birth date (出生日期), from the ID number. Shown only as the birth year below ADMIN.").
			Annotations(entgql.Type("Date"), entgql.Skip(entgql.SkipAll)),
		field.String("phone").
			Optional().
			Comment("Mobile phone (手机号). Stored encrypted; shown masked.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
		field.String("phone_hash").
			Optional().
			Comment("Keyed hash of the phone, for de-duplication and exact lookup.").
			Annotations(entgql.Skip(entgql.SkipAll)),
		field.Enum("education").
			Values("JUNIOR_HIGH_OR_BELOW", "HIGH_SCHOOL", "JUNIOR_COLLEGE", "BACHELOR", "MASTER", "DOCTORATE").
			Optional().
			Nillable().
			Comment("Highest education (最高学历): JUNIOR_HIGH_OR_BELOW 初中及以下, HIGH_SCHOOL 高中/中专, JUNIOR_COLLEGE 大专, BACHELOR 本科, MASTER 硕士, DOCTORATE 博士.").
			Annotations(entgql.OrderField("EDUCATION")),
		field.Enum("social_work_degree").
			Values("NONE", "IN_PROGRESS", "COMPLETED").
			Default("NONE").
			Comment("Social-work degree (社会工作专业学历): NONE 无, IN_PROGRESS 在读, COMPLETED 已取得. A completed degree counts as social-work skills."),
		field.JSON("roles", []enum.PersonRole{}).
			Optional().
			Comment("Roles the person holds (身份), e.g. COMMUNITY_WORKER 社区工作者, GRID_WORKER 网格员.").
			Annotations(entgql.Type("[PersonRole!]")),
		field.String("joined_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date the person joined the county's social-work workforce (入职日期).").
			Annotations(entgql.Type("Date"), entgql.OrderField("JOINED_ON")),
		field.String("left_on").
			GoType(civil.Date{}).SchemaType(pgDate).
			Optional().
			Nillable().
			Comment("Date the person left the county's workforce (离开日期); from then on they are no longer counted.").
			Annotations(entgql.Type("Date"), entgql.OrderField("LEFT_ON")),
		field.Int("region_id").
			Optional().
			Nillable().
			Comment("Workplace region.").
			Annotations(entgql.Skip(entgql.SkipType, entgql.SkipWhereInput, entgql.SkipOrderField)),
	}
}

// Edges of Person.
func (Person) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("region", Region.Type).
			Unique().
			Field("region_id").
			Comment("Region where the person works (工作地区划)."),
		edge.To("employer", Agency.Type).
			Unique().
			Comment("Agency employing the person (所在机构), if any."),
		edge.To("service_point", ServicePoint.Type).
			Unique().
			Comment("Service point the person is assigned to (所在服务阵地), if any."),
		edge.From("exam_applications", ExamApplication.Type).
			Ref("person").
			Comment("The person's applications to the national exam (考试报名), all years.").
			Annotations(skipDerived),
		edge.From("training_records", TrainingRecord.Type).
			Ref("person").
			Comment("The person's training attendance (参训记录).").
			Annotations(entgql.RelayConnection(), skipDerived),
		edge.From("supervisor_qualifications", SupervisorQualification.Type).
			Ref("person").
			Comment("The person's supervision qualifications (督导资质).").
			Annotations(skipDerived),
		edge.From("certificates", Certificate.Type).
			Ref("holder").
			Comment("Certificates the person holds (职业水平证书), revoked ones included.").
			Annotations(skipDerived),
		edge.From("mentored_placements", Placement.Type).
			Ref("mentor").
			Comment("Student placements the person mentors on site (带教的学生实习).").
			Annotations(entgql.RelayConnection(), skipDerived),
	}
}

// Indexes of Person.
func (Person) Indexes() []ent.Index {
	// employer and service point: an agency's or a point's staff (correlated EXISTS at scale).
	return []ent.Index{index.Fields("region_id"), index.Fields("left_on"), index.Fields("phone_hash"),
		index.Edges("employer"), index.Edges("service_point")}
}

// Annotations of Person.
func (Person) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A person in the social-work talent registers (人员). Personal data (ID number, phone, birth date) is masked."),
		entgql.RelayConnection(),
		entgql.QueryField("persons").Description("People in the registers (人员). Personal data is masked."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
