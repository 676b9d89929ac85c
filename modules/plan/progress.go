package plan

import (
	"context"
	"fmt"
	"strings"
	"time"

	"swtalent/ent"
	"swtalent/ent/plantarget"
	"swtalent/internal/apperr"
	"swtalent/internal/civil"
	"swtalent/internal/viewer"
)

// Reports lists a task's progress reports, by period then department, optionally of one period
// only. Within a request, the first call loads those of every task the request has loaded (see
// reportLoaders).
func (m *Module) Reports(ctx context.Context, task *ent.PlanTask, period *civil.Period) ([]*ent.TaskReport, error) {
	var (
		reports []*ent.TaskReport
		err     error
	)
	if l, ok := ctx.Value(reportsKey{}).(*reportLoaders); ok {
		reports, err = l.loader(period).Get(ctx, task.ID)
	} else {
		var all map[int][]*ent.TaskReport
		all, err = m.fetchReports(ctx, []int{task.ID}, period)
		reports = all[task.ID]
	}
	if err != nil {
		return nil, err
	}
	if reports == nil {
		reports = []*ent.TaskReport{}
	}
	return reports, nil
}

// SetTarget revises a plan target (admin only): the earlier value and comparator are kept as a
// revision with who revised it, when and why, and the target is marked revised so that reloading
// the reference data leaves it alone. The comparator stays unless a new one is given.
func (m *Module) SetTarget(ctx context.Context, id int, value float64, comparator *plantarget.Comparator, reason string) (*ent.PlanTarget, error) {
	v := viewer.FromContext(ctx)
	if v.Role != viewer.Admin {
		return nil, apperr.Forbidden("只有管理员可以调整目标值", "only an admin may revise a plan target")
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, apperr.Invalid("reason", "须说明调整理由", "reason must not be empty")
	}
	c := m.cfg.Ent(ctx)
	t, err := c.PlanTarget.Get(ctx, id)
	if err != nil {
		if ent.IsNotFound(err) {
			return nil, apperr.NotFound("目标值不存在", "no such plan target")
		}
		return nil, fmt.Errorf("load plan target: %w", err)
	}
	cmp := t.Comparator
	if comparator != nil {
		if err := plantarget.ComparatorValidator(*comparator); err != nil {
			return nil, apperr.Invalid("comparator", "比较方式无效", "comparator is not valid")
		}
		cmp = *comparator
	}
	if t.Value == value && t.Comparator == cmp {
		return nil, apperr.Invalid("value", "新目标值与现值相同", "the target already has this value and comparator")
	}
	now := time.Now()
	if _, err := c.PlanTargetRevision.Create().SetTarget(t).
		SetPreviousValue(t.Value).SetPreviousComparator(string(t.Comparator)).
		SetValue(value).SetComparator(string(cmp)).
		SetRevisedBy(v.Username).SetRevisedAt(now).SetReason(reason).Save(ctx); err != nil {
		return nil, fmt.Errorf("keep the earlier target: %w", err)
	}
	return c.PlanTarget.UpdateOne(t).SetValue(value).SetComparator(cmp).SetRevisedAt(now).Save(ctx)
}
