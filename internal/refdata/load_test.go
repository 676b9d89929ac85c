package refdata_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/department"
	"swtalent/ent/plantarget"
	"swtalent/ent/plantask"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
)

// openDB opens a fresh test database.
func openDB(t *testing.T) *ent.Client {
	t.Helper()
	return testdb.Open(t).Client
}

// counts are the numbers of reference rows in a database.
type counts struct{ regions, townships, departments, tasks, targets int }

func countRows(t *testing.T, ctx context.Context, c *ent.Client) counts {
	t.Helper()
	var n counts
	var err error
	must := func(v int, e error) int {
		if e != nil && err == nil {
			err = e
		}
		return v
	}
	n.regions = must(c.Region.Query().Count(ctx))
	n.townships = must(c.Region.Query().Where(region.LevelEQ(region.LevelTOWNSHIP)).Count(ctx))
	n.departments = must(c.Department.Query().Count(ctx))
	n.tasks = must(c.PlanTask.Query().Count(ctx))
	n.targets = must(c.PlanTarget.Query().Count(ctx))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// lastUpdate is the latest updated_at over the reference tables.
func lastUpdate(t *testing.T, ctx context.Context, c *ent.Client) time.Time {
	t.Helper()
	var latest time.Time
	note := func(ts time.Time) {
		if ts.After(latest) {
			latest = ts
		}
	}
	regions, err := c.Region.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regions {
		note(r.UpdatedAt)
	}
	depts, err := c.Department.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range depts {
		note(d.UpdatedAt)
	}
	tasks, err := c.PlanTask.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range tasks {
		note(x.UpdatedAt)
	}
	targets, err := c.PlanTarget.Query().All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range targets {
		note(x.UpdatedAt)
	}
	return latest
}

func TestLoadTwice(t *testing.T) {
	ctx := system()
	c := openDB(t)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	want := counts{regions: 20, townships: 17, departments: 17, tasks: 13, targets: 16}
	if got := countRows(t, ctx, c); got != want {
		t.Fatalf("after first load: %+v, want %+v", got, want)
	}
	before := lastUpdate(t, ctx, c)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	if got := countRows(t, ctx, c); got != want {
		t.Errorf("after second load: %+v, want %+v", got, want)
	}
	if after := lastUpdate(t, ctx, c); !after.Equal(before) {
		t.Errorf("second load changed rows: last update %v, was %v", after, before)
	}
}

func TestLoadRegions(t *testing.T) {
	ctx := system()
	c := openDB(t)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	town, err := c.Region.Query().Where(region.Code("361126101000")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if town.Name != "曹溪镇" || town.Kind != region.KindTOWN || town.Level != region.LevelTOWNSHIP {
		t.Errorf("361126101000 = %s %s %s", town.Name, town.Kind, town.Level)
	}
	var chain []string
	for r := town; ; {
		p, err := r.QueryParent().Only(ctx)
		if ent.IsNotFound(err) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		chain = append(chain, p.Code+" "+string(p.Level))
		r = p
	}
	want := []string{"361126000000 COUNTY", "361100000000 CITY", "360000000000 PROVINCE"}
	if !slices.Equal(chain, want) {
		t.Errorf("parent chain of 曹溪镇 = %v, want %v", chain, want)
	}
	roots, err := c.Region.Query().Where(region.Not(region.HasParent())).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(roots) != 1 || roots[0].Code != "360000000000" {
		t.Errorf("regions without parent: %v", roots)
	}
}

func TestLoadDepartmentsAndTasks(t *testing.T) {
	ctx := system()
	c := openDB(t)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	mca, err := c.Department.Query().Where(department.ShortName("县民政局")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantFields := []enum.ServiceField{enum.FieldSocialWelfare, enum.FieldSocialAssistance, enum.FieldCommunityDevelopment}
	if mca.Name != "弋阳县民政局" || mca.Kind != department.KindGOVERNMENT || !slices.Equal(mca.Fields, wantFields) {
		t.Errorf("县民政局 = %s %s %v", mca.Name, mca.Kind, mca.Fields)
	}
	party, err := c.Department.Query().Where(department.ShortName("县委组织部")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(party.Fields) != 0 {
		t.Errorf("县委组织部 fields = %v, want none", party.Fields)
	}
	task, err := c.PlanTask.Query().Where(plantask.Code("T1.1")).WithResponsible().Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(task.Edges.Responsible) != 14 || task.ResponsibleSource != "listed" {
		t.Errorf("T1.1: %d responsible, source %q", len(task.Edges.Responsible), task.ResponsibleSource)
	}
	g3, err := c.PlanTask.Query().Where(plantask.Code("G3")).QueryResponsible().Order(department.ByShortName()).All(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range g3 {
		names = append(names, d.ShortName)
	}
	if !slices.Equal(names, []string{"县委宣传部", "县民政局"}) {
		t.Errorf("G3 responsible = %v", names)
	}
}

func TestLoadUpdatesChangedRows(t *testing.T) {
	ctx := system()
	c := openDB(t)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	// Simulate a database loaded from older files: change rows, then load again.
	if _, err := c.Region.Update().Where(region.Code("361126101000")).SetName("旧名镇").Save(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Department.Update().Where(department.ShortName("县民政局")).SetName("旧名").ClearFields().Save(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PlanTask.Update().Where(plantask.Code("T1.4")).SetTitle("旧标题").ClearResponsible().Save(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PlanTarget.Update().Where(plantarget.Indicator("hub_agencies")).SetValue(9).Save(ctx); err != nil {
		t.Fatal(err)
	}
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	if r := c.Region.Query().Where(region.Code("361126101000")).OnlyX(ctx); r.Name != "曹溪镇" {
		t.Errorf("region name = %s, want 曹溪镇", r.Name)
	}
	if d := c.Department.Query().Where(department.ShortName("县民政局")).OnlyX(ctx); d.Name != "弋阳县民政局" || len(d.Fields) != 3 {
		t.Errorf("department = %s %v", d.Name, d.Fields)
	}
	task := c.PlanTask.Query().Where(plantask.Code("T1.4")).WithResponsible().OnlyX(ctx)
	if task.Title != "进一步深化校地合作" || len(task.Edges.Responsible) != 2 {
		t.Errorf("task T1.4 = %s with %d responsible", task.Title, len(task.Edges.Responsible))
	}
	if tg := c.PlanTarget.Query().Where(plantarget.Indicator("hub_agencies")).OnlyX(ctx); tg.Value != 1 {
		t.Errorf("hub_agencies target = %v, want 1", tg.Value)
	}
}

func TestLoadKeepsRevisedTarget(t *testing.T) {
	ctx := system()
	c := openDB(t)
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	revised := time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)
	n, err := c.PlanTarget.Update().
		Where(plantarget.Module("doubling"), plantarget.Indicator("certified_social_workers"), plantarget.Year(2025)).
		SetValue(170).SetComparator(plantarget.ComparatorAtLeast).SetRevisedAt(revised).
		Save(ctx)
	if err != nil || n != 1 {
		t.Fatalf("revise target: %d rows, %v", n, err)
	}
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	tg, err := c.PlanTarget.Query().
		Where(plantarget.Module("doubling"), plantarget.Indicator("certified_social_workers"), plantarget.Year(2025)).
		Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tg.Value != 170 || tg.Comparator != plantarget.ComparatorAtLeast || tg.RevisedAt == nil {
		t.Errorf("revised target after reload = %v %s revised %v", tg.Value, tg.Comparator, tg.RevisedAt)
	}
	if n := c.PlanTarget.Query().CountX(ctx); n != 16 {
		t.Errorf("targets = %d, want 16", n)
	}
}

// system is the context of the system tasks these tests check: no viewer limits what they see.
func system() context.Context {
	return privacy.DecisionContext(context.Background(), privacy.Allow)
}
