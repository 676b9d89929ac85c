package doubling

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/examapplication"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/modules"
)

// baseYearEnd is the day growth is measured against: the end of 2022, the plan's base year
// ("2023年全县持证社工人数较2022年实现倍增").
func baseYearEnd() civil.Date { return civil.EndOfYear(2022) }

// Indicators lists the module's plan indicators.
func (m *Module) Indicators() []modules.Indicator {
	return []modules.Indicator{
		{
			Key: "certified_social_workers", Title: "Certified social workers", TitleZH: "持证社工人数",
			Unit: "persons", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				n, err := m.certified(ctx, at.AsOf, at.RegionCode)
				return modules.Float(float64(n)), err
			},
		},
		{
			Key: "certified_growth_vs_2022", Title: "Certified social workers against 2022", TitleZH: "持证社工人数较2022年倍数",
			Unit: "ratio", Kind: modules.Ratio,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				base, err := m.certified(ctx, baseYearEnd(), at.RegionCode)
				if err != nil || base == 0 {
					return nil, err
				}
				n, err := m.certified(ctx, at.AsOf, at.RegionCode)
				return modules.Float(float64(n) / float64(base)), err
			},
		},
		{
			Key: "exam_applicants", Title: "Exam applicants this year", TitleZH: "本年度职业水平考试报名人数",
			Unit: "persons", Kind: modules.Count, Period: modules.CalendarYear,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				n, err := countApplications(ctx, m.cfg.Ent(ctx).ExamApplication.Query().Where(applicationsIn(at.AsOf.Year, at.RegionCode)))
				return modules.Float(float64(n)), err
			},
		},
		{
			Key: "exam_pass_rate", Title: "Exam pass rate this year", TitleZH: "本年度考试通过率",
			Unit: "share of those who sat", Kind: modules.Share, Period: modules.CalendarYear, ZeroIsData: true,
			Measure: m.examPassRate,
		},
		{
			Key: "registration_valid_rate", Title: "Certified social workers with a valid registration", TitleZH: "持证社工登记有效率",
			Unit: "share of certified social workers", Kind: modules.Share,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				all, err := m.certified(ctx, at.AsOf, at.RegionCode)
				if err != nil || all == 0 {
					return nil, err
				}
				// The kept fact REGISTERED; workforce.RegisteredPersonAt is the reference.
				n, err := facts.Count(modules.Aggregate(ctx), m.cfg.Ent(ctx), enum.FactRegistered, at.AsOf, at.RegionCode)
				return modules.Float(float64(n) / float64(all)), err
			},
		},
		{
			Key: "social_work_professionals", Title: "Social-work professionals", TitleZH: "社会工作专业人才总量",
			Unit: "persons", Kind: modules.Count,
			Measure: func(ctx context.Context, at modules.Scope) (*float64, error) {
				// The kept fact SKILLED; workforce.SkilledAt is the reference.
				n, err := facts.Count(modules.Aggregate(ctx), m.cfg.Ent(ctx), enum.FactSkilled, at.AsOf, at.RegionCode)
				return modules.Float(float64(n)), err
			},
		},
	}
}

// Reference returns the definitional measure of the indicator key, nil for an indicator that has
// none apart from its Measure: exam_pass_rate, measured from the kept facts EXAM_SAT and
// EXAM_PASSED, is defined by the year's applications counted by outcome (examPassRateReference).
// The property test and graph/perf's BenchmarkKeptIndicator compare them.
func (m *Module) Reference(key string) func(context.Context, modules.Scope) (*float64, error) {
	if key == "exam_pass_rate" {
		return m.examPassRateReference
	}
	return nil
}

// examPassRate is exam_pass_rate from the kept facts: the applications of the year whose
// applicant sat (EXAM_SAT) and those that passed (EXAM_PASSED), each kept as a span over its exam's
// whole calendar year (certrules.ExamSatFact). As every span covers whole years, the spans
// covering any day of year Y are those covering 31 December of Y, and there facts.Count above a
// county reads the deltas alone (no span starts or ends between that day and the year's end),
// one statement per fact, instead of an index range over the year's 0.5–0.75 M applications (at
// national scale 3.5–7.5 ms against 46–81 ms for the whole country on SQLite, 1.3–1.6 ms against
// 84–213 ms on PostgreSQL, p50 cold). Within a county it reads the county's spans of the two
// facts (one index range each).
func (m *Module) examPassRate(ctx context.Context, at modules.Scope) (*float64, error) {
	end, c, actx := civil.EndOfYear(at.AsOf.Year), m.cfg.Ent(ctx), modules.Aggregate(ctx)
	n, err := facts.Count(actx, c, enum.FactExamSat, end, at.RegionCode)
	if err != nil || n == 0 {
		return nil, err
	}
	passed, err := facts.Count(actx, c, enum.FactExamPassed, end, at.RegionCode)
	if err != nil {
		return nil, err
	}
	return modules.Float(float64(passed) / float64(n)), nil
}

// examPassRateReference is the definition of exam_pass_rate: of the year's applications of people
// working in the region whose applicant sat, the share that passed, in one statement grouping
// them by outcome (an index-only range of (exam_year, workplace_code, outcome)).
func (m *Module) examPassRateReference(ctx context.Context, at modules.Scope) (*float64, error) {
	var rows []struct {
		Outcome examapplication.Outcome `json:"outcome"`
		Count   int                     `json:"count"`
	}
	err := m.cfg.Ent(ctx).ExamApplication.Query().Where(applicationsIn(at.AsOf.Year, at.RegionCode), sat()).
		GroupBy(examapplication.FieldOutcome).Aggregate(ent.Count()).Scan(modules.Aggregate(ctx), &rows)
	if err != nil {
		return nil, fmt.Errorf("count exam outcomes: %w", err)
	}
	n, passed := 0, 0
	for _, r := range rows {
		n += r.Count
		if r.Outcome == examapplication.OutcomePASSED {
			passed += r.Count
		}
	}
	if n == 0 {
		return nil, nil
	}
	return modules.Float(float64(passed) / float64(n)), nil
}

// countApplications counts the applications q selects as COUNT(*), which PostgreSQL answers from
// the (exam_year, outcome) index alone (an index-only scan); ent's Count is COUNT(id), and as id
// is in no index but the primary key, PostgreSQL reads the table instead (at national scale a
// year is 0.5 M of 3.4 M applications: a parallel scan of the whole table, 1.65 s, against
// 0.46 s). SQLite answers both from the index (its rowid is in every index).
func countApplications(ctx context.Context, q *ent.ExamApplicationQuery) (int, error) {
	return q.Aggregate(ent.Count()).Int(modules.Aggregate(ctx))
}

// certified counts certified social workers at d in the region subtree of code ("" = everywhere)
// from the kept CERTIFIED fact (facts.Count; workforce.CertifiedAt is the reference).
func (m *Module) certified(ctx context.Context, d civil.Date, code string) (int, error) {
	return facts.Count(modules.Aggregate(ctx), m.cfg.Ent(ctx), enum.FactCertified, d, code)
}
