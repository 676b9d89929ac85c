package campus

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/placement"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the module's part of the demo world (the modules.DemoSeeder capability): a provincial
// university and a vocational college beside the core world's university, agreements with the
// practice bases, and two terms of placements — spring 2025 completed (one cancelled), autumn
// 2025 running — each with a certified site mentor.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	c := w.Client
	unis := append([]*ent.University{}, w.Universities...)
	for _, name := range []string{"江西师范大学", "上饶职业技术学院"} {
		u, err := c.University.Create().SetDemo(true).SetName(name).Save(ctx)
		if err != nil {
			return fmt.Errorf("create university: %w", err)
		}
		unis = append(unis, u)
	}
	bases, err := c.Base.Query().Where(base.KindEQ(base.KindPRACTICE)).Order(base.ByID()).All(ctx)
	if err != nil {
		return fmt.Errorf("load practice bases: %w", err)
	}
	if len(bases) == 0 {
		return nil
	}
	terms := []struct {
		term       civil.Term
		start, end civil.Date
	}{
		{civil.Term{Year: 2025, Half: civil.Spring}, civil.DateFor(2025, 3, 10), civil.DateFor(2025, 6, 27)},
		{civil.Term{Year: 2025, Half: civil.Autumn}, civil.DateFor(2025, 9, 8), civil.DateFor(2025, 12, 31)},
	}
	scopes := [][]enum.PartnershipScope{
		{enum.ScopePlacements, enum.ScopeResearch, enum.ScopeCourses},
		{enum.ScopePlacements, enum.ScopePlanning},
		{enum.ScopePlacements, enum.ScopeEmployment},
	}
	student := 0
	for i, u := range unis {
		for j := range 2 {
			b := bases[(i*2+j)%len(bases)]
			places := 3 + (i+j)%2
			if _, err := c.Partnership.Create().SetDemo(true).SetUniversity(u).SetBase(b).
				SetStartsOn(civil.DateFor(2024, 9, 1)).SetPlacesPerTerm(places).SetScopes(scopes[i%len(scopes)]).
				Save(ctx); err != nil {
				return fmt.Errorf("create partnership: %w", err)
			}
			for k, t := range terms {
				mentors := w.CertifiedAt(t.start)
				if len(mentors) == 0 {
					return fmt.Errorf("no certified social worker to mentor students on %s", t.start)
				}
				for n := range places - 1 {
					student++
					p := c.Placement.Create().SetDemo(true).SetUniversity(u).SetBase(b).
						SetStudentName(w.PersonName(w.Rand.IntN(3) > 0)).
						SetStudentNumber(fmt.Sprintf("2022%02d%04d", i+1, student)).
						SetSupervisorName(w.PersonName(w.Rand.IntN(2) == 0)).
						SetTerm(t.term).SetStartsOn(t.start).SetEndsOn(t.end).
						SetPlannedHours(240).SetMentor(mentors[(student*7)%len(mentors)])
					switch {
					case k == 0 && n == 0 && j == 1:
						p.SetStatus(placement.StatusCANCELLED)
					case k == 0:
						p.SetStatus(placement.StatusCOMPLETED).SetLoggedHours(200 + w.Rand.IntN(60)).
							SetEvaluation("完成实习计划，服务记录完整。")
					default:
						p.SetStatus(placement.StatusACTIVE).SetLoggedHours(120 + w.Rand.IntN(80))
					}
					if _, err := p.Save(ctx); err != nil {
						return fmt.Errorf("create placement: %w", err)
					}
				}
			}
		}
	}
	return nil
}
