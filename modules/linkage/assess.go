package linkage

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/predicate"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Assessment is a community measured against the five criteria on a date (CommunityAssessment).
type Assessment struct {
	Community *ent.Region
	// Demonstration is the community's demonstration record, nil when it is not one.
	Demonstration *ent.DemonstrationCommunity
	AsOf          civil.Date
	Criteria      []*Result
	// Met is true when every criterion is met, false when one is not, nil when none fails but
	// one is unknown.
	Met *bool
}

// Result is one criterion measured for one community (CriterionResult).
type Result struct {
	Key, Comparator, Unit, Quote string
	Required                     float64
	// Actual is nil when unknown (a rate without a resident population).
	Actual *float64
	// Met is nil when Actual is.
	Met *bool
}

// assess measures every criterion for several communities at d with the measures measureOf gives
// (served, or definitional for the reference): one aggregate per criterion, whatever the number of
// communities.
func (m *Module) assess(ctx context.Context, d civil.Date, communities []*ent.Region, measureOf func(key string) measure) ([]*Assessment, error) {
	out := make([]*Assessment, len(communities))
	for i, c := range communities {
		out[i] = &Assessment{Community: c, AsOf: d, Met: modules.Bool(true)}
	}
	if len(communities) == 0 {
		return out, nil
	}
	for _, crit := range m.criteria {
		values, err := measureOf(crit.Key)(ctx, m, d, communities)
		if err != nil {
			return nil, fmt.Errorf("measure %s: %w", crit.Key, err)
		}
		for i, c := range communities {
			r := &Result{Key: crit.Key, Comparator: crit.Comparator, Unit: crit.Unit, Quote: crit.Quote, Required: crit.Required}
			if v, ok := values[c.ID]; ok {
				r.Actual, r.Met = modules.Float(v), modules.Bool(crit.Holds(v))
			}
			a := out[i]
			a.Criteria = append(a.Criteria, r)
			switch {
			case r.Met != nil && !*r.Met:
				a.Met = modules.Bool(false)
			case r.Met == nil && a.Met != nil && *a.Met:
				a.Met = nil
			}
		}
	}
	return out, nil
}

// activeAt holds for demonstration communities designated by d's year and not withdrawn by d.
func activeAt(d civil.Date) predicate.DemonstrationCommunity {
	return demonstrationcommunity.And(demonstrationcommunity.DesignatedYearLTE(d.Year),
		demonstrationcommunity.Or(demonstrationcommunity.WithdrawnOnIsNil(), demonstrationcommunity.WithdrawnOnGT(d)))
}

// demonstrations lists the demonstration communities active at d in the region subtree of code
// ("" = everywhere), with their regions, by region code. Everywhere it does not test each one's
// community (the edge is required): ent's EXISTS read every community's region row once more
// before WithCommunity read them (at national scale 2,844 scattered rows, 46–112 ms of the
// criteria rate's cold whole-country answer, sqlite3).
func (m *Module) demonstrations(ctx context.Context, d civil.Date, code string) ([]*ent.DemonstrationCommunity, error) {
	q := m.cfg.Ent(ctx).DemonstrationCommunity.Query().Where(activeAt(d))
	if code != "" {
		q.Where(demonstrationcommunity.HasCommunityWith(workforce.InRegion(code)))
	}
	rows, err := q.WithCommunity().All(modules.Aggregate(ctx))
	if err != nil {
		return nil, fmt.Errorf("load demonstration communities: %w", err)
	}
	return rows, nil
}

// Overview sums the assessments of the demonstration communities active on a date in a region.
type Overview struct {
	// Communities counts them; Met those meeting every criterion; Unknown those none of whose
	// criteria fails but one is unknown.
	Communities, Met, Unknown int
	ByCriterion               []*CriterionCount
}

// CriterionCount counts the communities meeting one criterion.
type CriterionCount struct {
	Key string
	Met int
}

// overview assesses every active demonstration community in the scope with the measures measureOf
// gives (see assess).
func (m *Module) overview(ctx context.Context, d civil.Date, code string, measureOf func(key string) measure) (*Overview, error) {
	demos, err := m.demonstrations(ctx, d, code)
	if err != nil {
		return nil, err
	}
	regions := make([]*ent.Region, len(demos))
	for i, dc := range demos {
		regions[i] = dc.Edges.Community
	}
	as, err := m.assess(ctx, d, regions, measureOf)
	if err != nil {
		return nil, err
	}
	o := &Overview{Communities: len(as)}
	for _, c := range m.criteria {
		o.ByCriterion = append(o.ByCriterion, &CriterionCount{Key: c.Key})
	}
	for _, a := range as {
		switch {
		case a.Met == nil:
			o.Unknown++
		case *a.Met:
			o.Met++
		}
		for i, r := range a.Criteria {
			if r.Met != nil && *r.Met {
				o.ByCriterion[i].Met++
			}
		}
	}
	return o, nil
}
