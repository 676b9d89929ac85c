package refdata_test

import (
	"context"
	"testing"

	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/internal/refdata"
)

// The top-region setting: "auto" reads the database's tree (the regions file's before anything
// is loaded), "" is the whole country, a code must be a region's.
func TestResolveTopRegion(t *testing.T) {
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	c := openDB(t)
	resolve := func(setting string) (string, error) { return refdata.ResolveTopRegion(ctx, c, setting) }
	want := func(setting, code string) {
		t.Helper()
		got, err := resolve(setting)
		if err != nil || got != code {
			t.Fatalf("refdata.ResolveTopRegion(%q) = %q, %v; want %q", setting, got, err, code)
		}
	}
	refused := func(setting string) {
		t.Helper()
		if got, err := resolve(setting); err == nil {
			t.Fatalf("refdata.ResolveTopRegion(%q) = %q, want an error", setting, got)
		}
	}
	// A new database: the regions file says what loading it will hold.
	want(refdata.TopRegionAuto, "361126000000")
	want("361126000000", "361126000000")
	want("", "")
	refused("361127000000") // a code neither in the database nor in the file
	refused("3611")
	refused("whole")
	if err := refdata.Load(ctx, c); err != nil {
		t.Fatal(err)
	}
	want(refdata.TopRegionAuto, "361126000000")
	want("360000000000", "360000000000")
	want("", "")
	refused("361127000000")
	// A second county under the province: the province is the top.
	prov, err := c.Region.Query().Where(region.Code("360000000000")).Only(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.Region.Create().SetCode("361127000000").SetName("另一县").SetLevel(region.LevelCOUNTY).SetKind(region.KindCOUNTY).SetParentID(prov.ID).SaveX(ctx)
	want(refdata.TopRegionAuto, "360000000000")
	want("361127000000", "361127000000")
	// A second province: the whole country.
	c.Region.Create().SetCode("350000000000").SetName("另一省").SetLevel(region.LevelPROVINCE).SetKind(region.KindPROVINCE).SaveX(ctx)
	want(refdata.TopRegionAuto, "")
	want("361126000000", "361126000000")
}
