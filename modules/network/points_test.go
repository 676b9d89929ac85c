package network

import (
	"fmt"
	"strings"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/factdelta"
	"swtalent/ent/region"
	"swtalent/ent/regionspan"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/store"
	"swtalent/internal/validate"
)

// pointWorld is the skill test's register of regions with service points written at random: a
// county centre in every county (the parent stations need), stations and village points opened,
// closed, reopened, moved, re-tiered and deleted.
type pointWorld struct {
	*skillWorld
	centres map[string]int // county code → its centre's id
}

func newPointWorld(t testing.TB, seed uint64) *pointWorld {
	w := &pointWorld{skillWorld: newSkillWorld(t, seed), centres: map[string]int{}}
	for _, r := range w.regions {
		if validate.RegionLevelOf(r.Code) == "COUNTY" {
			p := w.db.Client.ServicePoint.Create().SetTier(servicepoint.TierCOUNTY_CENTRE).SetName("中心").SetRegion(r).
				SaveX(w.ctx)
			w.centres[r.Code[:6]] = p.ID
		}
	}
	return w
}

// ofLevel returns the regions of a level ("TOWNSHIP", "VILLAGE").
func (w *pointWorld) ofLevel(level string) []*ent.Region {
	var out []*ent.Region
	for _, r := range w.regions {
		if validate.RegionLevelOf(r.Code) == level {
			out = append(out, r)
		}
	}
	return out
}

