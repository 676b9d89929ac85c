package facts_test

import (
	"context"
	"fmt"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/examapplication"
	"swtalent/ent/factspan"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/recognition"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/facts/factstest"
	"swtalent/internal/workforce"
	"swtalent/modules"
	"swtalent/modules/doubling"
	"swtalent/modules/incentives"
)

// linkedStep writes a row naming a person, at random: exam applications, one by one or as an
// import (facts.Defer), or a change of one (changeApplication); an allowance payment
// for a month the person was due one (the payment hook refuses others), one moved to another
// month or person, or a payroll import of several (facts.Defer); a recognition of a person, one
// pointed at another person, or (a bulk update, which the one-of check does not see) at nobody.
func (w *world) linkedStep(c *ent.Client, persons []*ent.Person) (string, error) {
	ctx := w.ctx
	if len(persons) == 0 {
		return "", nil
	}
	p := persons[w.rng.IntN(len(persons))].ID
	switch w.rng.IntN(10) {
	case 0, 6, 7: // exam applications of a year, or a change of some
		if apps := c.ExamApplication.Query().Order(ent.Asc("id")).AllX(ctx); len(apps) > 0 && w.rng.IntN(2) == 0 {
			return w.changeApplication(c, apps)
		}
		year := w.examYear()
		what, dctx := "create exam applications", ctx
		var flush func(context.Context, *ent.Client) error
		if w.rng.IntN(3) == 0 {
			what = "import exam applications"
			dctx, flush = facts.Defer(ctx)
		}
		for range 1 + w.rng.IntN(3) {
			p, level := persons[w.rng.IntN(len(persons))].ID, w.level()
			if c.ExamApplication.Query().Where(examapplication.ExamYear(year), examapplication.LevelEQ(level), examapplication.HasPersonWith(person.ID(p))).ExistX(ctx) {
				continue
			}
			if err := c.ExamApplication.Create().SetExamYear(year).SetLevel(level).SetOutcome(w.outcome()).SetPersonID(p).Exec(dctx); err != nil {
				return what, err
			}
		}
		if flush != nil {
			return what, flush(dctx, c)
		}
		return what, nil
	case 1, 2, 8, 9: // payments of months the person was due, one by one or as an import
		what, n, dctx := "create payment", 1, ctx
		var flush func(context.Context, *ent.Client) error
		if w.rng.IntN(2) == 0 {
			what, n = "import payments", 1+w.rng.IntN(4)
			dctx, flush = facts.Defer(ctx)
		}
		// Months in a kept CERTIFIED_COMMUNITY span, so that most are due (the hook checks it
		// with the definitional query).
		spans := c.FactSpan.Query().Where(factspan.FactEQ(enum.FactCertifiedCommunity)).Order(ent.Asc("id")).AllX(ctx)
		for range n {
			if len(spans) == 0 {
				break
			}
			x := spans[w.rng.IntN(len(spans))]
			p, m := x.PersonID, civil.MonthOf(x.FromOn).AddMonths(w.rng.IntN(30))
			if m.After(civil.MonthOf(civil.DateFor(2025, time.December, 31))) ||
				!c.Person.Query().Where(person.ID(p), workforce.CertifiedCommunityWorkerAt(m.Last())).ExistX(ctx) ||
				c.AllowancePayment.Query().Where(allowancepayment.PersonID(p), allowancepayment.MonthEQ(m)).ExistX(ctx) {
				continue
			}
			if err := c.AllowancePayment.Create().SetPersonID(p).SetMonth(m).SetAmount(civil.Money(50000)).
				SetPayer(allowancepayment.PayerCOUNTY).Exec(dctx); err != nil {
				return what, err
			}
		}
		if flush != nil {
			return what, flush(dctx, c)
		}
		return what, nil
	case 3: // a payment moved to another month (bulk: the one-per-month check is by row) or deleted
		pays := c.AllowancePayment.Query().Order(ent.Asc("id")).AllX(ctx)
		if len(pays) == 0 {
			return "", nil
		}
		x := pays[w.rng.IntN(len(pays))]
		if w.rng.IntN(3) == 0 {
			return "delete payment", c.AllowancePayment.DeleteOneID(x.ID).Exec(ctx)
		}
		m := x.Month.AddMonths(1 + w.rng.IntN(24))
		if c.AllowancePayment.Query().Where(allowancepayment.PersonID(x.PersonID), allowancepayment.MonthEQ(m)).ExistX(ctx) ||
			m.After(civil.MonthOf(civil.DateFor(2025, time.December, 31))) {
			return "", nil
		}
		return "move payment", c.AllowancePayment.Update().Where(allowancepayment.ID(x.ID)).SetMonth(m).Exec(ctx)
	case 4: // a recognition of a person
		return "create recognition", c.Recognition.Create().SetKind(recognition.KindOUTSTANDING_SOCIAL_WORKER).
			SetYear(2015 + w.rng.IntN(11)).SetTitle(fmt.Sprint("优秀社会工作者", w.rng.IntN(100))).SetPersonID(p).Exec(ctx)
	default: // (5) a recognition pointed at another person, or at nobody
		recs := c.Recognition.Query().Order(ent.Asc("id")).AllX(ctx)
		if len(recs) == 0 {
			return "", nil
		}
		x := recs[w.rng.IntN(len(recs))]
		if w.rng.IntN(3) == 0 {
			return "recognition of nobody", c.Recognition.Update().Where(recognition.ID(x.ID)).ClearPerson().Exec(ctx)
		}
		return "recognition moved", c.Recognition.UpdateOneID(x.ID).SetPersonID(p).Exec(ctx)
	}
}

