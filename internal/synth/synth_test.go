package synth_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"entgo.io/ent/dialect"
	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/ent/servicepoint"
	"swtalent/graph"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/synth"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/internal/workforce"
	"swtalent/modules"
)

func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}

// generate fills a fresh database with the reference data and a synthetic dataset.
func generate(t *testing.T, shape synth.Shape, seed uint64) (*store.DB, synth.Report) {
	t.Helper()
	ctx := system()
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	rep, err := synth.Generate(ctx, db, synth.Options{Shape: shape, Seed: seed, CommitEvery: 500})
	if err != nil {
		t.Fatal(err)
	}
	return db, rep
}

func countyShape(t *testing.T) synth.Shape {
	t.Helper()
	top, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	s, err := synth.ShapeFor("county", top)
	if err != nil {
		t.Fatal(err)
	}
	s.Persons = 300
	return s
}

// The county-scale dataset reads back through ent: valid encrypted ID numbers whose hash,
// gender and birth date agree, registers that the shared workforce rules count.
func TestGenerateCounty(t *testing.T) {
	ctx := system()
	db, rep := generate(t, countyShape(t), 7)
	c := db.Client
	persons, err := c.Person.Query().WithRegion().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(persons) != 300 || rep.Rows["persons"] != 300 {
		t.Fatalf("want 300 persons, got %d (report %d)", len(persons), rep.Rows["persons"])
	}
	today := time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	for _, p := range persons {
		plain, err := c.Keyring.Decrypt(p.IDNumber)
		if err != nil {
			t.Fatalf("ID number of %s is not encrypted with the data key: %v", p.Name, err)
		}
		id, err := validate.ParseIDNumber("idNumber", plain, today)
		if err != nil {
			t.Fatalf("ID number of %s: %v", p.Name, err)
		}
		if p.IDNumberHash != c.Keyring.Hash("id_number", plain) {
			t.Fatalf("ID number hash of %s does not match", p.Name)
		}
		if p.BirthDate != civil.DateFor(id.BirthYear, time.Month(id.BirthMonth), id.BirthDay) || (p.Gender == "MALE") != id.Male {
			t.Fatalf("%s: birth date or gender not derived from the ID number", p.Name)
		}
		if !p.Demo || p.Edges.Region == nil {
			t.Fatalf("%s: not marked demo or without a workplace", p.Name)
		}
		if p.JoinedOn != nil && p.LeftOn != nil && p.LeftOn.Before(*p.JoinedOn) {
			t.Fatalf("%s left before joining", p.Name)
		}
	}
	certified, err := workforce.CountCertified(ctx, c, civil.DateFor(2025, time.December, 31), "")
	if err != nil {
		t.Fatal(err)
	}
	if certified < 240 || certified > 300 {
		t.Fatalf("certified at the end of 2025: %d of 300", certified)
	}
	// The kept certified spans are written with the registers, by the rule the hooks apply.
	kept, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if kept.Differing > 0 || kept.Of(enum.FactCertified).Spans < certified {
		t.Fatalf("certified spans: %d for %d certified people, %d persons differ: %v", kept.Of(enum.FactCertified).Spans, certified, kept.Differing, kept.Differences)
	}
	// Due dates follow the registration rule: pass date plus a year without a counting
	// registration, else the end of the latest.
	certs, err := c.Certificate.Query().WithRegistrations().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ct := range certs {
		want := certrules.FirstDue(ct.PassedOn)
		for _, r := range ct.Edges.Registrations {
			if r.ValidUntil != nil && r.ValidUntil.After(want) {
				want = *r.ValidUntil
			}
		}
		if ct.RegistrationDueOn == nil || *ct.RegistrationDueOn != want {
			t.Fatalf("certificate %s: due %v, want %v", ct.Number, ct.RegistrationDueOn, want)
		}
	}
	// Every generated village hangs below a township of the county.
	villages, err := c.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE)).WithParent().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(villages) != 240 {
		t.Fatalf("want 240 villages, got %d", len(villages))
	}
	for _, v := range villages {
		if v.Edges.Parent == nil || v.Edges.Parent.Level != region.LevelTOWNSHIP || v.Code[:9] != v.Edges.Parent.Code[:9] {
			t.Fatalf("village %s is not below its township", v.Code)
		}
	}
	// One demonstration community in the county, a village with 8–12 % of its residents
	// registered as volunteers, whose phones decrypt to valid numbers with matching hashes.
	dc, err := c.DemonstrationCommunity.Query().WithCommunity().Only(ctx)
	if err != nil {
		t.Fatalf("demonstration communities: %v", err)
	}
	vols, err := c.Volunteer.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	pop := *dc.Edges.Community.Population
	if share := float64(len(vols)) / float64(pop); dc.Edges.Community.Level != region.LevelVILLAGE || share < 0.075 || share > 0.125 {
		t.Fatalf("%d volunteers for %d residents in %s", len(vols), pop, dc.Edges.Community.Level)
	}
	for _, v := range vols {
		plain, err := c.Keyring.Decrypt(v.Phone)
		if err != nil || len(plain) != 11 || c.Keyring.Hash("phone", plain) != v.PhoneHash || v.CommunityID != dc.CommunityID ||
			(v.BirthDate != nil && v.RegisteredOn.Before(*v.BirthDate)) {
			t.Fatalf("volunteer %d: phone %q (%v), community %d", v.ID, plain, err, v.CommunityID)
		}
	}
	if _, err := synth.Generate(ctx, db, synth.Options{Shape: countyShape(t), Seed: 7}); err == nil {
		t.Fatal("a second run into a database with registers must fail")
	}
}

