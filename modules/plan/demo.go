package plan

import (
	"context"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/plantask"
	"swtalent/ent/taskreport"
	"swtalent/internal/civil"
	"swtalent/internal/demo"
)

// Demo adds the plan's part of the demo world: each task's lead department reports its progress
// for 2023, 2024 and 2025 (and a second responsible department for 2025), and two joint meetings.
func (m *Module) Demo(ctx context.Context, w *demo.World) error {
	c := w.Client
	tasks, err := c.PlanTask.Query().WithResponsible().Order(plantask.ByPosition()).All(ctx)
	if err != nil {
		return fmt.Errorf("load plan tasks: %w", err)
	}
	progress := map[int]string{
		2023: "制定年度工作方案，明确责任分工，启动各项工作。",
		2024: "按方案推进，完成年度阶段目标，部分指标提前完成。",
		2025: "全面完成计划任务，开展总结评估。",
	}
	var bulk []*ent.TaskReportCreate
	for i, t := range tasks {
		if len(t.Edges.Responsible) == 0 {
			continue
		}
		for _, year := range []int{2023, 2024, 2025} {
			status := taskreport.StatusIN_PROGRESS
			text := progress[year]
			switch {
			case year == 2023 && i%4 == 3:
				status, text = taskreport.StatusNOT_STARTED, "尚未启动，待相关配套政策出台。"
			case year == 2025 && i%3 != 2:
				status = taskreport.StatusDONE
			case year == 2025:
				text = "主体工作已完成，个别指标仍在推进。"
			}
			bulk = append(bulk, c.TaskReport.Create().SetDemo(true).SetTask(t).SetDepartment(t.Edges.Responsible[0]).
				SetPeriod(civil.YearPeriod(year)).SetStatus(status).SetProgress(text))
		}
		if len(t.Edges.Responsible) > 1 {
			bulk = append(bulk, c.TaskReport.Create().SetDemo(true).SetTask(t).SetDepartment(t.Edges.Responsible[1]).
				SetPeriod(civil.YearPeriod(2025)).SetStatus(taskreport.StatusIN_PROGRESS).
				SetProgress("配合牵头单位推进，已完成本部门承担的工作。"))
		}
	}
	if _, err := c.TaskReport.CreateBulk(bulk...).Save(ctx); err != nil {
		return fmt.Errorf("create task reports: %w", err)
	}
	var present []*ent.Department
	for _, name := range []string{"县民政局", "县委组织部", "县财政局", "县人力资源和社会保障局", "县教育局", "县总工会"} {
		if d := w.Departments[name]; d != nil {
			present = append(present, d)
		}
	}
	for _, mt := range []struct {
		on        civil.Date
		title     string
		decisions string
	}{
		{civil.DateFor(2023, 4, 20), "2023年社会工作人才队伍建设联席会议",
			"审议通过年度工作要点；明确各成员单位任务分工；建立季度报送制度。"},
		{civil.DateFor(2024, 12, 18), "2024年社会工作人才队伍建设联席会议",
			"通报年度进展；研究社区工作者职业津贴发放办法；部署2025年重点工作。"},
	} {
		if _, err := c.JointMeeting.Create().SetDemo(true).SetHeldOn(mt.on).SetTitle(mt.title).
			SetDecisions(mt.decisions).AddDepartments(present...).Save(ctx); err != nil {
			return fmt.Errorf("create joint meeting: %w", err)
		}
	}
	return nil
}
