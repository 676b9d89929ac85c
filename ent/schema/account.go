// Platform: accounts, tokens and the audit trail (not a module).

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
)

// Account is a user of the API: bureau staff, an agency, a township station or a university.
type Account struct{ ent.Schema }

// Mixin of Account.
func (Account) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "Account"}}
}

// Fields of Account.
func (Account) Fields() []ent.Field {
	return []ent.Field{
		field.String("username").
			Unique().
			NotEmpty().
			MaxLen(50).
			Comment("Login name (用户名), unique.").
			Annotations(entgql.OrderField("USERNAME")),
		field.String("display_name").
			Default("").
			MaxLen(100).
			Comment("Name shown in the audit trail (显示名称)."),
		field.Enum("role").
			Values("ADMIN", "STAFF", "AGENCY", "TOWNSHIP", "UNIVERSITY").
			Comment("What the account may do (角色): ADMIN 管理员 (everything), STAFF 民政局工作人员 (reads all, writes registers), AGENCY 机构 (one agency's records), TOWNSHIP 乡镇（街道） (one region subtree), UNIVERSITY 院校 (one university's records).").
			Annotations(entgql.OrderField("ROLE")),
		field.Bool("disabled").
			Default(false).
			Comment("A disabled account cannot sign in and its tokens stop working (停用)."),
		field.String("password_hash").
			Sensitive().
			Comment("argon2id hash of the password; never exposed.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Edges of Account.
func (Account) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("agency", Agency.Type).
			Unique().
			Comment("The agency an AGENCY account is limited to."),
		edge.To("region", Region.Type).
			Unique().
			Comment("The region subtree a TOWNSHIP account is limited to."),
		edge.To("university", University.Type).
			Unique().
			Comment("The university a UNIVERSITY account is limited to."),
		edge.From("tokens", ApiToken.Type).
			Ref("account").
			Comment("Session and API tokens of the account.").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}

// Annotations of Account.
func (Account) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("An account of the API (账户) with its role and, for scoped roles, the agency, region or university it is limited to."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Accounts (账户); ADMIN only."),
		entgql.Mutations(entgql.MutationCreate(), entgql.MutationUpdate()),
	}
}
