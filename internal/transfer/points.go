package transfer

import (
	"context"
	"slices"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/civil"
)

// pointData is a parsed row of the service-points sheet.
type pointData struct {
	tier           servicepoint.Tier
	name, address  string
	regionID       int
	regionCode     string
	operatorID     *int
	colocated      []enum.Colocation
	opened, closed *civil.Date
}

// tierRank orders tiers from the county centre down.
var tierRank = map[servicepoint.Tier]int{servicepoint.TierCOUNTY_CENTRE: 0, servicepoint.TierTOWNSHIP_STATION: 1, servicepoint.TierVILLAGE_POINT: 2}

// ServicePoints is the register of the three-tier service network (服务阵地), keyed by tier and
// region. A point's parent follows from the network: a station's is the county centre, a
// village point's the station of its township.
func ServicePoints() *Kind {
	return &Kind{
		Name:    "service-points",
		Entity:  "ServicePoint",
		TitleZH: "服务阵地",
		Columns: []Column{
			{Key: "tier", ZH: "层级", Aliases: []string{"tier", "阵地层级"}, Required: true, Example: "村（社区）社会工作服务点", Note: Tiers.Note()},
			{Key: "name", ZH: "名称", Aliases: []string{"name", "阵地名称"}, Required: true, Example: "东街社区社会工作服务点"},
			{Key: "regionCode", ZH: "所在区划代码", Aliases: []string{"region code", "区划代码"}, Required: true, Fields: []string{"regionID", "region", "parentID"}, Example: "361126001001"},
			{Key: "address", ZH: "地址", Aliases: []string{"address"}},
			{Key: "operator", ZH: "运营机构", Aliases: []string{"operator"}, Fields: []string{"operatorID"}, Note: "统一社会信用代码或机构准确名称"},
			{Key: "colocatedWith", ZH: "一体推进设施", Aliases: []string{"colocated with"}, Note: Colocations.Note()},
			{Key: "openedOn", ZH: "启用日期", Aliases: []string{"opened on", "建成日期"}, Example: "2023-06-30"},
			{Key: "closedOn", ZH: "关闭日期", Aliases: []string{"closed on"}},
		},
		KeyColumn: "regionCode",
		BatchSize: 200,
		Parse:     parsePoint,
		Order: func(recs []*Record) {
			slices.SortStableFunc(recs, func(a, b *Record) int {
				return tierRank[a.Data.(*pointData).tier] - tierRank[b.Data.(*pointData).tier]
			})
		},
		Write:  writePoints,
		Export: exportPoints,
	}
}

func parsePoint(ctx context.Context, env *Env, row Row) (*Record, error) {
	var errs []error
	fail := func(err error) { errs = append(errs, err) }
	d := &pointData{name: row.Get("name"), address: row.Get("address")}
	var err error
	if t, err := Tiers.Parse("tier", row.Get("tier")); err != nil {
		fail(err)
	} else {
		d.tier = servicepoint.Tier(t)
	}
	if r, err := env.Region(ctx, "regionCode", row.Get("regionCode")); err != nil {
		fail(err)
	} else {
		d.regionID, d.regionCode = r.ID, r.Code
	}
	if v := row.Get("operator"); v != "" {
		if a, err := env.Agency(ctx, "operator", v); err != nil {
			fail(err)
		} else {
			d.operatorID = &a.ID
		}
	}
	if list, err := Colocations.ParseList("colocatedWith", row.Get("colocatedWith")); err != nil {
		fail(err)
	} else {
		for _, c := range list {
			d.colocated = append(d.colocated, enum.Colocation(c))
		}
	}
	if d.opened, err = OptionalDate("openedOn", row.Get("openedOn")); err != nil {
		fail(err)
	}
	if d.closed, err = OptionalDate("closedOn", row.Get("closedOn")); err != nil {
		fail(err)
	}
	if len(errs) > 0 {
		return nil, joinErrors(errs)
	}
	return &Record{Key: string(d.tier) + "|" + d.regionCode, Data: d}, nil
}

// networkParent finds the open point a new point hangs under: the county centre of a station's
// county, the station of a village point's township.
func networkParent(ctx context.Context, c *ent.Client, d *pointData) (*int, error) {
	var tier servicepoint.Tier
	var code string
	switch d.tier {
	case servicepoint.TierTOWNSHIP_STATION:
		tier, code = servicepoint.TierCOUNTY_CENTRE, d.regionCode[:6]+"000000"
	case servicepoint.TierVILLAGE_POINT:
		tier, code = servicepoint.TierTOWNSHIP_STATION, d.regionCode[:9]+"000"
	default:
		return nil, nil
	}
	ids, err := c.ServicePoint.Query().Where(servicepoint.TierEQ(tier), servicepoint.ClosedOnIsNil(),
		servicepoint.HasRegionWith(region.Code(code))).Limit(1).IDs(ctx)
	if err != nil || len(ids) == 0 {
		return nil, err // the hook then asks for the parent
	}
	return &ids[0], nil
}

