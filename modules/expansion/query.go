package expansion

import (
	"context"

	"entgo.io/contrib/entgql"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/annualinspection"
	"swtalent/ent/department"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// Query is the module's namespace of reads (ExpansionQuery).
type Query struct{ m *Module }

// FieldCoverage is the coverage of one key field.
type FieldCoverage struct {
	Field                       enum.ServiceField
	Agencies, CityLevelAgencies int
	Covered                     bool
}

// DepartmentCultivation is what one competent department cultivated in a year.
type DepartmentCultivation struct {
	Department *ent.Department
	Fields     []enum.ServiceField
	Cultivated int
}

// InspectionCount counts inspections with one result.
type InspectionCount struct {
	Result annualinspection.Result
	Count  int
}

// SpendingBySource sums budgets of one funding source.
type SpendingBySource struct {
	Source serviceproject.FundingSource
	Amount civil.Money
}

// inField holds for agencies working in a field.
func inField(f enum.ServiceField) predicate.Agency {
	return func(s *sql.Selector) { s.Where(sqljson.ValueContains(s.C(agency.FieldServiceFields), string(f))) }
}

// coverage counts the agencies of a key field at d.
func (m *Module) coverage(ctx context.Context, f enum.ServiceField, d civil.Date) (*FieldCoverage, error) {
	q := m.cfg.Ent(ctx).Agency.Query().Where(activeAt(d), inField(f))
	all, err := q.Clone().Count(modules.Aggregate(ctx))
	if err != nil {
		return nil, err
	}
	city, err := q.Where(cityLevel()).Count(modules.Aggregate(ctx))
	if err != nil {
		return nil, err
	}
	return &FieldCoverage{Field: f, Agencies: all, CityLevelAgencies: city, Covered: city > 0}, nil
}

// covered reports whether key field f is covered at d (FieldCoverage.Covered): whether an agency
// of city-level influence or more is active in it. It stops at the first such agency instead of
// counting them: at national scale the field filter reads every agency's JSON list of fields.
func (m *Module) covered(ctx context.Context, f enum.ServiceField, d civil.Date) (bool, error) {
	return m.cfg.Ent(ctx).Agency.Query().Where(activeAt(d), inField(f), cityLevel()).Exist(modules.Aggregate(ctx))
}

// FieldCoverage answers expansion.fieldCoverage.
func (q *Query) FieldCoverage(ctx context.Context, asOf *civil.Date) ([]*FieldCoverage, error) {
	d := q.m.cfg.AsOf(asOf)
	var out []*FieldCoverage
	for _, f := range keyFields() {
		c, err := q.m.coverage(ctx, f, d)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// competentDepartments are the departments competent for at least one field.
func (m *Module) competentDepartments(ctx context.Context) ([]*ent.Department, error) {
	all, err := m.cfg.Ent(ctx).Department.Query().Order(department.ByID()).All(ctx)
	if err != nil {
		return nil, err
	}
	var out []*ent.Department
	for _, d := range all {
		if len(d.Fields) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// DepartmentCultivation answers expansion.departmentCultivation.
func (q *Query) DepartmentCultivation(ctx context.Context, year int) ([]*DepartmentCultivation, error) {
	if err := modules.CheckYearRange(year, year); err != nil {
		return nil, apperr.Invalid("year", "年份超出范围", "year is out of range")
	}
	deps, err := q.m.competentDepartments(ctx)
	if err != nil {
		return nil, err
	}
	var out []*DepartmentCultivation
	for _, d := range deps {
		n, err := q.m.cfg.Ent(ctx).Agency.Query().
			Where(agency.HasCultivatedByWith(department.ID(d.ID)), agency.CultivatedYear(year)).Count(modules.Aggregate(ctx))
		if err != nil {
			return nil, err
		}
		out = append(out, &DepartmentCultivation{Department: d, Fields: d.Fields, Cultivated: n})
	}
	return out, nil
}

// InspectionStatus answers expansion.inspectionStatus.
func (q *Query) InspectionStatus(ctx context.Context, year int) ([]*InspectionCount, error) {
	var out []*InspectionCount
	for _, r := range []annualinspection.Result{annualinspection.ResultQUALIFIED, annualinspection.ResultBASICALLY_QUALIFIED,
		annualinspection.ResultUNQUALIFIED, annualinspection.ResultNOT_SUBMITTED} {
		n, err := q.m.cfg.Ent(ctx).AnnualInspection.Query().Where(annualinspection.Year(year), annualinspection.ResultEQ(r)).Count(modules.Aggregate(ctx))
		if err != nil {
			return nil, err
		}
		out = append(out, &InspectionCount{Result: r, Count: n})
	}
	return out, nil
}

// NonCompliantProjects answers expansion.nonCompliantProjects: government purchases below the
// personnel-cost share, and those without a budget (not measurable, so flagged here for a clerk to
// complete), newest first.
func (q *Query) NonCompliantProjects(ctx context.Context, first *int, after *entgql.Cursor[int]) (*ent.ServiceProjectConnection, error) {
	return q.m.cfg.Ent(ctx).ServiceProject.Query().
		Where(governmentPurchase(), serviceproject.Not(meetsRule(q.m.share))).
		Paginate(ctx, after, first, nil, nil, ent.WithServiceProjectOrder(&ent.ServiceProjectOrder{
			Direction: entgql.OrderDirectionDesc, Field: ent.ServiceProjectOrderFieldStartsOn,
		}))
}

// Spending answers expansion.spending: budgets of the projects starting in the year by source.
func (q *Query) Spending(ctx context.Context, year int) ([]*SpendingBySource, error) {
	from, to := civil.DateFor(year, 1, 1), civil.EndOfYear(year)
	var out []*SpendingBySource
	for _, src := range []serviceproject.FundingSource{serviceproject.FundingSourceGOVERNMENT_PURCHASE, serviceproject.FundingSourceCHARITY_FUND,
		serviceproject.FundingSourceCOMMUNITY_FUND, serviceproject.FundingSourceOTHER} {
		sum, err := q.m.spending(ctx, src, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, &SpendingBySource{Source: src, Amount: sum})
	}
	return out, nil
}

// spending sums the budgets of one source's projects starting between from and to.
func (m *Module) spending(ctx context.Context, src serviceproject.FundingSource, from, to civil.Date) (civil.Money, error) {
	q := m.cfg.Ent(ctx).ServiceProject.Query().Where(serviceproject.FundingSourceEQ(src),
		serviceproject.StartsOnGTE(from), serviceproject.StartsOnLTE(to))
	n, err := q.Clone().Count(modules.Aggregate(ctx))
	if err != nil || n == 0 {
		return 0, err
	}
	sum, err := q.Aggregate(ent.Sum(serviceproject.FieldBudget)).Int(modules.Aggregate(ctx))
	return civil.Money(sum), err
}
