package plan_test

import (
	"context"
	"slices"
	"sync"
	"testing"

	"swtalent/ent"
	"swtalent/ent/plantarget"
	"swtalent/ent/privacy"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/modules"
	"swtalent/modules/plan"
)

const (
	county   = "361126000000"
	caoxi    = "361126101000" // 曹溪镇
	qigong   = "361126102000" // 漆工镇
	fakeKey  = "fake"
	otherKey = "other"
)

var today = civil.DateFor(2026, 1, 15)

// fakeModule is a module whose indicators return fixed values and record the scopes they were
// measured in.
type fakeModule struct {
	key        string
	indicators []modules.Indicator
}

func (m *fakeModule) Info() modules.Info {
	return modules.Info{Key: m.key, Title: "Title of " + m.key, TitleZH: m.key + "的标题"}
}

func (m *fakeModule) Indicators() []modules.Indicator { return m.indicators }

// infoOnly is a module without the IndicatorSource capability.
type infoOnly struct{ key string }

func (m infoOnly) Info() modules.Info { return modules.Info{Key: m.key, Title: m.key, TitleZH: m.key} }

// scopes records the scopes Measure functions are called with.
type scopes struct {
	mu  sync.Mutex
	all []modules.Scope
}

func (s *scopes) add(sc modules.Scope) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all = append(s.all, sc)
}

func (s *scopes) list() []modules.Scope {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.all)
}

// fixed is an indicator whose value is always v.
func fixed(key string, kind modules.Kind, v float64, seen *scopes) modules.Indicator {
	return modules.Indicator{
		Key: key, Title: key, TitleZH: key, Unit: "persons", Kind: kind,
		Measure: func(_ context.Context, at modules.Scope) (*float64, error) {
			if seen != nil {
				seen.add(at)
			}
			return modules.Float(v), nil
		},
	}
}

type env struct {
	ctx    context.Context
	client *ent.Client
	cfg    modules.Config
}

// newEnv opens a database with the real reference data (regions, the plan's own targets).
func newEnv(t *testing.T) *env {
	t.Helper()
	// The fixture writes targets as the system; reading the plan needs no special rights.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatalf("load reference data: %v", err)
	}
	cfg := modules.Config{Client: db.Client, TopRegion: county, Today: func() civil.Date { return today }}
	return &env{ctx: ctx, client: db.Client, cfg: cfg}
}

// target adds a PlanTarget row.
func (e *env) target(t *testing.T, module, indicator string, year int, cmp plantarget.Comparator, value float64, region string) {
	t.Helper()
	_, err := e.client.PlanTarget.Create().
		SetModule(module).SetIndicator(indicator).SetYear(year).
		SetComparator(cmp).SetValue(value).SetRegionCode(region).
		Save(e.ctx)
	if err != nil {
		t.Fatalf("create target %s.%s %d %q: %v", module, indicator, year, region, err)
	}
}

// measure returns the plan's indicators by "module.key" as of asOf in regionCode ("" = top).
func measure(t *testing.T, m *plan.Module, asOf civil.Date, regionCode string) map[string]*plan.Indicator {
	t.Helper()
	ctx := context.Background()
	var code *string
	if regionCode != "" {
		code = &regionCode
	}
	p, err := m.Plan(ctx, &asOf, code)
	if err != nil {
		t.Fatalf("plan(%s, %q): %v", asOf, regionCode, err)
	}
	inis, err := p.Initiatives(ctx)
	if err != nil {
		t.Fatalf("initiatives(%s, %q): %v", asOf, regionCode, err)
	}
	out := map[string]*plan.Indicator{}
	for _, ini := range inis {
		for _, ind := range ini.Indicators {
			out[ini.Key+"."+ind.Key] = ind
		}
	}
	return out
}

