package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/hook"
	"swtalent/internal/apperr"
)

// Hooks of Base: a base has exactly one host, a service point or an agency, and closes no earlier
// than it was designated.
func (Base) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.BaseFunc(func(ctx context.Context, m *gen.BaseMutation) (ent.Value, error) {
				isOne := m.Op().Is(ent.OpUpdateOne)
				_, point := m.HostPointID()
				_, agency := m.HostAgencyID()
				if isOne {
					id, _ := m.ID()
					cur, err := m.Client().Base.Query().Where(base.ID(id)).WithHostPoint().WithHostAgency().Only(unrestricted(ctx))
					if err != nil {
						return nil, err
					}
					point = point || (cur.Edges.HostPoint != nil && !m.HostPointCleared())
					agency = agency || (cur.Edges.HostAgency != nil && !m.HostAgencyCleared())
				}
				if point == agency {
					return nil, apperr.Invalid("hostPointID", "基地须由一个服务阵地或一家机构承载（二者选一）", "a base has exactly one host: a service point or an agency")
				}
				d, ok1 := m.DesignatedOn()
				if !ok1 {
					d, ok1 = old(ctx, isOne, m.OldDesignatedOn)
				}
				if closed, ok := m.ClosedOn(); ok && ok1 {
					if err := ordered("designatedOn", &d, "closedOn", &closed); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}
