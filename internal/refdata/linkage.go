package refdata

import "fmt"

// LinkageCriterionRow is one of the criteria a five-party linkage demonstration community must
// meet (linkage_criteria.csv).
type LinkageCriterionRow struct {
	Criterion  string // key, e.g. certified_staff
	Comparator string // GT, GTE, LT, LTE or EQ
	Value      float64
	Unit       string
	Quote      string // the plan's own words
}

// LinkageCriteria returns the demonstration-community criteria in file order; keys are unique.
func LinkageCriteria() ([]LinkageCriterionRow, error) {
	t, err := readTable(linkageCriteriaFile, "criterion", "comparator", "value", "unit", "quote")
	if err != nil {
		return nil, fmt.Errorf("load linkage criteria: %w", err)
	}
	rows := make([]LinkageCriterionRow, 0, len(t.rows))
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		c := LinkageCriterionRow{Unit: t.get(r, "unit"), Quote: t.get(r, "quote")}
		if c.Criterion, err = t.required(r, "criterion"); err != nil {
			return nil, fmt.Errorf("load linkage criteria: %w", err)
		}
		if c.Comparator, err = t.comparator(r, "comparator"); err != nil {
			return nil, fmt.Errorf("load linkage criteria: %w", err)
		}
		if c.Value, err = t.float(r, "value"); err != nil {
			return nil, fmt.Errorf("load linkage criteria: %w", err)
		}
		if seen[c.Criterion] {
			return nil, fmt.Errorf("load linkage criteria: %w", t.errorf(r, "criterion %s repeated", c.Criterion))
		}
		seen[c.Criterion] = true
		rows = append(rows, c)
	}
	return rows, nil
}
