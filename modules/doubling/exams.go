package doubling

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/examapplication"
	"swtalent/ent/person"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	rules "swtalent/internal/certrules"
)

// firstExamYear is the year of the first national social-work exam (2008).
const firstExamYear = 2008

// ApplicationInput is an exam application to record (GraphQL ExamApplicationInput).
type ApplicationInput struct {
	PersonID int
	ExamYear int
	Level    enum.CertificateLevel
	Results  []enum.PaperResult
}

// RecordExamApplications records applications all or nothing: the mutation's transaction rolls
// back when one is refused, and the error names the item (input[3].personID).
func (m *Module) RecordExamApplications(ctx context.Context, in []*ApplicationInput) ([]*ent.ExamApplication, error) {
	out := make([]*ent.ExamApplication, 0, len(in))
	for i, a := range in {
		app, err := m.RecordExamApplication(ctx, a)
		if err != nil {
			if ae, ok := apperr.As(err); ok {
				return nil, ae.In(fmt.Sprintf("input[%d]", i))
			}
			return nil, err
		}
		out = append(out, app)
	}
	return out, nil
}

// RecordExamApplication records one application; its outcome is computed from the results.
func (m *Module) RecordExamApplication(ctx context.Context, a *ApplicationInput) (*ent.ExamApplication, error) {
	c := m.cfg.Ent(ctx)
	if a.ExamYear < firstExamYear || a.ExamYear > m.cfg.Today().Year {
		return nil, apperr.Invalid("examYear", fmt.Sprintf("考试年度应在 %d 年至今年之间", firstExamYear),
			fmt.Sprintf("examYear must lie between %d and this year", firstExamYear))
	}
	p, err := c.Person.Get(ctx, a.PersonID)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("personID", "人员不存在", "no person with this ID")
	}
	if err != nil {
		return nil, err
	}
	if err := checkResults(a.Level, a.Results); err != nil {
		return nil, err
	}
	taken, err := c.ExamApplication.Query().Where(
		examapplication.HasPersonWith(person.ID(p.ID)), examapplication.ExamYear(a.ExamYear), examapplication.LevelEQ(a.Level),
	).Exist(ctx)
	if err != nil {
		return nil, err
	}
	if taken {
		return nil, apperr.Conflict("examYear", "该人员本年度已报名此等级", "this person already applied for this level in this year")
	}
	outcome, err := m.decide(ctx, p.ID, a.ExamYear, a.Level, a.Results)
	if err != nil {
		return nil, err
	}
	app, err := c.ExamApplication.Create().
		SetPerson(p).
		SetExamYear(a.ExamYear).
		SetLevel(a.Level).
		SetResults(a.Results).
		SetOutcome(outcome).
		SetRoles(p.Roles).
		Save(ctx)
	if err != nil {
		return nil, err
	}
	return app, m.redecideFollowing(ctx, p.ID, a.ExamYear, a.Level)
}

// RecordPaperResults records results of an application's papers, replacing earlier results of
// the same papers, and recomputes its outcome (and the next year's, which may count this year's
// passes).
func (m *Module) RecordPaperResults(ctx context.Context, applicationID int, results []*enum.PaperResult) (*ent.ExamApplication, error) {
	c := m.cfg.Ent(ctx)
	app, err := c.ExamApplication.Query().Where(examapplication.ID(applicationID)).WithPerson().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("applicationID", "报名记录不存在", "no exam application with this ID")
	}
	if err != nil {
		return nil, err
	}
	merged := slices.Clone(app.Results)
	for _, r := range results {
		if i := slices.IndexFunc(merged, func(x enum.PaperResult) bool { return x.Paper == r.Paper }); i >= 0 {
			merged[i] = *r
		} else {
			merged = append(merged, *r)
		}
	}
	in := make([]enum.PaperResult, len(results))
	for i, r := range results {
		in[i] = *r
	}
	if err := checkResults(app.Level, in); err != nil {
		return nil, err
	}
	outcome, err := m.decide(ctx, app.Edges.Person.ID, app.ExamYear, app.Level, merged)
	if err != nil {
		return nil, err
	}
	app, err = c.ExamApplication.UpdateOne(app).SetResults(merged).SetOutcome(outcome).Save(ctx)
	if err != nil {
		return nil, err
	}
	return app, m.redecideFollowing(ctx, app.QueryPerson().OnlyIDX(ctx), app.ExamYear, app.Level)
}

