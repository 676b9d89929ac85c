// Package linkage is the five-party linkage module (“五社联动”服务项目试点计划, task 二（二）2):
// demonstration communities, their volunteers and funds, and the assessment of each community
// against the plan's five criteria (linkage_criteria.csv).
package linkage

import (
	"fmt"

	"swtalent/modules"
	"swtalent/modules/linkage/rules"
)

// Module is the linkage module.
type Module struct {
	cfg      modules.Config
	criteria []Criterion
	// loadErr is a criteria file that could not be read, reported by CheckSettings.
	loadErr error
}

// New returns the linkage module with the criteria of the embedded linkage_criteria.csv.
func New(cfg modules.Config) *Module {
	m := &Module{cfg: cfg}
	m.criteria, m.loadErr = rules.Criteria()
	for _, c := range m.criteria {
		if measures[c.Key] == nil && m.loadErr == nil {
			m.loadErr = fmt.Errorf("linkage criterion %q has no measure", c.Key)
		}
	}
	return m
}

// CheckSettings reports criteria that could not be loaded or measured (the modules.Configurable
// capability); the host refuses to start with them.
func (m *Module) CheckSettings() error { return m.loadErr }

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "linkage", Title: "Five-party linkage", TitleZH: "“五社联动”服务项目试点计划"}
}

// Query returns the module's namespace of reads (LinkageQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
