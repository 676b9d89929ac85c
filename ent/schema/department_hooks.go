package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
)

// Hooks of Department: names are trimmed and required; competent fields are known and distinct.
func (Department) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.DepartmentFunc(func(ctx context.Context, m *gen.DepartmentMutation) (ent.Value, error) {
				if v, ok := m.Name(); ok {
					v, err := required("name", v)
					if err != nil {
						return nil, err
					}
					m.SetName(v)
				}
				if v, ok := m.ShortName(); ok {
					v, err := required("shortName", v)
					if err != nil {
						return nil, err
					}
					m.SetShortName(v)
				}
				if err := tagSet(ctx, m, "fields", m.GetFields, m.AppendedFields, m.OldFields); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
	}
}
