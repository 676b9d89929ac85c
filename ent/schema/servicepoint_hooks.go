package schema

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/hook"
	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
	"swtalent/internal/apperr"
	"swtalent/internal/facts"
)

// Hooks of ServicePoint: a point's tier matches the level of the region it serves (the county
// centre a county, a station a township, a point a village or community), its parent is the
// point above it in the network, and it cannot close before it opened. The tier, region and
// parent change one point at a time, where those rules can read the point, so every village
// point serves a village. The kept region facts of the regions a change of points leaves or
// joins follow it.
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
		keepRegionFacts(),
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
	if m.Op().Is(ent.OpUpdate) {
		if err := checkBulkPlace(m); err != nil {
			return err
		}
	}
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
	if err := tagSet(ctx, m, "colocatedWith", m.ColocatedWith, m.AppendedColocatedWith, m.OldColocatedWith); err != nil {
		return err
	}
	if hasTier && hasRegion && (m.Op().Is(ent.OpCreate) || isOne) {
		if err := checkNetworkPlace(ctx, m, tier, rid); err != nil {
			return err
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

// checkNetworkPlace enforces the three-tier network: at most one open point per tier and region;
// a station's parent is the county centre; a village point's parent is the station of its own
// township.
func checkNetworkPlace(ctx context.Context, m *gen.ServicePointMutation, tier servicepoint.Tier, regionID int) error {
	ctx = unrestricted(ctx)
	c := m.Client()
	q := c.ServicePoint.Query().Where(servicepoint.TierEQ(tier), servicepoint.HasRegionWith(region.ID(regionID)), servicepoint.ClosedOnIsNil())
	if id, ok := m.ID(); ok {
		q.Where(servicepoint.IDNEQ(id))
	}
	open := true // the point has no closing date after the mutation
	if closed, ok := m.ClosedOn(); ok {
		open = closed.IsZero()
	} else if v, ok := old(ctx, m.Op().Is(ent.OpUpdateOne), m.OldClosedOn); ok && v != nil && !m.ClosedOnCleared() {
		open = false // a closed point is edited: another may have opened in its region since
	}
	if open {
		taken, err := q.Exist(ctx)
		if err != nil {
			return err
		}
		if taken {
			return apperr.Conflict("regionID", "该区划已有同层级的服务阵地", "the region already has an open point of this tier")
		}
	}
	pid, hasParent := m.ParentID()
	if !hasParent {
		if id, ok := m.ID(); ok && !m.ParentCleared() {
			p, err := c.ServicePoint.Query().Where(servicepoint.ID(id)).QueryParent().OnlyID(ctx)
			pid, hasParent = p, err == nil
		}
	}
	if tier == servicepoint.TierCOUNTY_CENTRE {
		if hasParent {
			return apperr.Invalid("parentID", "县社会工作服务中心没有上级阵地", "the county centre has no parent point")
		}
		return nil
	}
	if !hasParent {
		return apperr.Invalid("parentID", "请指定上级阵地", "a station needs the county centre, a village point its township's station, as parent")
	}
	parent, err := c.ServicePoint.Query().Where(servicepoint.ID(pid)).WithRegion().Only(ctx)
	if gen.IsNotFound(err) {
		return apperr.Invalid("parentID", "上级阵地不存在", "the parent point does not exist")
	}
	if err != nil {
		return err
	}
	want := servicepoint.TierCOUNTY_CENTRE
	if tier == servicepoint.TierVILLAGE_POINT {
		want = servicepoint.TierTOWNSHIP_STATION
	}
	if parent.Tier != want {
		return apperr.Invalid("parentID", "上级阵地的层级不对", "the parent point must be a "+string(want))
	}
	if tier == servicepoint.TierVILLAGE_POINT {
		r, err := c.Region.Get(ctx, regionID)
		if err != nil {
			return err
		}
		if parent.Edges.Region == nil || !strings.HasPrefix(r.Code, parent.Edges.Region.Code[:9]) {
			return apperr.Invalid("parentID", "上级社工站不属于该村（社区）所在乡镇", "the parent station belongs to another township")
		}
	}
	return nil
}

// checkBulkPlace refuses an update of several points that changes their tier, region or parent:
// the rules of the network place (tierLevel, checkNetworkPlace) are checked one point at a time.
func checkBulkPlace(m *gen.ServicePointMutation) error {
	if _, ok := m.Tier(); ok {
		return apperr.Invalid("tier", "服务阵地的层级须逐个修改", "the tier is changed one point at a time")
	}
	if _, ok := m.RegionID(); ok || m.RegionCleared() {
		return apperr.Invalid("regionID", "服务阵地所在区划须逐个修改", "the region is changed one point at a time")
	}
	if _, ok := m.ParentID(); ok || m.ParentCleared() {
		return apperr.Invalid("parentID", "上级阵地须逐个修改", "the parent point is changed one point at a time")
	}
	return nil
}

// keepRegionFacts keeps the region facts of the service points (package internal/facts:
// VILLAGE_POINT_OPEN, TOWNSHIP_STATION_OPEN): after a change of points' tier, region or dates, or
// their creation or deletion, it recomputes those of the regions the points served before and
// serve after, in the mutation's transaction (facts.TouchedRegions).
func keepRegionFacts() ent.Hook {
	fields := []string{servicepoint.FieldTier, servicepoint.FieldOpenedOn, servicepoint.FieldClosedOn, servicepoint.EdgeRegion}
	return func(next ent.Mutator) ent.Mutator {
		return hook.ServicePointFunc(func(ctx context.Context, m *gen.ServicePointMutation) (ent.Value, error) {
			if !m.Op().Is(ent.OpCreate|ent.OpDelete|ent.OpDeleteOne) && !touches(m, fields) {
				return next.Mutate(ctx, m)
			}
			var ids, regions []int
			if !m.Op().Is(ent.OpCreate) {
				var err error
				if ids, err = m.IDs(unrestricted(ctx)); err != nil {
					return nil, fmt.Errorf("service points changed: %w", err)
				}
				if regions, err = regionsOfPoints(unrestricted(ctx), m.Client(), ids); err != nil {
					return nil, err
				}
			}
			v, err := next.Mutate(ctx, m)
			if err != nil {
				return nil, err
			}
			if r, ok := m.RegionID(); ok {
				regions = append(regions, r)
			}
			if len(regions) == 0 {
				return v, nil
			}
			if err := facts.TouchedRegions(ctx, m.Client(), regions...); err != nil {
				return nil, err
			}
			return v, nil
		})
	}
}

// regionsOfPoints returns the regions the service points ids serve, through their foreign-key
// column.
func regionsOfPoints(ctx context.Context, c *gen.Client, ids []int) ([]int, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var out []int
	err := c.ServicePoint.Query().Where(inInts(servicepoint.FieldID, ids)).
		Select(servicepoint.RegionColumn).Scan(ctx, &out)
	if err != nil {
		return nil, fmt.Errorf("regions of the service points changed: %w", err)
	}
	return out, nil
}
