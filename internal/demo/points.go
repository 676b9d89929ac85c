package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"swtalent/ent"
	"swtalent/ent/servicepoint"
	"swtalent/internal/civil"
)

// addPoints creates the three-tier service network: the county centre (opened 2021-06-01, run
// by the hub), township stations in about 70% of the townships (opened 2021–2024, half of them
// run by an agency) and village points in about half of those townships' villages (opened
// 2022–2025, never before their station).
func (b *builder) addPoints(ctx context.Context) error {
	if len(b.socialWork) == 0 {
		return fmt.Errorf("no agency to run the county centre")
	}
	centreOpened := civil.DateFor(2021, time.June, 1)
	centre, err := b.Client.ServicePoint.Create().
		SetDemo(true).
		SetTier(servicepoint.TierCOUNTY_CENTRE).
		SetName(b.County.Name + "社会工作服务中心").
		SetRegion(b.County).
		SetOpenedOn(centreOpened).
		SetOperator(b.socialWork[0]).
		Save(ctx)
	if err != nil {
		return fmt.Errorf("create county centre: %w", err)
	}
	b.Points = append(b.Points, centre)

	// Stations: a random ~70% of the townships, created in code order.
	perm := b.Rand.Perm(len(b.Townships))
	chosen := perm[:(len(b.Townships)*7+5)/10]
	slices.Sort(chosen)
	var creates []*ent.ServicePointCreate
	var operators []*ent.Agency
	for _, i := range chosen {
		t := b.Townships[i]
		c := b.Client.ServicePoint.Create().
			SetDemo(true).
			SetTier(servicepoint.TierTOWNSHIP_STATION).
			SetName(t.Name + "社工站").
			SetRegion(t).
			SetParent(centre).
			SetOpenedOn(between(b.Rand, centreOpened.AddDate(0, 1, 0), civil.EndOfYear(2024)))
		var op *ent.Agency
		if chance(b.Rand, 50) {
			op = pick(b.Rand, b.socialWork)
			c.SetOperator(op)
		}
		creates = append(creates, c)
		operators = append(operators, op)
	}
	stations, err := b.Client.ServicePoint.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create township stations: %w", err)
	}
	b.Points = append(b.Points, stations...)
	stationOf := make(map[int]*ent.ServicePoint, len(stations))
	for k, i := range chosen {
		stationOf[b.Townships[i].ID] = stations[k]
		if op := operators[k]; op != nil {
			b.stationsOf[op.ID] = append(b.stationsOf[op.ID], stations[k])
		}
	}

	// Village points: about half the villages of townships with a station.
	creates = creates[:0]
	var villages []*ent.Region
	for _, v := range b.Villages {
		st := stationOf[b.townshipOf[v.ID].ID]
		if st == nil || !chance(b.Rand, 50) {
			continue
		}
		from := maxDate(*st.OpenedOn, civil.DateFor(2022, time.January, 1))
		creates = append(creates, b.Client.ServicePoint.Create().
			SetDemo(true).
			SetTier(servicepoint.TierVILLAGE_POINT).
			SetName(v.Name+"社会工作服务点").
			SetRegion(v).
			SetParent(st).
			SetOpenedOn(between(b.Rand, from, b.Anchor)))
		villages = append(villages, v)
	}
	points, err := b.Client.ServicePoint.CreateBulk(creates...).Save(ctx)
	if err != nil {
		return fmt.Errorf("create village points: %w", err)
	}
	b.Points = append(b.Points, points...)
	for k, v := range villages {
		b.pointOf[v.ID] = points[k]
	}
	return nil
}
