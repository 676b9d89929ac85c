// Package quality is the talent-quality module (人才提质计划): training and attendance,
// supervisors, the expert pool, compound talent and degree upgrading.
package quality

import "swtalent/modules"

// Module is the quality module.
type Module struct{ cfg modules.Config }

// New returns the quality module. It adds to the client an interceptor that notes, per request,
// the people and certificates loaded, so that continuingEducation is answered in three queries
// per page. Make one per client: each call adds the interceptor again, nesting it around every
// query.
func New(cfg modules.Config) *Module {
	if cfg.Client != nil {
		cfg.Client.Person.Intercept(noteHolders())
		cfg.Client.Certificate.Intercept(noteHolders())
	}
	return &Module{cfg: cfg}
}

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "quality", Title: "Talent quality", TitleZH: "人才提质计划"}
}

// Query returns the module's namespace of reads (QualityQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
