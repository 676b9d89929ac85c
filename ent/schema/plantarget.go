// Module: plan

package schema

import (
	"entgo.io/contrib/entgql"
	"entgo.io/ent"
	"entgo.io/ent/schema"
	"entgo.io/ent/schema/edge"
	"entgo.io/ent/schema/field"
	"entgo.io/ent/schema/index"
)

// PlanTarget is one numeric target of the plan (目标值) for an indicator: a dated target for a year,
// or a standing rule (year 0) that applies every year. Seeded from data/plan_targets.csv; an admin's
// revision is kept and never overwritten by the seed.
type PlanTarget struct{ ent.Schema }

// Mixin of PlanTarget.
func (PlanTarget) Mixin() []ent.Mixin {
	return []ent.Mixin{TimeMixin{}, PolicyMixin{Entity: "PlanTarget"}}
}

// Fields of PlanTarget.
func (PlanTarget) Fields() []ent.Field {
	return []ent.Field{
		field.String("module").
			NotEmpty().
			Comment("Key of the module that measures the indicator, e.g. doubling.").
			Annotations(entgql.OrderField("MODULE")),
		field.String("indicator").
			NotEmpty().
			Comment("Key of the indicator within its module, e.g. certified_social_workers.").
			Annotations(entgql.OrderField("INDICATOR")),
		field.Int("year").
			NonNegative().
			Comment("Year by whose end the target is due; 0 for a standing rule that applies every year.").
			Annotations(entgql.OrderField("YEAR")),
		field.Enum("comparator").
			NamedValues("Greater", "GT", "AtLeast", "GTE", "Less", "LT", "AtMost", "LTE", "Exactly", "EQ").
			Comment("How the actual value is compared to the target (比较方式): GT more than 超过, GTE at least 不少于, LT less than 低于, LTE at most 不超过, EQ exactly 等于."),
		field.Float("value").
			Comment("Target value, in the indicator's unit (a SHARE is 0..1)."),
		field.String("unit").
			Default("").
			Comment("Unit as the plan states it."),
		field.String("region_code").
			Default("").
			Comment("Region the target applies to; empty for the deployment's top region."),
		field.String("quote").
			Default("").
			Comment("The plan's own words for the target (原文)."),
		field.Time("revised_at").
			Optional().
			Nillable().
			Comment("When an admin last revised the target; revised targets are not reset by the reference data.").
			Annotations(entgql.Type("Time")),
	}
}

// Edges of PlanTarget.
func (PlanTarget) Edges() []ent.Edge {
	return []ent.Edge{
		edge.To("revisions", PlanTargetRevision.Type).
			Comment("Earlier values an admin revised (调整记录), oldest first, each with who, when and why."),
	}
}

// Indexes of PlanTarget.
func (PlanTarget) Indexes() []ent.Index {
	return []ent.Index{index.Fields("module", "indicator", "year", "region_code").Unique()}
}

// Annotations of PlanTarget.
func (PlanTarget) Annotations() []schema.Annotation {
	return []schema.Annotation{
		schema.Comment("A numeric target of the plan (目标值) for one indicator: dated (due by the end of its year) or a standing rule (year 0)."),
		entgql.RelayConnection(),
		entgql.QueryField().Description("Targets of the plan (目标值), including those of modules not yet measured."),
	}
}
