package refdata

import (
	"fmt"
	"slices"

	"swtalent/ent/schema/enum"
)

// DepartmentRow is one county department or mass organisation (departments.csv).
type DepartmentRow struct {
	ShortName string // as the plan writes it, e.g. 县民政局; the natural key
	Name      string // full name, e.g. 弋阳县民政局
	Kind      string // ent department kind: GOVERNMENT, PARTY, MASS_ORGANIZATION, INSTITUTION
}

// FieldDepartmentRow maps a service field to its competent department (field_departments.csv).
type FieldDepartmentRow struct {
	Field      enum.ServiceField
	Department string // short name of the department
	Source     string // where the mapping comes from (listed in the plan or inferred)
}

// Departments returns the departments in file order; short names are unique.
func Departments() ([]DepartmentRow, error) {
	t, err := readTable(departmentsFile, "short_name", "name", "kind")
	if err != nil {
		return nil, fmt.Errorf("load departments: %w", err)
	}
	rows := make([]DepartmentRow, 0, len(t.rows))
	seen := make(map[string]bool, len(t.rows))
	for _, r := range t.rows {
		v, err := t.requiredAll(r, "short_name", "name", "kind")
		if err != nil {
			return nil, fmt.Errorf("load departments: %w", err)
		}
		d := DepartmentRow{ShortName: v[0], Name: v[1], Kind: v[2]}
		if seen[d.ShortName] {
			return nil, fmt.Errorf("load departments: %w", t.errorf(r, "short name %s repeated", d.ShortName))
		}
		seen[d.ShortName] = true
		rows = append(rows, d)
	}
	return rows, nil
}

// FieldDepartments returns the field → competent department mapping in file order. Every field
// must be a known service field and appear once.
func FieldDepartments() ([]FieldDepartmentRow, error) {
	t, err := readTable(fieldDepartmentsFile, "field", "department", "source")
	if err != nil {
		return nil, fmt.Errorf("load field departments: %w", err)
	}
	rows := make([]FieldDepartmentRow, 0, len(t.rows))
	seen := make(map[enum.ServiceField]bool, len(t.rows))
	for _, r := range t.rows {
		f := enum.ServiceField(t.get(r, "field"))
		if !slices.Contains(f.Values(), string(f)) {
			return nil, fmt.Errorf("load field departments: %w", t.errorf(r, "unknown service field %q", f))
		}
		if seen[f] {
			return nil, fmt.Errorf("load field departments: %w", t.errorf(r, "field %s repeated", f))
		}
		seen[f] = true
		dept, err := t.required(r, "department")
		if err != nil {
			return nil, fmt.Errorf("load field departments: %w", err)
		}
		rows = append(rows, FieldDepartmentRow{Field: f, Department: dept, Source: t.get(r, "source")})
	}
	return rows, nil
}
