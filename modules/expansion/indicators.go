package expansion

import (
	"context"

	"swtalent/ent/agency"
	"swtalent/ent/department"
	"swtalent/ent/predicate"
	"swtalent/ent/serviceproject"
	"swtalent/internal/workforce"
	"swtalent/modules"
	"swtalent/modules/expansion/rules"
)

// Indicators lists the module's plan indicators. Agencies are counted county-wide by where they
// are registered; a region scope counts agencies seated in it.
func (m *Module) Indicators() []modules.Indicator {
	agencies := func(ctx context.Context, at modules.Scope, more ...predicate.Agency) (*float64, error) {
		q := m.cfg.Ent(ctx).Agency.Query().Where(activeAt(at.AsOf))
		if at.RegionCode != "" {
			q.Where(agency.HasRegionWith(workforce.InRegion(at.RegionCode)))
		}
		n, err := q.Where(more...).Count(modules.Aggregate(ctx))
		return modules.Float(float64(n)), err
	}
	return []modules.Indicator{
		{Key: "social_work_agencies", Title: "Social-work agencies", TitleZH: "社会工作服务机构数", Unit: "agencies", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) { return agencies(ctx, at) }},
		{Key: "hub_agencies", Title: "Hub agencies and industry associations", TitleZH: "枢纽型社工机构、行业组织数", Unit: "agencies", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				return agencies(ctx, at, agency.Or(agency.Hub(true), agency.IndustryAssociation(true)))
			}},
		{Key: "purchase_capable_agencies", Title: "Agencies able to undertake government purchases", TitleZH: "可承接政府购买服务的机构数", Unit: "agencies", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				return agencies(ctx, at, agency.PurchaseCapable(true))
			}},
		{Key: "key_fields_with_city_level_agency", Title: "Key fields with an agency of city-level influence", TitleZH: "有市级影响力机构的重点领域数", Unit: "fields", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				n := 0
				for _, f := range keyFields() {
					ok, err := m.covered(ctx, f, at.AsOf)
					if err != nil {
						return nil, err
					}
					if ok {
						n++
					}
				}
				return modules.Float(float64(n)), nil
			}},
		{Key: "departments_cultivating_agency_rate", Title: "Competent departments that cultivated an agency this year", TitleZH: "本年度重点培育机构的主管部门比例", Unit: "share of competent departments per year", Kind: modules.Share, Period: modules.CalendarYear,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				deps, err := m.competentDepartments(ctx)
				if err != nil || len(deps) == 0 {
					return nil, err
				}
				ids := make([]int, len(deps))
				for i, d := range deps {
					ids[i] = d.ID
				}
				n, err := m.cfg.Ent(ctx).Department.Query().Where(department.IDIn(ids...),
					department.HasCultivatedAgenciesWith(agency.CultivatedYear(rules.CultivationYear(at.AsOf)))).Count(modules.Aggregate(ctx))
				if err != nil {
					return nil, err
				}
				return rules.CultivatingShare(n, len(deps)), nil
			}},
		{Key: "personnel_cost_compliance_rate", Title: "Government purchases meeting the personnel-cost share", TitleZH: "人力成本占比达标的政府购买项目比例", Unit: "share of government-purchased projects", Kind: modules.Share, Period: modules.TwelveMonths, ZeroIsData: true,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				from, to := at.YearWindow()
				// Projects without a budget are not measurable against a share: outside both counts.
				q := m.cfg.Ent(ctx).ServiceProject.Query().Where(governmentPurchase(), serviceproject.BudgetGT(0),
					serviceproject.StartsOnGTE(from), serviceproject.StartsOnLTE(to))
				all, err := q.Clone().Count(modules.Aggregate(ctx))
				if err != nil || all == 0 {
					return nil, err
				}
				ok, err := q.Where(meetsRule(m.share)).Count(modules.Aggregate(ctx))
				return modules.Float(float64(ok) / float64(all)), err
			}},
		{Key: "government_purchase_spending", Title: "Government purchases of social-work services (12 months)", TitleZH: "政府购买社会工作服务金额（近12个月）", Unit: "yuan", Kind: modules.Amount, Period: modules.TwelveMonths,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				from, to := at.YearWindow()
				sum, err := m.spending(ctx, serviceproject.FundingSourceGOVERNMENT_PURCHASE, from, to)
				return modules.Float(float64(sum.Fen()) / 100), err
			}},
	}
}