// pointStep makes one random write of service points through c (the database's client or a
// transaction's): a new village; through the validated create, close, move, re-tier and delete of
// one point (a refused one changes nothing), and through bulk updates that change points' dates
// or close every open point of a tier at once.
func (w *pointWorld) pointStep(c *ent.Client) (string, error) {
	ctx := w.ctx
	points := c.ServicePoint.Query().Where(servicepoint.TierNEQ(servicepoint.TierCOUNTY_CENTRE)).
		WithRegion().WithParent(func(q *ent.ServicePointQuery) { q.WithRegion() }).Order(ent.Asc("id")).AllX(ctx)
	pick := func() (*ent.ServicePoint, bool) {
		if len(points) == 0 {
			return nil, false
		}
		return points[w.rng.IntN(len(points))], true
	}
	switch w.rng.IntN(11) {
	case 10: // a new village or community under a township (the denominators move)
		towns := w.ofLevel("TOWNSHIP")
		t := towns[w.rng.IntN(len(towns))]
		code := fmt.Sprintf("%s%03d", t.Code[:9], 300+w.rng.IntN(600))
		if c.Region.Query().Where(region.CodeEQ(code)).ExistX(ctx) {
			return "", nil
		}
		kind := []region.Kind{region.KindVILLAGE, region.KindCOMMUNITY}[w.rng.IntN(2)]
		return "create region", c.Region.Create().SetCode(code).SetName("新村").SetKind(kind).SetParentID(t.ID).Exec(ctx)
	case 0, 1, 2: // a new station or village point, open or already closed
		tier, level := servicepoint.TierTOWNSHIP_STATION, "TOWNSHIP"
		if w.rng.IntN(2) == 0 {
			tier, level = servicepoint.TierVILLAGE_POINT, "VILLAGE"
		}
		regions := w.ofLevel(level)
		r := regions[w.rng.IntN(len(regions))]
		pc := c.ServicePoint.Create().SetTier(tier).SetName("阵地").SetRegion(r)
		if tier == servicepoint.TierTOWNSHIP_STATION {
			pc.SetParentID(w.centres[r.Code[:6]])
		} else {
			station, err := c.ServicePoint.Query().Where(servicepoint.TierEQ(servicepoint.TierTOWNSHIP_STATION)).WithRegion().All(ctx)
			if err != nil {
				return "create point", err
			}
			parent := 0
			for _, s := range station {
				if s.Edges.Region != nil && s.Edges.Region.Code[:9] == r.Code[:9] {
					parent = s.ID
				}
			}
			if parent == 0 {
				return "", nil // no station in the village's township yet
			}
			pc.SetParentID(parent)
		}
		opened := w.date()
		if w.rng.IntN(5) != 0 {
			pc.SetOpenedOn(opened)
		}
		open, err := c.ServicePoint.Query().Where(servicepoint.TierEQ(tier), servicepoint.ClosedOnIsNil(),
			func(s *entsql.Selector) { s.Where(entsql.EQ(s.C(servicepoint.RegionColumn), r.ID)) }).Exist(ctx)
		if err != nil {
			return "create point", err
		}
		if open || w.rng.IntN(3) == 0 {
			pc.SetClosedOn(w.after(opened))
		}
		return "create " + string(tier), pc.Exec(ctx)
	case 3: // close a point through the validated update, when it is still where its rules allow
		p, ok := pick()
		if !ok || !w.placed(p) {
			return "", nil
		}
		from := civil.DateFor(2015, time.January, 1)
		if p.OpenedOn != nil {
			from = *p.OpenedOn
		}
		return "close point", c.ServicePoint.UpdateOneID(p.ID).SetClosedOn(w.after(from)).Exec(ctx)
	case 4: // reopen or close, or change the opening date (bulk update)
		p, ok := pick()
		if !ok {
			return "", nil
		}
		u := c.ServicePoint.Update().Where(servicepoint.ID(p.ID))
		switch w.rng.IntN(4) {
		case 0:
			u.ClearClosedOn()
		case 1:
			u.ClearOpenedOn()
		default:
			d := w.date()
			if p.ClosedOn != nil && d.After(*p.ClosedOn) {
				d = *p.ClosedOn
			}
			u.SetOpenedOn(d)
		}
		return "redate points", u.Exec(ctx)
	case 5: // a move to any region, one point at a time (the hooks refuse a place the point's
		// rules forbid: then nothing changes)
		p, ok := pick()
		if !ok {
			return "", nil
		}
		return "move point", refusedOrDone(c.ServicePoint.UpdateOneID(p.ID).
			SetRegion(w.regions[w.rng.IntN(len(w.regions))]).Exec(ctx))
	case 6: // a new tier, one point at a time (likewise)
		p, ok := pick()
		if !ok {
			return "", nil
		}
		tier := []servicepoint.Tier{servicepoint.TierTOWNSHIP_STATION, servicepoint.TierVILLAGE_POINT, servicepoint.TierCOUNTY_CENTRE}[w.rng.IntN(3)]
		return "re-tier point", refusedOrDone(c.ServicePoint.UpdateOneID(p.ID).SetTier(tier).Exec(ctx))
	case 7: // close every open point of a tier at once
		tier := []servicepoint.Tier{servicepoint.TierTOWNSHIP_STATION, servicepoint.TierVILLAGE_POINT}[w.rng.IntN(2)]
		return "close a tier", c.ServicePoint.Update().Where(servicepoint.TierEQ(tier), servicepoint.ClosedOnIsNil(),
			servicepoint.Or(servicepoint.OpenedOnIsNil(), servicepoint.OpenedOnLTE(civil.DateFor(2020, time.January, 1)))).
			SetClosedOn(w.after(civil.DateFor(2020, time.January, 1))).Exec(ctx)
	case 8: // a point entered by mistake (one without points below it)
		p, ok := pick()
		if !ok || c.ServicePoint.QueryChildren(p).ExistX(ctx) {
			return "", nil
		}
		return "delete point", c.ServicePoint.DeleteOneID(p.ID).Exec(ctx)
	default: // the points of a region entered by mistake (bulk delete of those without children)
		p, ok := pick()
		if !ok {
			return "", nil
		}
		_, err := c.ServicePoint.Delete().Where(servicepoint.HasRegionWith(func(s *entsql.Selector) {
			s.Where(entsql.EQ(s.C("id"), p.Edges.Region.ID))
		}), servicepoint.TierNEQ(servicepoint.TierCOUNTY_CENTRE), servicepoint.Not(servicepoint.HasChildren())).Exec(ctx)
		return "delete points of a region", err
	}
}

// refusedOrDone is err unless it is the hooks' refusal of the write, which a clerk sees.
func refusedOrDone(err error) error {
	if _, ok := apperr.As(err); ok {
		return nil
	}
	return err
}

