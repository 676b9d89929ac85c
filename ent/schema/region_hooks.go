package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/ent/region"
	"swtalent/internal/apperr"
	"swtalent/internal/facts"
	"swtalent/internal/validate"
)

// Hooks of Region: the code has 12 digits, lies inside its parent's code and is unique; the level
// follows from the code. A region never moves service points to itself: a point's region is set
// on the point, where the ServicePoint hooks check that its tier serves the region's level.
func (Region) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.RegionFunc(func(ctx context.Context, m *gen.RegionMutation) (ent.Value, error) {
				if err := noPointsMoved(m); err != nil {
					return nil, err
				}
				if err := checkRegion(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate),
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.RegionFunc(func(ctx context.Context, m *gen.RegionMutation) (ent.Value, error) {
				if err := noPointsMoved(m); err != nil {
					return nil, err
				}
				if v, ok := m.Name(); ok {
					v, err := required("name", v)
					if err != nil {
						return nil, err
					}
					m.SetName(v)
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpUpdate|ent.OpUpdateOne),
		keepRegionExistence(),
		keepDemonstrationOfPopulation(),
	}
}

// keepRegionExistence keeps the kept region facts of a region's existence (package
// internal/facts: REGION_VILLAGE, REGION_TOWNSHIP, the coverages' denominators): a new region's
// through facts.TouchedRegions, a deleted region's by its code once it is gone.
func keepRegionExistence() ent.Hook {
	return func(next ent.Mutator) ent.Mutator {
		return hook.RegionFunc(func(ctx context.Context, m *gen.RegionMutation) (ent.Value, error) {
			if m.Op().Is(ent.OpCreate) {
				v, err := next.Mutate(ctx, m)
				if err != nil {
					return nil, err
				}
				if id, ok := m.ID(); ok {
					if err := facts.TouchedRegions(ctx, m.Client(), id); err != nil {
						return nil, err
					}
				}
				return v, nil
			}
			if !m.Op().Is(ent.OpDelete | ent.OpDeleteOne) {
				return next.Mutate(ctx, m)
			}
			ids, err := m.IDs(unrestricted(ctx))
			if err != nil {
				return nil, fmt.Errorf("regions deleted: %w", err)
			}
			codes, err := m.Client().Region.Query().Where(region.IDIn(ids...)).Select(region.FieldCode).Strings(unrestricted(ctx))
			if err != nil {
				return nil, fmt.Errorf("regions deleted: %w", err)
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if err := facts.RefreshRegionCodes(ctx, m.Client(), codes...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

func checkRegion(ctx context.Context, m *gen.RegionMutation) error {
	if v, ok := m.Name(); ok {
		v, err := required("name", v)
		if err != nil {
			return err
		}
		m.SetName(v)
	}
	v, _ := m.Code()
	code, err := validate.RegionCode("code", v)
	if err != nil {
		return err
	}
	if pid, ok := m.ParentID(); ok {
		parent, err := m.Client().Region.Get(ctx, pid)
		if gen.IsNotFound(err) {
			return apperr.Invalid("parentID", "上级区划不存在", "the parent region does not exist")
		}
		if err != nil {
			return err
		}
		if err := validate.RegionChildOf("code", code, parent.Code); err != nil {
			return err
		}
	}
	if err := unique(ctx, m.Client().Region.Query().Where(region.Code(code)).Exist, "code"); err != nil {
		return err
	}
	m.SetCode(code)
	m.SetLevel(region.Level(validate.RegionLevelOf(code)))
	return nil
}

// noPointsMoved refuses a change of a region's service points from the region's side.
func noPointsMoved(m *gen.RegionMutation) error {
	if len(m.ServicePointsIDs()) > 0 || len(m.RemovedServicePointsIDs()) > 0 || m.ServicePointsCleared() {
		return apperr.Invalid("servicePoints", "服务阵地所在区划须在服务阵地上修改", "a point's region is set on the point")
	}
	return nil
}
