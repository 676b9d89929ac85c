package plan

import (
	"context"
	"strconv"

	"swtalent/ent/plantarget"
	"swtalent/internal/transfer"
)

// SheetKinds are the module's spreadsheets: the plan's progress (export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{{
		Name:    "plan",
		TitleZH: "行动计划进展",
		Columns: []transfer.Column{
			{Key: "initiative", ZH: "计划"},
			{Key: "indicator", ZH: "指标"},
			{Key: "unit", ZH: "单位"},
			{Key: "actual", ZH: "当前值"},
			{Key: "comparator", ZH: "目标要求"},
			{Key: "target", ZH: "目标值"},
			{Key: "targetYear", ZH: "目标年度"},
			{Key: "status", ZH: "状态"},
		},
		Export: m.exportPlan,
	}}
}

// statusZH names the statuses in Chinese.
var statusZH = map[Status]string{Met: "已达成", OnTrack: "进度正常", AtRisk: "有风险", Missed: "未达成", NoTarget: "无目标", Unknown: "未知"}

// comparatorZH names the comparators in Chinese.
var comparatorZH = map[plantarget.Comparator]string{
	plantarget.ComparatorGreater: "多于", plantarget.ComparatorAtLeast: "不少于", plantarget.ComparatorLess: "少于",
	plantarget.ComparatorAtMost: "不多于", plantarget.ComparatorExactly: "等于",
}

// exportPlan lists every indicator of the plan at today's date for the deployment's top region,
// as the plan query reports it.
func (m *Module) exportPlan(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	p, err := m.Plan(ctx, &env.Today, nil)
	if err != nil {
		return err
	}
	inits, err := p.Initiatives(ctx)
	if err != nil {
		return err
	}
	num := func(f *float64) string {
		if f == nil {
			return ""
		}
		return strconv.FormatFloat(*f, 'f', -1, 64)
	}
	for _, in := range inits {
		for _, ind := range in.Indicators {
			v := map[string]string{"initiative": in.TitleZh, "indicator": ind.TitleZh, "unit": ind.Unit,
				"actual": num(ind.Actual), "target": num(ind.Target), "status": statusZH[ind.Status]}
			if ind.Comparator != nil {
				v["comparator"] = comparatorZH[*ind.Comparator]
			}
			if ind.TargetYear != nil {
				v["targetYear"] = strconv.Itoa(*ind.TargetYear)
			}
			if err := emit(v); err != nil {
				return err
			}
		}
	}
	return nil
}