// storedPoint is the point a row updates: the open point of its tier and region, else the
// latest closed one, else nil.
func storedPoint(ctx context.Context, c *ent.Client, d *pointData) (*ent.ServicePoint, error) {
	q := c.ServicePoint.Query().Where(servicepoint.TierEQ(d.tier), servicepoint.HasRegionWith(region.ID(d.regionID)))
	for _, open := range []bool{true, false} {
		q := q.Clone()
		if open {
			q.Where(servicepoint.ClosedOnIsNil())
		}
		p, err := q.Order(ent.Desc(servicepoint.FieldID)).WithOperator().First(ctx)
		if err == nil || !ent.IsNotFound(err) {
			return p, err
		}
	}
	return nil, nil
}

func writePoints(ctx context.Context, env *Env, batch []*Record) (Counts, error) {
	var counts Counts
	c := env.Client
	for i, r := range batch {
		d, row := r.Data.(*pointData), r.cells
		cur, err := storedPoint(ctx, c, d)
		if err != nil {
			return counts, err
		}
		if cur == nil {
			parent, err := networkParent(ctx, c, d)
			if err != nil {
				return counts, err
			}
			create := c.ServicePoint.Create().SetTier(d.tier).SetName(d.name).SetAddress(d.address).SetRegionID(d.regionID).
				SetNillableParentID(parent).SetNillableOperatorID(d.operatorID).SetNillableOpenedOn(d.opened).SetNillableClosedOn(d.closed)
			if len(d.colocated) > 0 {
				create.SetColocatedWith(d.colocated)
			}
			if err := create.Exec(ctx); err != nil {
				return counts, At(i, err)
			}
			counts.Created++
			continue
		}
		var op *int
		if cur.Edges.Operator != nil {
			op = &cur.Edges.Operator.ID
		}
		same := cur.Name == d.name && (!row.Has("address") || cur.Address == d.address) &&
			(!row.Has("operator") || PtrEqual(op, d.operatorID)) && (!row.Has("colocatedWith") || slices.Equal(cur.ColocatedWith, d.colocated)) &&
			(!row.Has("openedOn") || PtrEqual(cur.OpenedOn, d.opened)) && (!row.Has("closedOn") || PtrEqual(cur.ClosedOn, d.closed))
		if same {
			counts.Unchanged++
			continue
		}
		u := c.ServicePoint.UpdateOne(cur).SetName(d.name)
		if row.Has("address") {
			u.SetAddress(d.address)
		}
		if row.Has("operator") {
			u.ClearOperator().SetNillableOperatorID(d.operatorID)
		}
		if row.Has("colocatedWith") {
			u.SetColocatedWith(d.colocated)
		}
		if row.Has("openedOn") {
			u.ClearOpenedOn().SetNillableOpenedOn(d.opened)
		}
		if row.Has("closedOn") {
			u.ClearClosedOn().SetNillableClosedOn(d.closed)
		}
		if err := u.Exec(ctx); err != nil {
			return counts, At(i, err)
		}
		counts.Updated++
	}
	return counts, nil
}

func exportPoints(ctx context.Context, env *Env, emit func(map[string]string) error) error {
	return Pages(ctx, func(after, limit int) (int, error) {
		list, err := env.Client.ServicePoint.Query().Where(servicepoint.IDGT(after)).Order(ent.Asc(servicepoint.FieldID)).Limit(limit).
			WithRegion().WithOperator().All(ctx)
		if err != nil {
			return 0, err
		}
		for _, p := range list {
			v := map[string]string{"tier": Tiers.Label(string(p.Tier)), "name": p.Name, "address": p.Address,
				"colocatedWith": Colocations.Labels(toStrings(p.ColocatedWith)),
				"openedOn":      FormatDate(p.OpenedOn), "closedOn": FormatDate(p.ClosedOn)}
			if p.Edges.Region != nil {
				v["regionCode"] = p.Edges.Region.Code
			}
			if a := p.Edges.Operator; a != nil {
				v["operator"] = a.Name
				if a.CreditCode != nil {
					v["operator"] = *a.CreditCode
				}
			}
			if err := emit(v); err != nil {
				return 0, err
			}
			after = p.ID
		}
		if len(list) < limit {
			return 0, nil
		}
		return after, nil
	})
}
