package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/allowancepayment"
	"swtalent/ent/allowancerate"
	"swtalent/ent/hook"
	"swtalent/ent/person"
	"swtalent/ent/recognition"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

// Hooks of AllowanceRate: an amount that is not negative, valid months with the last no earlier
// than the first, and no two rates of one level in force in the same month.
func (AllowanceRate) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.AllowanceRateFunc(func(ctx context.Context, m *gen.AllowanceRateMutation) (ent.Value, error) {
				if err := checkAllowanceRate(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// checkAllowanceRate applies the rate rules to the rate a mutation leaves behind.
func checkAllowanceRate(ctx context.Context, m *gen.AllowanceRateMutation) error {
	r := gen.AllowanceRate{}
	if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
		cur, err := m.Client().AllowanceRate.Get(unrestricted(ctx), id)
		if err != nil {
			return fmt.Errorf("load allowance rate: %w", err)
		}
		r = *cur
	}
	if v, ok := m.Level(); ok {
		if v.Rank() == 0 {
			return apperr.Invalid("level", "证书等级无效", "the certificate level is not valid")
		}
		r.Level = v
	}
	if v, ok := m.MonthlyAmount(); ok {
		if v < 0 {
			return apperr.Invalid("monthlyAmount", "金额不能为负数", "monthlyAmount must not be negative")
		}
		r.MonthlyAmount = v
	}
	if v, ok := m.EffectiveFrom(); ok {
		r.EffectiveFrom = v
	}
	if v, ok := m.EffectiveTo(); ok {
		r.EffectiveTo = &v
	} else if m.EffectiveToCleared() {
		r.EffectiveTo = nil
	}
	if !r.EffectiveFrom.Valid() {
		return apperr.Invalid("effectiveFrom", "起始月份无效", "effectiveFrom is not a valid month")
	}
	if r.EffectiveTo != nil && r.EffectiveTo.Before(r.EffectiveFrom) {
		return apperr.Invalid("effectiveTo", "截止月份不能早于起始月份", "effectiveTo must not be before effectiveFrom")
	}
	q := m.Client().AllowanceRate.Query().Where(allowancerate.LevelEQ(r.Level),
		allowancerate.Or(allowancerate.EffectiveToIsNil(), allowancerate.EffectiveToGTE(r.EffectiveFrom)))
	if r.EffectiveTo != nil {
		q.Where(allowancerate.EffectiveFromLTE(*r.EffectiveTo))
	}
	if r.ID != 0 {
		q.Where(allowancerate.IDNEQ(r.ID))
	}
	other, err := q.First(unrestricted(ctx))
	if err != nil && !gen.IsNotFound(err) {
		return fmt.Errorf("check overlapping rates: %w", err)
	}
	if other != nil {
		to := "起"
		toEN := "on"
		if other.EffectiveTo != nil {
			to, toEN = "至 "+other.EffectiveTo.String(), "to "+other.EffectiveTo.String()
		}
		return apperr.Conflict("effectiveFrom",
			fmt.Sprintf("与 %s 等级已有的津贴标准（%s %s）时间重叠", r.Level, other.EffectiveFrom, to),
			fmt.Sprintf("overlaps the %s rate in force from %s %s", r.Level, other.EffectiveFrom, toEN))
	}
	return nil
}

// Hooks of AllowancePayment: an amount that is not negative, a valid month, a person who is a
// community worker certified on the month's last day, and one payment per person and month; the
// kept columns (facts_hooks.go).
func (AllowancePayment) Hooks() []ent.Hook {
	return []ent.Hook{
		keepRowsOfPayments(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.AllowancePaymentFunc(func(ctx context.Context, m *gen.AllowancePaymentMutation) (ent.Value, error) {
				if err := checkAllowancePayment(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// checkAllowancePayment applies the payment rules to the payment a mutation leaves behind.
func checkAllowancePayment(ctx context.Context, m *gen.AllowancePaymentMutation) error {
	p := gen.AllowancePayment{}
	if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
		cur, err := m.Client().AllowancePayment.Get(unrestricted(ctx), id)
		if err != nil {
			return fmt.Errorf("load allowance payment: %w", err)
		}
		p = *cur
	}
	if v, ok := m.Amount(); ok {
		if v < 0 {
			return apperr.Invalid("amount", "金额不能为负数", "amount must not be negative")
		}
		p.Amount = v
	}
	month, hasMonth := m.Month()
	personID, hasPerson := m.PersonID()
	if !hasMonth && !hasPerson {
		return nil
	}
	if hasMonth {
		p.Month = month
	}
	if hasPerson {
		p.PersonID = personID
	}
	if !p.Month.Valid() {
		return apperr.Invalid("month", "发放月份无效", "month is not a valid month")
	}
	if p.Month.After(civil.MonthOf(today())) {
		return apperr.Invalid("month", "不能为以后的月份发放津贴", "an allowance cannot be paid for a future month")
	}
	due, err := m.Client().Person.Query().
		Where(person.ID(p.PersonID), workforce.CertifiedCommunityWorkerAt(p.Month.Last())).Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check allowance due: %w", err)
	}
	if !due {
		return apperr.Invalid("personID",
			fmt.Sprintf("该人员在 %s 月末不是持证社区工作者，不应发放职业津贴", p.Month),
			fmt.Sprintf("the person was not a certified community worker at the end of %s, so no allowance is due", p.Month))
	}
	q := m.Client().AllowancePayment.Query().Where(allowancepayment.PersonID(p.PersonID), allowancepayment.MonthEQ(p.Month))
	if p.ID != 0 {
		q.Where(allowancepayment.IDNEQ(p.ID))
	}
	dup, err := q.Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check duplicate payment: %w", err)
	}
	if dup {
		return apperr.Conflict("month", fmt.Sprintf("该人员 %s 的职业津贴已发放", p.Month),
			fmt.Sprintf("the allowance for %s has already been paid to this person", p.Month))
	}
	return nil
}

// Hooks of Post: a trimmed institution name and title, and a start date for a held post no later
// than today. A rank that does not match the holder's level is allowed (and listed by the module).
func (Post) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.PostFunc(func(ctx context.Context, m *gen.PostMutation) (ent.Value, error) {
				for _, f := range []struct {
					name string
					get  func() (string, bool)
					set  func(string)
				}{{"institution", m.Institution, m.SetInstitution}, {"title", m.Title, m.SetTitle}} {
					if v, ok := f.get(); ok {
						s, err := required(f.name, v)
						if err != nil {
							return nil, err
						}
						f.set(s)
					}
				}
				if v, ok := m.Since(); ok {
					if err := notAfterToday("since", v); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// Hooks of Recognition: a trimmed title and exactly one of person, agency and project; the kept
// column (facts_hooks.go).
func (Recognition) Hooks() []ent.Hook {
	return append(keepRowsOfRecognitions(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.RecognitionFunc(func(ctx context.Context, m *gen.RecognitionMutation) (ent.Value, error) {
				if v, ok := m.Title(); ok {
					s, err := required("title", v)
					if err != nil {
						return nil, err
					}
					m.SetTitle(s)
				}
				var has [3]bool
				if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
					cur, err := m.Client().Recognition.Query().Where(recognition.ID(id)).
						WithPerson().WithAgency().WithProject().Only(unrestricted(ctx))
					if err != nil {
						return nil, fmt.Errorf("load recognition: %w", err)
					}
					has = [3]bool{cur.Edges.Person != nil, cur.Edges.Agency != nil, cur.Edges.Project != nil}
				}
				for i, e := range []struct{ set, cleared bool }{
					{len(m.PersonIDs()) > 0, m.PersonCleared()},
					{len(m.AgencyIDs()) > 0, m.AgencyCleared()},
					{len(m.ProjectIDs()) > 0, m.ProjectCleared()},
				} {
					if e.set {
						has[i] = true
					} else if e.cleared {
						has[i] = false
					}
				}
				n := 0
				for _, h := range has {
					if h {
						n++
					}
				}
				if n != 1 {
					return nil, apperr.Invalid("personID", "须且只能指定一个获表彰的个人、机构或项目",
						"name exactly one of the person, agency and project recognised")
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne))
}

// Hooks of PublicityEvent: a trimmed name and organiser, and a last day no earlier than the first.
func (PublicityEvent) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.PublicityEventFunc(func(ctx context.Context, m *gen.PublicityEventMutation) (ent.Value, error) {
				if v, ok := m.Name(); ok {
					s, err := required("name", v)
					if err != nil {
						return nil, err
					}
					m.SetName(s)
				}
				isOne := m.Op().Is(ent.OpUpdateOne)
				start, hasStart := m.StartsOn()
				if !hasStart {
					start, hasStart = old(ctx, isOne, m.OldStartsOn)
				}
				end, hasEnd := m.EndsOn()
				if !hasEnd {
					end, hasEnd = old(ctx, isOne, m.OldEndsOn)
				}
				if hasStart && hasEnd {
					if err := ordered("startsOn", &start, "endsOn", &end); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}
