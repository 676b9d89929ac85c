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
// 2025 running — then each term after the plan's period up to the world's end (completed once
// it ended), each with a certified site mentor.
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
	type term struct {
		term       civil.Term
		start, end civil.Date
	}
	terms := []term{
		{civil.Term{Year: 2025, Half: civil.Spring}, civil.DateFor(2025, 3, 10), civil.DateFor(2025, 6, 27)},
		{civil.Term{Year: 2025, Half: civil.Autumn}, civil.DateFor(2025, 9, 8), civil.DateFor(2025, 12, 31)},
	}
	var later []term // the terms after the plan's period that have begun by the world's end
	for _, y := range w.LaterYears() {
		for _, t := range []term{
			{civil.Term{Year: y, Half: civil.Spring}, civil.DateFor(y, 3, 9), civil.DateFor(y, 6, 26)},
			{civil.Term{Year: y, Half: civil.Autumn}, civil.DateFor(y, 9, 7), civil.DateFor(y, 12, 31)},
		} {
			if !t.start.After(w.End()) {
				later = append(later, t)
			}
		}
	}
	scopes := [][]enum.PartnershipScope{
		{enum.ScopePlacements, enum.ScopeResearch, enum.ScopeCourses},
		{enum.ScopePlacements, enum.ScopePlanning},
		{enum.ScopePlacements, enum.ScopeEmployment},
	}
	student := 0
	// place creates the placements of one term at one base: the plan's first term completed (one
	// cancelled), its second running; a later term completed once it ended by the world's end.
	place := func(i int, u *ent.University, j int, b *ent.Base, places int, k int, t term) error {
		r := w.RandFor(t.start)
		mentors := w.CertifiedAt(t.start)
		if len(mentors) == 0 {
			return fmt.Errorf("no certified social worker to mentor students on %s", t.start)
		}
		for n := range places - 1 {
			student++
			p := c.Placement.Create().SetDemo(true).SetUniversity(u).SetBase(b).
				SetStudentName(w.PersonNameOn(t.start, r.IntN(3) > 0)).
				SetStudentNumber(fmt.Sprintf("%d%02d%04d", t.term.Year-3, i+1, student)).
				SetSupervisorName(w.PersonNameOn(t.start, r.IntN(2) == 0)).
				SetTerm(t.term).SetStartsOn(t.start).SetEndsOn(t.end).
				SetPlannedHours(240).SetMentor(mentors[(student*7)%len(mentors)])
			switch {
			case k == 0 && n == 0 && j == 1:
				p.SetStatus(placement.StatusCANCELLED)
			case k == 0 || k > 1 && !t.end.After(w.End()):
				p.SetStatus(placement.StatusCOMPLETED).SetLoggedHours(200 + r.IntN(60)).
					SetEvaluation("完成实习计划，服务记录完整。")
			default:
				p.SetStatus(placement.StatusACTIVE).SetLoggedHours(120 + r.IntN(80))
			}
			if _, err := p.Save(ctx); err != nil {
				return fmt.Errorf("create placement: %w", err)
			}
		}
		return nil
	}
	type site struct {
		i, j, places int
		u            *ent.University
		b            *ent.Base
	}
	var sites []site
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
				if err := place(i, u, j, b, places, k, t); err != nil {
					return err
				}
			}
			sites = append(sites, site{i, j, places, u, b})
		}
	}
	for k, t := range later {
		for _, st := range sites {
			if err := place(st.i, st.u, st.j, st.b, st.places, len(terms)+k, t); err != nil {
				return err
			}
		}
	}
	return nil
}
