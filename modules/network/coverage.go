package network

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/predicate"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Query is the module's namespace of reads (NetworkQuery).
type Query struct{ m *Module }

// Count is a number of places and how many are covered (CoverageCount).
type Count struct{ Total, Covered int }

// Rate is Covered / Total; nil when there is nothing to cover.
func (c *Count) Rate() *float64 {
	if c.Total == 0 {
		return nil
	}
	return modules.Float(float64(c.Covered) / float64(c.Total))
}

// Coverage is the network's coverage in a region at a date (NetworkCoverage).
type Coverage struct {
	Townships, Villages *Count
	asOf                civil.Date
	region              string
	m                   *Module
}

// TownshipCoverage is one township's station and villages covered.
type TownshipCoverage struct {
	Region                    *ent.Region
	Station                   *ent.ServicePoint
	Villages, VillagesCovered int
}

// openAt holds for points opened by d (or with no opening date) and not closed by d.
func openAt(d civil.Date, tier servicepoint.Tier) predicate.ServicePoint {
	return servicepoint.And(servicepoint.TierEQ(tier),
		servicepoint.Or(servicepoint.OpenedOnIsNil(), servicepoint.OpenedOnLTE(d)),
		servicepoint.Or(servicepoint.ClosedOnIsNil(), servicepoint.ClosedOnGT(d)))
}

// count counts regions of a level in the scope, and those matching covered, in two aggregates.
func (m *Module) count(ctx context.Context, level region.Level, code string, covered predicate.Region) (*Count, error) {
	q := m.cfg.Ent(ctx).Region.Query().Where(region.LevelEQ(level), workforce.InRegion(code))
	total, err := q.Clone().Count(modules.Aggregate(ctx))
	if err != nil {
		return nil, err
	}
	n, err := q.Where(covered).Count(modules.Aggregate(ctx))
	return &Count{Total: total, Covered: n}, err
}

// hasOpenPoint holds for regions with a service point of the tier open at d, as
// region.HasServicePointsWith(openAt(d, tier)) does: a correlated EXISTS, answered by one probe of
// the index (tier, region, opened_on, closed_on) per region. On PostgreSQL the subquery carries
// OFFSET 0, which keeps it a probe per region of the scope: without it the planner makes it a hash
// semi-join that reads every service point of the country (at national scale 344,000, for a
// province's 17,900 villages: 150–200 ms, against about 45 ms probing).
func hasOpenPoint(d civil.Date, tier servicepoint.Tier) predicate.Region {
	return func(s *sql.Selector) {
		b := sql.Dialect(s.Dialect())
		t := b.Table(servicepoint.Table)
		points := b.Select(t.C(servicepoint.RegionColumn)).From(t).
			Where(sql.ColumnsEQ(t.C(servicepoint.RegionColumn), s.C(region.FieldID)))
		openAt(d, tier)(points)
		if s.Dialect() == dialect.Postgres {
			points.Offset(0)
		}
		s.Where(sql.Exists(points))
	}
}

// townships counts the townships of the subtree and those with a station open at d, from the
// kept region fact TOWNSHIP_STATION_OPEN; townshipsReference is its definition.
func (m *Module) townships(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.kept(ctx, enum.FactRegionTownship, enum.FactTownshipStationOpen, d, code)
}

// villages counts the villages of the subtree and those with a village point open at d, from the
// kept region fact VILLAGE_POINT_OPEN; villagesReference is its definition.
func (m *Module) villages(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.kept(ctx, enum.FactRegionVillage, enum.FactVillagePointOpen, d, code)
}

// townshipsReference is townships by definition: the townships with an open station.
func (m *Module) townshipsReference(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.count(ctx, region.LevelTOWNSHIP, code, hasOpenPoint(d, servicepoint.TierTOWNSHIP_STATION))
}

// villagesReference is villages by definition: the villages with an open village point.
func (m *Module) villagesReference(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.count(ctx, region.LevelVILLAGE, code, hasOpenPoint(d, servicepoint.TierVILLAGE_POINT))
}

// skills counts the villages of the subtree and those with a community worker with social-work
// skills at d among the people working there, from the kept region fact VILLAGE_SKILLED;
// skillsReference is its definition.
func (m *Module) skills(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.kept(ctx, enum.FactRegionVillage, enum.FactVillageSkilled, d, code)
}

