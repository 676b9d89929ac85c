package graph

import (
	"context"
	"fmt"

	"swtalent/internal/demo"
	"swtalent/internal/refdata"
	"swtalent/modules"
)

// Prepare brings a migrated database up to date: the reference data (regions, departments, plan
// tasks and targets) always; and, when withDemo is set and the database holds no records yet, the
// demo world with every module's part, in one transaction. It reports whether demo data was
// loaded.
func Prepare(ctx context.Context, cfg modules.Config, withDemo bool) (loaded bool, err error) {
	if err := refdata.Load(ctx, cfg.Client); err != nil {
		return false, fmt.Errorf("load reference data: %w", err)
	}
	if !withDemo {
		return false, nil
	}
	var parts []demo.Extension
	for _, m := range NewResolver(cfg).Modules() {
		if s, ok := m.(modules.DemoSeeder); ok {
			parts = append(parts, s.Demo)
		}
	}
	return demo.Load(ctx, cfg.Client, parts...)
}
