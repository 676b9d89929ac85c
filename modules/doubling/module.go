// Package doubling is the talent-doubling module (人才倍增计划): the certified social-work
// workforce, its growth against 2022, and (later) exams and certificate registration.
package doubling

import "swtalent/modules"

// Module is the doubling module.
type Module struct{ cfg modules.Config }

// New returns the doubling module. It adds to the client an interceptor that notes, per request,
// the certificates loaded, so that registrationState is answered in one query per page.
func New(cfg modules.Config) *Module {
	if cfg.Client != nil {
		cfg.Client.Certificate.Intercept(noteCertificates())
	}
	return &Module{cfg: cfg}
}

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "doubling", Title: "Talent doubling", TitleZH: "人才倍增计划"}
}

// Query returns the module's namespace of reads (DoublingQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
