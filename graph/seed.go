package graph

import (
	"context"
	"fmt"

	"swtalent/internal/civil"
	"swtalent/internal/demo"
	"swtalent/internal/refdata"
	"swtalent/modules"
)

// Seed says what Prepare loads beyond the reference data.
type Seed struct {
	// Demo loads the demo world into a database that holds no records yet.
	Demo bool
	// Until is the day the demo world is generated for (see demo.Build): its activity reaches
	// the end of the month before. The zero Date means the configuration's today.
	Until civil.Date
}

// Prepare checks the modules' settings and brings a migrated database up to date: the reference data (regions, departments, plan
// tasks and targets) always; and, when seed.Demo is set and the database holds no records yet, the
// demo world with every module's part and then the plan's, in one transaction. It reports whether demo data was
// loaded.
func Prepare(ctx context.Context, cfg modules.Config, seed Seed) (loaded bool, err error) {
	// The modules here only check settings and seed the demo world through its own client, so
	// they get no client: New would otherwise add its interceptors to the serving client a second
	// time, and every query would run them twice.
	noClient := cfg
	noClient.Client = nil
	r := NewResolver(noClient)
	mods := r.Modules()
	for _, m := range mods {
		if c, ok := m.(modules.Configurable); ok {
			if err := c.CheckSettings(); err != nil {
				return false, fmt.Errorf("module %s: %w", m.Info().Key, err)
			}
		}
	}
	if err := refdata.Load(ctx, cfg.Client); err != nil {
		return false, fmt.Errorf("load reference data: %w", err)
	}
	if !seed.Demo {
		return false, nil
	}
	until := seed.Until
	if until.IsZero() {
		until = cfg.Today()
	}
	var parts []demo.Extension
	for _, m := range mods {
		if s, ok := m.(modules.DemoSeeder); ok {
			parts = append(parts, s.Demo)
		}
	}
	// The plan module comes last, as it reports on the others: its task reports and meetings.
	parts = append(parts, r.PlanModule.Demo)
	return demo.Load(ctx, cfg.Client, until, parts...)
}
