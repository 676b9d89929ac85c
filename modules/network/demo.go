package network

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the network's part of the demo world (the modules.DemoSeeder capability): stations and
// points sharing premises with other community facilities, and practice and training bases hosted
// by stations and agencies. The core demo world already leaves some townships without a station
// and some villages without a point, so coverage shows gaps.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	c := w.Client
	facilities := []enum.Colocation{enum.ColocationPartyServiceCentre, enum.ColocationCivilizationPractice,
		enum.ColocationConvenienceService, enum.ColocationVolunteerStation}
	var stations []*ent.ServicePoint
	for i, p := range w.Points {
		if i%3 == 0 {
			with := []enum.Colocation{facilities[i%len(facilities)]}
			if i%2 == 0 {
				with = append(with, enum.ColocationElderlyCare)
			}
			if err := c.ServicePoint.UpdateOne(p).SetColocatedWith(with).Exec(ctx); err != nil {
				return fmt.Errorf("co-locate points: %w", err)
			}
		}
		if p.Tier == servicepoint.TierTOWNSHIP_STATION {
			stations = append(stations, p)
		}
	}
	var bases []*ent.BaseCreate
	for i, s := range stations {
		if i%3 != 0 {
			continue
		}
		bases = append(bases, c.Base.Create().SetDemo(true).SetKind(base.KindPRACTICE).
			SetName(s.Name+"社会工作实践基地").SetDesignatedOn(civil.DateFor(2023+i%3, 6, 1)).SetHostPoint(s))
	}
	for i, a := range w.Agencies {
		if !a.SocialWork || i%2 != 0 {
			continue
		}
		bases = append(bases, c.Base.Create().SetDemo(true).SetKind(base.KindTRAINING).
			SetName(a.Name+"人才培养基地").SetDesignatedOn(civil.DateFor(2024, 3, 1)).SetHostAgency(a))
	}
	if _, err := c.Base.CreateBulk(bases...).Save(ctx); err != nil {
		return fmt.Errorf("create bases: %w", err)
	}
	return nil
}
