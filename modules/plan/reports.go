package plan

import (
	"context"
	"fmt"
	"sync"

	"swtalent/ent"
	"swtalent/ent/taskreport"
	"swtalent/internal/batch"
	"swtalent/internal/civil"
)

// reportsKey holds a request's reportLoaders.
type reportsKey struct{}

// reportLoaders batch PlanTask.reports within one request: a list of tasks asking for their
// reports costs one query for all of them, not one each (internal/batch: an interceptor notes
// every plan task a query of the request returns, and the first reports loads those of all of
// them). The field takes a period, so there is one loader per period asked for.
type reportLoaders struct {
	m        *Module
	mu       sync.Mutex
	tasks    []int                                       // plan tasks the request has loaded
	byPeriod map[string]*batch.Loader[[]*ent.TaskReport] // by period ("" for all periods); made on first use
}

// WithRequest gives a request its own loaders (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, reportsKey{}, &reportLoaders{m: m})
}

// noteTasks is the query interceptor that records the plan tasks a request loads.
func noteTasks() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			l, ok := ctx.Value(reportsKey{}).(*reportLoaders)
			if tasks, isTasks := v.([]*ent.PlanTask); ok && isTasks && err == nil {
				ids := make([]int, len(tasks))
				for i, t := range tasks {
					ids[i] = t.ID
				}
				l.note(ids)
			}
			return v, err
		})
	})
}

// note records tasks the request has loaded, for every period's loader, now and later.
func (l *reportLoaders) note(ids []int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.tasks = append(l.tasks, ids...)
	for _, ld := range l.byPeriod {
		ld.Note(ids...)
	}
}

// loader returns the loader of one period (nil: every period).
func (l *reportLoaders) loader(period *civil.Period) *batch.Loader[[]*ent.TaskReport] {
	key := ""
	if period != nil {
		key = period.String()
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	ld := l.byPeriod[key]
	if ld == nil {
		p := period
		ld = batch.New(func(ctx context.Context, ids []int) (map[int][]*ent.TaskReport, error) {
			return l.m.fetchReports(ctx, ids, p)
		})
		ld.Note(l.tasks...)
		if l.byPeriod == nil {
			l.byPeriod = map[string]*batch.Loader[[]*ent.TaskReport]{}
		}
		l.byPeriod[key] = ld
	}
	return ld
}

// fetchReports loads the reports of several tasks in one query, each task's by period then
// department, only those of one period when given.
func (m *Module) fetchReports(ctx context.Context, ids []int, period *civil.Period) (map[int][]*ent.TaskReport, error) {
	q := m.cfg.Ent(ctx).TaskReport.Query().Where(taskreport.TaskIDIn(ids...)).
		Order(taskreport.ByPeriod(), taskreport.ByDepartmentID(), taskreport.ByID())
	if period != nil {
		q.Where(taskreport.PeriodEQ(*period))
	}
	reports, err := q.All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load task reports: %w", err)
	}
	out := make(map[int][]*ent.TaskReport, len(ids))
	for _, r := range reports {
		out[r.TaskID] = append(out[r.TaskID], r)
	}
	return out, nil
}
