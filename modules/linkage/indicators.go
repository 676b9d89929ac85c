package linkage

import (
	"context"
	"fmt"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent/fund"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Indicators lists the module's plan indicators, measurable in any region.
func (m *Module) Indicators() []modules.Indicator {
	return []modules.Indicator{
		{Key: "demonstration_communities", Title: "Five-party linkage demonstration communities", TitleZH: "“五社联动”示范社区数",
			Unit: "communities", Kind: modules.Count, Measure: m.demonstrationCount},
		{Key: "demonstration_communities_meeting_all_criteria_rate", Title: "Demonstration communities meeting all five criteria",
			TitleZH: "达到全部五项标准的示范社区占比", Unit: "share of demonstration communities", Kind: modules.Share, Measure: m.meetingAll},
		{Key: "volunteer_registration_rate", Title: "Registered volunteers per resident", TitleZH: "志愿者注册率",
			Unit: "share of resident population", Kind: modules.Share, Measure: m.volunteerRate},
		{Key: "charity_funds_raised", Title: "Money raised by funds established in the year", TitleZH: "年度基金筹集金额",
			Unit: "yuan per year", Kind: modules.Amount, Period: modules.TwelveMonths, Measure: m.fundsRaised},
	}
}

// demonstrationCount counts demonstration communities active on the date, from the kept region
// fact DEMONSTRATION_ACTIVE (facts.CountRegions); demonstrationCountReference is its definition.
func (m *Module) demonstrationCount(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := facts.CountRegions(modules.Aggregate(ctx), m.cfg.Ent(ctx), enum.FactDemonstrationActive, at.AsOf, m.cfg.RegionOf(at))
	if err != nil {
		return nil, fmt.Errorf("count demonstration communities: %w", err)
	}
	return modules.Float(float64(n)), nil
}

// demonstrationCountReference counts the demonstration communities active on the date in the
// register.
func (m *Module) demonstrationCountReference(ctx context.Context, at modules.Scope) (*float64, error) {
	demos, err := m.demonstrations(ctx, at.AsOf, m.cfg.RegionOf(at))
	return modules.Float(float64(len(demos))), err
}

// meetingAll is the share of active demonstration communities meeting every criterion; nil
// without any. It divides two counts of the kept region facts, DEMONSTRATION_MET by
// DEMONSTRATION_ACTIVE (facts.CountRegions: the deltas above a county), where assessing each
// community (meetingAllWith) reads five criteria of every community of the scope: at the whole
// country 2,844 communities, 130–180 ms cold on SQLite and 200–270 ms on PostgreSQL.
func (m *Module) meetingAll(ctx context.Context, at modules.Scope) (*float64, error) {
	c, code := m.cfg.Ent(ctx), m.cfg.RegionOf(at)
	active, err := facts.CountRegions(modules.Aggregate(ctx), c, enum.FactDemonstrationActive, at.AsOf, code)
	if err != nil || active == 0 {
		return nil, wrapCount(err)
	}
	met, err := facts.CountRegions(modules.Aggregate(ctx), c, enum.FactDemonstrationMet, at.AsOf, code)
	if err != nil {
		return nil, wrapCount(err)
	}
	return modules.Float(float64(met) / float64(active)), nil
}

// wrapCount wraps an error of a count of demonstration communities; nil stays nil.
func wrapCount(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("count demonstration communities: %w", err)
}

// meetingAllWith is the share of meetingAll by assessing every active demonstration community of
// the scope with the criteria's measures measureOf gives: with their definitions, its reference.
func (m *Module) meetingAllWith(ctx context.Context, at modules.Scope, measureOf func(key string) measure) (*float64, error) {
	o, err := m.overview(ctx, at.AsOf, m.cfg.RegionOf(at), measureOf)
	if err != nil || o.Communities == 0 {
		return nil, err
	}
	return modules.Float(float64(o.Met) / float64(o.Communities)), nil
}

// Reference returns the definitional measure of the indicator key, nil for an indicator that has
// none apart from its Measure. demonstration_communities, counted from the kept fact
// DEMONSTRATION_ACTIVE, is defined by the register (demonstrationCountReference);
// demonstration_communities_meeting_all_criteria_rate, counted from DEMONSTRATION_MET, by the
// share of the communities of the register meeting every criterion, each measured by its
// definition (references);
// volunteer_registration_rate, counted from the kept region fact VOLUNTEER_ACTIVE, by the count
// of the volunteers themselves (activeVolunteers). The property test and graph/perf's
// BenchmarkKeptIndicator compare them.
func (m *Module) Reference(key string) func(context.Context, modules.Scope) (*float64, error) {
	switch key {
	case "demonstration_communities":
		return m.demonstrationCountReference
	case "demonstration_communities_meeting_all_criteria_rate":
		return func(ctx context.Context, at modules.Scope) (*float64, error) {
			return m.meetingAllWith(ctx, at, definitional)
		}
	case "volunteer_registration_rate":
		return func(ctx context.Context, at modules.Scope) (*float64, error) {
			return m.volunteerRateWith(ctx, at, m.activeVolunteers)
		}
	}
	return nil
}

// volunteerRate is the volunteers registered in the region on the date over its resident
// population; nil when the population is not recorded. The volunteers are counted from the kept
// region fact VOLUNTEER_ACTIVE (facts.CountRegions: the deltas above a county, where
// activeVolunteers read an index range of every active volunteer of the scope: at national scale
// 751,872 entries, 101–141 ms cold on PostgreSQL).
func (m *Module) volunteerRate(ctx context.Context, at modules.Scope) (*float64, error) {
	return m.volunteerRateWith(ctx, at, func(ctx context.Context, d civil.Date, code string) (int, error) {
		return facts.CountRegions(ctx, m.cfg.Ent(ctx), enum.FactVolunteerActive, d, code)
	})
}

// volunteerRateWith is volunteerRate with the volunteers counted by count.
func (m *Module) volunteerRateWith(ctx context.Context, at modules.Scope, count func(ctx context.Context, d civil.Date, code string) (int, error)) (*float64, error) {
	code := m.cfg.RegionOf(at)
	c := m.cfg.Ent(ctx)
	q := c.Region.Query()
	if code != "" {
		q.Where(region.Code(code))
	} else {
		q.Where(region.ParentIDIsNil())
	}
	regions, err := q.All(modules.Aggregate(ctx))
	if err != nil {
		return nil, fmt.Errorf("load region: %w", err)
	}
	population := 0
	for _, r := range regions {
		if r.Population != nil {
			population += *r.Population
		}
	}
	if population == 0 {
		return nil, nil
	}
	n, err := count(modules.Aggregate(ctx), at.AsOf, code)
	if err != nil {
		return nil, fmt.Errorf("count volunteers: %w", err)
	}
	return modules.Float(float64(n) / float64(population)), nil
}

// activeVolunteers counts the volunteers active at d registered in a community of the region
// subtree of code ("" = anywhere), as activeVolunteer(d) with volunteer.HasCommunityWith(
// workforce.InRegion(code)) does: the definition of the count volunteerRate reads from the kept
// fact. Anywhere it reads the (registered_on, left_on) index alone:
// one range of the registrations up to d, the leaving date beside each (at national scale up to
// 750,000 entries; through the (community_id, registered_on) index SQLite read a table row per
// volunteer, 117–175 ms at 2025 dates against 22 ms). In a region it sums, over the subtree's
// regions (the code index), each one's count: one probe of the (community_id, registered_on,
// left_on) index per region, reading no volunteer's row.
// ent's correlated HasCommunityWith made SQLite skip-scan that whole index, testing every volunteer
// of the country against its community (national scale: 1.8 s for the reference county in 2026);
// "community_id IN (the subtree's regions)" fixed SQLite, but PostgreSQL planned it as a scan of
// every active volunteer of the country joined to a memoized lookup of each one's region
// (176–267 ms for a province, against 47–49 ms probing its 19,199 regions).
func (m *Module) activeVolunteers(ctx context.Context, d civil.Date, code string) (int, error) {
	c := m.cfg.Ent(ctx)
	if code == "" {
		return c.Volunteer.Query().Where(activeVolunteer(d)).Count(ctx)
	}
	var rows []struct {
		N *int `json:"n"`
	}
	err := c.Region.Query().Where(workforce.InRegion(code)).Modify(func(s *sql.Selector) {
		b := sql.Dialect(s.Dialect())
		v := b.Table(volunteer.Table)
		each := b.Select(sql.Count("*")).From(v).Where(sql.ColumnsEQ(v.C(volunteer.FieldCommunityID), s.C(region.FieldID)))
		activeVolunteer(d)(each)
		s.Select().AppendSelectExprAs(sql.ExprFunc(func(b *sql.Builder) {
			b.WriteString("SUM").Wrap(func(b *sql.Builder) { b.Nested(func(b *sql.Builder) { b.Join(each) }) })
		}), "n")
	}).Scan(ctx, &rows)
	if err != nil || len(rows) == 0 || rows[0].N == nil {
		return 0, err
	}
	return *rows[0].N, nil
}

// fundsRaised sums the money raised by funds established in the 12 months up to the date: funds of
// communities in the region, and, for the top region, funds serving no one community.
func (m *Module) fundsRaised(ctx context.Context, at modules.Scope) (*float64, error) {
	from, to := at.YearWindow()
	q := m.cfg.Ent(ctx).Fund.Query().Where(fund.EstablishedOnGTE(from), fund.EstablishedOnLTE(to))
	if at.RegionCode == "" {
		q.Where(fund.Or(fund.Not(fund.HasCommunity()), fund.HasCommunityWith(workforce.InRegion(m.cfg.TopRegion))))
	} else {
		q.Where(fund.HasCommunityWith(workforce.InRegion(at.RegionCode)))
	}
	var sums []struct {
		Amount *int64 `json:"amount"`
	}
	if err := q.Modify(func(s *sql.Selector) { s.Select(sql.As(sql.Sum(s.C(fund.FieldAmountRaised)), "amount")) }).
		Scan(modules.Aggregate(ctx), &sums); err != nil {
		return nil, fmt.Errorf("sum funds raised: %w", err)
	}
	if len(sums) == 0 || sums[0].Amount == nil {
		return modules.Float(0), nil
	}
	return modules.Float(float64(*sums[0].Amount)), nil
}
