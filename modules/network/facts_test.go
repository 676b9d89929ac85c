package network

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/person"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/facts/factstest"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

// skillWorld is a small register the kept-fact property test of community_worker_skill_coverage
// writes to at random: villages, communities and townships of two prefectures, and persons
// working in them (or nowhere) with roles, degrees, certificates and departures.
type skillWorld struct {
	t        testing.TB
	ctx      context.Context
	db       *store.DB
	m        *Module
	rng      *rand.Rand
	seq      int
	regions  []*ent.Region
	codes    []string     // scopes: everywhere, the province, a prefecture, every region and one nobody works in
	days     []civil.Date // days written, measured on with the day before and after
	nonzero  int          // comparisons whose reference rate was above 0
	villages int          // comparisons with an uncovered village listed
}

func newSkillWorld(t testing.TB, seed uint64) *skillWorld {
	w := &skillWorld{t: t, ctx: privacy.DecisionContext(context.Background(), privacy.Allow), db: testdb.Open(t),
		rng: rand.New(rand.NewPCG(seed, 20))}
	w.m = New(modules.Config{Client: w.db.Client, Today: func() civil.Date { return civil.DateFor(2026, time.January, 15) }})
	county := w.region("361126000000", region.KindCOUNTY, nil)
	caoxi := w.region("361126101000", region.KindTOWN, county)
	w.region("361126101201", region.KindVILLAGE, caoxi)
	w.region("361126101001", region.KindCOMMUNITY, caoxi) // a community: a village-level code ending in 001
	qigong := w.region("361126102000", region.KindTOWN, county)
	w.region("361126102201", region.KindVILLAGE, qigong)
	other := w.region("361102000000", region.KindCOUNTY, nil) // another county of the prefecture
	town := w.region("361102001000", region.KindSUBDISTRICT, other)
	w.region("361102001002", region.KindCOMMUNITY, town)
	far := w.region("362301000000", region.KindCOUNTY, nil) // a county of another prefecture
	w.region("362301100000", region.KindTOWN, far)          // a township without villages
	w.codes = []string{"", "360000000000", "361100000000", "362300000000", "370000000000", "361126103000"}
	for _, r := range w.regions {
		w.codes = append(w.codes, r.Code)
	}
	return w
}

func (w *skillWorld) region(code string, kind region.Kind, parent *ent.Region) *ent.Region {
	c := w.db.Client.Region.Create().SetCode(code).SetName("区划" + code[6:12]).SetKind(kind)
	if parent != nil {
		c.SetParent(parent)
	}
	r, err := c.Save(w.ctx)
	if err != nil {
		w.t.Fatalf("create region %s: %v", code, err)
	}
	w.regions = append(w.regions, r)
	return r
}

// date draws a day from 2015 to 2025 and remembers it.
func (w *skillWorld) date() civil.Date {
	d := civil.DateFor(2015, time.January, 1).AddDays(w.rng.IntN(11 * 365))
	w.days = append(w.days, d)
	return d
}

// after draws a day on or after d, up to three years later and never after 2025, and remembers
// it.
func (w *skillWorld) after(d civil.Date) civil.Date {
	e := d.AddDays(w.rng.IntN(3 * 365))
	if last := civil.DateFor(2025, time.December, 31); e.After(last) {
		e = last
	}
	w.days = append(w.days, e)
	return e
}

// roles draws roles: a community worker (often), other community staff, or someone else.
func (w *skillWorld) roles() []enum.PersonRole {
	return [][]enum.PersonRole{{enum.RoleCommunityWorker}, {enum.RoleCommunityWorker}, {enum.RoleGridWorker, enum.RoleCommunityWorker},
		{enum.RoleVillageCadre}, nil}[w.rng.IntN(5)]
}

func (w *skillWorld) idNumber() string {
	w.seq++
	if w.seq >= 1000 {
		w.t.Fatal("too many persons")
	}
	first17 := fmt.Sprintf("36112619900101%03d", w.seq)
	return first17 + string(validate.IDCheckChar(first17))
}

