// Platform: accounts, tokens and the audit trail (not a module).

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// ApiToken is a bearer token of an account: a session from login, or a long-lived API token. Only
// its SHA-256 is stored; the token itself is shown once.
type ApiToken struct{ ent.Schema }

// Mixin of ApiToken.
func (ApiToken) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "ApiToken"}}
}

// Fields of ApiToken.
func (ApiToken) Fields() []ent.Field {
	return []ent.Field{
		field.Enum("kind").
			Values("SESSION", "API").
			Immutable().
			Comment("Kind of token (类型): SESSION 登录会话 (from login, short-lived), API 接口令牌 (created by its owner for scripts)."),
		field.String("name").
			Default("").
			MaxLen(100).
			Comment("What the token is for, as its owner named it."),
		field.String("token_hash").
			Unique().
			Immutable().
			Sensitive().
			Comment("Hex SHA-256 of the token."),
		field.Time("expires_at").
			Immutable().
			Comment("The token stops working at this time (过期时间).").
			Annotations(entgql.Type("Time"), entgql.OrderField("EXPIRES_AT")),
		field.Time("last_used_at").
			Optional().
			Nillable().
			Comment("When the token was last used, to the minute (最近使用).").
			Annotations(entgql.Type("Time")),
		field.Time("revoked_at").
			Optional().
			Nillable().
			Comment("When the token was revoked (吊销时间); a revoked token no longer works.").
			Annotations(entgql.Type("Time")),
	}
}

// Edges of ApiToken.
func (ApiToken) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("account", Account.Type).
			Unique().
			Required().
			Immutable().
			Comment("The account the token signs in as."),
	}
}

// Indexes of ApiToken.
func (ApiToken) Indexes() []ent.Index {
	return []ent.Index{index.Edges("account")}
}

// Annotations of ApiToken.
func (ApiToken) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A bearer token of an account (令牌); only its hash is stored."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Tokens: your own, or every account's for ADMIN."),
	}
}
