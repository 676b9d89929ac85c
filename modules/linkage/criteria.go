package linkage

import (
	"context"

	"entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/fund"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
	"swtalent/modules"
	"swtalent/modules/linkage/rules"
)

// Criterion is one of the five criteria of a demonstration community (rules.Criterion).
type Criterion = rules.Criterion

// counts maps a community's region ID to a count.
type counts map[int]int

// measure computes one criterion for several communities at a date with one aggregate; the
// result maps a community's region ID to its actual value, missing when unknown.
type measure func(ctx context.Context, m *Module, d civil.Date, communities []*ent.Region) (map[int]float64, error)

// measures are the criteria's measures, by key of linkage_criteria.csv; a criterion measured from
// a kept fact has its definition in references.
var measures = map[string]measure{
	// 工作人员持有社会工作职业资格证书: the community's own staff (workforce.CommunityStaff: community
	// workers, grid workers, committee members) working in it and certified on the date.
	rules.CertifiedStaff: certifiedStaff,
	// 特殊人群服务项目: projects in the community serving a special population, running on some
	// day of the 12 months up to the date (counted like [modules.Scope.YearWindow]).
	rules.SpecialPopulationProjects: countEach(func(ctx context.Context, m *Module, d civil.Date, ids []int) (counts, error) {
		var rows []groupRow
		err := m.cfg.Ent(ctx).ServiceProject.Query().
			Where(in(serviceproject.CommunityColumn, ids), serviceproject.StartsOnLTE(d),
				serviceproject.EndsOnGTE(d.PeriodStart(1, 0)),
				func(s *sql.Selector) { s.Where(facts.ServesSpecialPopulation(s.C(serviceproject.FieldPopulations))) }).
			Modify(groupBy(serviceproject.CommunityColumn)).Scan(modules.Aggregate(ctx), &rows)
		return tally(rows), err
	}),
	// 社区服务专项基金: community service funds of the community established by the date.
	rules.CommunityServiceFund: countEach(func(ctx context.Context, m *Module, d civil.Date, ids []int) (counts, error) {
		var rows []groupRow
		err := m.cfg.Ent(ctx).Fund.Query().
			Where(fund.KindEQ(fund.KindCOMMUNITY_SERVICE), in(fund.CommunityColumn, ids), fund.EstablishedOnLTE(d)).
			Modify(groupBy(fund.CommunityColumn)).Scan(modules.Aggregate(ctx), &rows)
		return tally(rows), err
	}),
	// 社区社会组织: community social organisations rooted in the community, registered on the date.
	rules.CommunitySocialOrganizations: countEach(func(ctx context.Context, m *Module, d civil.Date, ids []int) (counts, error) {
		var rows []groupRow
		err := m.cfg.Ent(ctx).Agency.Query().
			Where(agency.OrgTypeEQ(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION), in(agency.CommunityColumn, ids),
				agency.Or(agency.RegisteredOnIsNil(), agency.RegisteredOnLTE(d)),
				agency.Or(agency.DeregisteredOnIsNil(), agency.DeregisteredOnGT(d))).
			Modify(groupBy(agency.CommunityColumn)).Scan(modules.Aggregate(ctx), &rows)
		return tally(rows), err
	}),
	// 社区志愿者注册率: volunteers registered and not left on the date, over the resident
	// population; unknown without a population. Counted in the register, one range of the
	// (community_id, registered_on, left_on) index per community, reading no table row: the kept
	// region fact VOLUNTEER_ACTIVE (which volunteer_registration_rate reads) holds the same
	// intervals per community in wider index entries, and its count per community was slower
	// (PostgreSQL, national scale, 2,844 communities on 1 January 2025: 143–172 ms over 368,693
	// spans against 92–128 ms over 438,120 volunteers).
	rules.VolunteerRegistrationRate: func(ctx context.Context, m *Module, d civil.Date, communities []*ent.Region) (map[int]float64, error) {
		var rows []groupRow
		err := m.cfg.Ent(ctx).Volunteer.Query().
			Where(volunteer.CommunityIDIn(ids(communities)...), activeVolunteer(d)).
			Modify(groupBy(volunteer.FieldCommunityID)).Scan(modules.Aggregate(ctx), &rows)
		if err != nil {
			return nil, err
		}
		n := tally(rows)
		out := make(map[int]float64, len(communities))
		for _, c := range communities {
			if v, ok := rules.Value(rules.VolunteerRegistrationRate, n[c.ID], c.Population); ok {
				out[c.ID] = v
			}
		}
		return out, nil
	},
}

