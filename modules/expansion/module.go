// Package expansion is the agency-expansion module (社会工作服务机构扩面计划): agencies by field and
// influence, annual inspections, government-purchased projects and the 80 % personnel-cost rule,
// and support given to agencies.
package expansion

import (
	"fmt"

	"swtalent/modules"
	"swtalent/modules/expansion/rules"
)

// DefaultPersonnelCostShare is the plan's minimum share of personnel cost in a government-purchased
// project's budget (二（三）2: "占比不低于项目经费的 80%").
const DefaultPersonnelCostShare = "0.80"

// Module is the expansion module.
type Module struct {
	cfg modules.Config
	// share is the minimum personnel-cost share, a local rule, as an exact decimal.
	share rules.Share
	// settingErr is a bad setting, reported by CheckSettings.
	settingErr error
}

// SettingPersonnelCostShare names the local setting of the minimum personnel-cost share (0 to 1;
// SWTALENT_PERSONNEL_COST_SHARE for the command).
const SettingPersonnelCostShare = "PERSONNEL_COST_SHARE"

// New returns the expansion module with the configured personnel-cost share (80 % unless set).
// A bad setting leaves the default in place and is reported by CheckSettings.
func New(cfg modules.Config) *Module {
	def, _ := rules.ParseShare(DefaultPersonnelCostShare)
	m := &Module{cfg: cfg, share: def}
	if cfg.Setting != nil {
		if raw := cfg.Setting(SettingPersonnelCostShare); raw != "" {
			share, err := rules.ParseShare(raw)
			if err != nil {
				m.settingErr = fmt.Errorf("setting %s: %w", SettingPersonnelCostShare, err)
			} else {
				m.share = share
			}
		}
	}
	return m
}

// CheckSettings reports a local setting that could not be used (the modules.Configurable
// capability); the host refuses to start with one.
func (m *Module) CheckSettings() error { return m.settingErr }

// Info names the module.
func (*Module) Info() modules.Info {
	return modules.Info{Key: "expansion", Title: "Agency expansion", TitleZH: "社会工作服务机构扩面计划"}
}

// Query returns the module's namespace of reads (ExpansionQuery).
func (m *Module) Query() *Query { return &Query{m: m} }
