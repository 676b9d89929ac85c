package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/internal/apperr"
)

// Hooks of ServiceProject: the personnel cost cannot exceed the budget, and a project cannot end
// before it starts. A personnel cost below the plan's share is stored (and flagged), never refused.
func (ServiceProject) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.ServiceProjectFunc(func(ctx context.Context, m *gen.ServiceProjectMutation) (ent.Value, error) {
				isOne := m.Op().Is(ent.OpUpdateOne)
				budget, ok1 := m.Budget()
				if !ok1 {
					budget, ok1 = old(ctx, isOne, m.OldBudget)
				}
				cost, ok2 := m.PersonnelCost()
				if !ok2 {
					cost, ok2 = old(ctx, isOne, m.OldPersonnelCost)
				}
				if ok1 && budget < 0 {
					return nil, apperr.Invalid("budget", "金额不能为负数", "budget must not be negative")
				}
				if ok2 && cost < 0 {
					return nil, apperr.Invalid("personnelCost", "金额不能为负数", "personnelCost must not be negative")
				}
				if ok1 && ok2 && cost > budget {
					return nil, apperr.Invalid("personnelCost", "人力成本不能超过项目经费", "personnelCost must not exceed the budget")
				}
				start, ok3 := m.StartsOn()
				if !ok3 {
					start, ok3 = old(ctx, isOne, m.OldStartsOn)
				}
				end, ok4 := m.EndsOn()
				if !ok4 {
					end, ok4 = old(ctx, isOne, m.OldEndsOn)
				}
				if ok3 && ok4 {
					if err := ordered("startsOn", &start, "endsOn", &end); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
		keepDemonstrationOfProjects(),
	}
}
