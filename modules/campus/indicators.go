package campus

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/base"
	"swtalent/ent/partnership"
	"swtalent/ent/placement"
	"swtalent/ent/predicate"
	"swtalent/ent/servicepoint"
	"swtalent/ent/university"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Indicators lists the module's plan indicators, measurable in any region (a base lies where its
// host lies).
func (m *Module) Indicators() []modules.Indicator {
	return []modules.Indicator{
		{Key: "partner_universities", Title: "Partner universities with an agreement in force", TitleZH: "校地合作院校数",
			Unit: "universities", Kind: modules.Count, Measure: m.partnerUniversities},
		{Key: "active_placements", Title: "Students on placement", TitleZH: "在岗实习学生数",
			Unit: "placements", Kind: modules.Count, Measure: m.activePlacements},
		{Key: "placement_hours", Title: "Placement hours in the year (placements ending in the 12 months)", TitleZH: "年度学生实习时数",
			Unit: "hours per year", Kind: modules.Count, Period: modules.TwelveMonths, Measure: m.placementHours},
	}
}

// baseIn holds for bases whose host lies in the region subtree of code ("" = anywhere).
func baseIn(code string) predicate.Base {
	if code == "" {
		return func(*sql.Selector) {}
	}
	in := workforce.InRegion(code)
	return base.Or(base.HasHostPointWith(servicepoint.HasRegionWith(in)), base.HasHostAgencyWith(agency.HasRegionWith(in)))
}

// partnerUniversities counts universities with an agreement in force at the date with a base in
// the region.
func (m *Module) partnerUniversities(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.cfg.Ent(ctx).University.Query().Where(university.HasPartnershipsWith(
		partnership.StartsOnLTE(at.AsOf),
		partnership.Or(partnership.EndsOnIsNil(), partnership.EndsOnGTE(at.AsOf)),
		partnership.HasBaseWith(baseIn(at.RegionCode)),
	)).Count(modules.Aggregate(ctx))
	return modules.Float(float64(n)), err
}

// placementsIn holds for placements, cancelled ones excepted, at bases in the region.
func placementsIn(code string) []predicate.Placement {
	return []predicate.Placement{placement.StatusNEQ(placement.StatusCANCELLED), placement.HasBaseWith(baseIn(code))}
}

// activePlacements counts placements running on the date (first day ≤ date ≤ last day).
func (m *Module) activePlacements(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.cfg.Ent(ctx).Placement.Query().Where(placementsIn(at.RegionCode)...).
		Where(placement.StartsOnLTE(at.AsOf), placement.EndsOnGTE(at.AsOf)).Count(modules.Aggregate(ctx))
	return modules.Float(float64(n)), err
}

// placementHours sums the hours logged by placements that ended in the 12 months up to the date.
func (m *Module) placementHours(ctx context.Context, at modules.Scope) (*float64, error) {
	from, to := at.YearWindow()
	var sums []struct {
		Hours *int `json:"hours"`
	}
	err := m.cfg.Ent(ctx).Placement.Query().Where(placementsIn(at.RegionCode)...).
		Where(placement.EndsOnGTE(from), placement.EndsOnLTE(to)).
		Aggregate(ent.As(ent.Sum(placement.FieldLoggedHours), "hours")).
		Scan(modules.Aggregate(ctx), &sums)
	if err != nil || len(sums) == 0 || sums[0].Hours == nil {
		return modules.Float(0), err
	}
	return modules.Float(float64(*sums[0].Hours)), nil
}
