package schema

import (
	"context"
	"fmt"

	"entgo.io/ent"

	gen "swtalent/ent"
	"swtalent/ent/department"
	"swtalent/ent/hook"
	"swtalent/ent/plantask"
	"swtalent/ent/taskreport"
	"swtalent/internal/apperr"
)

// Hooks of TaskReport: a valid period, progress text, a department responsible for the task, and
// one report per task, department and period.
func (TaskReport) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.TaskReportFunc(func(ctx context.Context, m *gen.TaskReportMutation) (ent.Value, error) {
				if err := checkTaskReport(ctx, m); err != nil {
					return nil, err
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}

// checkTaskReport applies the report rules to the report a mutation leaves behind.
func checkTaskReport(ctx context.Context, m *gen.TaskReportMutation) error {
	r := gen.TaskReport{}
	if id, ok := m.ID(); ok && m.Op().Is(ent.OpUpdateOne) {
		cur, err := m.Client().TaskReport.Get(unrestricted(ctx), id)
		if err != nil {
			return fmt.Errorf("load task report: %w", err)
		}
		r = *cur
	}
	if v, ok := m.Progress(); ok {
		s, err := required("progress", v)
		if err != nil {
			return err
		}
		m.SetProgress(s)
	}
	period, hasPeriod := m.Period()
	task, hasTask := m.TaskID()
	dept, hasDept := m.DepartmentID()
	if !hasPeriod && !hasTask && !hasDept {
		return nil
	}
	if hasPeriod {
		r.Period = period
	}
	if hasTask {
		r.TaskID = task
	}
	if hasDept {
		r.DepartmentID = dept
	}
	if !r.Period.Valid() {
		return apperr.Invalid("period", "报告期无效", "period is not valid")
	}
	if r.Period.Start().After(today()) {
		return apperr.Invalid("period", "不能为尚未开始的报告期报告进展", "progress cannot be reported for a period that has not begun")
	}
	responsible, err := m.Client().PlanTask.Query().
		Where(plantask.ID(r.TaskID), plantask.HasResponsibleWith(department.ID(r.DepartmentID))).Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check responsible department: %w", err)
	}
	if !responsible {
		return apperr.Invalid("departmentID", "该单位不是此任务的责任单位", "the department is not responsible for this task")
	}
	q := m.Client().TaskReport.Query().Where(taskreport.TaskID(r.TaskID), taskreport.DepartmentID(r.DepartmentID),
		taskreport.PeriodEQ(r.Period))
	if r.ID != 0 {
		q.Where(taskreport.IDNEQ(r.ID))
	}
	dup, err := q.Exist(unrestricted(ctx))
	if err != nil {
		return fmt.Errorf("check duplicate report: %w", err)
	}
	if dup {
		return apperr.Conflict("period", fmt.Sprintf("该单位已报告此任务 %s 的进展", r.Period),
			fmt.Sprintf("the department has already reported on this task for %s", r.Period))
	}
	return nil
}

// Hooks of JointMeeting: a trimmed title and decisions, and a date not in the future.
func (JointMeeting) Hooks() []ent.Hook {
	return []ent.Hook{
		hook.On(func(next ent.Mutator) ent.Mutator {
			return hook.JointMeetingFunc(func(ctx context.Context, m *gen.JointMeetingMutation) (ent.Value, error) {
				if v, ok := m.Title(); ok {
					s, err := required("title", v)
					if err != nil {
						return nil, err
					}
					m.SetTitle(s)
				}
				if v, ok := m.Decisions(); ok {
					s, err := required("decisions", v)
					if err != nil {
						return nil, err
					}
					m.SetDecisions(s)
				}
				if v, ok := m.HeldOn(); ok {
					if err := notAfterToday("heldOn", v); err != nil {
						return nil, err
					}
				}
				return next.Mutate(ctx, m)
			})
		}, ent.OpCreate|ent.OpUpdateOne),
	}
}