// LinkCertificate links a passed application to the certificate it led to: same holder, same
// level, passed in the exam's year, one certificate per application.
func (m *Module) LinkCertificate(ctx context.Context, applicationID, certificateID int) (*ent.ExamApplication, error) {
	c := m.cfg.Ent(ctx)
	app, err := c.ExamApplication.Query().Where(examapplication.ID(applicationID)).WithPerson().WithCertificate().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("applicationID", "报名记录不存在", "no exam application with this ID")
	}
	if err != nil {
		return nil, err
	}
	cert, err := c.Certificate.Query().Where(certificate.ID(certificateID)).WithApplication().Only(ctx)
	if ent.IsNotFound(err) {
		return nil, apperr.Invalid("certificateID", "证书不存在", "no certificate with this ID")
	}
	if err != nil {
		return nil, err
	}
	switch {
	case app.Outcome != examapplication.OutcomePASSED:
		return nil, apperr.Invalid("applicationID", "只有通过的报名才能关联证书", "only a passed application leads to a certificate")
	case cert.HolderID != app.Edges.Person.ID:
		return nil, apperr.Invalid("certificateID", "证书持有人与考生不是同一人", "the certificate belongs to someone else")
	case cert.Level != app.Level:
		return nil, apperr.Invalid("certificateID", "证书等级与报名等级不符", "the certificate's level differs from the application's")
	case cert.PassedOn.Year != app.ExamYear:
		return nil, apperr.Invalid("certificateID", "证书取得年度与考试年度不符", "the certificate was not passed in the exam's year")
	case app.Edges.Certificate != nil && app.Edges.Certificate.ID != cert.ID:
		return nil, apperr.Conflict("applicationID", "该报名已关联其他证书", "the application is already linked to another certificate")
	case cert.Edges.Application != nil && cert.Edges.Application.ID != app.ID:
		return nil, apperr.Conflict("certificateID", "该证书已关联其他报名", "the certificate is already linked to another application")
	}
	return c.ExamApplication.UpdateOne(app).SetCertificate(cert).Save(ctx)
}

// checkResults turns a rule violation about results into the API's error.
func checkResults(level enum.CertificateLevel, results []enum.PaperResult) error {
	if _, err := rules.CheckResults(level, results); err != nil {
		return apperr.Invalid(err.Field, err.ZH, err.EN)
	}
	return nil
}

// decide computes an attempt's outcome with the person's attempts of the year before.
func (m *Module) decide(ctx context.Context, personID, year int, level enum.CertificateLevel, results []enum.PaperResult) (examapplication.Outcome, error) {
	earlier, err := m.cfg.Ent(ctx).ExamApplication.Query().Where(
		examapplication.HasPersonWith(person.ID(personID)), examapplication.ExamYear(year-1), examapplication.LevelEQ(level),
	).All(ctx)
	if err != nil {
		return "", err
	}
	attempts := make([]rules.Attempt, len(earlier))
	for i, e := range earlier {
		attempts[i] = rules.Attempt{Year: e.ExamYear, Level: e.Level, Results: e.Results}
	}
	o := rules.Decide(rules.Attempt{Year: year, Level: level, Results: results}, attempts)
	return examapplication.Outcome(o), nil
}

// redecideFollowing recomputes the outcome of the person's application of the next year at the
// same level, which may count passes of this year (the intermediate level's two-year rule).
func (m *Module) redecideFollowing(ctx context.Context, personID, year int, level enum.CertificateLevel) error {
	c := m.cfg.Ent(ctx)
	next, err := c.ExamApplication.Query().Where(
		examapplication.HasPersonWith(person.ID(personID)), examapplication.ExamYear(year+1), examapplication.LevelEQ(level),
	).Only(ctx)
	if ent.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	outcome, err := m.decide(ctx, personID, next.ExamYear, level, next.Results)
	if err != nil || outcome == next.Outcome {
		return err
	}
	return c.ExamApplication.UpdateOne(next).SetOutcome(outcome).Exec(ctx)
}
