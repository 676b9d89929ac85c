package plan

import (
	"context"
	"fmt"
	"runtime"

	"golang.org/x/sync/errgroup"

	"swtalent/ent"
	"swtalent/ent/department"
	"swtalent/ent/plantarget"
	"swtalent/ent/plantask"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// Plan is the plan's progress as of one date in one region (the GraphQL type Plan).
type Plan struct {
	AsOf   civil.Date
	Region *ent.Region
	m      *Module
}

// Initiative is one initiative of the plan, provided by one module.
type Initiative struct {
	Key, Title, TitleZh string
	Indicators          []*Indicator
}

// Indicator is one indicator measured at the plan's date and region.
type Indicator struct {
	Key, Title, TitleZh, Unit string
	Kind                      modules.Kind
	Actual                    *float64
	Target                    *float64
	TargetYear                *int
	Comparator                *plantarget.Comparator
	Targets                   []*ent.PlanTarget
	Status                    Status
	// Period is the period a per-period indicator measured; nil for a stock.
	Period *MeasuredPeriod
	// Note says why Actual is null when no period up to the date has data.
	Note *string

	module string
	plan   *Plan
}

// Verdict is the final verdict on one dated target whose deadline has passed: the indicator
// measured on the deadline against it (the GraphQL TargetVerdict).
type Verdict struct {
	Target   *ent.PlanTarget
	Deadline civil.Date
	Actual   *float64
	Period   *MeasuredPeriod
	Status   Status
}

// Verdicts gives, for every dated target of the indicator whose deadline (31 December of its
// year) is on or before the plan's date, the value on the deadline and whether the target was
// met then: MET or MISSED (UNKNOWN when it could not be measured). After the plan's period a
// bureau reports these beside today's value. The plan on each deadline comes from the plan
// cache, so asking again costs nothing until the next write.
func (ind *Indicator) Verdicts(ctx context.Context) ([]*Verdict, error) {
	var out []*Verdict
	for _, t := range ind.Targets {
		deadline := civil.EndOfYear(t.Year)
		if t.Year == 0 || ind.plan.AsOf.Before(deadline) {
			continue
		}
		then := &Plan{AsOf: deadline, Region: ind.plan.Region, m: ind.plan.m}
		inis, err := then.Initiatives(ctx)
		if err != nil {
			return nil, fmt.Errorf("verdict on %s.%s in %d: %w", ind.module, ind.Key, t.Year, err)
		}
		v := &Verdict{Target: t, Deadline: deadline, Status: Unknown}
		for _, ini := range inis {
			for _, x := range ini.Indicators {
				if x.module == ind.module && x.Key == ind.Key {
					v.Actual, v.Period = x.Actual, x.Period
				}
			}
		}
		v.Status = Evaluate(v.Actual, &Target{Year: t.Year, Comparator: t.Comparator, Value: t.Value}, deadline, nil)
		out = append(out, v)
	}
	return out, nil
}

// Plan answers the root query plan(asOf, regionCode).
func (m *Module) Plan(ctx context.Context, asOf *civil.Date, regionCode *string) (*Plan, error) {
	r, err := m.cfg.Region(ctx, regionCode)
	if err != nil {
		return nil, err
	}
	return &Plan{AsOf: m.cfg.AsOf(asOf), Region: r, m: m}, nil
}

// Initiatives measures every indicator of every module that has some, in the plan's order;
// results are cached per (asOf, region) until the next write (cache.go).
func (p *Plan) Initiatives(ctx context.Context) ([]*Initiative, error) {
	return p.m.cache.initiatives(ctx, p.m.cfg.Client, p, p.measureAll)
}

// measureAll measures every indicator of every module that has some, in the plan's order. The
// indicators are independent reads, so outside a transaction they run on up to GOMAXPROCS
// goroutines at once: a cold plan over a large dataset is as many aggregates as there are
// indicators, and one at a time they leave the other cores idle. Inside a mutation's
// transaction (one connection) they run one after the other.
func (p *Plan) measureAll(ctx context.Context) ([]*Initiative, error) {
	rows, err := p.m.cfg.Ent(ctx).PlanTarget.Query().
		Order(plantarget.ByYear()).
		All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load plan targets: %w", err)
	}
	scope := modules.Scope{AsOf: p.AsOf, RegionCode: p.m.cfg.ScopeCode(p.Region)}
	type job struct {
		ind    **Indicator
		module string
		def    modules.Indicator
	}
	var (
		out  []*Initiative
		jobs []job
	)
	for _, mod := range p.m.sources {
		src, ok := mod.(modules.IndicatorSource)
		if !ok {
			continue
		}
		info := mod.Info()
		defs := src.Indicators()
		ini := &Initiative{Key: info.Key, Title: info.Title, TitleZh: info.TitleZH, Indicators: make([]*Indicator, len(defs))}
		for i, def := range defs {
			jobs = append(jobs, job{ind: &ini.Indicators[i], module: info.Key, def: def})
		}
		out = append(out, ini)
	}
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	if ent.FromContext(ctx) != nil {
		g.SetLimit(1)
	}
	for _, j := range jobs {
		g.Go(func() error {
			ind, err := p.measure(gctx, j.module, j.def, scope, rows)
			if err != nil {
				return fmt.Errorf("measure %s.%s: %w", j.module, j.def.Key, err)
			}
			*j.ind = ind
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	return out, nil
}

// measure computes one indicator and rates it against its applicable target.
func (p *Plan) measure(ctx context.Context, module string, def modules.Indicator, scope modules.Scope, rows []*ent.PlanTarget) (*Indicator, error) {
	ind := &Indicator{Key: def.Key, Title: def.Title, TitleZh: def.TitleZH, Unit: def.Unit, Kind: def.Kind, module: module, plan: p}
	got, err := measureAt(ctx, def, scope)
	if err != nil {
		return nil, err
	}
	actual := got.actual
	ind.Actual, ind.Period, ind.Note = actual, got.period, got.note
	ind.Targets = targetsFor(rows, module, def.Key, def.Kind, scope.RegionCode)
	ts := make([]Target, len(ind.Targets))
	for i, r := range ind.Targets {
		ts[i] = Target{Year: r.Year, Comparator: r.Comparator, Value: r.Value}
	}
	t, ok := Applicable(ts, p.AsOf)
	if !ok {
		ind.Status = Evaluate(actual, nil, p.AsOf, nil)
		return ind, nil
	}
	ind.Target, ind.TargetYear, ind.Comparator = &t.Value, &t.Year, &t.Comparator
	var base *float64
	if actual != nil && !t.Holds(*actual) && t.Year > 0 && !p.AsOf.After(civil.EndOfYear(t.Year)) {
		if base, err = def.Measure(ctx, modules.Scope{AsOf: Baseline(), RegionCode: scope.RegionCode}); err != nil {
			return nil, err
		}
	}
	ind.Status = Evaluate(actual, &t, p.AsOf, base)
	return ind, nil
}

// targetsFor selects the target rows of one indicator that apply in a region: rows naming the
// region itself; for SHARE indicators, whose targets apply at every level, the top region's rows
// when the region has none of its own. Rows without a region name the top region ("").
func targetsFor(rows []*ent.PlanTarget, module, key string, kind modules.Kind, regionCode string) []*ent.PlanTarget {
	pick := func(code string) []*ent.PlanTarget {
		var out []*ent.PlanTarget
		for _, r := range rows {
			if r.Module == module && r.Indicator == key && r.RegionCode == code {
				out = append(out, r)
			}
		}
		return out
	}
	out := pick(regionCode)
	if len(out) == 0 && kind == modules.Share && regionCode != "" {
		out = pick("")
	}
	return out
}

// Tasks lists the plan's main tasks in the plan's order.
func (p *Plan) Tasks(ctx context.Context) ([]*ent.PlanTask, error) {
	return collect(ctx, p.m.cfg.Ent(ctx).PlanTask.Query().Order(plantask.ByPosition()))
}

// Responsibilities lists the tasks a department is responsible for, in the plan's order.
func (p *Plan) Responsibilities(ctx context.Context, departmentID int) ([]*ent.PlanTask, error) {
	q := p.m.cfg.Ent(ctx).PlanTask.Query().
		Where(plantask.HasResponsibleWith(department.ID(departmentID))).
		Order(plantask.ByPosition())
	return collect(ctx, q)
}

// collect loads the edges the request selects together with the tasks.
func collect(ctx context.Context, q *ent.PlanTaskQuery) ([]*ent.PlanTask, error) {
	q, err := q.CollectFields(ctx)
	if err != nil {
		return nil, err
	}
	return q.All(ctx)
}