// examYear draws an exam year from 2015 to 2025 and remembers its first and last days as
// boundaries to count at.
func (w *world) examYear() int {
	y := 2015 + w.rng.IntN(11)
	w.bounds = append(w.bounds, civil.DateFor(y, time.January, 1), civil.EndOfYear(y))
	return y
}

// outcome draws an exam application's outcome.
func (w *world) outcome() examapplication.Outcome {
	return []examapplication.Outcome{examapplication.OutcomeAPPLIED, examapplication.OutcomeSAT, examapplication.OutcomePASSED,
		examapplication.OutcomeFAILED, examapplication.OutcomeABSENT}[w.rng.IntN(5)]
}

// changeApplication changes one of apps at random: its outcome (one, or in bulk every
// application of its year with its outcome), its year or level (when no other application of the
// applicant takes that year and level), or deletes it.
func (w *world) changeApplication(c *ent.Client, apps []*ent.ExamApplication) (string, error) {
	ctx := w.ctx
	x := apps[w.rng.IntN(len(apps))]
	p := c.ExamApplication.QueryPerson(x).OnlyIDX(ctx)
	taken := func(year int, level enum.CertificateLevel) bool {
		return c.ExamApplication.Query().Where(examapplication.ExamYear(year), examapplication.LevelEQ(level), examapplication.HasPersonWith(person.ID(p))).ExistX(ctx)
	}
	switch w.rng.IntN(5) {
	case 0:
		return "exam outcome", c.ExamApplication.UpdateOneID(x.ID).SetOutcome(w.outcome()).Exec(ctx)
	case 1:
		_, err := c.ExamApplication.Update().Where(examapplication.ExamYear(x.ExamYear), examapplication.OutcomeEQ(x.Outcome)).
			SetOutcome(w.outcome()).Save(ctx)
		return "exam outcomes of a year", err
	case 2:
		if y := w.examYear(); !taken(y, x.Level) {
			return "exam year corrected", c.ExamApplication.UpdateOneID(x.ID).SetExamYear(y).Exec(ctx)
		}
		return "", nil
	case 3:
		if l := w.level(); !taken(x.ExamYear, l) {
			return "exam level corrected", c.ExamApplication.UpdateOneID(x.ID).SetLevel(l).Exec(ctx)
		}
		return "", nil
	default:
		return "delete exam application", c.ExamApplication.DeleteOneID(x.ID).Exec(ctx)
	}
}

