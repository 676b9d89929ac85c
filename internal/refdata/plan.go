package refdata

import (
	"fmt"
	"strings"
)

// PlanTargetRow is one numeric target of the plan (plan_targets.csv). Year 0 is a standing rule
// that applies every year.
type PlanTargetRow struct {
	Module     string // module key, e.g. doubling
	Indicator  string // indicator key within the module, e.g. certified_social_workers
	Year       int    // year by whose end the target is due; 0 for a standing rule
	Comparator string // GT, GTE, LT, LTE or EQ
	Value      float64
	Unit       string
	Quote      string // the plan's own words
}

// PlanTaskRow is one main task of the plan with its responsible departments (plan_tasks.csv).
type PlanTaskRow struct {
	Code              string // e.g. T1.4
	Section           string
	Title             string
	Responsible       []string // short names of the responsible departments, in the plan's order
	ResponsibleSource string   // "listed" or how the units were inferred
}

// PlanTargets returns the plan's targets in file order; (module, indicator, year) is unique.
func PlanTargets() ([]PlanTargetRow, error) {
	t, err := readTable(planTargetsFile, "module", "indicator", "year", "comparator", "value", "unit", "quote")
	if err != nil {
		return nil, fmt.Errorf("load plan targets: %w", err)
	}
	rows := make([]PlanTargetRow, 0, len(t.rows))
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		v, err := t.requiredAll(r, "module", "indicator")
		if err != nil {
			return nil, fmt.Errorf("load plan targets: %w", err)
		}
		p := PlanTargetRow{Module: v[0], Indicator: v[1], Unit: t.get(r, "unit"), Quote: t.get(r, "quote")}
		if p.Comparator, err = t.comparator(r, "comparator"); err != nil {
			return nil, fmt.Errorf("load plan targets: %w", err)
		}
		if p.Year, err = t.int(r, "year"); err != nil {
			return nil, fmt.Errorf("load plan targets: %w", err)
		}
		if p.Value, err = t.float(r, "value"); err != nil {
			return nil, fmt.Errorf("load plan targets: %w", err)
		}
		key := fmt.Sprintf("%s/%s/%d", p.Module, p.Indicator, p.Year)
		if seen[key] {
			return nil, fmt.Errorf("load plan targets: %w", t.errorf(r, "target %s repeated", key))
		}
		seen[key] = true
		rows = append(rows, p)
	}
	return rows, nil
}

// PlanTasks returns the plan's main tasks in file order; codes are unique. The responsible
// column lists department short names separated by ';'.
func PlanTasks() ([]PlanTaskRow, error) {
	t, err := readTable(planTasksFile, "code", "section", "title", "responsible", "responsible_source")
	if err != nil {
		return nil, fmt.Errorf("load plan tasks: %w", err)
	}
	rows := make([]PlanTaskRow, 0, len(t.rows))
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		p := PlanTaskRow{Section: t.get(r, "section"), Title: t.get(r, "title"), ResponsibleSource: t.get(r, "responsible_source")}
		if p.Code, err = t.required(r, "code"); err != nil {
			return nil, fmt.Errorf("load plan tasks: %w", err)
		}
		if seen[p.Code] {
			return nil, fmt.Errorf("load plan tasks: %w", t.errorf(r, "code %s repeated", p.Code))
		}
		seen[p.Code] = true
		for _, name := range strings.Split(t.get(r, "responsible"), ";") {
			if name = strings.TrimSpace(name); name != "" {
				p.Responsible = append(p.Responsible, name)
			}
		}
		rows = append(rows, p)
	}
	return rows, nil
}
