package facts

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"slices"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/factspan"
	"swtalent/ent/fund"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/validate"
	"swtalent/modules/linkage/rules"
)

// The kept region facts of the five-party linkage demonstration communities, under each
// community's code:
//   - DEMONSTRATION_ACTIVE: the days it is an active demonstration community
//     (rules.ActiveDays: from 1 January of the year designated until withdrawn);
//   - DEMONSTRATION_MET: the active days on which it meets all five criteria (rules.MetDays).
//
// So the share of the demonstration communities of a subtree meeting every criterion is a
// quotient of two counts of regions through the deltas, where measuring each community's five
// criteria reads thousands of scattered rows at the whole country. The criteria read two kept
// facts — the CERTIFIED_COMMUNITY_STAFF spans filed under the community's code and its
// VOLUNTEER_ACTIVE spans — and three registers: its special-population service projects, its
// community service funds and its community social organisations; and the community's
// designation and resident population. So these facts are recomputed after those two
// ([refreshDemonstrations]): by the person refresh for the codes whose CERTIFIED_COMMUNITY_STAFF
// spans moved, by [RefreshRegionCodes] and [MovedVolunteer] after the volunteers', and by the
// hooks of the demonstration communities, projects, funds, agencies and regions
// ([TouchedDemonstrations]); the data upgrade "demonstration-spans", [Backfill] and the generator
// fill them ([WriteDemonstrations]) once the others are kept, and [Check] recomputes them from
// the kept inputs, which it checks against the registers in the same run.

// demonstrationFacts are the kept region facts of the demonstration communities.
var demonstrationFacts = []enum.Fact{enum.FactDemonstrationActive, enum.FactDemonstrationMet}

// isDemonstrationFact reports whether f is one of demonstrationFacts.
func isDemonstrationFact(f enum.Fact) bool { return slices.Contains(demonstrationFacts, f) }

// demonstrationChunk is the number of communities whose inputs one round reads: every IN list
// stays under the databases' limits on bound values.
const demonstrationChunk = 2000

// TouchedDemonstrations is what the hooks of the registers the criteria read call after a change
// that may move the kept facts of the demonstration communities of the regions ids (the
// communities a row leaves or joins): inside a [Defer] context it notes them for the flush,
// otherwise it recomputes them at once. A region that is no demonstration community keeps none.
func TouchedDemonstrations(ctx context.Context, client *ent.Client, ids ...int) error {
	if noted(ctx, func(p *pending) map[int]struct{} { return p.demonstrations }, ids) {
		return nil
	}
	return RefreshDemonstrations(ctx, client, ids...)
}

// RefreshDemonstrations recomputes DEMONSTRATION_ACTIVE and DEMONSTRATION_MET of the regions ids
// through client (inside a mutation: its transaction's client).
func RefreshDemonstrations(ctx context.Context, client *ent.Client, ids ...int) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	return byCodes(ctx, client, ids, func(codes []string) error { return refreshDemonstrations(ctx, client, codes) })
}

// refreshDemonstrations rewrites DEMONSTRATION_ACTIVE and DEMONSTRATION_MET of the region codes
// (those of villages; others are ignored) from their inputs, the kept CERTIFIED_COMMUNITY_STAFF
// and VOLUNTEER_ACTIVE spans included, so it runs after those are written.
func refreshDemonstrations(ctx context.Context, client *ent.Client, codes []string) error {
	codes = slices.DeleteFunc(slices.Compact(slices.Sorted(slices.Values(codes))), func(c string) bool {
		return validate.RegionLevelOf(c) != "VILLAGE"
	})
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	b := entsql.Dialect(client.Dialect())
	for len(codes) > 0 {
		part := codes[:min(len(codes), demonstrationChunk)]
		codes = codes[len(part):]
		want := RegionIntervals{}
		if err := addDemonstrations(ctx, client, b, part, want); err != nil {
			return fmt.Errorf("kept demonstration facts: %w", err)
		}
		if err := rewriteRegions(ctx, client, demonstrationFacts, part, want); err != nil {
			return fmt.Errorf("kept demonstration facts: %w", err)
		}
	}
	return nil
}

