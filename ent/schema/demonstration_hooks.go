package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/fund"
	"swtalent/ent/region"
	"swtalent/ent/serviceproject"
	"swtalent/internal/facts"
)

// The hooks that keep the demonstration communities' kept region facts (package internal/facts,
// demonstrations.go: DEMONSTRATION_ACTIVE and DEMONSTRATION_MET) when a register one of the five
// criteria reads changes: each calls facts.TouchedDemonstrations, in the mutation's transaction,
// with the communities the changed rows named before and name after. The criteria's kept inputs
// (CERTIFIED_COMMUNITY_STAFF, VOLUNTEER_ACTIVE) recompute them where they are refreshed.

// keepDemonstrations returns the hook that refreshes the demonstration facts of the communities
// of the rows a mutation of M creates, deletes, or changes one of fields of: communities reads
// the communities of rows by ID, named those the mutation names.
func keepDemonstrations[M factMutation](fields []string, communities func(ctx context.Context, c *gen.Client, ids []int) ([]int, error),
	named func(m M) (int, bool)) ent.Hook {
	return keepWith(facts.TouchedDemonstrations, allWrites, fields, communities,
		func(_ context.Context, m M) ([]int, error) {
			if id, ok := named(m); ok {
				return []int{id}, nil
			}
			return nil, nil
		})
}

// keepDemonstrationOfCommunity keeps the facts of a community designated, re-dated, withdrawn or
// no longer a demonstration community.
func keepDemonstrationOfCommunity() ent.Hook {
	return keepDemonstrations([]string{demonstrationcommunity.FieldCommunityID, demonstrationcommunity.FieldDesignatedYear,
		demonstrationcommunity.FieldWithdrawnOn, demonstrationcommunity.EdgeCommunity},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.DemonstrationCommunity.Query().Where(demonstrationcommunity.IDIn(ids...)).
				Select(demonstrationcommunity.FieldCommunityID).Ints(ctx)
		},
		(*gen.DemonstrationCommunityMutation).CommunityID)
}

// keepDemonstrationOfProjects keeps the facts of the communities whose special-population
// projects a mutation changes (special_population_projects).
func keepDemonstrationOfProjects() ent.Hook {
	return keepDemonstrations([]string{serviceproject.FieldStartsOn, serviceproject.FieldEndsOn, serviceproject.FieldPopulations,
		serviceproject.EdgeCommunity},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.ServiceProject.Query().Where(serviceproject.IDIn(ids...), serviceproject.HasCommunity()).
				Select(serviceproject.CommunityColumn).Ints(ctx)
		},
		(*gen.ServiceProjectMutation).CommunityID)
}

// keepDemonstrationOfFunds keeps the facts of the communities whose community service funds a
// mutation changes (community_service_fund).
func keepDemonstrationOfFunds() ent.Hook {
	return keepDemonstrations([]string{fund.FieldKind, fund.FieldEstablishedOn, fund.EdgeCommunity},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.Fund.Query().Where(fund.IDIn(ids...), fund.HasCommunity()).Select(fund.CommunityColumn).Ints(ctx)
		},
		(*gen.FundMutation).CommunityID)
}

// keepDemonstrationOfOrganizations keeps the facts of the communities whose community social
// organisations a mutation changes (community_social_organizations).
func keepDemonstrationOfOrganizations() ent.Hook {
	return keepDemonstrations([]string{agency.FieldOrgType, agency.FieldRegisteredOn, agency.FieldDeregisteredOn, agency.EdgeCommunity},
		func(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
			return c.Agency.Query().Where(agency.IDIn(ids...), agency.HasCommunity()).Select(agency.CommunityColumn).Ints(ctx)
		},
		(*gen.AgencyMutation).CommunityID)
}

// keepDemonstrationOfPopulation keeps the facts of a community whose resident population a
// mutation changes (volunteer_registration_rate).
func keepDemonstrationOfPopulation() ent.Hook {
	return keepDemonstrations([]string{region.FieldPopulation},
		func(_ context.Context, _ *gen.Client, ids []int) ([]int, error) { return ids, nil },
		func(*gen.RegionMutation) (int, bool) { return 0, false })
}
