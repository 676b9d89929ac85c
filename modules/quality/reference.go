package quality

import (
	"context"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/workforce"
	"swtalent/modules"
	"swtalent/modules/quality/rules"
)

// The definitional measures of the indicators whose facts are kept: what each indicator means,
// computed from the registers at the time of asking. The kept counts must give the same numbers;
// the property test and the benchmarks compare them.

// Reference returns the definitional measure of the indicator key, nil for an indicator that has
// none apart from its Measure.
func (m *Module) Reference(key string) func(context.Context, modules.Scope) (*float64, error) {
	switch key {
	case "continuing_education_compliance_rate":
		return m.complianceRateReference
	case "training_hours_per_certified_worker":
		return m.trainingHoursReference
	case "leaders_trained":
		return m.leadersTrainedReference
	case "qualified_supervisors":
		return m.qualifiedSupervisorsReference
	}
	return nil
}

// complianceRateReference rates every certified person of the scope (complianceRateOf).
func (m *Module) complianceRateReference(ctx context.Context, at modules.Scope) (*float64, error) {
	return m.complianceRateOf(ctx, at.AsOf, at.RegionCode)
}

// leaderKinds are the kinds of training that count for leaders_trained ([rules.LeaderTrainingKinds]).
func leaderKinds() []training.Kind {
	out := make([]training.Kind, len(rules.LeaderTrainingKinds))
	for i, k := range rules.LeaderTrainingKinds {
		out[i] = training.Kind(k)
	}
	return out
}

// trainingHoursReference is the hours of completed training records whose training ended in the
// 12 months up to the day, of persons certified at the day in the region, per certified person.
func (m *Module) trainingHoursReference(ctx context.Context, at modules.Scope) (*float64, error) {
	certified, err := m.cfg.Ent(ctx).Person.Query().Where(workforce.CertifiedAt(at.AsOf), workforce.WorksIn(at.RegionCode)).Count(modules.Aggregate(ctx))
	if err != nil || certified == 0 {
		return nil, err
	}
	hours, err := m.trainingHoursOf(ctx, at)
	return modules.Float(float64(hours) / float64(certified)), err
}

// trainingHoursOf sums the hours of completed training records whose training ended in the 12
// months up to the day, of persons certified at the day in the region.
func (m *Module) trainingHoursOf(ctx context.Context, at modules.Scope) (int, error) {
	from, to := at.YearWindow()
	q := m.cfg.Ent(ctx).TrainingRecord.Query().Where(
		trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED),
		trainingrecord.HasTrainingWith(training.EndsOnGTE(from), training.EndsOnLTE(to)),
		recordOf(workforce.CertifiedAt(at.AsOf), workforce.WorksIn(at.RegionCode)))
	n, err := q.Clone().Count(modules.Aggregate(ctx))
	if err != nil || n == 0 {
		return 0, err
	}
	return q.Aggregate(ent.Sum(trainingrecord.FieldHours)).Int(modules.Aggregate(ctx))
}

// leadersTrainedReference counts the persons of the region with a completed leaders' training
// (leaderKinds) that ended in the 12 months up to the day.
func (m *Module) leadersTrainedReference(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.leadersTrainedOf(ctx, at)
	return modules.Float(float64(n)), err
}

// leadersTrainedOf is leadersTrainedReference's count.
func (m *Module) leadersTrainedOf(ctx context.Context, at modules.Scope) (int, error) {
	from, to := at.YearWindow()
	return m.cfg.Ent(ctx).Person.Query().Where(
		workforce.WorksIn(at.RegionCode),
		person.HasTrainingRecordsWith(trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED),
			trainingrecord.HasTrainingWith(training.KindIn(leaderKinds()...),
				training.EndsOnGTE(from), training.EndsOnLTE(to))),
	).Count(modules.Aggregate(ctx))
}

// qualifiedSupervisorsReference counts the persons of the region in the workforce at the day who
// hold a supervisor qualification valid at it.
func (m *Module) qualifiedSupervisorsReference(ctx context.Context, at modules.Scope) (*float64, error) {
	n, err := m.qualifiedSupervisorsOf(ctx, at)
	return modules.Float(float64(n)), err
}

// qualifiedSupervisorsOf is qualifiedSupervisorsReference's count.
func (m *Module) qualifiedSupervisorsOf(ctx context.Context, at modules.Scope) (int, error) {
	return m.cfg.Ent(ctx).Person.Query().
		Where(qualifiedAt(at.AsOf), workforce.InWorkforceAt(at.AsOf), workforce.WorksIn(at.RegionCode)).
		Count(modules.Aggregate(ctx))
}

// ReferenceCount is the definitional count of one of the module's kept facts at the scope (what
// the sum of its spans must equal): the compliant certified persons (CE_COMPLIANT), the hours of
// training of certified persons in the 12 months (TRAINING_HOURS), the persons with a leaders'
// training in the 12 months (LEADER_TRAINED), the qualified supervisors in the workforce
// (QUALIFIED_SUPERVISOR). ok is false for another fact.
func (m *Module) ReferenceCount(ctx context.Context, fact enum.Fact, at modules.Scope) (n int, ok bool, err error) {
	switch fact {
	case enum.FactCECompliant:
		n, _, err = m.complianceCounts(ctx, at.AsOf, at.RegionCode)
	case enum.FactTrainingHours:
		n, err = m.trainingHoursOf(ctx, at)
	case enum.FactLeaderTrained:
		n, err = m.leadersTrainedOf(ctx, at)
	case enum.FactQualifiedSupervisor:
		n, err = m.qualifiedSupervisorsOf(ctx, at)
	default:
		return 0, false, nil
	}
	return n, true, err
}
