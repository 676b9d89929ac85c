package doubling_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/internal/validate"
	"swtalent/modules"
	"swtalent/modules/doubling"
	"swtalent/modules/plan"
)

const (
	county = "361126000000"
	caoxi  = "361126101000" // 曹溪镇
	qigong = "361126102000" // 漆工镇
)

type env struct {
	t      *testing.T
	ctx    context.Context
	client *ent.Client
	cfg    modules.Config
	mod    *doubling.Module
	seq    int
}

// newEnv opens a database holding the reference data only.
func newEnv(t *testing.T) *env {
	t.Helper()
	// The fixture writes as the system; the module's reads run with a plain context.
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	db := testdb.Open(t)
	if err := refdata.Load(ctx, db.Client); err != nil {
		t.Fatalf("load reference data: %v", err)
	}
	cfg := modules.Config{Client: db.Client, TopRegion: county, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }}
	return &env{t: t, ctx: ctx, client: db.Client, cfg: cfg, mod: doubling.New(cfg)}
}

type cert struct {
	level   enum.CertificateLevel
	passed  civil.Date
	revoked *civil.Date
}

// person creates a person working in the region with the code ("" = none), who left on left
// (zero = never), holding the certificates.
func (e *env) person(regionCode string, left civil.Date, certs ...cert) {
	e.t.Helper()
	e.seq++
	first17 := fmt.Sprintf("36112619850301%03d", e.seq)
	c := e.client.Person.Create().SetName(fmt.Sprintf("人员%d", e.seq)).SetIDNumber(first17 + string(validate.IDCheckChar(first17)))
	if regionCode != "" {
		c.SetRegion(e.client.Region.Query().Where(region.Code(regionCode)).OnlyX(e.ctx))
	}
	if !left.IsZero() {
		c.SetLeftOn(left)
	}
	p, err := c.Save(e.ctx)
	if err != nil {
		e.t.Fatalf("create person: %v", err)
	}
	for i, ct := range certs {
		cc := e.client.Certificate.Create().
			SetNumber(fmt.Sprintf("2020%010d%04d", e.seq, i)).
			SetLevel(ct.level).SetPassedOn(ct.passed).SetHolder(p)
		if ct.revoked != nil {
			cc.SetRevokedOn(*ct.revoked)
		}
		if _, err := cc.Save(e.ctx); err != nil {
			e.t.Fatalf("create certificate: %v", err)
		}
	}
}

func d(y int, m time.Month, day int) civil.Date { return civil.DateFor(y, m, day) }
func ptr(v civil.Date) *civil.Date              { return &v }

func TestCertifiedSeriesRejectsBadRanges(t *testing.T) {
	e := newEnv(t)
	q := e.mod.Query()
	for _, tt := range []struct{ from, to int }{
		{2025, 2024}, // backwards
		{2000, 2050}, // 51 years
		{1990, 2045},
		{2000, 3000},
	} {
		_, err := q.CertifiedSeries(context.Background(), tt.from, tt.to, nil)
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.CodeBadUserInput || ae.Field != "toYear" {
			t.Errorf("certifiedSeries(%d, %d): %v, want BAD_USER_INPUT on toYear", tt.from, tt.to, err)
		}
	}
	for _, tt := range []struct{ from, to int }{{2023, 2023}, {2000, 2049}} {
		s, err := q.CertifiedSeries(context.Background(), tt.from, tt.to, nil)
		if err != nil {
			t.Errorf("certifiedSeries(%d, %d): %v", tt.from, tt.to, err)
			continue
		}
		if len(s) != tt.to-tt.from+1 || s[0].Year != tt.from || s[len(s)-1].Year != tt.to {
			t.Errorf("certifiedSeries(%d, %d): %d entries from %d", tt.from, tt.to, len(s), s[0].Year)
		}
	}
	code := "361126999000"
	_, err := q.CertifiedSeries(context.Background(), 2022, 2025, &code)
	if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeBadUserInput || ae.Field != "regionCode" {
		t.Errorf("certifiedSeries in an unknown region: %v, want BAD_USER_INPUT on regionCode", err)
	}
}