// step makes one random write through c (the database's client or a transaction's).
func (w *skillWorld) step(c *ent.Client) (string, error) {
	ctx := w.ctx
	persons := c.Person.Query().Order(ent.Asc("id")).IDsX(ctx)
	certs := c.Certificate.Query().Order(ent.Asc("id")).AllX(ctx)
	pick := func() (int, bool) {
		if len(persons) == 0 {
			return 0, false
		}
		return persons[w.rng.IntN(len(persons))], true
	}
	switch w.rng.IntN(10) {
	case 0, 1: // a new person
		pc := c.Person.Create().SetName("李四").SetIDNumber(w.idNumber()).SetRoles(w.roles())
		if i := w.rng.IntN(len(w.regions) + 1); i < len(w.regions) {
			pc.SetRegion(w.regions[i])
		}
		if w.rng.IntN(5) == 0 {
			pc.SetSocialWorkDegree(person.SocialWorkDegreeCOMPLETED)
		}
		return "create person", pc.Exec(ctx)
	case 2, 3: // a certificate, sometimes revoked
		h, ok := pick()
		if !ok {
			return "", nil
		}
		w.seq++
		passed := w.date()
		cc := c.Certificate.Create().SetNumber(fmt.Sprintf("%018d", 202300000000000000+w.seq)).SetLevel(enum.LevelAssistant).
			SetPassedOn(passed).SetHolderID(h)
		if w.rng.IntN(4) == 0 {
			cc.SetRevokedOn(w.after(passed))
		}
		return "create certificate", cc.Exec(ctx)
	case 4: // revoke or withdraw a revocation
		if len(certs) == 0 {
			return "", nil
		}
		x := certs[w.rng.IntN(len(certs))]
		if x.RevokedOn != nil && w.rng.IntN(2) == 0 {
			return "withdraw revocation", c.Certificate.UpdateOneID(x.ID).ClearRevokedOn().Exec(ctx)
		}
		return "revoke", c.Certificate.UpdateOneID(x.ID).SetRevokedOn(w.after(x.PassedOn)).Exec(ctx)
	case 5: // a move, to a village, a township, another county or nowhere
		p, ok := pick()
		if !ok {
			return "", nil
		}
		if i := w.rng.IntN(len(w.regions) + 1); i < len(w.regions) {
			return "move person", c.Person.UpdateOneID(p).SetRegion(w.regions[i]).Exec(ctx)
		}
		return "clear workplace", c.Person.UpdateOneID(p).ClearRegion().Exec(ctx)
	case 6: // a departure or a return
		p, ok := pick()
		if !ok {
			return "", nil
		}
		if w.rng.IntN(3) == 0 {
			return "person returns", c.Person.UpdateOneID(p).ClearLeftOn().Exec(ctx)
		}
		return "person departs", c.Person.UpdateOneID(p).SetLeftOn(w.date()).Exec(ctx)
	case 7: // new roles, or a degree completed or withdrawn
		p, ok := pick()
		if !ok {
			return "", nil
		}
		if w.rng.IntN(2) == 0 {
			return "roles", c.Person.UpdateOneID(p).SetRoles(w.roles()).Exec(ctx)
		}
		d := []person.SocialWorkDegree{person.SocialWorkDegreeNONE, person.SocialWorkDegreeCOMPLETED}[w.rng.IntN(2)]
		return "degree", c.Person.UpdateOneID(p).SetSocialWorkDegree(d).Exec(ctx)
	case 8: // a certificate entered by mistake
		if len(certs) == 0 {
			return "", nil
		}
		return "delete certificate", c.Certificate.DeleteOneID(certs[w.rng.IntN(len(certs))].ID).Exec(ctx)
	default: // a person entered by mistake, certificates and all
		p, ok := pick()
		if !ok {
			return "", nil
		}
		if _, err := c.Certificate.Delete().Where(certificate.HolderID(p)).Exec(ctx); err != nil {
			return "delete person", err
		}
		return "delete person", c.Person.DeleteOneID(p).Exec(ctx)
	}
}

