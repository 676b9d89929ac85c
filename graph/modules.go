package graph

import (
	"swtalent/internal/auth"
	"swtalent/internal/transfer"
	"swtalent/modules"
	"swtalent/modules/campus"
	"swtalent/modules/doubling"
	"swtalent/modules/expansion"
	"swtalent/modules/incentives"
	"swtalent/modules/linkage"
	"swtalent/modules/network"
	"swtalent/modules/plan"
	"swtalent/modules/quality"
)

// NewResolver builds the root resolver and every module. Its sign-in service keeps no session
// cache (only NewHandler's checks tokens), so it adds no hooks to cfg.Client.
func NewResolver(cfg modules.Config) *Resolver {
	return newResolver(cfg, auth.Options{CacheSize: -1})
}

// newResolver builds the root resolver and every module. The plan module comes last: it reports
// on the indicators of the others.
func newResolver(cfg modules.Config, authOpt auth.Options) *Resolver {
	r := &Resolver{client: cfg.Client, cfg: cfg, auth: auth.New(cfg.Client, authOpt), jobs: transfer.NewJobs(cfg.Client, cfg.Today, nil)}
	r.DoublingModule = doubling.New(cfg)
	r.QualityModule = quality.New(cfg)
	r.ExpansionModule = expansion.New(cfg)
	r.NetworkModule = network.New(cfg)
	r.LinkageModule = linkage.New(cfg)
	r.CampusModule = campus.New(cfg)
	r.IncentivesModule = incentives.New(cfg)
	r.PlanModule = plan.New(cfg, r.Modules())
	return r
}

// Modules lists the plan's modules in the plan's order: doubling, quality, expansion, network,
// linkage, then campus and incentives. The plan module itself is not in the list.
func (r *Resolver) Modules() []modules.Module {
	return []modules.Module{
		r.DoublingModule,
		r.QualityModule,
		r.ExpansionModule,
		r.NetworkModule,
		r.LinkageModule,
		r.CampusModule,
		r.IncentivesModule,
	}
}

// Sheets is the registry of what can be imported from and exported to spreadsheets: the core
// registers, then every module's kinds (modules.SheetSource).
func (r *Resolver) Sheets() *transfer.Registry {
	reg := transfer.NewRegistry(transfer.Core()...)
	for _, m := range append(r.Modules(), r.PlanModule) {
		if s, ok := m.(modules.SheetSource); ok {
			for _, k := range s.SheetKinds() {
				reg.Register(k)
			}
		}
	}
	return reg
}