// WriteDemonstrations writes the DEMONSTRATION_ACTIVE and DEMONSTRATION_MET spans of every
// demonstration community into region_spans, with their deltas, from the registers and the kept
// CERTIFIED_COMMUNITY_STAFF and VOLUNTEER_ACTIVE spans (so after those): the data upgrades and
// the generator, on a table holding none. It returns the number of (fact, community) pairs, of
// spans and of delta rows written.
func WriteDemonstrations(ctx context.Context, db DB, dialect string) (pairs, spans, deltas int, err error) {
	b := entsql.Dialect(dialect)
	in := RegionIntervals{}
	if err := addAllDemonstrations(ctx, db, b, in); err != nil {
		return 0, 0, 0, fmt.Errorf("kept demonstration facts: %w", err)
	}
	spans, deltas, err = WriteRegions(ctx, db, b, in)
	return len(in), spans, deltas, err
}

// addAllDemonstrations adds the spans of every demonstration community to in, a chunk of
// communities at a time.
func addAllDemonstrations(ctx context.Context, db DB, b *entsql.DialectBuilder, in RegionIntervals) error {
	d, r := b.Table(demonstrationcommunity.Table).As("d"), b.Table(region.Table).As("r")
	q, args := b.Select(r.C(region.FieldCode)).From(d).Join(r).On(d.C(demonstrationcommunity.FieldCommunityID), r.C(region.FieldID)).
		OrderBy(r.C(region.FieldCode)).Query()
	var codes []string
	err := scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
		var code string
		if err := rows.Scan(&code); err != nil {
			return err
		}
		codes = append(codes, code)
		return nil
	})
	if err != nil {
		return fmt.Errorf("demonstration communities: %w", err)
	}
	for len(codes) > 0 {
		part := codes[:min(len(codes), demonstrationChunk)]
		codes = codes[len(part):]
		if err := addDemonstrations(ctx, db, b, part, in); err != nil {
			return err
		}
	}
	return nil
}

