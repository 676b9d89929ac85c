package schema

import (
	"context"
	"strings"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/hook"
	"swtalent/ent/university"
	"swtalent/internal/apperr"
	"swtalent/internal/validate"
)

// Hooks of Agency: the credit code is optional, but checked (GB 32100) and unique when present;
// a recorded cultivation is checked by validate.Cultivation, as the agencies sheet is.
func (Agency) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.AgencyFunc(func(ctx context.Context, m *gen.AgencyMutation) (ent.Value, error) {
				if err := checkAgency(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
		keepDemonstrationOfOrganizations(),
	}
}

func checkAgency(ctx context.Context, m *gen.AgencyMutation) error {
	if v, ok := m.Name(); ok {
		v, err := required("name", v)
		if err != nil {
			return err
		}
		m.SetName(v)
	}
	if v, ok := m.CreditCode(); ok {
		code, err := creditCode(v)
		if err != nil || code == "" {
			if err == nil {
				m.ClearCreditCode()
			}
			return err
		}
		q := m.Client().Agency.Query().Where(agency.CreditCode(code))
		if id, ok := m.ID(); ok {
			q.Where(agency.IDNEQ(id))
		}
		if err := unique(ctx, q.Exist, "creditCode"); err != nil {
			return err
		}
		m.SetCreditCode(code)
	}
	if err := tagSet(ctx, m, "serviceFields", m.ServiceFields, m.AppendedServiceFields, m.OldServiceFields); err != nil {
		return err
	}
	if err := checkCultivation(ctx, m); err != nil {
		return err
	}
	reg, hasReg := m.RegisteredOn()
	dereg, hasDereg := m.DeregisteredOn()
	if hasReg {
		if err := notAfterToday("registeredOn", reg); err != nil {
			return err
		}
	}
	if hasDereg {
		if err := notAfterToday("deregisteredOn", dereg); err != nil {
			return err
		}
		if !hasReg {
			if v, ok := old(ctx, m.Op().Is(ent.OpUpdateOne), m.OldRegisteredOn); ok && v != nil {
				reg, hasReg = *v, true
			}
		}
		if hasReg {
			return ordered("registeredOn", &reg, "deregisteredOn", &dereg)
		}
	}
	return nil
}

// checkCultivation checks the cultivation (培育部门 and 培育年度) a mutation leaves behind when it
// sets or clears either: the one it sets, completed by the stored one for an update of one
// agency.
func checkCultivation(ctx context.Context, m *gen.AgencyMutation) error {
	_, setDept := m.CultivatedByID()
	year, setYear := m.CultivatedYear()
	added, addYear := m.AddedCultivatedYear()
	if !setDept && !m.CultivatedByCleared() && !setYear && !addYear && !m.CultivatedYearCleared() {
		return nil
	}
	id, one := m.ID()
	one = one && m.Op().Is(ent.OpUpdateOne)
	hasDept := setDept
	if !setDept && !m.CultivatedByCleared() && one {
		n, err := m.Client().Agency.Query().Where(agency.ID(id), agency.HasCultivatedBy()).Exist(unrestricted(ctx))
		if err != nil {
			return err
		}
		hasDept = n
	}
	var y *int
	switch {
	case setYear:
		y = &year
	case m.CultivatedYearCleared():
	case one:
		stored, err := m.OldCultivatedYear(ctx)
		if err != nil {
			return err
		}
		if stored != nil && addYear {
			v := *stored + added
			stored = &v
		}
		y = stored
	}
	return validate.Cultivation(hasDept, y, today(), "cultivatedByID", "cultivatedYear")
}

// Hooks of University: the credit code is optional, but checked and unique when present.
func (University) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.UniversityFunc(func(ctx context.Context, m *gen.UniversityMutation) (ent.Value, error) {
				if v, ok := m.Name(); ok {
					v, err := required("name", v)
					if err != nil {
						return nil, err
					}
					m.SetName(v)
				}
				if v, ok := m.CreditCode(); ok {
					code, err := creditCode(v)
					if err != nil {
						return nil, err
					}
					if code == "" {
						m.ClearCreditCode()
					} else {
						q := m.Client().University.Query().Where(university.CreditCode(code))
						if id, ok := m.ID(); ok {
							q.Where(university.IDNEQ(id))
						}
						if err := unique(ctx, q.Exist, "creditCode"); err != nil {
							return nil, err
						}
						m.SetCreditCode(code)
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
	}
}

// creditCode checks an optional credit code; "" means none.
func creditCode(v string) (string, error) {
	if trimmed := strings.TrimSpace(v); trimmed == "" {
		return "", nil
	}
	return validate.CreditCode("creditCode", v)
}

// unique answers CONFLICT when another record already holds the value.
func unique(ctx context.Context, exist func(context.Context) (bool, error), field string) error {
	taken, err := exist(unrestricted(ctx))
	if err != nil {
		return err
	}
	if taken {
		return apperr.Conflict(field, "该代码已被其他记录使用", "another record already has this code")
	}
	return nil
}
