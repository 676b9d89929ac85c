package quality

import (
	"entgo.io/ent/dialect/sql"

	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// Indicators lists the module's plan indicators.
func (m *Module) Indicators() []modules.Indicator {
	return []modules.Indicator{
		{
			Key: "qualified_supervisors", Title: "Qualified supervisors", TitleZH: "具有专业督导资质的人才",
			Unit: "persons", Kind: modules.Count,
			Measure: m.qualifiedSupervisors,
		},
		{
			Key: "continuing_education_compliance_rate", Title: "Certified social workers meeting their continuing-education hours", TitleZH: "持证社工继续教育达标率",
			Unit: "share of certified social workers", Kind: modules.Share,
			Measure: m.complianceRate,
		},
		{
			Key: "training_hours_per_certified_worker", Title: "Training hours per certified social worker (12 months)", TitleZH: "持证社工人均培训学时（近12个月）",
			Unit: "hours per person", Kind: modules.Ratio, Period: modules.TwelveMonths,
			Measure: m.trainingHoursPerCertified,
		},
		{
			Key: "leaders_trained", Title: "Leaders trained (12 months)", TitleZH: "领导干部社会工作培训人次（近12个月）",
			Unit: "persons", Kind: modules.Count, Period: modules.TwelveMonths,
			Measure: m.leadersTrained,
		},
	}
}

// qualifiedAt holds for people holding a supervisor qualification valid at d, as
// person.HasSupervisorQualificationsWith(validAt(d)) does: the reference of the kept
// QUALIFIED_SUPERVISOR (qualifiedSupervisorsReference). It reads "id IN (the holders of the
// qualifications valid at d)", so the database reads the few qualifications first and finds
// their holders by id, instead of testing every person with a correlated EXISTS (at national
// scale 376 ms for the whole country, 854 ms for a province).
func qualifiedAt(d civil.Date) predicate.Person {
	return func(s *sql.Selector) {
		t := sql.Table(supervisorqualification.Table)
		holders := sql.Select(t.C(supervisorqualification.PersonColumn)).From(t)
		validAt(d)(holders)
		s.Where(sql.In(s.C(person.FieldID), holders))
	}
}

// recordOf holds for training records of people matching preds. It reads "person IN (the
// people)", so the database finds the people first through their indexes and then their records,
// instead of testing every training record against its person (ent's HasPersonWith).
func recordOf(preds ...predicate.Person) predicate.TrainingRecord {
	return func(s *sql.Selector) {
		t := sql.Table(person.Table)
		people := sql.Select(t.C(person.FieldID)).From(t)
		for _, p := range preds {
			p(people)
		}
		s.Where(sql.In(s.C(trainingrecord.PersonColumn), people))
	}
}
