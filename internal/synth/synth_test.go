package synth_test

import (
	"context"
	"slices"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent"
	"swtalent/ent/certificate"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
	"swtalent/internal/facts"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/internal/synth"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/internal/workforce"
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
