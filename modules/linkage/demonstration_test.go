package linkage

import (
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/agency"
	"swtalent/ent/demonstrationcommunity"
	"swtalent/ent/fund"
	"swtalent/ent/person"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/serviceproject"
	"swtalent/internal/civil"
	"swtalent/internal/facts/factstest"
	"swtalent/modules"
)

// Every register a criterion reads moves the kept criteria rate at once, through its own hook:
// in the staff world two of the four demonstration communities meet all five criteria on
// 30 June 2025; each change below breaks or restores one criterion of one of them (or the
// designation), and the rate everywhere, in the county and in the community, is what the
// register gives, kept and by definition.
func TestDemonstrationFactsFollowEveryRegister(t *testing.T) {
	w := newStaffWorld(t, 1)
	c, ctx := w.db.Client, w.ctx
	d := civil.DateFor(2025, time.June, 30)
	a, b := w.communities[0], w.communities[1]
	var saved struct {
		project *ent.ServiceProject
		fund    *ent.Fund
		org     *ent.Agency
	}
	steps := []struct {
		what string
		do   func() error
		want float64 // the rate everywhere on d
	}{
		{"as built", func() error { return nil }, 0.5},
		{"a project of a ends", func() error {
			saved.project = c.ServiceProject.Query().Where(serviceproject.HasCommunityWith(region.ID(a.ID))).FirstX(ctx)
			return c.ServiceProject.UpdateOne(saved.project).SetEndsOn(civil.DateFor(2024, time.June, 30)).Exec(ctx)
		}, 0.25},
		{"it runs on", func() error {
			return c.ServiceProject.UpdateOne(saved.project).SetEndsOn(civil.DateFor(2024, time.July, 1)).Exec(ctx)
		}, 0.5},
		{"it serves no special population", func() error {
			return c.ServiceProject.UpdateOne(saved.project).ClearPopulations().Exec(ctx)
		}, 0.25},
		{"it moves to b", func() error {
			return c.ServiceProject.UpdateOne(saved.project).SetPopulations(nil).SetCommunity(b).Exec(ctx)
		}, 0.25},
		{"it is deleted, a new one starts in a", func() error {
			c.ServiceProject.DeleteOne(saved.project).ExecX(ctx)
			return c.ServiceProject.Create().SetTitle("新项目").SetPopulations([]enum.Population{enum.PopulationChildren}).
				SetServiceFields([]enum.ServiceField{enum.FieldCommunityDevelopment}).SetBudget(civil.Money(80000)).SetPersonnelCost(civil.Money(60000)).
				SetFundingSource(serviceproject.FundingSourceCOMMUNITY_FUND).SetLinkage(true).SetCommunity(a).
				SetStartsOn(civil.DateFor(2025, time.June, 30)).SetEndsOn(civil.DateFor(2025, time.December, 31)).Exec(ctx)
		}, 0.5},
		{"b's fund becomes a charity fund", func() error {
			saved.fund = c.Fund.Query().Where(fund.HasCommunityWith(region.ID(b.ID))).OnlyX(ctx)
			return c.Fund.UpdateOne(saved.fund).SetKind(fund.KindCHARITY).Exec(ctx)
		}, 0.25},
		{"it is a community service fund established later", func() error {
			return c.Fund.UpdateOne(saved.fund).SetKind(fund.KindCOMMUNITY_SERVICE).SetEstablishedOn(civil.DateFor(2025, time.July, 1)).Exec(ctx)
		}, 0.25},
		{"established in time", func() error {
			return c.Fund.UpdateOne(saved.fund).SetEstablishedOn(d).Exec(ctx)
		}, 0.5},
		{"an organisation of a deregisters", func() error {
			saved.org = c.Agency.Query().Where(agency.HasCommunityWith(region.ID(a.ID))).FirstX(ctx)
			return c.Agency.UpdateOne(saved.org).SetDeregisteredOn(d).Exec(ctx)
		}, 0.25},
		{"the day after", func() error {
			return c.Agency.UpdateOne(saved.org).SetDeregisteredOn(d.AddDays(1)).Exec(ctx)
		}, 0.5},
		{"it is another kind of organisation", func() error {
			return c.Agency.UpdateOne(saved.org).SetOrgType(agency.OrgTypeSOCIAL_GROUP).Exec(ctx)
		}, 0.25},
		{"a community organisation again, moved to b", func() error {
			return c.Agency.UpdateOne(saved.org).SetOrgType(agency.OrgTypeCOMMUNITY_SOCIAL_ORGANIZATION).SetCommunity(b).Exec(ctx)
		}, 0.25},
		{"back in a", func() error { return c.Agency.UpdateOne(saved.org).SetCommunity(a).Exec(ctx) }, 0.5},
		{"b has 50 residents (4 volunteers: 8 %)", func() error { return c.Region.UpdateOne(b).SetPopulation(50).Exec(ctx) }, 0.25},
		{"b's population unknown", func() error { return c.Region.UpdateOne(b).ClearPopulation().Exec(ctx) }, 0.25},
		{"b has 40 residents (10 %)", func() error { return c.Region.UpdateOne(b).SetPopulation(40).Exec(ctx) }, 0.5},
		{"b withdrawn on the day", func() error {
			return c.DemonstrationCommunity.Update().Where(demonstrationcommunity.CommunityID(b.ID)).
				SetStatus(demonstrationcommunity.StatusWITHDRAWN).SetWithdrawnOn(d).Exec(ctx)
		}, 1.0 / 3},
		{"b restored", func() error {
			return c.DemonstrationCommunity.Update().Where(demonstrationcommunity.CommunityID(b.ID)).
				SetStatus(demonstrationcommunity.StatusDESIGNATED).ClearWithdrawnOn().Exec(ctx)
		}, 0.5},
		{"a designated in 2026", func() error {
			return c.DemonstrationCommunity.Update().Where(demonstrationcommunity.CommunityID(a.ID)).SetDesignatedYear(2026).Exec(ctx)
		}, 1.0 / 3},
		{"a no longer a demonstration community, the village designated in 2020", func() error {
			c.DemonstrationCommunity.Delete().Where(demonstrationcommunity.CommunityID(a.ID)).ExecX(ctx)
			return c.DemonstrationCommunity.Create().SetCommunityID(w.communities[4].ID).SetDesignatedYear(2020).Exec(ctx)
		}, 0.25},
		{"two of b's certified staff leave", func() error {
			staff := c.Person.Query().Where(person.RegionID(b.ID), person.HasCertificates()).Order(ent.Asc(person.FieldID)).Limit(2).IDsX(ctx)
			_, err := c.Person.Update().Where(person.IDIn(staff...)).SetLeftOn(civil.DateFor(2025, time.January, 1)).Save(ctx)
			return err
		}, 0},
	}
	for _, s := range steps {
		if err := s.do(); err != nil {
			t.Fatalf("%s: %v", s.what, err)
		}
		for _, code := range []string{"", w.codes[2], b.Code} {
			at := modules.Scope{AsOf: d, RegionCode: code}
			got, err := w.m.meetingAll(ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			want, err := w.m.Reference("demonstration_communities_meeting_all_criteria_rate")(ctx, at)
			if err != nil {
				t.Fatal(err)
			}
			if factstest.Show(got) != factstest.Show(want) {
				t.Fatalf("%s: rate in %q kept %s, by definition %s", s.what, code, factstest.Show(got), factstest.Show(want))
			}
			if code == "" && (got == nil || *got != s.want) {
				t.Errorf("%s: rate everywhere %s, want %v", s.what, factstest.Show(got), s.want)
			}
		}
	}
}