// The same seed gives the same dataset; another seed a different one.
func TestGenerateIsDeterministic(t *testing.T) {
	shape := countyShape(t)
	shape.Persons = 120
	fingerprint := func(db *store.DB) []string {
		ctx := system()
		ps, err := db.Client.Person.Query().Order(ent.Asc("id")).WithRegion().WithCertificates(func(q *ent.CertificateQuery) {
			q.Order(certificate.ByNumber())
		}).All(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range ps {
			id, err := db.Keyring.Decrypt(p.IDNumber)
			if err != nil {
				t.Fatal(err)
			}
			s := p.Name + "/" + id + "/" + p.Edges.Region.Code
			for _, c := range p.Edges.Certificates {
				s += "/" + c.Number + c.PassedOn.String()
			}
			out = append(out, s)
		}
		return out
	}
	a, _ := generate(t, shape, 11)
	b, _ := generate(t, shape, 11)
	c, _ := generate(t, shape, 12)
	fa, fb, fc := fingerprint(a), fingerprint(b), fingerprint(c)
	if !slices.Equal(fa, fb) {
		t.Fatal("the same seed gave different datasets")
	}
	if slices.Equal(fa, fc) {
		t.Fatal("different seeds gave the same dataset")
	}
}

// A province-shaped dataset keeps the reference regions and builds the levels between.
func TestGenerateProvinceShape(t *testing.T) {
	ctx := system()
	top, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	shape := synth.Shape{Name: "small province", Root: top[:2] + "0000000000", Cities: 3, Counties: 6, Townships: 30, Villages: 90, Persons: 150}
	db, _ := generate(t, shape, 3)
	count := func(l region.Level) int {
		n, err := db.Client.Region.Query().Where(region.LevelEQ(l)).Count(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// The reference county keeps its 17 townships, so the township count may exceed the shape's.
	if count(region.LevelPROVINCE) != 1 || count(region.LevelCITY) != 3 || count(region.LevelCOUNTY) != 6 || count(region.LevelTOWNSHIP) < 30 || count(region.LevelVILLAGE) < 90 {
		t.Fatalf("levels: %d %d %d %d %d", count(region.LevelPROVINCE), count(region.LevelCITY), count(region.LevelCOUNTY), count(region.LevelTOWNSHIP), count(region.LevelVILLAGE))
	}
	orphans, err := db.Client.Region.Query().Where(region.LevelNEQ(region.LevelPROVINCE), region.Not(region.HasParent())).Count(ctx)
	if err != nil || orphans != 0 {
		t.Fatalf("regions without a parent: %d (%v)", orphans, err)
	}
	points, err := db.Client.ServicePoint.Query().Count(ctx)
	if err != nil || points < 6 {
		t.Fatalf("service points: %d (%v)", points, err)
	}
}

// indicatorDates are the days every indicator is measured at: the end of the plan's period and
// the middle of it.
var indicatorDates = []civil.Date{civil.DateFor(2025, time.December, 31), civil.DateFor(2024, time.June, 30)}

// measureAll measures every indicator of every module over db's data at each date, by
// "module.indicator at date", for the deployment topped by the county top.
func measureAll(t *testing.T, db *store.DB, top string) map[string]*float64 {
	t.Helper()
	ctx := system()
	cfg := modules.Config{Client: db.Client, TopRegion: top, Today: func() civil.Date { return civil.DateFor(2026, time.January, 15) }}
	out := map[string]*float64{}
	for _, m := range graph.NewResolver(cfg).Modules() {
		src, ok := m.(modules.IndicatorSource)
		if !ok {
			continue
		}
		for _, ind := range src.Indicators() {
			for _, d := range indicatorDates {
				v, err := ind.Measure(ctx, modules.Scope{AsOf: d})
				if err != nil {
					t.Fatalf("%s.%s at %s: %v", m.Info().Key, ind.Key, d, err)
				}
				out[fmt.Sprintf("%s.%s at %s", m.Info().Key, ind.Key, d)] = v
			}
		}
	}
	return out
}

// show prints an indicator's value, or null.
func show(v *float64) string {
	if v == nil {
		return "null"
	}
	return fmt.Sprintf("%.4g", *v)
}

// Every indicator of every module that has data in the demo world (non-null, non-zero) has data
// over a generated county too, at the end of 2025 and in mid-2024; the kept facts agree with the
// registers; and the registers' own rules (the ent hooks, the exam rules) accept the generated
// rows.
func TestGeneratedDataFeedsEveryIndicator(t *testing.T) {
	ctx := system()
	top, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	world := testdb.Open(t)
	cfg := modules.Config{Client: world.Client, TopRegion: top, Today: func() civil.Date { return civil.DateFor(2026, time.January, 15) }}
	if _, err := graph.Prepare(ctx, cfg, graph.Seed{Demo: true}); err != nil {
		t.Fatal(err)
	}
	want := measureAll(t, world, top)
	db, _ := generate(t, countyShape(t), 5)
	got := measureAll(t, db, top)
	keys := slices.Sorted(maps.Keys(want))
	if len(keys) < 2*25 {
		t.Fatalf("only %d measurements: %v", len(keys), keys)
	}
	withData := 0
	for _, k := range keys {
		t.Logf("%-75s demo %-8s generated %s", k, show(want[k]), show(got[k]))
		if w := want[k]; w == nil || *w == 0 {
			continue
		}
		withData++
		if g := got[k]; g == nil || *g == 0 {
			t.Errorf("%s: %s over the generated county, %s in the demo world", k, show(g), show(want[k]))
		}
	}
	if withData < len(keys)*3/4 {
		t.Fatalf("only %d of %d measurements have data in the demo world", withData, len(keys))
	}
	kept, err := facts.Check(ctx, db.SQL, entsql.Dialect(db.Dialect))
	if err != nil {
		t.Fatal(err)
	}
	if kept.Differing > 0 {
		t.Fatalf("%d persons' certified spans differ: %v", kept.Differing, kept.Differences)
	}
	checkRegisters(t, db)
}

// checkRegisters runs the registers' rules over the generated rows: every row of the registers
// with hooks is saved again unchanged through ent (whose hooks check the record a mutation leaves
// behind), in a transaction rolled back afterwards; exam applications are checked by the exam
// rules, which the module applies when recording them.
func checkRegisters(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := system()
	tx, err := db.Client.Tx(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	c := tx.Client()
	n := map[string]int{}
	check := func(what string, id int, err error) {
		t.Helper()
		n[what]++
		if err != nil {
			t.Fatalf("%s %d is refused by its rules: %v", what, id, err)
		}
	}
	for _, a := range c.Agency.Query().AllX(ctx) {
		u := c.Agency.UpdateOne(a).SetName(a.Name).SetServiceFields(a.ServiceFields).SetNillableRegisteredOn(a.RegisteredOn).SetNillableCultivatedYear(a.CultivatedYear)
		if a.CultivatedYear != nil {
			u.SetCultivatedByID(a.QueryCultivatedBy().OnlyIDX(ctx))
		}
		check("agency", a.ID, u.Exec(ctx))
	}
	for _, p := range c.ServiceProject.Query().AllX(ctx) {
		check("service project", p.ID, c.ServiceProject.UpdateOne(p).SetBudget(p.Budget).SetPersonnelCost(p.PersonnelCost).
			SetStartsOn(p.StartsOn).SetEndsOn(p.EndsOn).Exec(ctx))
	}
	for _, b := range c.Base.Query().AllX(ctx) {
		check("base", b.ID, c.Base.UpdateOne(b).SetName(b.Name).SetDesignatedOn(b.DesignatedOn).SetNillableClosedOn(b.ClosedOn).Exec(ctx))
	}
	for _, p := range c.Partnership.Query().WithUniversity().WithBase().AllX(ctx) {
		check("partnership", p.ID, c.Partnership.UpdateOne(p).SetStartsOn(p.StartsOn).SetNillableEndsOn(p.EndsOn).SetScopes(p.Scopes).
			SetPlacesPerTerm(p.PlacesPerTerm).SetUniversityID(p.Edges.University.ID).SetBaseID(p.Edges.Base.ID).Exec(ctx))
	}
	for _, p := range c.Placement.Query().AllX(ctx) {
		check("placement", p.ID, c.Placement.UpdateOne(p).SetStudentName(p.StudentName).SetStudentNumber(p.StudentNumber).SetTerm(p.Term).
			SetStartsOn(p.StartsOn).SetEndsOn(p.EndsOn).SetStatus(p.Status).Exec(ctx))
	}
	for _, f := range c.Fund.Query().AllX(ctx) {
		check("fund", f.ID, c.Fund.UpdateOne(f).SetName(f.Name).SetAmountRaised(f.AmountRaised).SetEstablishedOn(f.EstablishedOn).Exec(ctx))
	}
	for _, r := range c.AllowanceRate.Query().AllX(ctx) {
		check("allowance rate", r.ID, c.AllowanceRate.UpdateOne(r).SetLevel(r.Level).SetMonthlyAmount(r.MonthlyAmount).
			SetEffectiveFrom(r.EffectiveFrom).SetNillableEffectiveTo(r.EffectiveTo).Exec(ctx))
	}
	for _, p := range c.AllowancePayment.Query().AllX(ctx) {
		check("allowance payment", p.ID, c.AllowancePayment.UpdateOne(p).SetMonth(p.Month).SetAmount(p.Amount).SetPersonID(p.PersonID).Exec(ctx))
	}
	for _, p := range c.Post.Query().AllX(ctx) {
		check("post", p.ID, c.Post.UpdateOne(p).SetInstitution(p.Institution).SetTitle(p.Title).SetNillableSince(p.Since).Exec(ctx))
	}
	for _, r := range c.Recognition.Query().AllX(ctx) {
		check("recognition", r.ID, c.Recognition.UpdateOne(r).SetTitle(r.Title).SetYear(r.Year).Exec(ctx))
	}
	for _, e := range c.PublicityEvent.Query().AllX(ctx) {
		check("publicity event", e.ID, c.PublicityEvent.UpdateOne(e).SetName(e.Name).SetOrganiser(e.Organiser).SetStartsOn(e.StartsOn).SetEndsOn(e.EndsOn).Exec(ctx))
	}
	for _, d := range c.DemonstrationCommunity.Query().AllX(ctx) {
		check("demonstration community", d.ID, c.DemonstrationCommunity.UpdateOne(d).SetDesignatedYear(d.DesignatedYear).SetStatus(d.Status).Exec(ctx))
	}
	// Exam applications: valid results, the outcome the rules decide with the year before, and
	// a passed application linked to a certificate of its holder, level and year.
	apps := c.ExamApplication.Query().WithPerson().WithCertificate().Order(ent.Asc("exam_year")).AllX(ctx)
	byPerson := map[int][]certrules.Attempt{}
	for _, a := range apps {
		n["exam application"]++
		if _, err := certrules.CheckResults(a.Level, a.Results); err != nil {
			t.Fatalf("exam application %d: %v", a.ID, err)
		}
		at := certrules.Attempt{Year: a.ExamYear, Level: a.Level, Results: a.Results}
		if got := certrules.Decide(at, byPerson[a.Edges.Person.ID]); string(got) != string(a.Outcome) {
			t.Fatalf("exam application %d: outcome %s, the rules decide %s", a.ID, a.Outcome, got)
		}
		byPerson[a.Edges.Person.ID] = append(byPerson[a.Edges.Person.ID], at)
		if ct := a.Edges.Certificate; ct != nil && (ct.HolderID != a.Edges.Person.ID || ct.Level != a.Level || ct.PassedOn.Year != a.ExamYear) {
			t.Fatalf("exam application %d is linked to certificate %s of another holder, level or year", a.ID, ct.Number)
		}
	}
	for _, q := range c.SupervisorQualification.Query().AllX(ctx) {
		n["supervisor qualification"]++
		if q.RevokedOn != nil && q.RevokedOn.Before(q.GrantedOn) {
			t.Fatalf("supervisor qualification %d revoked before it was granted", q.ID)
		}
	}
	for what, k := range n {
		if k == 0 {
			t.Errorf("no %s generated", what)
		}
	}
	t.Logf("rows checked: %v", n)
}

// A generated database is ready for the indicators' first queries: the planner has statistics
// for the kept facts and, on PostgreSQL, their pages are marked all-visible, so that the sums
// over the covering indexes read the indexes alone instead of every row's page.
func TestGenerateLeavesTheDatabaseReadyToRead(t *testing.T) {
	ctx := system()
	db, _ := generate(t, countyShape(t), 3)
	if db.Dialect == dialect.SQLite {
		var n int
		if err := db.SQL.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'fact_spans'`).Scan(&n); err != nil || n == 0 {
			t.Fatalf("no statistics for fact_spans (%d rows, %v)", n, err)
		}
		return
	}
	var vacuumed, analyzed bool
	var pages, visible int
	err := db.SQL.QueryRowContext(ctx, `SELECT s.last_vacuum IS NOT NULL, s.last_analyze IS NOT NULL, c.relpages, c.relallvisible
		FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'fact_spans'`).Scan(&vacuumed, &analyzed, &pages, &visible)
	if err != nil {
		t.Fatal(err)
	}
	if !vacuumed || !analyzed || pages == 0 || visible < pages {
		t.Fatalf("fact_spans: vacuumed %v, analyzed %v, %d of %d pages all-visible", vacuumed, analyzed, visible, pages)
	}
}

// The top region follows from the generated regions (refdata.TopRegionIn, what --top-region auto
// reads): the county, the province, or the whole country. The share indicators of network and
// linkage asked without a region code measure it: every village of a national dataset in a
// national deployment, the reference county's only when the deployment's top is the county.
func TestTopRegionOfGeneratedData(t *testing.T) {
	ctx := system()
	county, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	d := civil.DateFor(2025, time.December, 31)
	// measure returns an indicator's value at the scope of code ("" = the top) for top.
	measure := func(db *store.DB, top, key, code string) *float64 {
		t.Helper()
		cfg := modules.Config{Client: db.Client, TopRegion: top, Today: func() civil.Date { return d }}
		for _, m := range graph.NewResolver(cfg).Modules() {
			src, ok := m.(modules.IndicatorSource)
			if !ok {
				continue
			}
			for _, ind := range src.Indicators() {
				if m.Info().Key+"."+ind.Key == key {
					v, err := ind.Measure(ctx, modules.Scope{AsOf: d, RegionCode: code})
					if err != nil {
						t.Fatalf("%s at %q: %v", key, code, err)
					}
					return v
				}
			}
		}
		t.Fatalf("no indicator %s", key)
		return nil
	}
	for _, tt := range []struct {
		shape synth.Shape
		top   string
	}{
		{countyShape(t), county},
		{synth.Shape{Name: "small province", Root: county[:2] + "0000000000", Cities: 3, Counties: 6, Townships: 30, Villages: 90, Persons: 150}, county[:2] + "0000000000"},
		{synth.Shape{Name: "small nation", Root: "", Cities: 31, Counties: 40, Townships: 80, Villages: 200, Persons: 200}, ""},
	} {
		t.Run(tt.shape.Name, func(t *testing.T) {
			db, _ := generate(t, tt.shape, 11)
			top, err := refdata.TopRegionIn(ctx, db.Client)
			if err != nil || top != tt.top {
				t.Fatalf("top region of the %s: %q, %v; want %q", tt.shape.Name, top, err, tt.top)
			}
			// The village-point coverage by its definition, over the top's villages.
			villages := db.Client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE), workforce.InRegion(top))
			total, err := villages.Clone().Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			covered, err := villages.Where(region.HasServicePointsWith(servicepoint.TierEQ(servicepoint.TierVILLAGE_POINT),
				servicepoint.Or(servicepoint.OpenedOnIsNil(), servicepoint.OpenedOnLTE(d)),
				servicepoint.Or(servicepoint.ClosedOnIsNil(), servicepoint.ClosedOnGT(d)))).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			all, err := db.Client.Region.Query().Where(region.LevelEQ(region.LevelVILLAGE)).Count(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if total != all {
				t.Fatalf("the top region %q holds %d of the %d villages", top, total, all)
			}
			got := measure(db, top, "network.village_point_coverage", "")
			if got == nil || *got != float64(covered)/float64(total) {
				t.Fatalf("village-point coverage of the top: %s, want %d/%d", show(got), covered, total)
			}
			for _, key := range []string{"network.village_point_coverage", "network.community_worker_skill_coverage", "linkage.volunteer_registration_rate"} {
				// The deployment topped by the reference county measures the county, whatever
				// else the database holds.
				if a, b := measure(db, county, key, ""), measure(db, top, key, county); show(a) != show(b) {
					t.Errorf("%s with the county as the top: %s, the county: %s", key, show(a), show(b))
				}
			}
			if top == "" {
				// A national deployment's top is more than the county: every region.
				if a, b := measure(db, "", "linkage.volunteer_registration_rate", ""), measure(db, county, "linkage.volunteer_registration_rate", ""); show(a) == show(b) {
					t.Errorf("volunteer rate of the whole country %s equals the county's", show(a))
				}
			}
		})
	}
}

// Generate leaves the schema as the migration made it: every index and, on PostgreSQL, every
// foreign key it dropped for the load is back, also when the pool allows one connection (the
// indexes are then built on that one alone).
func TestGenerateRestoresTheSchema(t *testing.T) {
	ctx, cancel := context.WithTimeout(system(), 5*time.Minute)
	defer cancel()
	schema := func(db *store.DB) []string {
		t.Helper()
		q := `SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()
			UNION ALL SELECT conname FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace
			ORDER BY 1`
		if db.Dialect == dialect.SQLite {
			q = "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY 1"
		}
		rows, err := db.SQL.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			out = append(out, name)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := schema(testdb.Open(t))
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatal(err)
	}
	db.SQL.SetMaxOpenConns(1)
	shape := countyShape(t)
	shape.Persons = 50
	if _, err := synth.Generate(ctx, db, synth.Options{Shape: shape, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if got := schema(db); !slices.Equal(got, want) {
		t.Fatalf("after generating: %d indexes and keys %v\nwant %d: %v", len(got), got, len(want), want)
	}
}
