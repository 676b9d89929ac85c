package graph

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sort"

	"swtalent/ent/region"
	"swtalent/internal/civil"
	"swtalent/internal/dashboard"
	"swtalent/internal/viewer"
	"swtalent/modules"
	"swtalent/modules/plan"
)

// What the dashboard charts beyond the plan's indicators. Both are named by module and indicator
// key, so the page reads them through the plan like any other indicator.
const (
	// seriesModule and seriesIndicator name the indicator charted at each year end from the plan's
	// baseline year to its last target year: the certified social workers against 80 and 150.
	seriesModule, seriesIndicator = "doubling", "certified_social_workers"
	// subregionModule is the initiative whose SHARE indicators (coverage, whose targets apply at
	// every level) the table measures in each region directly below the top region.
	subregionModule = "network"
)

// dashboardHandler serves /dashboard and /dashboard/report.xlsx from the plan module.
func dashboardHandler(r *Resolver, log *slog.Logger) http.Handler {
	return dashboard.Handler(r.dashboardReport, log)
}

// dashboardReport gathers the dashboard as the anonymous public sees it, whoever asks: the plan's
// initiatives and indicators (the same measures as the plan query, so a new module's indicators
// appear without touching the page), the yearly series of one indicator, and the SHARE
// indicators of one initiative measured in every region below the top region, each through
// plan.Plan with that region's code.
func (r *Resolver) dashboardReport(ctx context.Context, asOf *civil.Date) (*dashboard.Report, error) {
	ctx = viewer.NewContext(ctx, &viewer.Viewer{Role: viewer.Public})
	for _, m := range r.Modules() {
		if rs, ok := m.(modules.RequestScoped); ok {
			ctx = rs.WithRequest(ctx)
		}
	}
	p, err := r.PlanModule.Plan(ctx, asOf, nil)
	if err != nil {
		return nil, err
	}
	inis, err := p.Initiatives(ctx)
	if err != nil {
		return nil, fmt.Errorf("dashboard: plan: %w", err)
	}
	rep := &dashboard.Report{AsOf: p.AsOf, RegionName: "全国"}
	if p.Region != nil {
		rep.RegionName = p.Region.Name
	}
	rep.Title = rep.RegionName + "社会工作人才行动计划进展"
	for _, ini := range inis {
		di := dashboard.Initiative{Key: ini.Key, TitleZH: ini.TitleZh}
		for _, ind := range ini.Indicators {
			di.Indicators = append(di.Indicators, dashboardIndicator(ind))
		}
		rep.Initiatives = append(rep.Initiatives, di)
	}
	if rep.Series, err = r.dashboardSeries(ctx, p.AsOf, find(inis, seriesModule, seriesIndicator)); err != nil {
		return nil, err
	}
	if err := r.dashboardSubregions(ctx, p, inis, rep); err != nil {
		return nil, err
	}
	return rep, nil
}

// dashboardSeries measures ind at the end of each year from the plan's baseline year to its last
// dated target's year (at asOf for a year not yet over; years after asOf's are left out); nil
// when the indicator is not provided.
func (r *Resolver) dashboardSeries(ctx context.Context, asOf civil.Date, ind *plan.Indicator) (*dashboard.Series, error) {
	if ind == nil {
		return nil, nil
	}
	s := &dashboard.Series{TitleZH: ind.TitleZh, Kind: string(ind.Kind), Unit: ind.Unit}
	last := plan.Baseline().Year
	for _, t := range ind.Targets {
		if t.Year > 0 {
			s.Targets = append(s.Targets, dashboard.SeriesTarget{Year: t.Year, Comparator: string(t.Comparator), Value: t.Value})
			last = max(last, t.Year)
		}
	}
	sort.Slice(s.Targets, func(i, j int) bool { return s.Targets[i].Year < s.Targets[j].Year })
	for y := plan.Baseline().Year; y <= min(last, asOf.Year); y++ {
		on := civil.EndOfYear(y)
		if on.After(asOf) {
			on = asOf
		}
		p, err := r.PlanModule.Plan(ctx, &on, nil)
		if err != nil {
			return nil, err
		}
		inis, err := p.Initiatives(ctx)
		if err != nil {
			return nil, fmt.Errorf("dashboard: plan at %s: %w", on, err)
		}
		pt := dashboard.Point{Year: y, On: on}
		if at := find(inis, seriesModule, seriesIndicator); at != nil {
			pt.Value = at.Actual
		}
		s.Points = append(s.Points, pt)
	}
	return s, nil
}

// dashboardSubregions fills the table of the regions directly below the plan's region (the
// townships of a county) with subregionModule's SHARE indicators measured in each.
func (r *Resolver) dashboardSubregions(ctx context.Context, p *plan.Plan, inis []*plan.Initiative, rep *dashboard.Report) error {
	var cols []*plan.Indicator
	for _, ini := range inis {
		if ini.Key != subregionModule {
			continue
		}
		for _, ind := range ini.Indicators {
			if ind.Kind == modules.Share {
				cols = append(cols, ind)
				rep.Columns = append(rep.Columns, dashboard.Column{Key: ind.Key, TitleZH: ind.TitleZh, Kind: string(ind.Kind), Unit: ind.Unit})
			}
		}
	}
	if len(cols) == 0 || p.Region == nil {
		return nil
	}
	subs, err := p.Region.QueryChildren().Order(region.ByCode()).All(ctx)
	if err != nil {
		return fmt.Errorf("dashboard: regions below %s: %w", p.Region.Code, err)
	}
	rep.SubregionHeading = "下级区划"
	if len(subs) > 0 && subs[0].Level == region.LevelTOWNSHIP {
		rep.SubregionHeading = "乡镇（街道）"
	}
	for _, sub := range subs {
		sp, err := r.PlanModule.Plan(ctx, &p.AsOf, &sub.Code)
		if err != nil {
			return err
		}
		sinis, err := sp.Initiatives(ctx)
		if err != nil {
			return fmt.Errorf("dashboard: plan in %s: %w", sub.Code, err)
		}
		row := dashboard.Township{Code: sub.Code, Name: sub.Name}
		for _, c := range cols {
			cell := dashboard.Cell{Status: string(plan.Unknown)}
			if ind := find(sinis, subregionModule, c.Key); ind != nil {
				cell = dashboard.Cell{Actual: ind.Actual, Status: string(ind.Status)}
			}
			row.Cells = append(row.Cells, cell)
		}
		rep.Townships = append(rep.Townships, row)
	}
	return nil
}

// dashboardIndicator copies a measured indicator for the page.
func dashboardIndicator(ind *plan.Indicator) dashboard.Indicator {
	d := dashboard.Indicator{Key: ind.Key, TitleZH: ind.TitleZh, Unit: ind.Unit, Kind: string(ind.Kind),
		Actual: ind.Actual, Target: ind.Target, Status: string(ind.Status)}
	if ind.TargetYear != nil {
		d.TargetYear = *ind.TargetYear
	}
	if ind.Comparator != nil {
		d.Comparator = string(*ind.Comparator)
	}
	if p := ind.Period; p != nil {
		d.Period = p.Label
		if p.Fallback {
			d.Period += "（本期尚无数据，取最近一期）"
		}
	}
	if ind.Note != nil {
		d.Note = *ind.Note
	}
	return d
}

// find returns the indicator key of the module's initiative, or nil.
func find(inis []*plan.Initiative, module, key string) *plan.Indicator {
	for _, ini := range inis {
		if ini.Key != module {
			continue
		}
		for _, ind := range ini.Indicators {
			if ind.Key == key {
				return ind
			}
		}
	}
	return nil
}