// references are the definitional measures of the criteria measures reads from kept facts, by
// key: what each criterion means, computed from the registers at the time of asking. The property
// test compares them with the kept measures after random writes.
var references = map[string]measure{
	rules.CertifiedStaff: countEach(certifiedStaffReference),
}

// served returns the measure of the criterion key as the module serves it.
func served(key string) measure { return measures[key] }

// definitional returns the measure of the criterion key by its definition: its reference when it
// is measured from a kept fact, else its measure.
func definitional(key string) measure {
	if r := references[key]; r != nil {
		return r
	}
	return measures[key]
}

// certifiedStaff is certified_staff from the kept fact CERTIFIED_COMMUNITY_STAFF: per community,
// the spans covering the date filed under the community's own code (the staff's workplace), one
// probe of the span index per community ([facts.CountPerRegion]). certifiedStaffReference is its
// definition.
func certifiedStaff(ctx context.Context, m *Module, d civil.Date, communities []*ent.Region) (map[int]float64, error) {
	codes := make([]string, len(communities))
	for i, c := range communities {
		codes[i] = c.Code
	}
	n, err := facts.CountPerRegion(modules.Aggregate(ctx), m.cfg.Ent(ctx), enum.FactCertifiedCommunityStaff, d, codes)
	if err != nil {
		return nil, err
	}
	out := make(map[int]float64, len(communities))
	for _, c := range communities {
		out[c.ID] = float64(n[c.Code])
	}
	return out, nil
}

// certifiedStaffReference is certified_staff by definition: the persons working in each community
// for whom [workforce.CertifiedCommunityStaffAt] holds (a correlated EXISTS over each one's
// certificates), grouped by community.
func certifiedStaffReference(ctx context.Context, m *Module, d civil.Date, ids []int) (counts, error) {
	var rows []groupRow
	err := m.cfg.Ent(ctx).Person.Query().
		Where(workforce.CertifiedCommunityStaffAt(d), person.RegionIDIn(ids...)).
		Modify(groupBy(person.FieldRegionID)).Scan(modules.Aggregate(ctx), &rows)
	return tally(rows), err
}

// countEach turns a grouped count into a measure known (zero when absent) for every community.
func countEach(f func(ctx context.Context, m *Module, d civil.Date, ids []int) (counts, error)) measure {
	return func(ctx context.Context, m *Module, d civil.Date, communities []*ent.Region) (map[int]float64, error) {
		n, err := f(ctx, m, d, ids(communities))
		if err != nil {
			return nil, err
		}
		out := make(map[int]float64, len(communities))
		for _, c := range communities {
			out[c.ID] = float64(n[c.ID])
		}
		return out, nil
	}
}

// groupRow is one row of a count grouped by a community's region ID.
type groupRow struct {
	Key   int `json:"k"`
	Count int `json:"n"`
}

// groupBy turns a query into a count of its rows per value of the column col.
func groupBy(col string) func(*sql.Selector) {
	return func(s *sql.Selector) {
		s.Select(sql.As(s.C(col), "k"), sql.As(sql.Count("*"), "n")).GroupBy(s.C(col))
	}
}

// in holds for rows whose column col (a foreign key) is one of ids.
func in(col string, ids []int) func(*sql.Selector) {
	return func(s *sql.Selector) { s.Where(sql.InInts(s.C(col), ids...)) }
}

// tally collects grouped rows into counts.
func tally(rows []groupRow) counts {
	out := make(counts, len(rows))
	for _, r := range rows {
		out[r.Key] = r.Count
	}
	return out
}

// activeVolunteer holds for volunteers registered on or before d who had not left by d.
func activeVolunteer(d civil.Date) func(*sql.Selector) {
	return volunteer.And(volunteer.RegisteredOnLTE(d), volunteer.Or(volunteer.LeftOnIsNil(), volunteer.LeftOnGT(d)))
}

// ids lists the regions' IDs.
func ids(regions []*ent.Region) []int {
	out := make([]int, len(regions))
	for i, r := range regions {
		out[i] = r.ID
	}
	return out
}
