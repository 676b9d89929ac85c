package quality

import (
	"context"

	"swtalent/ent/schema/enum"
	"swtalent/internal/facts"
	"swtalent/modules"
)

// The indicators measured from kept facts (package internal/facts; the rules are in
// modules/quality/rules): each is a sum of span weights at the day in the region subtree, a few
// index ranges whatever the size of the registers. Their definitional measures stay as the
// reference (reference.go), which the property test compares with them.

// complianceRate is continuing_education_compliance_rate: the persons counted by CE_COMPLIANT
// over the certified persons (CERTIFIED); unknown without a certified person.
func (m *Module) complianceRate(ctx context.Context, at modules.Scope) (*float64, error) {
	certified, err := m.keptCount(ctx, enum.FactCertified, at)
	if err != nil || certified == 0 {
		return nil, err
	}
	compliant, err := m.keptCount(ctx, enum.FactCECompliant, at)
	if err != nil {
		return nil, err
	}
	return modules.Float(float64(compliant) / float64(certified)), nil
}

// trainingHoursPerCertified is training_hours_per_certified_worker: the hours summed by
// TRAINING_HOURS over the certified persons; unknown without a certified person.
func (m *Module) trainingHoursPerCertified(ctx context.Context, at modules.Scope) (*float64, error) {
	certified, err := m.keptCount(ctx, enum.FactCertified, at)
	if err != nil || certified == 0 {
		return nil, err
	}
	hours, err := m.keptCount(ctx, enum.FactTrainingHours, at)
	if err != nil {
		return nil, err
	}
	return modules.Float(float64(hours) / float64(certified)), nil
}

// leadersTrained is leaders_trained: the persons counted by LEADER_TRAINED.
func (m *Module) leadersTrained(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.keptCount(ctx, enum.FactLeaderTrained, at)
	if err != nil {
		return nil, err
	}
	return modules.Float(float64(n)), nil
}

// qualifiedSupervisors is qualified_supervisors: the persons counted by QUALIFIED_SUPERVISOR.
func (m *Module) qualifiedSupervisors(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.keptCount(ctx, enum.FactQualifiedSupervisor, at)
	if err != nil {
		return nil, err
	}
	return modules.Float(float64(n)), nil
}

// keptCount sums fact's spans at the scope's day in its region subtree.
func (m *Module) keptCount(ctx context.Context, fact enum.Fact, at modules.Scope) (int, error) {
	return facts.Count(modules.Aggregate(ctx), m.cfg.Ent(ctx), fact, at.AsOf, at.RegionCode)
}
