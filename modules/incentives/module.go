// Package incentives is the incentives module (激励保障, plan section 二（三） and 三): social-work
// posts in institutions and their ranks, the monthly professional allowance of certified community
// workers (rates, payments and the payroll), recognitions, and publicity campaigns.
package incentives

import "swtalent/modules"

// Module is the incentives module.
type Module struct{ cfg modules.Config }

// New returns the incentives module.
func New(cfg modules.Config) *Module { return &Module{cfg: cfg} }

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "incentives", Title: "Incentives and safeguards", TitleZH: "激励保障"}
}

// Query returns the module's namespace of reads (IncentivesQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
