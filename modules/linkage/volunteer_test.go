package linkage

import (
	"fmt"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/volunteer"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
	"swtalent/internal/facts"
)

// A volunteer's write moves only the two spans of its interval in VOLUNTEER_ACTIVE; when the span
// of the interval before is not kept as the registers give it, the write recomputes the whole
// community instead. Here a community's spans are removed together with their deltas (the hooks
// always write both in one transaction, so only tampering leaves one without the other):
// check-facts reports the community, and one write of one of its volunteers restores every span
// and delta of it, with nothing counted twice above it.
func TestVolunteerWriteRepairsItsCommunity(t *testing.T) {
	w := newStaffWorld(t, 3)
	ctx, c := w.ctx, w.db.Client
	community := w.communities[4] // not a demonstration community: no volunteers of its own yet
	for i, reg := range []civil.Date{civil.DateFor(2016, time.March, 1), civil.DateFor(2017, time.May, 2), civil.DateFor(2017, time.May, 2),
		civil.DateFor(2019, time.November, 30)} {
		c.Volunteer.Create().SetName(fmt.Sprint("志愿者", i)).SetPhone(fmt.Sprintf("138%08d", i)).SetCommunityID(community.ID).
			SetRegisteredOn(reg).SaveX(ctx)
	}
	check := func() facts.CheckReport {
		t.Helper()
		rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	if rep := check(); rep.Differing != 0 {
		t.Fatalf("check-facts before: %d differ, first %v", rep.Differing, rep.Differences[0])
	}
	kept := c.RegionSpan.Query().Where(regionspan.FactEQ(enum.FactVolunteerActive), regionspan.RegionCodeEQ(community.Code)).AllX(ctx)
	if len(kept) == 0 {
		t.Fatal("no VOLUNTEER_ACTIVE span kept for the community")
	}
	tally := facts.Tally{}
	for _, s := range kept {
		tally.AddRegion(facts.RegionKey{Fact: s.Fact, Region: s.RegionCode}, []factdata.Span{{From: s.FromOn, Until: s.UntilOn, Weight: s.Weight}}, -1)
	}
	c.RegionSpan.Delete().Where(regionspan.FactEQ(enum.FactVolunteerActive), regionspan.RegionCodeEQ(community.Code)).ExecX(ctx)
	if err := facts.WriteDeltas(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect), tally); err != nil {
		t.Fatal(err)
	}
	if rep := check(); rep.Differing == 0 {
		t.Fatal("check-facts found no difference with the community's spans gone")
	}
	v := c.Volunteer.Query().Where(volunteer.CommunityID(community.ID)).FirstX(ctx)
	c.Volunteer.UpdateOneID(v.ID).SetLeftOn(civil.DateFor(2024, time.June, 30)).ExecX(ctx)
	if rep := check(); rep.Differing != 0 {
		t.Fatalf("check-facts after one volunteer's write: %d differ, first %v", rep.Differing, rep.Differences[0])
	}
}
