package incentives

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/post"
	"swtalent/ent/predicate"
	"swtalent/ent/recognition"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/facts"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// Indicators lists the module's plan indicators, measurable in any region.
func (m *Module) Indicators() []modules.Indicator {
	return []modules.Indicator{
		{Key: "main_professional_posts", Title: "Main professional posts filled", TitleZH: "社会工作主体专业技术岗位数",
			Unit: "posts", Kind: modules.Count, Measure: m.mainProfessionalPosts},
		{Key: "allowance_coverage", Title: "Certified community workers paid the professional allowance (last complete month)",
			TitleZH: "持证社区工作者职业津贴发放率", Unit: "share of certified community workers", Kind: modules.Share, Period: modules.CompleteMonth, Measure: m.allowanceCoverage},
		{Key: "recognitions_per_year", Title: "Recognitions given in the year", TitleZH: "年度表彰数",
			Unit: "recognitions per year", Kind: modules.Count, Period: modules.CalendarYear, Measure: m.recognitionsPerYear},
	}
}

// mainProfessionalPosts counts main professional posts filled on the date (a holder who took the
// post on or before it) at institutions in the region.
func (m *Module) mainProfessionalPosts(ctx context.Context, at modules.Scope) (*float64, error) {
	q := m.cfg.Ent(ctx).Post.Query().Where(post.MainProfessional(true), post.HasHolder(), post.SinceLTE(at.AsOf))
	if at.RegionCode != "" {
		q.Where(post.HasRegionWith(workforce.InRegion(at.RegionCode)))
	}
	n, err := q.Count(modules.Aggregate(ctx))
	if err != nil {
		return nil, fmt.Errorf("count main professional posts: %w", err)
	}
	return modules.Float(float64(n)), nil
}

// allowanceCoverage is the share of community workers working in the region and certified at the
// end of the last complete month who were paid the allowance for that month; nil when none was due.
// Both counts read the kept fact CERTIFIED_COMMUNITY (workforce.CertifiedCommunityWorkerAt is the
// reference): those due, from its spans, and the month's payments to those due, from the
// payments' kept columns (due and the workplace code: one index range, where a probe of the
// payee's spans per payment took seconds at national scale; the payee's
// workforce.CertifiedCommunityWorkerAt is the reference, see internal/facts/rows_test.go).
func (m *Module) allowanceCoverage(ctx context.Context, at modules.Scope) (*float64, error) {
	month := at.LastCompleteMonth()
	c := m.cfg.Ent(ctx)
	actx := modules.Aggregate(ctx)
	n, err := facts.Count(actx, c, enum.FactCertifiedCommunity, month.Last(), at.RegionCode)
	if err != nil {
		return nil, fmt.Errorf("count workers due an allowance: %w", err)
	}
	if n == 0 {
		return nil, nil
	}
	// A person is paid at most once for a month: count the month's payments to those due. As
	// COUNT(*) (ent's Count is COUNT(id)): PostgreSQL answers it from the (month, due,
	// workplace_code) index alone, where COUNT(id) read the month's table pages (national scale,
	// 210,000 payments: 79 against 234 ms).
	paid, err := c.AllowancePayment.Query().Where(allowancepayment.Month(month), allowancepayment.Due(true),
		predicate.AllowancePayment(facts.WorkplaceIn(at.RegionCode))).
		Aggregate(ent.Count()).Int(actx)
	if err != nil {
		return nil, fmt.Errorf("count workers paid: %w", err)
	}
	return modules.Float(float64(paid) / float64(n)), nil
}

// recognitionsPerYear counts the recognitions of the date's calendar year given to people working
// in the region (the recognitions' kept workplace code, a range; the person's workforce.WorksIn
// is the reference), agencies registered in it and projects in its communities.
func (m *Module) recognitionsPerYear(ctx context.Context, at modules.Scope) (*float64, error) {
	q := m.cfg.Ent(ctx).Recognition.Query().Where(recognition.Year(at.AsOf.Year))
	if code := at.RegionCode; code != "" {
		in := workforce.InRegion(code)
		q.Where(recognition.Or(
			predicate.Recognition(facts.WorkplaceIn(code)),
			recognition.HasAgencyWith(agency.HasRegionWith(in)),
			recognition.HasProjectWith(serviceproject.HasCommunityWith(in))))
	}
	n, err := q.Count(modules.Aggregate(ctx))
	if err != nil {
		return nil, fmt.Errorf("count recognitions: %w", err)
	}
	return modules.Float(float64(n)), nil
}
