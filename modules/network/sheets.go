package network

import (
	"context"
	"strconv"

	"swtalent/internal/transfer"
)

// SheetKinds are the module's spreadsheets: the network's coverage by township (export).
func (m *Module) SheetKinds() []*transfer.Kind {
	return []*transfer.Kind{{
		Name:    "coverage",
		TitleZH: "服务网络覆盖情况",
		Columns: []transfer.Column{
			{Key: "code", ZH: "乡镇（街道）代码"},
			{Key: "name", ZH: "乡镇（街道）"},
			{Key: "station", ZH: "社工站"},
			{Key: "villages", ZH: "村（社区）数"},
			{Key: "covered", ZH: "已建服务点的村（社区）数"},
			{Key: "rate", ZH: "服务点覆盖率"},
		},
		Export: m.exportCoverage,
	}}
}

// exportCoverage lists every township of the deployment at today's date, as network.coverage's
// byRegion does.
func (m *Module) exportCoverage(ctx context.Context, env *transfer.Env, emit func(map[string]string) error) error {
	c, err := m.Query().Coverage(ctx, &env.Today, nil)
	if err != nil {
		return err
	}
	towns, err := c.ByRegion(ctx)
	if err != nil {
		return err
	}
	for _, t := range towns {
		v := map[string]string{"code": t.Region.Code, "name": t.Region.Name, "station": "无",
			"villages": strconv.Itoa(t.Villages), "covered": strconv.Itoa(t.VillagesCovered)}
		if t.Station != nil {
			v["station"] = t.Station.Name
		}
		if t.Villages > 0 {
			v["rate"] = strconv.FormatFloat(100*float64(t.VillagesCovered)/float64(t.Villages), 'f', 1, 64) + "%"
		}
		if err := emit(v); err != nil {
			return err
		}
	}
	return nil
}