// kept counts the regions of the subtree of code (the kept region fact of their existence, all,
// REGION_VILLAGE or REGION_TOWNSHIP) and those for which the kept region fact covered holds at d,
// both with facts.CountRegions: a few thousand deltas and at most half a year of spans above a
// county, one index range within one. (Counting the villages of the country in the regions
// table read all 600,000 of them: on PostgreSQL a parallel sequential scan, 50–240 ms.)
func (m *Module) kept(ctx context.Context, all, covered enum.Fact, d civil.Date, code string) (*Count, error) {
	actx := modules.Aggregate(ctx)
	total, err := facts.CountRegions(actx, m.cfg.Ent(ctx), all, d, code)
	if err != nil {
		return nil, err
	}
	n, err := facts.CountRegions(actx, m.cfg.Ent(ctx), covered, d, code)
	return &Count{Total: total, Covered: n}, err
}

// skillsReference is skills by definition: the villages with a person working there for whom
// [workforce.SkilledCommunityWorkerAt] holds at d (an EXISTS over the persons of each village).
func (m *Module) skillsReference(ctx context.Context, d civil.Date, code string) (*Count, error) {
	return m.count(ctx, region.LevelVILLAGE, code, region.HasPersonsWith(workforce.SkilledCommunityWorkerAt(d)))
}

// Reference returns the definitional measure of the indicator key, nil for an indicator that has
// none apart from its Measure: the three coverages, measured from kept region facts, are defined
// by skillsReference, townshipsReference and villagesReference. The property tests compare them.
func (m *Module) Reference(key string) func(context.Context, modules.Scope) (*float64, error) {
	switch key {
	case "community_worker_skill_coverage":
		return m.share(m.skillsReference)
	case "township_station_coverage":
		return m.share(m.townshipsReference)
	case "village_point_coverage":
		return m.share(m.villagesReference)
	}
	return nil
}

// share measures a coverage count's rate at a plan scope.
func (m *Module) share(f func(context.Context, civil.Date, string) (*Count, error)) func(context.Context, modules.Scope) (*float64, error) {
	return func(ctx context.Context, at modules.Scope) (*float64, error) {
		c, err := f(ctx, at.AsOf, m.cfg.RegionOf(at))
		if err != nil {
			return nil, err
		}
		return c.Rate(), nil
	}
}

// Coverage answers network.coverage. Public statistics: aggregates only.
func (q *Query) Coverage(ctx context.Context, asOf *civil.Date, regionCode *string) (*Coverage, error) {
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	d, code := q.m.cfg.AsOf(asOf), q.m.cfg.ScopeCode(r)
	if r != nil {
		code = r.Code // the region's subtree, top region included: regions outside it are not the deployment's
	}
	c := &Coverage{asOf: d, region: code, m: q.m}
	if c.Townships, err = q.m.townships(ctx, d, code); err != nil {
		return nil, err
	}
	if c.Villages, err = q.m.villages(ctx, d, code); err != nil {
		return nil, err
	}
	return c, nil
}

// ByRegion lists each township of the region with its station and villages covered: three
// queries whatever the number of townships and villages.
func (c *Coverage) ByRegion(ctx context.Context) ([]*TownshipCoverage, error) {
	m := c.m
	actx := modules.Aggregate(ctx)
	towns, err := m.cfg.Ent(ctx).Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP), workforce.InRegion(c.region)).
		Order(region.ByCode()).All(ctx)
	if err != nil {
		return nil, err
	}
	stations, err := m.cfg.Ent(ctx).ServicePoint.Query().
		Where(openAt(c.asOf, servicepoint.TierTOWNSHIP_STATION), servicepoint.HasRegionWith(workforce.InRegion(c.region))).
		WithRegion().All(ctx)
	if err != nil {
		return nil, err
	}
	villages, err := m.cfg.Ent(ctx).Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), workforce.InRegion(c.region)).
		Select(region.FieldCode).All(actx)
	if err != nil {
		return nil, err
	}
	covered, err := m.cfg.Ent(ctx).Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), workforce.InRegion(c.region),
		hasOpenPoint(c.asOf, servicepoint.TierVILLAGE_POINT)).Select(region.FieldCode).All(actx)
	if err != nil {
		return nil, err
	}
	out := make([]*TownshipCoverage, len(towns))
	index := map[string]*TownshipCoverage{}
	for i, t := range towns {
		out[i] = &TownshipCoverage{Region: t}
		index[t.Code[:9]] = out[i]
	}
	for _, s := range stations {
		if s.Edges.Region != nil {
			if tc := index[s.Edges.Region.Code[:9]]; tc != nil {
				tc.Station = s
			}
		}
	}
	for _, v := range villages {
		if tc := index[v.Code[:9]]; tc != nil {
			tc.Villages++
		}
	}
	for _, v := range covered {
		if tc := index[v.Code[:9]]; tc != nil {
			tc.VillagesCovered++
		}
	}
	return out, nil
}

