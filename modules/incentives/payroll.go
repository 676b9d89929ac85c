package incentives

import (
	"context"
	"fmt"

	"entgo.io/contrib/entgql"

	"swtalent/ent"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/allowancerate"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

// defaultPage is the page size when none is asked for (the GraphQL layer also applies it).
const defaultPage = 20

// Payroll is one month's professional allowance payroll (职业津贴发放名册): every community worker
// certified on the month's last day, at the rate in force for their highest level, and whether
// they were paid (AllowancePayrollConnection). Totals cover every line, not only the page.
type Payroll struct {
	// Month is the month of the payroll.
	Month civil.Month
	// TotalCount counts the workers due an allowance.
	TotalCount int
	// TotalAmount sums what is due to them at the rates in force.
	TotalAmount civil.Money
	// PaidCount counts those of them paid for the month.
	PaidCount int
	// PaidAmount sums what was paid to them for the month.
	PaidAmount civil.Money
	// Edges are the page's lines, in person ID order.
	Edges []*PayrollEdge
	// PageInfo pages through the lines.
	PageInfo ent.PageInfo
}

// PayrollEdge is one line of the payroll and its cursor.
type PayrollEdge struct {
	Node   *PayrollLine
	Cursor ent.Cursor
}

// PayrollLine is one community worker's line of the payroll.
type PayrollLine struct {
	// Person is the worker.
	Person *ent.Person
	// Level is their highest certificate level valid on the month's last day.
	Level enum.CertificateLevel
	// Amount is the monthly amount of the rate in force for the level; nil when no rate is.
	Amount *civil.Money
	// Payment is the month's payment to them; nil when unpaid.
	Payment *ent.AllowancePayment
}

// Paid reports whether the worker was paid for the month.
func (l *PayrollLine) Paid() bool { return l.Payment != nil }

// ratesInForce returns the monthly amount of each level's rate in force in month m.
func (m *Module) ratesInForce(ctx context.Context, month civil.Month) (map[enum.CertificateLevel]civil.Money, error) {
	rates, err := m.cfg.Ent(ctx).AllowanceRate.Query().Where(allowancerate.EffectiveFromLTE(month),
		allowancerate.Or(allowancerate.EffectiveToIsNil(), allowancerate.EffectiveToGTE(month))).All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load allowance rates: %w", err)
	}
	out := make(map[enum.CertificateLevel]civil.Money, len(rates))
	for _, r := range rates {
		out[r.Level] = r.MonthlyAmount
	}
	return out, nil
}

// AllowancePayroll answers incentives.allowancePayroll: the totals are aggregates (a count per
// certificate level, one sum of payments); the page's lines cost three queries whatever their
// number. It reads the people the viewer may read: a township sees its own workers' payroll.
func (q *Query) AllowancePayroll(ctx context.Context, month civil.Month, first *int, after *entgql.Cursor[int]) (*Payroll, error) {
	if !month.Valid() {
		return nil, apperr.Invalid("month", "月份无效", "month is not valid")
	}
	c := q.m.cfg.Ent(ctx)
	end := month.Last()
	due := workforce.CertifiedCommunityWorkerAt(end)
	rates, err := q.m.ratesInForce(ctx, month)
	if err != nil {
		return nil, err
	}
	p := &Payroll{Month: month}
	for _, v := range enum.LevelAssistant.Values() {
		level := enum.CertificateLevel(v)
		n, err := c.Person.Query().Where(due, workforce.HighestLevelAt(end, level)).Count(ctx)
		if err != nil {
			return nil, fmt.Errorf("count %s workers due: %w", level, err)
		}
		p.TotalCount += n
		p.TotalAmount += civil.Money(n) * rates[level]
	}
	var paid []struct {
		Count  int    `json:"count"`
		Amount *int64 `json:"amount"`
	}
	if err := c.AllowancePayment.Query().Where(allowancepayment.MonthEQ(month), allowancepayment.HasPersonWith(due)).
		Aggregate(ent.Count(), ent.As(ent.Sum(allowancepayment.FieldAmount), "amount")).Scan(ctx, &paid); err != nil {
		return nil, fmt.Errorf("sum payments: %w", err)
	}
	if len(paid) > 0 {
		p.PaidCount = paid[0].Count
		if paid[0].Amount != nil {
			p.PaidAmount = civil.Money(*paid[0].Amount)
		}
	}
	return p, q.m.payrollPage(ctx, p, due, rates, first, after)
}

// payrollPage fills the payroll's page of lines after the cursor, in person ID order: the people,
// their valid certificates' levels and their payments for the month, one query each.
func (m *Module) payrollPage(ctx context.Context, p *Payroll, due predicate.Person, rates map[enum.CertificateLevel]civil.Money, first *int, after *entgql.Cursor[int]) error {
	c := m.cfg.Ent(ctx)
	n := defaultPage
	if first != nil {
		n = *first
	}
	if n <= 0 {
		return nil
	}
	q := c.Person.Query().Where(due).Order(person.ByID()).Limit(n + 1)
	if after != nil {
		q.Where(person.IDGT(after.ID))
		p.PageInfo.HasPreviousPage = true
	}
	people, err := q.All(ctx)
	if err != nil {
		return fmt.Errorf("load payroll page: %w", err)
	}
	if len(people) > n {
		people, p.PageInfo.HasNextPage = people[:n], true
	}
	if len(people) == 0 {
		return nil
	}
	ids := make([]int, len(people))
	for i, x := range people {
		ids[i] = x.ID
	}
	certs, err := c.Certificate.Query().Where(certificate.HolderIDIn(ids...), workforce.CertificateValidAt(p.Month.Last())).
		Select(certificate.FieldHolderID, certificate.FieldLevel).All(ctx)
	if err != nil {
		return fmt.Errorf("load certificate levels: %w", err)
	}
	levels := make(map[int]enum.CertificateLevel, len(people))
	for _, ct := range certs {
		if ct.Level.Rank() > levels[ct.HolderID].Rank() {
			levels[ct.HolderID] = ct.Level
		}
	}
	payments, err := c.AllowancePayment.Query().Where(allowancepayment.MonthEQ(p.Month), allowancepayment.PersonIDIn(ids...)).All(ctx)
	if err != nil {
		return fmt.Errorf("load payments: %w", err)
	}
	byPerson := make(map[int]*ent.AllowancePayment, len(payments))
	for _, pay := range payments {
		byPerson[pay.PersonID] = pay
	}
	for _, x := range people {
		line := &PayrollLine{Person: x, Level: levels[x.ID], Payment: byPerson[x.ID]}
		if amount, ok := rates[line.Level]; ok {
			line.Amount = &amount
		}
		p.Edges = append(p.Edges, &PayrollEdge{Node: line, Cursor: ent.Cursor{ID: x.ID}})
	}
	p.PageInfo.StartCursor = &p.Edges[0].Cursor
	p.PageInfo.EndCursor = &p.Edges[len(p.Edges)-1].Cursor
	return nil
}