// uncoveredReference lists, by definition, the codes of the villages of the subtree of code
// without a person working there for whom workforce.SkilledCommunityWorkerAt holds at d.
func (w *skillWorld) uncoveredReference(d civil.Date, code string) []string {
	return w.db.Client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), workforce.InRegion(code),
		region.Not(region.HasPersonsWith(workforce.SkilledCommunityWorkerAt(d)))).Order(region.ByCode()).
		Select(region.FieldCode).StringsX(w.ctx)
}

// compare measures the indicator from the kept fact and by its reference, and lists the
// uncovered villages both ways, on fixed days and around the days written, in every scope.
func (w *skillWorld) compare(after string) {
	w.t.Helper()
	var kept modules.Indicator
	for _, ind := range w.m.Indicators() {
		if ind.Key == "community_worker_skill_coverage" {
			kept = ind
		}
	}
	ref := w.m.Reference(kept.Key)
	if kept.Measure == nil || ref == nil {
		w.t.Fatal("community_worker_skill_coverage: no measure or no reference")
	}
	days := []civil.Date{civil.DateFor(1990, time.January, 1), civil.DateFor(2025, time.December, 31)}
	for range 5 {
		if len(w.days) > 0 {
			b := w.days[w.rng.IntN(len(w.days))]
			days = append(days, b.AddDays(-1), b, b.AddDays(1))
		}
	}
	q := w.m.Query()
	for _, d := range days {
		for _, code := range w.codes {
			at := modules.Scope{AsOf: d, RegionCode: code}
			got, err := kept.Measure(w.ctx, at)
			if err != nil {
				w.t.Fatalf("kept: %v", err)
			}
			want, err := ref(w.ctx, at)
			if err != nil {
				w.t.Fatalf("reference: %v", err)
			}
			if (got == nil) != (want == nil) || got != nil && *got != *want {
				w.t.Fatalf("after %s: at %s in %q: kept %v, reference %v", after, d, code, factstest.Show(got), factstest.Show(want))
			}
			if want != nil && *want > 0 {
				w.nonzero++
			}
			var scope *string
			if code != "" {
				if !slices.ContainsFunc(w.regions, func(r *ent.Region) bool { return r.Code == code }) {
					continue // the query refuses a region that does not exist
				}
				scope = &code
			}
			cov, err := q.CommunitySkillCoverage(w.ctx, &d, scope)
			if err != nil {
				w.t.Fatalf("communitySkillCoverage: %v", err)
			}
			first := 100
			page, err := cov.Uncovered(w.ctx, &first, nil)
			if err != nil {
				w.t.Fatalf("uncovered: %v", err)
			}
			var listed []string
			for _, e := range page.Edges {
				listed = append(listed, e.Node.Code)
			}
			if wantList := w.uncoveredReference(d, code); !slices.Equal(listed, wantList) {
				w.t.Fatalf("after %s: uncovered at %s in %q: kept %v, reference %v", after, d, code, listed, wantList)
			}
			if len(listed) > 0 && len(listed) < cov.Total {
				w.villages++
			}
		}
	}
}

// community_worker_skill_coverage measured from the kept fact SKILLED_COMMUNITY equals its
// definition (villages with a skilled community worker among the persons working there), and the
// uncovered villages listed through the fact are those of the definition, after random writes —
// persons with roles and degrees, certificates, revocations and their withdrawal, moves between
// villages, communities, townships and counties, departures and returns, role and degree changes,
// deletions, some inside transactions that commit and some that roll back — on fixed days and
// around each day written, in every scope from everywhere to a village.
func TestKeptSkillCoverageMatchesReference(t *testing.T) {
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) {
			w := newSkillWorld(t, seed)
			factstest.Writes(t, w.ctx, w.db.Client, w.rng, 100, w.step, w.compare)
			if w.nonzero == 0 || w.villages == 0 {
				t.Errorf("the random writes never covered a village (%d) or left one uncovered beside a covered one (%d)", w.nonzero, w.villages)
			}
			t.Logf("comparisons above 0: %d, with villages both covered and not: %d", w.nonzero, w.villages)
			checkKept(t, w)
		})
	}
}
