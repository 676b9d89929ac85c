// Package network is the service-network module (服务网络全覆盖计划): the three-tier network of the
// county centre, township stations and village points, its coverage, community workers' skills,
// and the practice and training bases.
package network

import "swtalent/modules"

// Module is the network module.
type Module struct{ cfg modules.Config }

// New returns the network module.
func New(cfg modules.Config) *Module { return &Module{cfg: cfg} }

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "network", Title: "Service network coverage", TitleZH: "服务网络全覆盖计划"}
}

// Query returns the module's namespace of reads (NetworkQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
