package schema

import (
	"context"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
	"swtalent/internal/apperr"
)

// Hooks of ServicePoint: a point's tier matches the level of the region it serves (the county
// centre a county, a station a township, a point a village or community), and it cannot close
// before it opened.
func (ServicePoint) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.ServicePointFunc(func(ctx context.Context, m *gen.ServicePointMutation) (ent.Value, error) {
				if err := checkServicePoint(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdate|ent.OpUpdateOne),
	}
}

// tierLevel is the region level each tier serves.
func tierLevel(t servicepoint.Tier) region.Level {
	switch t {
	case servicepoint.TierCOUNTY_CENTRE:
		return region.LevelCOUNTY
	case servicepoint.TierTOWNSHIP_STATION:
		return region.LevelTOWNSHIP
	default:
		return region.LevelVILLAGE
	}
}

func checkServicePoint(ctx context.Context, m *gen.ServicePointMutation) error {
	if v, ok := m.Name(); ok {
		v, err := required("name", v)
		if err != nil {
			return err
		}
		m.SetName(v)
	}
	isOne := m.Op().Is(ent.OpUpdateOne)
	tier, hasTier := m.Tier()
	if !hasTier {
		tier, hasTier = old(ctx, isOne, m.OldTier)
	}
	rid, hasRegion := m.RegionID()
	if !hasRegion && isOne {
		if id, ok := m.ID(); ok {
			r, err := m.Client().ServicePoint.Query().Where(servicepoint.ID(id)).QueryRegion().OnlyID(ctx)
			rid, hasRegion = r, err == nil
		}
	}
	if hasTier && hasRegion && (m.Op().Is(ent.OpCreate) || isOne) {
		r, err := m.Client().Region.Get(ctx, rid)
		if gen.IsNotFound(err) {
			return apperr.Invalid("regionID", "区划不存在", "the region does not exist")
		}
		if err != nil {
			return err
		}
		if want := tierLevel(tier); r.Level != want {
			return apperr.Invalid("regionID", "服务阵地的层级与所在区划的层级不符", "the region's level does not match the point's tier ("+string(tier)+" serves a "+string(want)+")")
		}
	}
	opened, hasOpened := m.OpenedOn()
	if hasOpened {
		if err := notAfterToday("openedOn", opened); err != nil {
			return err
		}
	} else if v, ok := old(ctx, isOne, m.OldOpenedOn); ok && v != nil {
		opened, hasOpened = *v, true
	}
	if closed, ok := m.ClosedOn(); ok {
		if err := notAfterToday("closedOn", closed); err != nil {
			return err
		}
		if hasOpened {
			return ordered("openedOn", &opened, "closedOn", &closed)
		}
	}
	return nil
}
