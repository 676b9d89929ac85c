// Package plan is the plan module: the plan's targets and tasks, and the progress of every
// indicator that the other modules measure.
package plan

import "swtalent/modules"

// Module is the plan module. It is built after the other modules, whose indicators it reports.
type Module struct {
	cfg     modules.Config
	sources []modules.Module
	cache   *cache // measured initiatives per (asOf, region) and data version
}

// New returns the plan module reporting on the indicators of mods (in plan order). It adds to
// the client an interceptor that notes, per request, the plan tasks loaded, so that their
// reports are answered in one query per list.
func New(cfg modules.Config, mods []modules.Module) *Module {
	if cfg.Client != nil {
		cfg.Client.PlanTask.Intercept(noteTasks())
	}
	return &Module{cfg: cfg, sources: mods, cache: newCache()}
}

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "plan", Title: "Plan progress", TitleZH: "行动计划"}
}
