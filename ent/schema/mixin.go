// Package schema defines the ent entities of swtalent. Core entities (the design card's shared
// nouns) have no module header; every entity a module owns starts with a `// Module: <key>` line.
package schema

import (
	"time"

	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/mixin"
)

// TimeMixin adds created_at and updated_at, kept by ent and never set by clients.
type TimeMixin struct{ mixin.Schema }

// Fields of the TimeMixin.
func (TimeMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Time("created_at").
			Default(time.Now).
			Immutable().
			Comment("When the record was created (创建时间).").
			Annotations(
				entgql.OrderField("CREATED_AT"),
				entgql.Type("Time"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
		field.Time("updated_at").
			Default(time.Now).
			UpdateDefault(time.Now).
			Comment("When the record was last changed (更新时间).").
			Annotations(
				entgql.OrderField("UPDATED_AT"),
				entgql.Type("Time"),
				entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput),
			),
	}
}

// DemoMixin marks records that belong to the synthetic demo world (演示数据), so they can be told
// apart from real registers and removed together.
type DemoMixin struct{ mixin.Schema }

// Fields of the DemoMixin.
func (DemoMixin) Fields() []ent.Field {
	return []ent.Field{
		field.Bool("demo").
			Default(false).
			Immutable().
			Comment("True for synthetic demo records (演示数据), false for real registers.").
			Annotations(entgql.Skip(entgql.SkipMutationCreateInput, entgql.SkipMutationUpdateInput)),
	}
}

// KeptWorkplaceMixin adds workplace_code to a register whose rows name a person: the code of the
// person's current workplace region, the code their kept fact spans are filed under (package
// internal/facts), so that "rows of people working in region R" is a range of codes read through
// an index instead of a probe of the person per row. Only the facts' refresh writes it, in the
// transaction of the change that moves it; check-facts recomputes it. Never in the GraphQL schema.
type KeptWorkplaceMixin struct{ mixin.Schema }

// Fields of the KeptWorkplaceMixin.
func (KeptWorkplaceMixin) Fields() []ent.Field {
	return []ent.Field{
		field.String("workplace_code").
			Optional().
			Nillable().
			Comment("Kept: the code of the person's workplace region (empty when none, or no person).").
			Annotations(entgql.Skip(entgql.SkipAll)),
	}
}