// compareRows checks the indicators that read the kept columns of the rows naming a person
// (exam applicants and pass rate, allowance coverage, recognitions per year) against their
// definitional queries (the person's workplace and facts, per row) in every region scope, in
// every year and month with rows.
func (w *world) compareRows(after string) {
	w.t.Helper()
	ctx, c := w.ctx, w.db.Client
	cfg := modules.Config{Client: c}
	measures := map[string]func(modules.Scope) (*float64, error){}
	dm := doubling.New(cfg)
	for _, ind := range dm.Indicators() {
		ind := ind
		measures["doubling."+ind.Key] = func(s modules.Scope) (*float64, error) { return ind.Measure(ctx, s) }
	}
	// The module's own reference (the year's applications by outcome, by their kept workplace code).
	measures["doubling.exam_pass_rate (module reference)"] = func(s modules.Scope) (*float64, error) {
		return dm.Reference("exam_pass_rate")(ctx, s)
	}
	for _, ind := range incentives.New(cfg).Indicators() {
		ind := ind
		measures["incentives."+ind.Key] = func(s modules.Scope) (*float64, error) { return ind.Measure(ctx, s) }
	}
	var days []civil.Date
	for _, y := range c.ExamApplication.Query().Unique(true).Select(examapplication.FieldExamYear).IntsX(ctx) {
		days = append(days, civil.DateFor(y, time.June, 30))
	}
	for _, y := range c.Recognition.Query().Unique(true).Select(recognition.FieldYear).IntsX(ctx) {
		days = append(days, civil.DateFor(y, time.March, 1))
	}
	for _, p := range c.AllowancePayment.Query().AllX(ctx) {
		days = append(days, p.Month.Last())
	}
	for _, d := range days {
		for _, code := range w.codes {
			at := modules.Scope{AsOf: d, RegionCode: code}
			for key, ref := range map[string]func(modules.Scope) (*float64, error){
				"doubling.exam_applicants":                   w.examApplicantsReference,
				"doubling.exam_pass_rate":                    w.examPassRateReference,
				"doubling.exam_pass_rate (module reference)": w.examPassRateReference,
				"incentives.allowance_coverage":              w.allowanceCoverageReference,
				"incentives.recognitions_per_year":           w.recognitionsReference,
			} {
				want, err := ref(at)
				if err != nil {
					w.t.Fatal(err)
				}
				got, err := measures[key](at)
				if err != nil {
					w.t.Fatal(err)
				}
				if factstest.Show(got) != factstest.Show(want) {
					w.t.Fatalf("after %s: %s at %s in %q: kept columns give %s, reference %s", after, key, d, code, factstest.Show(got), factstest.Show(want))
				}
				if want != nil && *want > 0 && code != "" {
					w.nonzero[key]++
				}
			}
		}
	}
}

// applicationsReference holds for a year's applications of people working in the region: the
// applicant's workplace, probed per application (the query before the kept column).
func applicationsReference(year int, code string) predicate.ExamApplication {
	p := examapplication.ExamYear(year)
	if code == "" {
		return p
	}
	return examapplication.And(p, examapplication.HasPersonWith(workforce.WorksIn(code)))
}

func (w *world) examApplicantsReference(at modules.Scope) (*float64, error) {
	n, err := w.db.Client.ExamApplication.Query().Where(applicationsReference(at.AsOf.Year, at.RegionCode)).Count(w.ctx)
	return modules.Float(float64(n)), err
}

func (w *world) examPassRateReference(at modules.Scope) (*float64, error) {
	q := w.db.Client.ExamApplication.Query().Where(applicationsReference(at.AsOf.Year, at.RegionCode),
		examapplication.OutcomeIn(examapplication.OutcomeSAT, examapplication.OutcomePASSED, examapplication.OutcomeFAILED))
	n, err := q.Clone().Count(w.ctx)
	if err != nil || n == 0 {
		return nil, err
	}
	passed, err := q.Where(examapplication.OutcomeEQ(examapplication.OutcomePASSED)).Count(w.ctx)
	return modules.Float(float64(passed) / float64(n)), err
}

// allowanceCoverageReference is the definition: of the certified community workers working in
// the region at the end of the last complete month, the share paid for it.
func (w *world) allowanceCoverageReference(at modules.Scope) (*float64, error) {
	m := at.LastCompleteMonth()
	c := w.db.Client
	due := []predicate.Person{workforce.CertifiedCommunityWorkerAt(m.Last()), workforce.WorksIn(at.RegionCode)}
	n, err := c.Person.Query().Where(due...).Count(w.ctx)
	if err != nil || n == 0 {
		return nil, err
	}
	paid, err := c.AllowancePayment.Query().Where(allowancepayment.MonthEQ(m), allowancepayment.HasPersonWith(due...)).Count(w.ctx)
	return modules.Float(float64(paid) / float64(n)), err
}

func (w *world) recognitionsReference(at modules.Scope) (*float64, error) {
	q := w.db.Client.Recognition.Query().Where(recognition.Year(at.AsOf.Year))
	if code := at.RegionCode; code != "" {
		in := workforce.InRegion(code)
		q.Where(recognition.Or(
			recognition.HasPersonWith(workforce.WorksIn(code)),
			recognition.HasAgencyWith(agency.HasRegionWith(in)),
			recognition.HasProjectWith(serviceproject.HasCommunityWith(in))))
	}
	n, err := q.Count(w.ctx)
	return modules.Float(float64(n)), err
}
