package doubling

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/examapplication"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	rules "swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// ExamStatistics are the figures of one year's exam (GraphQL ExamStatistics).
type ExamStatistics struct {
	Year                    int
	Applicants, Sat, Passed int
	PassRate                *float64
	ByRole                  []*RoleExamCount
	ByLevel                 []*LevelExamCount
}

// RoleExamCount counts applicants and passes of one role.
type RoleExamCount struct {
	Role               enum.PersonRole
	Applicants, Passed int
}

// LevelExamCount counts applicants and passes of one level.
type LevelExamCount struct {
	Level              enum.CertificateLevel
	Applicants, Passed int
}

// sat holds for applications whose applicant sat at least one paper (rules.SatOutcomes).
func sat() predicate.ExamApplication {
	var in []examapplication.Outcome
	for _, o := range rules.SatOutcomes() {
		in = append(in, examapplication.Outcome(o))
	}
	return examapplication.OutcomeIn(in...)
}

// applicationsIn holds for a year's applications of people working in the region ("" = all):
// a range of the applications' kept workplace code (facts.WorkplaceIn; the applicant's
// workforce.WorksIn is the reference), one index range.
func applicationsIn(year int, code string) predicate.ExamApplication {
	return examapplication.And(examapplication.ExamYear(year), predicate.ExamApplication(facts.WorkplaceIn(code)))
}

// ExamStatistics answers doubling.examStatistics. Public statistics: counts over every record.
func (q *Query) ExamStatistics(ctx context.Context, year int, regionCode *string) (*ExamStatistics, error) {
	if year < firstExamYear || year > civil.MaxYear {
		return nil, apperr.Invalid("year", "考试年度超出范围", "year is out of range")
	}
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	base := applicationsIn(year, q.m.cfg.ScopeCode(r))
	c := q.m.cfg.Ent(ctx).ExamApplication
	actx := modules.Aggregate(ctx)
	count := func(ps ...predicate.ExamApplication) (int, error) {
		return c.Query().Where(append([]predicate.ExamApplication{base}, ps...)...).Count(actx)
	}
	s := &ExamStatistics{Year: year}
	if s.Applicants, err = count(); err != nil {
		return nil, fmt.Errorf("exam statistics: %w", err)
	}
	if s.Sat, err = count(sat()); err != nil {
		return nil, fmt.Errorf("exam statistics: %w", err)
	}
	if s.Passed, err = count(examapplication.OutcomeEQ(examapplication.OutcomePASSED)); err != nil {
		return nil, fmt.Errorf("exam statistics: %w", err)
	}
	if s.Sat > 0 {
		s.PassRate = modules.Float(float64(s.Passed) / float64(s.Sat))
	}
	for _, v := range enum.RoleCommunityWorker.Values() {
		role := enum.PersonRole(v)
		has := predicate.ExamApplication(func(s *sql.Selector) {
			s.Where(sqljson.ValueContains(s.C(examapplication.FieldRoles), v))
		})
		rc := &RoleExamCount{Role: role}
		if rc.Applicants, err = count(has); err != nil {
			return nil, err
		}
		if rc.Applicants == 0 {
			continue
		}
		if rc.Passed, err = count(has, examapplication.OutcomeEQ(examapplication.OutcomePASSED)); err != nil {
			return nil, err
		}
		s.ByRole = append(s.ByRole, rc)
	}
	for _, v := range enum.LevelAssistant.Values() {
		level := enum.CertificateLevel(v)
		lc := &LevelExamCount{Level: level}
		if lc.Applicants, err = count(examapplication.LevelEQ(level)); err != nil {
			return nil, err
		}
		if lc.Passed, err = count(examapplication.LevelEQ(level), examapplication.OutcomeEQ(examapplication.OutcomePASSED)); err != nil {
			return nil, err
		}
		s.ByLevel = append(s.ByLevel, lc)
	}
	return s, nil
}

// RegistrationsDue answers doubling.registrationsDue: valid certificates of people still in the
// workforce whose registration deadline falls on or before asOf plus withinDays, soonest first.
// These are records, so the viewer's scope applies.
func (q *Query) RegistrationsDue(ctx context.Context, asOf civil.Date, withinDays int, regionCode *string, first *int, after *entgql.Cursor[int]) (*ent.CertificateConnection, error) {
	if withinDays < 0 || withinDays > 366 {
		return nil, apperr.Invalid("withinDays", "天数应在 0 到 366 之间", "withinDays must be 0 to 366")
	}
	r, err := q.m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	// The host's page rules (default 20, at most 100) have already been applied to first.
	return q.m.cfg.Ent(ctx).Certificate.Query().
		Where(
			workforce.CertificateValidAt(asOf),
			certificate.HasHolderWith(workforce.InWorkforceAt(asOf), workforce.WorksIn(q.m.cfg.ScopeCode(r))),
			certificate.RegistrationDueOnLTE(asOf.AddDays(withinDays)),
		).
		Paginate(ctx, after, first, nil, nil, ent.WithCertificateOrder(&ent.CertificateOrder{
			Direction: entgql.OrderDirectionAsc, Field: ent.CertificateOrderFieldRegistrationDueOn,
		}))
}
