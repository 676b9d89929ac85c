package workforce_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/person"
	"swtalent/ent/predicate"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/internal/workforce"
)

// day is the reference date D of the boundary cases.
var day = civil.DateFor(2023, time.June, 15)

// fixture creates people and certificates with valid, distinct ID and certificate numbers.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	client *ent.Client
	seq    int
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	// The rules are tested, not the viewer's rights: the fixture writes and reads as the system.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	return &fixture{t: t, ctx: ctx, client: testdb.Open(t).Client}
}

// idNumber returns a valid resident ID number (Yiyang address code, born 1990-01-01) with a fresh
// sequence number and the right check character.
func (f *fixture) idNumber() string {
	f.seq++
	first17 := fmt.Sprintf("36112619900101%03d", f.seq)
	c := validate.IDCheckChar(first17)
	if c == 0 {
		f.t.Fatalf("no check character for %s", first17)
	}
	return first17 + string(c)
}

// person creates a person; edit may set more fields before saving.
func (f *fixture) person(name string, edit func(*ent.PersonCreate)) *ent.Person {
	f.t.Helper()
	c := f.client.Person.Create().SetName(name).SetIDNumber(f.idNumber())
	if edit != nil {
		edit(c)
	}
	p, err := c.Save(f.ctx)
	if err != nil {
		f.t.Fatalf("create person %s: %v", name, err)
	}
	return p
}

// cert gives p a certificate of the level passed on passed, revoked on revoked (nil: never).
func (f *fixture) cert(p *ent.Person, level enum.CertificateLevel, passed civil.Date, revoked *civil.Date) {
	f.t.Helper()
	f.seq++
	c := f.client.Certificate.Create().
		SetNumber(fmt.Sprintf("%018d", 202300000000000000+f.seq)).
		SetLevel(level).
		SetPassedOn(passed).
		SetHolder(p)
	if revoked != nil {
		c.SetRevokedOn(*revoked)
	}
	if _, err := c.Save(f.ctx); err != nil {
		f.t.Fatalf("create certificate for %s: %v", p.Name, err)
	}
}

// region creates a region below parent (nil: none).
func (f *fixture) region(code, name string, kind region.Kind, parent *ent.Region) *ent.Region {
	f.t.Helper()
	c := f.client.Region.Create().SetCode(code).SetName(name).SetKind(kind)
	if parent != nil {
		c.SetParent(parent)
	}
	r, err := c.Save(f.ctx)
	if err != nil {
		f.t.Fatalf("create region %s: %v", code, err)
	}
	return r
}

// holds reports whether the predicate holds for p, as a database query.
func (f *fixture) holds(p *ent.Person, pred predicate.Person) bool {
	f.t.Helper()
	ok, err := f.client.Person.Query().Where(person.ID(p.ID), pred).Exist(f.ctx)
	if err != nil {
		f.t.Fatalf("query: %v", err)
	}
	return ok
}

func ptr(d civil.Date) *civil.Date { return &d }

// check is one expectation: the predicate at a date holds or not.
type check struct {
	at   civil.Date
	want bool
}

func TestCertifiedAt(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		setup  func(*ent.Person)
		edit   func(*ent.PersonCreate)
		checks []check
	}{
		{
			name:   "passed on D counts at D",
			setup:  func(p *ent.Person) { f.cert(p, enum.LevelAssistant, day, nil) },
			checks: []check{{day, true}, {day.AddDate(0, 0, -1), false}},
		},
		{
			name:   "passed on D+1 does not count at D",
			setup:  func(p *ent.Person) { f.cert(p, enum.LevelAssistant, day.AddDate(0, 0, 1), nil) },
			checks: []check{{day, false}, {day.AddDate(0, 0, 1), true}},
		},
		{
			name:   "revoked on D does not count at D but counts at D-1",
			setup:  func(p *ent.Person) { f.cert(p, enum.LevelAssistant, civil.DateFor(2020, 1, 10), ptr(day)) },
			checks: []check{{day, false}, {day.AddDate(0, 0, -1), true}, {day.AddDate(0, 0, 1), false}},
		},
		{
			name:   "left on D does not count at D but counts at D-1",
			edit:   func(c *ent.PersonCreate) { c.SetJoinedOn(civil.DateFor(2019, 3, 1)).SetLeftOn(day) },
			setup:  func(p *ent.Person) { f.cert(p, enum.LevelIntermediate, civil.DateFor(2020, 1, 10), nil) },
			checks: []check{{day, false}, {day.AddDate(0, 0, -1), true}, {day.AddDate(1, 0, 0), false}},
		},
		{
			name: "two certificates, one revoked, still counts",
			setup: func(p *ent.Person) {
				f.cert(p, enum.LevelIntermediate, civil.DateFor(2020, 1, 10), ptr(civil.DateFor(2022, 5, 1)))
				f.cert(p, enum.LevelAssistant, civil.DateFor(2019, 1, 10), nil)
			},
			checks: []check{{day, true}, {civil.DateFor(2022, 5, 1), true}},
		},
		{
			name: "two certificates, both revoked, does not count",
			setup: func(p *ent.Person) {
				f.cert(p, enum.LevelIntermediate, civil.DateFor(2020, 1, 10), ptr(civil.DateFor(2022, 5, 1)))
				f.cert(p, enum.LevelAssistant, civil.DateFor(2019, 1, 10), ptr(day))
			},
			checks: []check{{day, false}, {day.AddDate(0, 0, -1), true}},
		},
		{
			name:   "no certificate does not count",
			edit:   func(c *ent.PersonCreate) { c.SetSocialWorkDegree(person.SocialWorkDegreeCOMPLETED) },
			checks: []check{{day, false}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			p := f.person("甲", tt.edit)
			if tt.setup != nil {
				tt.setup(p)
			}
			for _, c := range tt.checks {
				if got := f.holds(p, workforce.CertifiedAt(c.at)); got != c.want {
					t.Errorf("CertifiedAt(%s) = %v, want %v", c.at, got, c.want)
				}
			}
		})
	}
}

