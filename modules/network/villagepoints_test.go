package network

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/servicepoint"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/facts/factstest"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// villageWorld is a small network the property test of village_point_coverage writes to at random:
// two provinces with counties, townships, villages and communities, a county centre per county
// and a station per township, and village points opened, closed, reopened, redated, moved and
// deleted at random dates.
type villageWorld struct {
	t         testing.TB
	ctx       context.Context
	db        *store.DB
	m         *Module
	rng       *rand.Rand
	seq       int
	villages  []*ent.Region
	townships []*ent.Region
	stations  []*ent.ServicePoint // by township, as townships
	codes     []string            // scopes: the whole country, every region and one that does not exist
	days      []civil.Date        // days written, measured on with the day before and after
	covered   int                 // whole-country comparisons with some villages covered and some not
	refusals  int                 // writes the hooks refused, as expected
}

func newVillageWorld(t testing.TB, seed uint64) *villageWorld {
	w := &villageWorld{t: t, ctx: privacy.DecisionContext(context.Background(), privacy.Allow), db: testdb.Open(t),
		rng: rand.New(rand.NewPCG(seed, 21))}
	w.m = New(modules.Config{Client: w.db.Client, Today: func() civil.Date { return civil.DateFor(2026, time.January, 15) }})
	tree := map[string][]string{ // county: township: villages and communities
		"361126000000": {"361126101000:361126101201,361126101001,361126101202", "361126102000:361126102201"},
		"361102000000": {"361102001000:361102001002,361102001003"},
		"430102000000": {"430102001000:430102001001", "430102002000:"}, // a township without villages
	}
	for _, county := range []string{"361126000000", "361102000000", "430102000000"} {
		c := w.region(county, region.KindCOUNTY, nil)
		centre := w.db.Client.ServicePoint.Create().SetTier(servicepoint.TierCOUNTY_CENTRE).SetName("县社会工作服务中心").
			SetRegion(c).SetOpenedOn(civil.DateFor(2015, time.January, 1)).SaveX(w.ctx)
		for _, t := range tree[county] {
			town, villages, _ := strings.Cut(t, ":")
			tr := w.region(town, region.KindTOWN, c)
			w.townships = append(w.townships, tr)
			w.stations = append(w.stations, w.db.Client.ServicePoint.Create().SetTier(servicepoint.TierTOWNSHIP_STATION).
				SetName("社工站").SetRegion(tr).SetParent(centre).SetOpenedOn(civil.DateFor(2015, time.January, 1)).SaveX(w.ctx))
			for _, v := range strings.Split(villages, ",") {
				if v != "" {
					kind := region.KindVILLAGE
					if strings.HasPrefix(v[9:], "00") {
						kind = region.KindCOMMUNITY
					}
					w.villages = append(w.villages, w.region(v, kind, tr))
				}
			}
		}
	}
	w.codes = []string{"", "360000000000", "361100000000", "430000000000", "430100000000", "361126103000"}
	for _, r := range w.db.Client.Region.Query().AllX(w.ctx) {
		w.codes = append(w.codes, r.Code)
	}
	return w
}

func (w *villageWorld) region(code string, kind region.Kind, parent *ent.Region) *ent.Region {
	c := w.db.Client.Region.Create().SetCode(code).SetName("区划" + code[6:12]).SetKind(kind)
	if parent != nil {
		c.SetParent(parent)
	}
	r, err := c.Save(w.ctx)
	if err != nil {
		w.t.Fatalf("create region %s: %v", code, err)
	}
	return r
}

// date draws a day from 2015 to 2025 and remembers it.
func (w *villageWorld) date() civil.Date {
	d := civil.DateFor(2015, time.January, 1).AddDays(w.rng.IntN(11 * 365))
	w.days = append(w.days, d)
	return d
}

// after draws a day on or after d, up to three years later and never after 2025, and remembers
// it.
func (w *villageWorld) after(d civil.Date) civil.Date {
	e := d.AddDays(w.rng.IntN(3 * 365))
	if last := civil.DateFor(2025, time.December, 31); e.After(last) {
		e = last
	}
	w.days = append(w.days, e)
	return e
}

// stationOf is the station of the township of village v.
func (w *villageWorld) stationOf(v *ent.Region) *ent.ServicePoint {
	for i, t := range w.townships {
		if t.Code[:9] == v.Code[:9] {
			return w.stations[i]
		}
	}
	w.t.Fatalf("no township for %s", v.Code)
	return nil
}

