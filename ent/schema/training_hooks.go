package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
)

// Hooks of Training: a training cannot end before it starts; the participants' kept facts follow
// a change of its end date, hours or kind.
func (Training) Hooks() []ent.Hook {
	return []ent.Hook{
		keepFactsOfTrainees(),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.TrainingFunc(func(ctx context.Context, m *gen.TrainingMutation) (ent.Value, error) {
				isOne := m.Op().Is(ent.OpUpdateOne)
				start, ok1 := m.StartsOn()
				if !ok1 {
					start, ok1 = old(ctx, isOne, m.OldStartsOn)
				}
				end, ok2 := m.EndsOn()
				if !ok2 {
					end, ok2 = old(ctx, isOne, m.OldEndsOn)
				}
				if ok1 && ok2 {
					if err := ordered("startsOn", &start, "endsOn", &end); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}
