package refdata

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/region"
	"swtalent/internal/validate"
)

// upsertRegions creates or updates the regions by code, parents first. A new region's parent is
// the existing region with the nearest enclosing code (from the file or already in the
// database); an existing region keeps its parent, which is immutable.
func upsertRegions(ctx context.Context, client *ent.Client, rows []RegionRow) error {
	rows = slices.Clone(rows)
	sortByLevel(rows)
	var codes []string
	for _, r := range rows {
		codes = append(codes, r.Code)
		ParentCode(r.Code, func(c string) bool { codes = append(codes, c); return false })
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	existing, err := client.Region.Query().Where(region.CodeIn(codes...)).All(ctx)
	if err != nil {
		return fmt.Errorf("load regions: query existing: %w", err)
	}
	byCode := make(map[string]*ent.Region, len(codes))
	for _, r := range existing {
		byCode[r.Code] = r
	}
	exists := func(code string) bool { return byCode[code] != nil }
	for _, r := range rows {
		level := region.Level(validate.RegionLevelOf(r.Code))
		kind := region.Kind(r.Kind)
		if cur := byCode[r.Code]; cur != nil {
			if cur.Name == r.Name && cur.Kind == kind && cur.Level == level {
				continue
			}
			upd, err := cur.Update().SetName(r.Name).SetKind(kind).SetLevel(level).Save(ctx)
			if err != nil {
				return fmt.Errorf("load regions: update %s %s: %w", r.Code, r.Name, err)
			}
			byCode[r.Code] = upd
			continue
		}
		create := client.Region.Create().SetCode(r.Code).SetName(r.Name).SetKind(kind).SetLevel(level)
		if p := ParentCode(r.Code, exists); p != "" {
			create.SetParentID(byCode[p].ID)
		}
		created, err := create.Save(ctx)
		if err != nil {
			return fmt.Errorf("load regions: create %s %s: %w", r.Code, r.Name, err)
		}
		byCode[r.Code] = created
	}
	return nil
}