// openElsewhere reports whether village v has a village point without a closing date other than
// the point except.
func (w *villageWorld) openElsewhere(c *ent.Client, v *ent.Region, except int) bool {
	return c.ServicePoint.Query().Where(servicepoint.TierEQ(servicepoint.TierVILLAGE_POINT), servicepoint.ClosedOnIsNil(),
		servicepoint.HasRegionWith(region.ID(v.ID)), servicepoint.IDNEQ(except)).ExistX(w.ctx)
}

// refused expects the hooks to refuse a write naming field: it counts the refusal, or returns an
// error when the write went through or failed otherwise.
func (w *villageWorld) refused(what, field string, err error) (string, error) {
	if e, ok := apperr.As(err); ok && e.Field == field {
		w.refusals++
		return what, nil
	}
	if err == nil {
		return what, fmt.Errorf("accepted")
	}
	return what, err
}

// step makes one random write through c (the database's client or a transaction's).
func (w *villageWorld) step(c *ent.Client) (string, error) {
	ctx := w.ctx
	points := c.ServicePoint.Query().Where(servicepoint.TierEQ(servicepoint.TierVILLAGE_POINT)).Order(ent.Asc("id")).WithRegion().AllX(ctx)
	var p *ent.ServicePoint
	if len(points) > 0 {
		p = points[w.rng.IntN(len(points))]
	}
	v := w.villages[w.rng.IntN(len(w.villages))]
	switch w.rng.IntN(12) {
	case 0, 1, 2: // a new point, closed already when the village has an open one
		w.seq++
		pc := c.ServicePoint.Create().SetTier(servicepoint.TierVILLAGE_POINT).SetName(fmt.Sprint("服务点", w.seq)).
			SetRegion(v).SetParent(w.stationOf(v))
		var opened civil.Date
		if w.rng.IntN(6) > 0 {
			opened = w.date()
			pc.SetOpenedOn(opened)
		}
		if w.openElsewhere(c, v, 0) || w.rng.IntN(4) == 0 {
			if opened.IsZero() {
				opened = civil.DateFor(2015, time.January, 1)
			}
			pc.SetClosedOn(w.after(opened))
		}
		return "open point", pc.Exec(ctx)
	case 3, 4: // a point closes, or one closed reopens
		if p == nil {
			return "", nil
		}
		if p.ClosedOn != nil {
			if w.openElsewhere(c, p.Edges.Region, p.ID) {
				return "", nil
			}
			return "reopen point", c.ServicePoint.UpdateOneID(p.ID).ClearClosedOn().Exec(ctx)
		}
		from := civil.DateFor(2015, time.January, 1)
		if p.OpenedOn != nil {
			from = *p.OpenedOn
		}
		return "close point", c.ServicePoint.UpdateOneID(p.ID).SetClosedOn(w.after(from)).Exec(ctx)
	case 5: // a corrected opening date, or none
		if p == nil {
			return "", nil
		}
		if w.rng.IntN(4) == 0 {
			return "clear opening date", c.ServicePoint.UpdateOneID(p.ID).ClearOpenedOn().Exec(ctx)
		}
		opened := w.date()
		if p.ClosedOn != nil && opened.After(*p.ClosedOn) {
			opened = *p.ClosedOn
		}
		return "opening date", c.ServicePoint.UpdateOneID(p.ID).SetOpenedOn(opened).Exec(ctx)
	case 6, 7: // a point moves to another village, under that village's station
		if p == nil || p.ClosedOn == nil && w.openElsewhere(c, v, p.ID) {
			return "", nil
		}
		return "move point", c.ServicePoint.UpdateOneID(p.ID).SetRegion(v).SetParent(w.stationOf(v)).Exec(ctx)
	case 8: // a point entered by mistake
		if p == nil {
			return "", nil
		}
		return "delete point", c.ServicePoint.DeleteOneID(p.ID).Exec(ctx)
	case 9: // a station closes or reopens: another tier, never counted
		i := w.rng.IntN(len(w.stations))
		s := c.ServicePoint.GetX(ctx, w.stations[i].ID)
		if s.ClosedOn != nil {
			return "reopen station", c.ServicePoint.UpdateOneID(s.ID).ClearClosedOn().Exec(ctx)
		}
		return "close station", c.ServicePoint.UpdateOneID(s.ID).SetClosedOn(w.after(*s.OpenedOn)).Exec(ctx)
	case 10: // a village point in a township, created or moved there: refused
		i := w.rng.IntN(len(w.townships))
		if p == nil || w.rng.IntN(2) == 0 {
			return w.refused("open point in a township", "regionID", c.ServicePoint.Create().SetTier(servicepoint.TierVILLAGE_POINT).
				SetName("服务点").SetRegion(w.townships[i]).SetParent(w.stations[i]).SetOpenedOn(w.date()).Exec(ctx))
		}
		return w.refused("move point to a township", "regionID", c.ServicePoint.UpdateOneID(p.ID).SetRegion(w.townships[i]).
			SetParent(w.stations[i]).Exec(ctx))
	default: // points moved or retiered in bulk, or moved from a region's side: refused
		switch w.rng.IntN(3) {
		case 0:
			return w.refused("move points in bulk", "regionID", c.ServicePoint.Update().
				Where(servicepoint.TierEQ(servicepoint.TierVILLAGE_POINT)).SetRegion(w.townships[0]).Exec(ctx))
		case 1:
			return w.refused("retier points in bulk", "tier", c.ServicePoint.Update().
				Where(servicepoint.TierEQ(servicepoint.TierTOWNSHIP_STATION)).SetTier(servicepoint.TierVILLAGE_POINT).Exec(ctx))
		}
		if p == nil {
			return "", nil
		}
		return w.refused("move a point from its new region", "servicePoints", c.Region.UpdateOneID(w.townships[0].ID).AddServicePointIDs(p.ID).Exec(ctx))
	}
}