func TestCertifiedSeriesCountsAtYearEnd(t *testing.T) {
	e := newEnv(t)
	e.person(caoxi, civil.Date{}, cert{enum.LevelAssistant, d(2022, 12, 31), nil})                                        // from 2022
	e.person(qigong, civil.Date{}, cert{enum.LevelAssistant, d(2023, 1, 1), nil})                                         // from 2023
	e.person(caoxi, d(2024, 12, 31), cert{enum.LevelIntermediate, d(2021, 5, 1), nil})                                    // 2021–2023
	e.person(caoxi, civil.Date{}, cert{enum.LevelAssistant, d(2021, 5, 1), ptr(d(2023, 12, 31))})                         // 2021–2022
	e.person("", civil.Date{}, cert{enum.LevelSenior, d(2022, 6, 1), nil}, cert{enum.LevelAssistant, d(2020, 6, 1), nil}) // no workplace
	want := map[int]int{2020: 1, 2021: 3, 2022: 4, 2023: 4, 2024: 3}
	s, err := e.mod.Query().CertifiedSeries(context.Background(), 2020, 2024, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range s {
		if y.Total != want[y.Year] {
			t.Errorf("%d: %d certified, want %d", y.Year, y.Total, want[y.Year])
		}
	}
	code := caoxi
	s, err = e.mod.Query().CertifiedSeries(context.Background(), 2022, 2023, &code)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 2 || s[0].Total != 3 || s[1].Total != 2 {
		t.Fatalf("series in 曹溪镇: %+v, want 3 then 2", s)
	}
}

func TestByLevelSumsToTotal(t *testing.T) {
	e := newEnv(t)
	none := civil.Date{}
	e.person(caoxi, none, cert{enum.LevelAssistant, d(2019, 6, 1), nil}, cert{enum.LevelIntermediate, d(2021, 6, 1), nil})
	e.person(caoxi, none, cert{enum.LevelAssistant, d(2020, 6, 1), nil}, cert{enum.LevelSenior, d(2022, 6, 1), ptr(d(2024, 1, 1))})
	e.person(qigong, none, cert{enum.LevelSenior, d(2023, 6, 1), nil})
	e.person("", none, cert{enum.LevelAssistant, d(2023, 6, 1), nil}, cert{enum.LevelAssistant, d(2021, 6, 1), nil})
	e.person(caoxi, d(2025, 3, 1), cert{enum.LevelIntermediate, d(2020, 6, 1), nil}) // left
	e.person(qigong, none, cert{enum.LevelIntermediate, d(2024, 6, 1), nil})         // passed in 2024

	tests := []struct {
		region string
		asOf   civil.Date
		total  int
		levels [3]int // ASSISTANT, INTERMEDIATE, SENIOR
	}{
		{"", d(2025, 12, 31), 5, [3]int{2, 2, 1}},
		{"", d(2023, 12, 31), 5, [3]int{1, 2, 2}},
		{caoxi, d(2025, 12, 31), 2, [3]int{1, 1, 0}},
		{qigong, d(2025, 12, 31), 2, [3]int{0, 1, 1}},
	}
	for _, tt := range tests {
		var code *string
		if tt.region != "" {
			code = &tt.region
		}
		w, err := e.mod.Query().CertifiedWorkforce(context.Background(), &tt.asOf, code)
		if err != nil {
			t.Fatal(err)
		}
		total, err := w.Total(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		levels, err := w.ByLevel(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		sum := 0
		var got [3]int
		for i, l := range levels {
			sum += l.Count
			if i < 3 {
				got[i] = l.Count
			}
		}
		if sum != total || total != tt.total || len(levels) != 3 || got != tt.levels ||
			levels[0].Level != enum.LevelAssistant || levels[2].Level != enum.LevelSenior {
			t.Errorf("in %q at %s: total %d, by level %v (sum %d); want %d, %v",
				tt.region, tt.asOf, total, got, sum, tt.total, tt.levels)
		}
	}
}

// The growth against 2022 is unknown, not zero or infinite, when nothing was certified in 2022.
func TestGrowthUnknownWithoutBase(t *testing.T) {
	e := newEnv(t)
	growth := indicator(t, e.mod, "certified_growth_vs_2022")
	if growth.Kind != modules.Ratio {
		t.Fatalf("growth kind %s, want RATIO", growth.Kind)
	}
	at := modules.Scope{AsOf: d(2023, 12, 31)}
	v, err := growth.Measure(context.Background(), at)
	if err != nil || v != nil {
		t.Fatalf("growth on an empty database = %v, %v; want nil (unknown)", v, err)
	}

	// The plan reports it as UNKNOWN, not as a missed target.
	p, err := plan.New(e.cfg, []modules.Module{e.mod}).Plan(context.Background(), ptr(d(2023, 12, 31)), nil)
	if err != nil {
		t.Fatal(err)
	}
	inis, err := p.Initiatives(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range inis[0].Indicators {
		if ind.Key == "certified_growth_vs_2022" && (ind.Actual != nil || ind.Status != plan.Unknown) {
			t.Fatalf("plan growth: actual %v status %s, want null and UNKNOWN", ind.Actual, ind.Status)
		}
	}

	// Someone certified at the end of 2022 makes it known: 2 in 2023 against 1 in 2022.
	e.person(caoxi, civil.Date{}, cert{enum.LevelAssistant, d(2022, 3, 1), nil})
	e.person(caoxi, civil.Date{}, cert{enum.LevelAssistant, d(2023, 3, 1), nil})
	v, err = growth.Measure(context.Background(), at)
	if err != nil || v == nil || *v != 2 {
		t.Fatalf("growth 2023 against 2022 = %v, %v; want 2", v, err)
	}
	// In a township with nobody certified in 2022 it is unknown again.
	v, err = growth.Measure(context.Background(), modules.Scope{AsOf: at.AsOf, RegionCode: qigong})
	if err != nil || v != nil {
		t.Fatalf("growth in 漆工镇 = %v, %v; want nil", v, err)
	}
}

func indicator(t *testing.T, m *doubling.Module, key string) modules.Indicator {
	t.Helper()
	for _, ind := range m.Indicators() {
		if ind.Key == key {
			return ind
		}
	}
	t.Fatalf("no indicator %s", key)
	return modules.Indicator{}
}
