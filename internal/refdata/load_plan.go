package refdata

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/plantarget"
)

// upsertPlanTasks creates or updates the plan tasks by code and sets their responsible
// departments to exactly those the file names. An unknown department is an error naming it and
// the task.
func upsertPlanTasks(ctx context.Context, client *ent.Client, rows []PlanTaskRow, depts map[string]*ent.Department) error {
	all, err := client.PlanTask.Query().WithResponsible().All(ctx)
	if err != nil {
		return fmt.Errorf("load plan tasks: query existing: %w", err)
	}
	byCode := make(map[string]*ent.PlanTask, len(all))
	for _, t := range all {
		byCode[t.Code] = t
	}
	for pos, r := range rows {
		var ids []int
		for _, name := range r.Responsible {
			d := depts[name]
			if d == nil {
				return fmt.Errorf("load plan tasks: task %s names unknown responsible department %q", r.Code, name)
			}
			ids = append(ids, d.ID)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		cur := byCode[r.Code]
		if cur == nil {
			_, err := client.PlanTask.Create().
				SetCode(r.Code).SetPosition(pos + 1).SetSection(r.Section).SetTitle(r.Title).
				SetResponsibleSource(r.ResponsibleSource).
				AddResponsibleIDs(ids...).
				Save(ctx)
			if err != nil {
				return fmt.Errorf("load plan tasks: create %s: %w", r.Code, err)
			}
			continue
		}
		var have []int
		for _, d := range cur.Edges.Responsible {
			have = append(have, d.ID)
		}
		slices.Sort(have)
		sameEdges := slices.Equal(have, ids)
		if sameEdges && cur.Position == pos+1 && cur.Section == r.Section && cur.Title == r.Title && cur.ResponsibleSource == r.ResponsibleSource {
			continue
		}
		upd := cur.Update().SetPosition(pos + 1).SetSection(r.Section).SetTitle(r.Title).SetResponsibleSource(r.ResponsibleSource)
		if !sameEdges {
			upd.ClearResponsible().AddResponsibleIDs(ids...)
		}
		if _, err := upd.Save(ctx); err != nil {
			return fmt.Errorf("load plan tasks: update %s: %w", r.Code, err)
		}
	}
	return nil
}

// targetKey is the natural key of a plan target of the top region.
type targetKey struct {
	module, indicator string
	year              int
}

// upsertPlanTargets creates or updates the top region's plan targets by (module, indicator,
// year). A target an admin revised (revised_at set) is left as it is.
func upsertPlanTargets(ctx context.Context, client *ent.Client, rows []PlanTargetRow) error {
	all, err := client.PlanTarget.Query().Where(plantarget.RegionCodeEQ("")).All(ctx)
	if err != nil {
		return fmt.Errorf("load plan targets: query existing: %w", err)
	}
	byKey := make(map[targetKey]*ent.PlanTarget, len(all))
	for _, t := range all {
		byKey[targetKey{t.Module, t.Indicator, t.Year}] = t
	}
	for _, r := range rows {
		name := fmt.Sprintf("%s/%s/%d", r.Module, r.Indicator, r.Year)
		cmp := plantarget.Comparator(r.Comparator)
		cur := byKey[targetKey{r.Module, r.Indicator, r.Year}]
		if cur == nil {
			_, err := client.PlanTarget.Create().
				SetModule(r.Module).SetIndicator(r.Indicator).SetYear(r.Year).SetRegionCode("").
				SetComparator(cmp).SetValue(r.Value).SetUnit(r.Unit).SetQuote(r.Quote).
				Save(ctx)
			if err != nil {
				return fmt.Errorf("load plan targets: create %s: %w", name, err)
			}
			continue
		}
		if cur.RevisedAt != nil {
			continue
		}
		if cur.Comparator == cmp && cur.Value == r.Value && cur.Unit == r.Unit && cur.Quote == r.Quote {
			continue
		}
		_, err := cur.Update().SetComparator(cmp).SetValue(r.Value).SetUnit(r.Unit).SetQuote(r.Quote).Save(ctx)
		if err != nil {
			return fmt.Errorf("load plan targets: update %s: %w", name, err)
		}
	}
	return nil
}