// addDemonstrations adds the DEMONSTRATION_ACTIVE and DEMONSTRATION_MET spans of the
// demonstration communities among the region codes to in: one read of the communities and one of
// each input, by IN lists.
func addDemonstrations(ctx context.Context, db DB, b *entsql.DialectBuilder, codes []string, in RegionIntervals) error {
	criteria, err := rules.Criteria()
	if err != nil {
		return err
	}
	type community struct {
		code string
		rules.Community
	}
	byID := map[int]*community{}
	byCode := map[string]*community{}
	d, r := b.Table(demonstrationcommunity.Table).As("d"), b.Table(region.Table).As("r")
	q, args := b.Select(r.C(region.FieldID), r.C(region.FieldCode), r.C(region.FieldPopulation), d.C(demonstrationcommunity.FieldDesignatedYear),
		d.C(demonstrationcommunity.FieldWithdrawnOn)).
		From(d).Join(r).On(d.C(demonstrationcommunity.FieldCommunityID), r.C(region.FieldID)).
		Where(entsql.In(r.C(region.FieldCode), anys(codes)...)).Query()
	err = scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
		var (
			id         int
			c          community
			population stdsql.NullInt64
			withdrawn  stdsql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &c.code, &population, &c.Designated, &withdrawn); err != nil {
			return err
		}
		if population.Valid {
			p := int(population.Int64)
			c.Population = &p
		}
		c.Withdrawn = nullable(withdrawn)
		c.Intervals = map[string][]factdata.Span{}
		byID[id], byCode[c.code] = &c, &c
		return nil
	})
	if err != nil || len(byID) == 0 {
		return wrap("demonstration communities", err)
	}
	ids := make([]int, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	keptCodes := make([]any, 0, len(byCode))
	for code := range byCode {
		keptCodes = append(keptCodes, code)
	}
	add := func(key string, c *community, s factdata.Span, ok bool) {
		if c != nil && ok {
			c.Intervals[key] = append(c.Intervals[key], s)
		}
	}
	// The kept spans: the certified staff filed under each community's code, its volunteers (both
	// tables name these columns alike).
	for _, src := range []struct {
		key, table string
		fact       enum.Fact
	}{
		{rules.CertifiedStaff, factspan.Table, enum.FactCertifiedCommunityStaff},
		{rules.VolunteerRegistrationRate, regionspan.Table, enum.FactVolunteerActive},
	} {
		q, args := b.Select(factspan.FieldRegionCode, factspan.FieldFromOn, factspan.FieldUntilOn, factspan.FieldWeight).From(b.Table(src.table)).
			Where(entsql.And(entsql.EQ(factspan.FieldFact, string(src.fact)), entsql.In(factspan.FieldRegionCode, keptCodes...))).Query()
		err := scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
			var (
				code  string
				s     factdata.Span
				until stdsql.Null[civil.Date]
			)
			if err := rows.Scan(&code, &s.From, &until, &s.Weight); err != nil {
				return err
			}
			s.Until = nullable(until)
			add(src.key, byCode[code], s, true)
			return nil
		})
		if err != nil {
			return wrap(string(src.fact)+" spans", err)
		}
	}
	// The projects serving a special population.
	p := b.Table(serviceproject.Table)
	q, args = b.Select(serviceproject.CommunityColumn, serviceproject.FieldStartsOn, serviceproject.FieldEndsOn).From(p).
		Where(entsql.And(entsql.InInts(serviceproject.CommunityColumn, ids...),
			ServesSpecialPopulation(p.C(serviceproject.FieldPopulations)))).Query()
	err = scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
		var (
			id           int
			starts, ends civil.Date
		)
		if err := rows.Scan(&id, &starts, &ends); err != nil {
			return err
		}
		s, ok := rules.ProjectDays(starts, ends)
		add(rules.SpecialPopulationProjects, byID[id], s, ok)
		return nil
	})
	if err != nil {
		return wrap("service projects", err)
	}
	// The community service funds.
	q, args = b.Select(fund.CommunityColumn, fund.FieldEstablishedOn).From(b.Table(fund.Table)).
		Where(entsql.And(entsql.EQ(fund.FieldKind, string(fund.KindCOMMUNITY_SERVICE)), entsql.InInts(fund.CommunityColumn, ids...))).Query()
	err = scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
		var (
			id          int
			established civil.Date
		)
		if err := rows.Scan(&id, &established); err != nil {
			return err
		}
		add(rules.CommunityServiceFund, byID[id], rules.FundDays(established), true)
		return nil
	})
	if err != nil {
		return wrap("funds", err)
	}
	// The community social organisations.
	q, args = b.Select(agency.CommunityColumn, agency.FieldRegisteredOn, agency.FieldDeregisteredOn).From(b.Table(agency.Table)).
		Where(entsql.And(entsql.EQ(agency.FieldOrgType, string(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION)),
			entsql.InInts(agency.CommunityColumn, ids...))).Query()
	err = scan(ctx, db, q, args, func(rows *stdsql.Rows) error {
		var (
			id                       int
			registered, deregistered stdsql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &registered, &deregistered); err != nil {
			return err
		}
		s, ok := rules.OrganizationDays(nullable(registered), nullable(deregistered))
		add(rules.CommunitySocialOrganizations, byID[id], s, ok)
		return nil
	})
	if err != nil {
		return wrap("community social organisations", err)
	}
	for _, c := range byID {
		if s, ok := rules.ActiveDays(c.Designated, c.Withdrawn); ok {
			k := RegionKey{enum.FactDemonstrationActive, c.code}
			in[k] = append(in[k], s)
		}
		if met := rules.MetDays(criteria, c.Community); len(met) > 0 {
			k := RegionKey{enum.FactDemonstrationMet, c.code}
			in[k] = append(in[k], met...)
		}
	}
	return nil
}

// ServesSpecialPopulation holds for the service projects whose populations, the JSON column col
// (qualified as the query needs), name at least one special population: a non-empty array. A
// project saved with no populations may hold JSON null, whose array length PostgreSQL refuses
// ("cannot get array length of a scalar"), so there the length is taken of arrays only. The
// criterion special_population_projects counts such projects, as served and as kept.
func ServesSpecialPopulation(col string) *entsql.Predicate {
	return entsql.P(func(b *entsql.Builder) {
		if b.Dialect() == dialect.Postgres {
			b.WriteString("CASE WHEN jsonb_typeof(" + col + ") = 'array' THEN jsonb_array_length(" + col + ") ELSE 0 END > 0")
			return
		}
		b.WriteString("json_array_length(" + col + ") > 0")
	})
}

// wrap wraps err with what was read, nil for nil.
func wrap(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