func val(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// Where targets apply: COUNT targets only in the region a row names (rows without a region name
// the top region); SHARE targets at every level.
func TestTargetsApplyByRegion(t *testing.T) {
	e := newEnv(t)
	seen := &scopes{}
	mod := &fakeModule{key: fakeKey, indicators: []modules.Indicator{
		fixed("people", modules.Count, 12, seen),
		fixed("coverage", modules.Share, 1, seen),
		fixed("workers", modules.Count, 7, seen),
	}}
	// people: a county-wide row only.
	e.target(t, fakeKey, "people", 2025, plantarget.ComparatorGreater, 10, "")
	// coverage: a county-wide row only; shares apply everywhere.
	e.target(t, fakeKey, "coverage", 2025, plantarget.ComparatorAtLeast, 1, "")
	// workers: a county-wide row and a row for 曹溪镇.
	e.target(t, fakeKey, "workers", 2025, plantarget.ComparatorGreater, 100, "")
	e.target(t, fakeKey, "workers", 2025, plantarget.ComparatorGreater, 5, caoxi)
	// Another module's row with the same indicator key never applies to this one.
	e.target(t, otherKey, "people", 2025, plantarget.ComparatorGreater, 1, caoxi)
	m := plan.New(e.cfg, []modules.Module{mod})
	asOf := civil.DateFor(2024, 6, 30)

	tests := []struct {
		name, region, key string
		target            any // nil = none
		targets           int
		status            plan.Status
	}{
		{"COUNT in a township with only top rows: no target", caoxi, "people", nil, 0, plan.NoTarget},
		{"COUNT in the county uses the top rows", "", "people", 10.0, 1, plan.Met},
		{"COUNT with the county code given uses the top rows", county, "people", 10.0, 1, plan.Met},
		{"SHARE in a township uses the top rows", caoxi, "coverage", 1.0, 1, plan.Met},
		{"SHARE in the county", "", "coverage", 1.0, 1, plan.Met},
		{"COUNT with a row for the township uses it", caoxi, "workers", 5.0, 1, plan.Met},
		{"COUNT in the county ignores a township's row", "", "workers", 100.0, 1, plan.AtRisk},
		{"COUNT in another township: no target", qigong, "workers", nil, 0, plan.NoTarget},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ind := measure(t, m, asOf, tt.region)[fakeKey+"."+tt.key]
			if ind == nil {
				t.Fatalf("indicator %s missing", tt.key)
			}
			if val(ind.Target) != tt.target || len(ind.Targets) != tt.targets || ind.Status != tt.status {
				t.Fatalf("%s in %q: target %v, %d targets, status %s; want %v, %d, %s",
					tt.key, tt.region, val(ind.Target), len(ind.Targets), ind.Status, tt.target, tt.targets, tt.status)
			}
			for _, r := range ind.Targets {
				if r.Module != fakeKey || r.Indicator != tt.key {
					t.Fatalf("%s got the target row of %s.%s", tt.key, r.Module, r.Indicator)
				}
			}
			if (ind.Target == nil) != (ind.Comparator == nil) || (ind.Target == nil) != (ind.TargetYear == nil) {
				t.Fatalf("target, comparator and year disagree: %v %v %v", val(ind.Target), ind.Comparator, ind.TargetYear)
			}
		})
	}

	// Indicators are measured in the region asked for (the straight line's start too); the top
	// region measures everything ("").
	for _, tt := range []struct{ region, want string }{{caoxi, caoxi}, {county, ""}, {"", ""}} {
		seen.mu.Lock()
		seen.all = nil
		seen.mu.Unlock()
		measure(t, plan.New(e.cfg, []modules.Module{mod}), asOf, tt.region) // a fresh module: nothing cached

		got := seen.list()
		if len(got) < 3 {
			t.Fatalf("plan in %q measured %d times, want at least 3", tt.region, len(got))
		}
		for _, sc := range got {
			if (sc.AsOf != asOf && sc.AsOf != plan.Baseline()) || sc.RegionCode != tt.want {
				t.Fatalf("plan in %q measured at %+v, want %s (or the baseline) in %q", tt.region, sc, asOf, tt.want)
			}
		}
	}
}

// Initiatives follow the module list; modules without indicators are left out; indicators keep
// their module's order.
func TestInitiativesFollowModuleOrder(t *testing.T) {
	e := newEnv(t)
	zeta := &fakeModule{key: "zeta", indicators: []modules.Indicator{
		fixed("z2", modules.Count, 1, nil), fixed("z1", modules.Share, 0.5, nil),
	}}
	alpha := &fakeModule{key: "alpha", indicators: []modules.Indicator{fixed("a1", modules.Ratio, 2, nil)}}
	mods := []modules.Module{zeta, infoOnly{key: "plain"}, alpha}
	m := plan.New(e.cfg, mods)

	p, err := m.Plan(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.AsOf != today {
		t.Fatalf("asOf defaults to %s, want today %s", p.AsOf, today)
	}
	if p.Region == nil || p.Region.Code != county {
		t.Fatalf("region defaults to %v, want the top region %s", p.Region, county)
	}
	inis, err := p.Initiatives(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, ini := range inis {
		keys = append(keys, ini.Key)
	}
	if !slices.Equal(keys, []string{"zeta", "alpha"}) {
		t.Fatalf("initiatives %v, want [zeta alpha]", keys)
	}
	z := inis[0]
	if z.Title != "Title of zeta" || z.TitleZh != "zeta的标题" {
		t.Fatalf("initiative titles %q %q", z.Title, z.TitleZh)
	}
	if len(z.Indicators) != 2 || z.Indicators[0].Key != "z2" || z.Indicators[1].Key != "z1" {
		t.Fatalf("zeta's indicators out of order: %+v", z.Indicators)
	}
	if got := z.Indicators[1]; got.Kind != modules.Share || val(got.Actual) != 0.5 || got.Status != plan.NoTarget {
		t.Fatalf("z1: kind %s actual %v status %s", got.Kind, val(got.Actual), got.Status)
	}

	// A module list without indicator sources has no initiatives at all.
	p, err = plan.New(e.cfg, []modules.Module{infoOnly{key: "plain"}}).Plan(context.Background(), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if inis, err := p.Initiatives(context.Background()); err != nil || len(inis) != 0 {
		t.Fatalf("initiatives without sources: %d, %v", len(inis), err)
	}
}

func TestUnknownRegionCode(t *testing.T) {
	e := newEnv(t)
	m := plan.New(e.cfg, []modules.Module{&fakeModule{key: fakeKey}})
	for _, code := range []string{"361126999000", "not a code"} {
		_, err := m.Plan(context.Background(), nil, &code)
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.CodeBadUserInput || ae.Field != "regionCode" {
			t.Fatalf("plan(regionCode: %q): %v, want BAD_USER_INPUT on regionCode", code, err)
		}
	}
	empty := ""
	if p, err := m.Plan(context.Background(), nil, &empty); err != nil || p.Region == nil || p.Region.Code != county {
		t.Fatalf(`plan(regionCode: "") = %+v, %v; want the top region`, p, err)
	}
}
