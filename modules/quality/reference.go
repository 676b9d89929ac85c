package quality

import (
	"context"

	"swtalent/ent"
	"swtalent/ent/person"
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
	from, to := at.YearWindow()
	q := m.cfg.Ent(ctx).TrainingRecord.Query().Where(
		trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED),
		trainingrecord.HasTrainingWith(training.EndsOnGTE(from), training.EndsOnLTE(to)),
		recordOf(workforce.CertifiedAt(at.AsOf), workforce.WorksIn(at.RegionCode)))
	n, err := q.Clone().Count(modules.Aggregate(ctx))
	if err != nil || n == 0 {
		return modules.Float(0), err
	}
	hours, err := q.Aggregate(ent.Sum(trainingrecord.FieldHours)).Int(modules.Aggregate(ctx))
	return modules.Float(float64(hours) / float64(certified)), err
}

// leadersTrainedReference counts the persons of the region with a completed leaders' training
// (leaderKinds) that ended in the 12 months up to the day.
func (m *Module) leadersTrainedReference(ctx context.Context, at modules.Scope) (*float64, error) {
	from, to := at.YearWindow()
	n, err := m.cfg.Ent(ctx).Person.Query().Where(
		workforce.WorksIn(at.RegionCode),
		person.HasTrainingRecordsWith(trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED),
			trainingrecord.HasTrainingWith(training.KindIn(leaderKinds()...),
				training.EndsOnGTE(from), training.EndsOnLTE(to))),
	).Count(modules.Aggregate(ctx))
	return modules.Float(float64(n)), err
}