// CountCertified counts the same people as CertifiedAt, once each however many certificates
// they hold.
func TestCountCertified(t *testing.T) {
	f := newFixture(t)
	a := f.person("甲", nil)
	f.cert(a, enum.LevelAssistant, day, nil)
	f.cert(a, enum.LevelIntermediate, day, nil) // two valid certificates: one person
	b := f.person("乙", func(c *ent.PersonCreate) { c.SetLeftOn(day) })
	f.cert(b, enum.LevelAssistant, civil.DateFor(2020, 1, 1), nil)
	c := f.person("丙", nil)
	f.cert(c, enum.LevelAssistant, day.AddDate(0, 0, 1), nil)
	f.person("丁", nil)

	for _, tt := range []struct {
		at   civil.Date
		want int
	}{
		{day.AddDate(0, 0, -1), 1}, // b only
		{day, 1},                   // a; b has left
		{day.AddDate(0, 0, 1), 2},  // a and c
	} {
		n, err := workforce.CountCertified(f.ctx, f.client, tt.at, "")
		if err != nil {
			t.Fatal(err)
		}
		if n != tt.want {
			t.Errorf("CountCertified(%s) = %d, want %d", tt.at, n, tt.want)
		}
	}
}

func TestSkilledAt(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name   string
		edit   func(*ent.PersonCreate)
		setup  func(*ent.Person)
		checks []check
	}{
		{
			name:   "completed degree without certificate counts",
			edit:   func(c *ent.PersonCreate) { c.SetSocialWorkDegree(person.SocialWorkDegreeCOMPLETED) },
			checks: []check{{day, true}},
		},
		{
			name:   "degree in progress without certificate does not count",
			edit:   func(c *ent.PersonCreate) { c.SetSocialWorkDegree(person.SocialWorkDegreeIN_PROGRESS) },
			checks: []check{{day, false}},
		},
		{
			name:   "no degree and no certificate does not count",
			checks: []check{{day, false}},
		},
		{
			name:   "degree in progress with a certificate counts from the pass date",
			edit:   func(c *ent.PersonCreate) { c.SetSocialWorkDegree(person.SocialWorkDegreeIN_PROGRESS) },
			setup:  func(p *ent.Person) { f.cert(p, enum.LevelAssistant, day, nil) },
			checks: []check{{day, true}, {day.AddDate(0, 0, -1), false}},
		},
		{
			name: "completed degree but left on D does not count at D",
			edit: func(c *ent.PersonCreate) {
				c.SetSocialWorkDegree(person.SocialWorkDegreeCOMPLETED).SetLeftOn(day)
			},
			checks: []check{{day, false}, {day.AddDate(0, 0, -1), true}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			p := f.person("乙", tt.edit)
			if tt.setup != nil {
				tt.setup(p)
			}
			for _, c := range tt.checks {
				if got := f.holds(p, workforce.SkilledAt(c.at)); got != c.want {
					t.Errorf("SkilledAt(%s) = %v, want %v", c.at, got, c.want)
				}
			}
		})
	}
}

