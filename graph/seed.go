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
	empty, err := demo.Empty(ctx, cfg.Client)
	if err != nil || !empty {
		return false, err
	}
	tx, err := cfg.Client.Tx(ctx)
	if err != nil {
		return false, fmt.Errorf("load demo world: %w", err)
	}
	w, err := demo.Build(ctx, tx.Client())
	if err == nil {
		for _, m := range NewResolver(cfg).Modules() {
			if s, ok := m.(modules.DemoSeeder); ok {
				if err = s.Demo(ctx, w); err != nil {
					err = fmt.Errorf("module %s: %w", m.Info().Key, err)
					break
				}
			}
		}
	}
	if err != nil {
		_ = tx.Rollback()
		return false, fmt.Errorf("load demo world: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("load demo world: %w", err)
	}
	return true, nil
}
