package refdata

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/ent/region"
	"swtalent/internal/validate"
)

// TopRegionAuto is the value of the top-region setting (--top-region, SWTALENT_TOP_REGION) that
// reads the deployment's top region from the database's regions (TopRegionIn); it is the default.
const TopRegionAuto = "auto"

// ResolveTopRegion returns the deployment's top region for the top-region setting: TopRegionAuto
// reads it from the regions (TopRegionIn); "" is the whole country (every region, no top); any
// other value must be the 12-digit code of a region in the database, or in the regions file while
// the database holds no region yet (a new database, before the reference data is loaded).
// Indicators asked without a region code measure the top region: the county of a county's
// deployment, the province of a province's, every record of a national one.
func ResolveTopRegion(ctx context.Context, client *ent.Client, setting string) (string, error) {
	switch setting {
	case TopRegionAuto:
		return TopRegionIn(ctx, client)
	case "":
		return "", nil
	}
	if validate.RegionLevelOf(setting) == "" {
		return "", fmt.Errorf("top region %q: not a 12-digit region code (or %q, or empty for the whole country)", setting, TopRegionAuto)
	}
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	found, err := client.Region.Query().Where(region.Code(setting)).Exist(ctx)
	if err != nil {
		return "", fmt.Errorf("top region: %w", err)
	}
	if found {
		return setting, nil
	}
	held, err := client.Region.Query().Exist(ctx)
	if err != nil {
		return "", fmt.Errorf("top region: %w", err)
	}
	if !held {
		rows, err := Regions()
		if err != nil {
			return "", fmt.Errorf("top region: %w", err)
		}
		for _, r := range rows {
			if r.Code == setting {
				return setting, nil
			}
		}
	}
	return "", fmt.Errorf("top region %q: no region has this code", setting)
}

// TopRegionIn returns the deployment's top region as the database's region tree describes it, by
// TopRegionCode's rule: starting at the regions without a parent, it descends while there is
// exactly one and that one has exactly one child. A database of the reference county yields the
// county; one generated at province scale the province; one with several provinces "" (the
// whole country). A database without any region yet yields the regions file's top region
// (TopRegionCode), which loading the reference data puts there.
func TopRegionIn(ctx context.Context, client *ent.Client) (string, error) {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	level, err := client.Region.Query().Where(region.ParentIDIsNil()).Select(region.FieldID, region.FieldCode).Limit(2).All(ctx)
	if err != nil {
		return "", fmt.Errorf("top region: %w", err)
	}
	if len(level) == 0 {
		return TopRegionCode()
	}
	for len(level) == 1 {
		top := level[0]
		if level, err = client.Region.Query().Where(region.ParentID(top.ID)).Select(region.FieldID, region.FieldCode).Limit(2).All(ctx); err != nil {
			return "", fmt.Errorf("top region: %w", err)
		}
		if len(level) != 1 {
			return top.Code, nil
		}
	}
	return "", nil
}
