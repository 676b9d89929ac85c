// Platform: accounts, tokens and the audit trail (not a module).

package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// AuditEvent records one change or one reveal of personal data (审计日志), written in the same
// transaction as the change. Append-only: no API changes or deletes an event. It holds the names
// of the changed fields, never their values.
type AuditEvent struct{ ent.Schema }

// Mixin of AuditEvent.
func (AuditEvent) Mixin() []ent.Mixin { return []ent.Mixin{PolicyMixin{Entity: "AuditEvent"}} }

// Fields of AuditEvent.
func (AuditEvent) Fields() []ent.Field {
	return []ent.Field{
		field.Time("at").
			Default(time.Now).
			Immutable().
			Comment("When it happened.").
			Annotations(entgql.Type("Time"), entgql.OrderField("AT")),
		field.Int("actor_id").
			Optional().
			Immutable().
			Comment("Account that acted; 0 for the system (start-up data, command line)."),
		field.String("actor").
			Default("").
			Immutable().
			Comment("Username of the account that acted, \"system\", or for a failed login the username tried."),
		field.String("role").
			Default("").
			Immutable().
			Comment("Role of the actor at the time."),
		field.String("operation").
			Immutable().
			Comment("CREATE, UPDATE, DELETE, REVEAL, LOGIN, LOGIN_FAILED (with the reason and client address) or UNLOCK (an ADMIN cleared an account's failed logins)."),
		field.String("entity").
			Immutable().
			Comment("Entity type, e.g. Person."),
		field.Int("entity_id").
			Optional().
			Immutable().
			Comment("Global ID of the record; 0 for bulk changes."),
		field.Strings("fields").
			Optional().
			Immutable().
			Comment("Names of the changed fields (never their values)."),
		field.String("reason").
			Default("").
			Immutable().
			Comment("Reason given for a reveal; for logins, why one failed and the client address."),
		field.String("request_id").
			Default("").
			Immutable().
			Comment("Request that made the change, for matching logs."),
	}
}

// Indexes of AuditEvent.
func (AuditEvent) Indexes() []ent.Index {
	return []ent.Index{index.Fields("entity", "entity_id"), index.Fields("at")}
}

// Annotations of AuditEvent.
func (AuditEvent) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("One change or reveal of personal data (审计日志); append-only; ADMIN only."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("The audit trail (审计日志); ADMIN only."),
	}
}
