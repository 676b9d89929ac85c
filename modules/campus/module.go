// Package campus is the campus-cooperation module (校地合作, plan task 二（一）4): partner
// universities' agreements with practice bases, and their students' placements there.
package campus

import "swtalent/modules"

// Module is the campus module.
type Module struct{ cfg modules.Config }

// New returns the campus module. With a client, it notes the bases each request loads, so that the
// places of a page of bases cost one query per field (see places.go).
func New(cfg modules.Config) *Module {
	if cfg.Client != nil {
		cfg.Client.Base.Intercept(noteBases())
	}
	return &Module{cfg: cfg}
}

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "campus", Title: "Campus cooperation", TitleZH: "校地合作"}
}

// Query returns the module's namespace of reads (CampusQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