func TestHighestLevelAt(t *testing.T) {
	f := newFixture(t)
	levels := []enum.CertificateLevel{enum.LevelAssistant, enum.LevelIntermediate, enum.LevelSenior}
	tests := []struct {
		name  string
		setup func(*ent.Person)
		at    civil.Date
		want  enum.CertificateLevel // "" = counted under no level
	}{
		{
			name: "ASSISTANT and INTERMEDIATE counts only under INTERMEDIATE",
			setup: func(p *ent.Person) {
				f.cert(p, enum.LevelAssistant, civil.DateFor(2019, 6, 1), nil)
				f.cert(p, enum.LevelIntermediate, civil.DateFor(2021, 6, 1), nil)
			},
			at:   day,
			want: enum.LevelIntermediate,
		},
		{
			name: "before the higher certificate was passed, the lower one is the highest",
			setup: func(p *ent.Person) {
				f.cert(p, enum.LevelAssistant, civil.DateFor(2019, 6, 1), nil)
				f.cert(p, enum.LevelIntermediate, day.AddDate(0, 0, 1), nil)
			},
			at:   day,
			want: enum.LevelAssistant,
		},
		{
			name: "a revoked higher certificate does not count",
			setup: func(p *ent.Person) {
				f.cert(p, enum.LevelAssistant, civil.DateFor(2019, 6, 1), nil)
				f.cert(p, enum.LevelSenior, civil.DateFor(2021, 6, 1), ptr(day))
			},
			at:   day,
			want: enum.LevelAssistant,
		},
		{
			name:  "only a SENIOR certificate",
			setup: func(p *ent.Person) { f.cert(p, enum.LevelSenior, civil.DateFor(2021, 6, 1), nil) },
			at:    day,
			want:  enum.LevelSenior,
		},
		{
			name:  "no valid certificate: no level",
			setup: func(p *ent.Person) { f.cert(p, enum.LevelSenior, civil.DateFor(2021, 6, 1), ptr(day)) },
			at:    day,
			want:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f.t = t
			p := f.person("丙", nil)
			tt.setup(p)
			for _, l := range levels {
				if got, want := f.holds(p, workforce.HighestLevelAt(tt.at, l)), l == tt.want; got != want {
					t.Errorf("HighestLevelAt(%s, %s) = %v, want %v", tt.at, l, got, want)
				}
			}
		})
	}
}

func TestWorksIn(t *testing.T) {
	f := newFixture(t)
	county := f.region("361126000000", "弋阳县", region.KindCOUNTY, nil)
	caoxi := f.region("361126101000", "曹溪镇", region.KindTOWN, county)
	caoxiVillage := f.region("361126101201", "曹溪村", region.KindVILLAGE, caoxi)
	qigong := f.region("361126102000", "漆工镇", region.KindTOWN, county)
	qigongVillage := f.region("361126102201", "漆工村", region.KindVILLAGE, qigong)
	// Same last digits under a different township: a prefix or LIKE mistake would let it in.
	sanxian := f.region("361126110000", "三县岭镇", region.KindTOWN, county)

	at := func(r *ent.Region) func(*ent.PersonCreate) {
		return func(c *ent.PersonCreate) { c.SetRegion(r) }
	}
	people := map[string]*ent.Person{
		"county":        f.person("县直", at(county)),
		"caoxi":         f.person("曹溪镇人", at(caoxi)),
		"caoxiVillage":  f.person("曹溪村人", at(caoxiVillage)),
		"qigong":        f.person("漆工镇人", at(qigong)),
		"qigongVillage": f.person("漆工村人", at(qigongVillage)),
		"sanxian":       f.person("三县岭人", at(sanxian)),
		"nowhere":       f.person("无工作地", nil),
	}
	tests := []struct {
		code string
		want []string
	}{
		{"361126101000", []string{"caoxi", "caoxiVillage"}},
		{"361126101201", []string{"caoxiVillage"}},
		{"361126102000", []string{"qigong", "qigongVillage"}},
		{"361126000000", []string{"caoxi", "caoxiVillage", "county", "qigong", "qigongVillage", "sanxian"}},
		{"", []string{"caoxi", "caoxiVillage", "county", "nowhere", "qigong", "qigongVillage", "sanxian"}},
	}
	for _, tt := range tests {
		t.Run("code "+tt.code, func(t *testing.T) {
			var got []string
			for key, p := range people {
				f.t = t
				if f.holds(p, workforce.WorksIn(tt.code)) {
					got = append(got, key)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Fatalf("WorksIn(%q) = %v, want %v", tt.code, got, tt.want)
			}
		})
	}

	// The same subtree counted in one query, as the indicators do.
	for _, p := range []*ent.Person{people["caoxi"], people["caoxiVillage"], people["qigong"]} {
		f.t = t
		f.cert(p, enum.LevelAssistant, civil.DateFor(2021, 1, 1), nil)
	}
	n, err := workforce.CountCertified(f.ctx, f.client, day, "361126101000")
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("certified in 曹溪镇: %d, want 2", n)
	}
}