// SkillCoverage is the coverage of villages by community workers with social-work skills.
type SkillCoverage struct {
	Count
	asOf civil.Date
	code string
	m    *Module
}

// CommunitySkillCoverage answers network.communitySkillCoverage.
func (q *Query) CommunitySkillCoverage(ctx context.Context, asOf *civil.Date, regionCode *string) (*SkillCoverage, error) {
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	code := q.m.cfg.ScopeCode(r)
	if r != nil {
		code = r.Code
	}
	d := q.m.cfg.AsOf(asOf)
	c, err := q.m.skills(ctx, d, code)
	if err != nil {
		return nil, err
	}
	return &SkillCoverage{Count: *c, asOf: d, code: code, m: q.m}, nil
}

// Uncovered lists the villages and communities without a community worker with social-work
// skills, by code: those the kept fact SKILLED_COMMUNITY covers nobody in, as skills counts them.
// Which villages lack one is the public statistic itself, so the test through the kept fact is an
// aggregate, not a read of people's records.
func (s *SkillCoverage) Uncovered(ctx context.Context, first *int, after *entgql.Cursor[int]) (*ent.RegionConnection, error) {
	held := predicate.Region(facts.HeldIn(region.FieldCode, enum.FactSkilledCommunity, s.asOf, s.code))
	return s.m.cfg.Ent(ctx).Region.Query().
		Where(region.LevelEQ(region.LevelVILLAGE), workforce.InRegion(s.code), region.Not(held)).
		Paginate(ctx, after, first, nil, nil, ent.WithRegionOrder(&ent.RegionOrder{Direction: entgql.OrderDirectionAsc, Field: ent.RegionOrderFieldCode}))
}

// Indicators lists the module's plan indicators; the coverage shares are measurable per township.
func (m *Module) Indicators() []modules.Indicator {
	share := m.share
	bases := func(kind base.Kind) func(context.Context, modules.Scope) (*float64, error) {
		return func(ctx context.Context, at modules.Scope) (*float64, error) {
			n, err := m.cfg.Ent(ctx).Base.Query().Where(base.KindEQ(kind), base.DesignatedOnLTE(at.AsOf),
				base.Or(base.ClosedOnIsNil(), base.ClosedOnGT(at.AsOf))).Count(modules.Aggregate(ctx))
			return modules.Float(float64(n)), err
		}
	}
	return []modules.Indicator{
		{Key: "township_station_coverage", Title: "Townships with a social-work station", TitleZH: "乡镇（街道）社工站覆盖率",
			Unit: "share of townships/subdistricts", Kind: modules.Share, Measure: share(m.townships)},
		{Key: "village_point_coverage", Title: "Villages and communities with a service point", TitleZH: "村（社区）社会工作服务点覆盖率",
			Unit: "share of villages/communities", Kind: modules.Share, Measure: share(m.villages)},
		{Key: "community_worker_skill_coverage", Title: "Communities with a community worker with social-work skills", TitleZH: "具备社会工作专业服务技能的社区工作者覆盖率",
			Unit: "share of villages/communities", Kind: modules.Share, Measure: share(m.skills)},
		{Key: "practice_bases", Title: "Practice bases", TitleZH: "社会工作实践基地数", Unit: "bases", Kind: modules.Count, Measure: bases(base.KindPRACTICE)},
		{Key: "training_bases", Title: "Talent-training bases", TitleZH: "人才培养基地数", Unit: "bases", Kind: modules.Count, Measure: bases(base.KindTRAINING)},
	}
}