// compare counts the villages and those covered by an open village point both ways (villages:
// the distinct regions of the open points for the whole country; villagesReference: a probe per
// village), and measures the indicator and its reference, on fixed days and around the days
// written, in every scope.
func (w *villageWorld) compare(after string) {
	w.t.Helper()
	var measure func(context.Context, modules.Scope) (*float64, error)
	for _, ind := range w.m.Indicators() {
		if ind.Key == "village_point_coverage" {
			measure = ind.Measure
		}
	}
	ref := w.m.Reference("village_point_coverage")
	if measure == nil || ref == nil {
		w.t.Fatal("village_point_coverage: no measure or no reference")
	}
	days := []civil.Date{civil.DateFor(1990, time.January, 1), civil.DateFor(2025, time.December, 31)}
	for range 5 {
		if len(w.days) > 0 {
			b := w.days[w.rng.IntN(len(w.days))]
			days = append(days, b.AddDays(-1), b, b.AddDays(1))
		}
	}
	for _, d := range days {
		for _, code := range w.codes {
			got, err := w.m.villages(w.ctx, d, code)
			if err != nil {
				w.t.Fatalf("villages: %v", err)
			}
			want, err := w.m.villagesReference(w.ctx, d, code)
			if err != nil {
				w.t.Fatalf("reference: %v", err)
			}
			if *got != *want {
				w.t.Fatalf("after %s: at %s in %q: counted %+v, reference %+v", after, d, code, *got, *want)
			}
			at := modules.Scope{AsOf: d, RegionCode: code}
			rate, err := measure(w.ctx, at)
			if err != nil {
				w.t.Fatalf("measure: %v", err)
			}
			refRate, err := ref(w.ctx, at)
			if err != nil {
				w.t.Fatalf("reference measure: %v", err)
			}
			if (rate == nil) != (refRate == nil) || rate != nil && *rate != *refRate {
				w.t.Fatalf("after %s: at %s in %q: measured %v, reference %v", after, d, code, factstest.Show(rate), factstest.Show(refRate))
			}
			if code == "" && want.Covered > 0 && want.Covered < want.Total {
				w.covered++
			}
		}
	}
}

// village_point_coverage counted for the whole country from the open village points equals its
// definition (the villages with a village point open on the day, probed one by one), in every
// scope from the whole country to a village, on fixed days and around each day written, after
// random writes of village points — opened (some closed already), closed, reopened, redated,
// moved between villages, communities, townships and provinces, deleted — and of stations, some
// inside transactions that commit and some that roll back; the hooks refuse a village point in a
// township, created or moved there, and a change of tier or region in bulk or from a region's
// side, which would make the two counts differ.
func TestVillagePointCoverageMatchesReference(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			w := newVillageWorld(t, seed)
			factstest.Writes(t, w.ctx, w.db.Client, w.rng, 120, w.step, w.compare)
			if w.covered == 0 || w.refusals == 0 {
				t.Errorf("the random writes never left the country partly covered (%d) or never tried a refused write (%d)", w.covered, w.refusals)
			}
			t.Logf("whole-country comparisons partly covered: %d, refused writes: %d", w.covered, w.refusals)
		})
	}
}
