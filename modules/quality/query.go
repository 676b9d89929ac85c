package quality

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/expert"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/ent/supervisorqualification"
	"swtalent/ent/training"
	"swtalent/ent/trainingrecord"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Query is the module's namespace of reads (QualityQuery).
type Query struct{ m *Module }

// FieldCount is a count for one service field.
type FieldCount struct {
	Field enum.ServiceField
	Count int
}

// TrainingSummary sums one kind of training in a year.
type TrainingSummary struct {
	Kind                           training.Kind
	Trainings, Participants, Hours int
}

// DegreeUpgrading counts the community workforce studying social work.
type DegreeUpgrading struct{ InProgress, Completed int }

// validAt holds for qualifications granted on or before d and not revoked by d.
func validAt(d civil.Date) predicate.SupervisorQualification {
	return supervisorqualification.And(supervisorqualification.GrantedOnLTE(d),
		supervisorqualification.Or(supervisorqualification.RevokedOnIsNil(), supervisorqualification.RevokedOnGT(d)))
}

// Supervisors lists qualifications valid at asOf, newest first. Records: the viewer's scope applies.
func (q *Query) Supervisors(ctx context.Context, asOf *civil.Date, first *int, after *entgql.Cursor[int]) (*ent.SupervisorQualificationConnection, error) {
	return q.m.cfg.Ent(ctx).SupervisorQualification.Query().
		Where(validAt(q.m.cfg.AsOf(asOf))).
		Paginate(ctx, after, first, nil, nil, ent.WithSupervisorQualificationOrder(&ent.SupervisorQualificationOrder{
			Direction: entgql.OrderDirectionDesc, Field: ent.SupervisorQualificationOrderFieldGrantedOn,
		}))
}

// ExpertPool lists experts in their term at asOf, of an area and a field when given.
func (q *Query) ExpertPool(ctx context.Context, area *enum.ExpertArea, field *enum.ServiceField, asOf *civil.Date, first *int, after *entgql.Cursor[int]) (*ent.ExpertConnection, error) {
	d := q.m.cfg.AsOf(asOf)
	preds := []predicate.Expert{expert.TermStartLTE(d), expert.Or(expert.TermEndIsNil(), expert.TermEndGTE(d))}
	if area != nil {
		preds = append(preds, func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(expert.FieldAreas), string(*area))) })
	}
	if field != nil {
		preds = append(preds, func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(expert.FieldServiceFields), string(*field))) })
	}
	return q.m.cfg.Ent(ctx).Expert.Query().Where(preds...).Paginate(ctx, after, first, nil, nil)
}

// compoundFields are the fields in which the plan wants compound talent.
func compoundFields() []enum.ServiceField {
	return []enum.ServiceField{enum.FieldSchool, enum.FieldMedical, enum.FieldElderlyServices}
}

// CompoundTalent counts certified workers employed by agencies working in the compound-talent
// fields. Public statistics.
func (q *Query) CompoundTalent(ctx context.Context, asOf *civil.Date) ([]*FieldCount, error) {
	d := q.m.cfg.AsOf(asOf)
	var out []*FieldCount
	for _, f := range compoundFields() {
		n, err := q.m.cfg.Ent(ctx).Person.Query().Where(
			workforce.CertifiedAt(d),
			person.HasEmployerWith(func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(agency.FieldServiceFields), string(f))) }),
		).Count(modules.Aggregate(ctx))
		if err != nil {
			return nil, err
		}
		out = append(out, &FieldCount{Field: f, Count: n})
	}
	return out, nil
}

// TrainingSummary sums a year's trainings (by their last day) by kind. Public statistics.
func (q *Query) TrainingSummary(ctx context.Context, year int) ([]*TrainingSummary, error) {
	if err := modules.CheckYearRange(year, year); err != nil {
		return nil, apperr.Invalid("year", "年份超出范围", "year is out of range")
	}
	actx := modules.Aggregate(ctx)
	from, to := civil.DateFor(year, 1, 1), civil.EndOfYear(year)
	var out []*TrainingSummary
	kinds := []training.Kind{training.KindCONTINUING_EDUCATION, training.KindSUPERVISOR_TRAINING, training.KindLEADER_SEMINAR,
		training.KindPARTY_SCHOOL_COURSE, training.KindBUSINESS_TRAINING, training.KindDEGREE_PROGRAM}
	for _, k := range kinds {
		s := &TrainingSummary{Kind: k}
		inYear := training.And(training.KindEQ(k), training.EndsOnGTE(from), training.EndsOnLTE(to))
		var err error
		if s.Trainings, err = q.m.cfg.Ent(ctx).Training.Query().Where(inYear).Count(actx); err != nil {
			return nil, err
		}
		records := q.m.cfg.Ent(ctx).TrainingRecord.Query().Where(trainingrecord.StatusEQ(trainingrecord.StatusCOMPLETED), trainingrecord.HasTrainingWith(inYear))
		if s.Participants, err = records.Clone().Count(actx); err != nil {
			return nil, err
		}
		if s.Participants > 0 {
			if s.Hours, err = records.Aggregate(ent.Sum(trainingrecord.FieldHours)).Int(actx); err != nil {
				return nil, err
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// DegreeUpgrading counts community workers, village cadres and returned graduates studying social
// work or holding the completed degree, among those still in the workforce today.
func (q *Query) DegreeUpgrading(ctx context.Context) (*DegreeUpgrading, error) {
	roles := []enum.PersonRole{enum.RoleCommunityWorker, enum.RoleVillageCadre, enum.RoleReturnedGraduate}
	holds := func(s *sql.Selector) {
		ps := make([]*sql.Predicate, len(roles))
		for i, r := range roles {
			ps[i] = sqljson.ValueContains(s.C(person.FieldRoles), string(r))
		}
		s.Where(sql.Or(ps...))
	}
	base := q.m.cfg.Ent(ctx).Person.Query().Where(holds, workforce.InWorkforceAt(q.m.cfg.Today()))
	actx := modules.Aggregate(ctx)
	in, err := base.Clone().Where(person.SocialWorkDegreeEQ(person.SocialWorkDegreeIN_PROGRESS)).Count(actx)
	if err != nil {
		return nil, err
	}
	done, err := base.Where(person.SocialWorkDegreeEQ(person.SocialWorkDegreeCOMPLETED)).Count(actx)
	return &DegreeUpgrading{InProgress: in, Completed: done}, err
}