// placed reports whether p's tier, region and parent pass the validated update's rules.
func (w *pointWorld) placed(p *ent.ServicePoint) bool {
	r, parent := p.Edges.Region, p.Edges.Parent
	if r == nil || parent == nil {
		return false
	}
	switch p.Tier {
	case servicepoint.TierTOWNSHIP_STATION:
		return validate.RegionLevelOf(r.Code) == "TOWNSHIP" && parent.Tier == servicepoint.TierCOUNTY_CENTRE
	case servicepoint.TierVILLAGE_POINT:
		return validate.RegionLevelOf(r.Code) == "VILLAGE" && parent.Tier == servicepoint.TierTOWNSHIP_STATION &&
			parent.Edges.Region != nil && parent.Edges.Region.Code[:9] == r.Code[:9]
	}
	return false
}

// checkKept runs check-facts' comparison: every kept region span and delta as the registers give.
func checkKept(t testing.TB, w *skillWorld) {
	t.Helper()
	rep, err := facts.Check(w.ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 0 {
		t.Fatalf("check-facts: %d differ, first %v", rep.Differing, rep.Differences[0])
	}
	for _, f := range []enum.Fact{enum.FactVillageSkilled, enum.FactVillagePointOpen, enum.FactTownshipStationOpen} {
		t.Logf("%s: %d spans", f, rep.Of(f).Spans)
	}
}

// A database written before the region facts were kept gets them from the data upgrade
// "region-spans" when it is opened: the same spans and deltas the hooks kept, after random writes
// of persons, certificates and service points; check-facts reports a region span changed behind
// the hooks' back.
func TestRegionSpansUpgrade(t *testing.T) {
	w := newPointWorld(t, 6)
	for i := range 600 {
		step := w.step
		if i%3 == 0 {
			step = w.pointStep
		}
		if what, err := step(w.db.Client); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	ctx := w.ctx
	spans := func(db *store.DB) string {
		var b strings.Builder
		for _, s := range db.Client.RegionSpan.Query().Order(regionspan.ByFact(), regionspan.ByRegionCode(), regionspan.ByFromOn()).AllX(ctx) {
			fmt.Fprintf(&b, "%s %s %s %v %d\n", s.Fact, s.RegionCode, s.FromOn, s.UntilOn, s.Weight)
		}
		for _, d := range db.Client.FactDelta.Query().Where(factdelta.FactIn(facts.RegionFacts()...), factdelta.DeltaNEQ(0)).
			Order(factdelta.ByFact(), factdelta.ByCountyCode(), factdelta.ByYear()).AllX(ctx) {
			fmt.Fprintf(&b, "%s %s %d %d\n", d.Fact, d.CountyCode, d.Year, d.Delta)
		}
		return b.String()
	}
	kept := spans(w.db)
	for _, f := range facts.RegionFacts() {
		if f == enum.FactVolunteerActive || f == enum.FactDemonstrationActive || f == enum.FactDemonstrationMet {
			continue // the volunteers' and demonstration communities' facts, which this world does not write (modules/linkage tests them)
		}
		if !strings.Contains(kept, string(f)) {
			t.Fatalf("the random writes kept no span of %s", f)
		}
	}
	exec := func(q string) {
		t.Helper()
		if _, err := w.db.SQL.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`UPDATE region_spans SET weight = 2 WHERE id IN (SELECT MIN(id) FROM region_spans)`)
	rep, err := facts.Check(ctx, w.db.SQL, entsql.Dialect(w.db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Differing != 1 {
		t.Fatalf("check-facts found %d differences with one region span changed, want 1: %v", rep.Differing, rep.Differences)
	}
	exec(`DELETE FROM region_spans`)
	exec(`DELETE FROM fact_deltas WHERE fact IN ('VILLAGE_SKILLED', 'VILLAGE_POINT_OPEN', 'TOWNSHIP_STATION_OPEN')`)
	exec(`DELETE FROM data_upgrades WHERE name = 'region-spans'`)
	var progress strings.Builder
	again, err := store.OpenReporting(ctx, w.db.Addr, w.db.Keyring, &progress)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer again.Close()
	if !strings.Contains(progress.String(), "region facts:") {
		t.Errorf("the upgrade reported no progress: %q", progress.String())
	}
	if got := spans(again); got != kept {
		t.Fatalf("upgrade: region spans and deltas\n%s\nhooks kept\n%s", got, kept)
	}
	checkKept(t, w.skillWorld)
}
