package refdata

import (
	"context"
	"fmt"
	"slices"

	"swtalent/ent"
	"swtalent/ent/department"
	"swtalent/ent/schema/enum"
)

// upsertDepartments creates or updates the departments by short name, with the service fields
// each is competent for. It returns every department in the database by short name, those the
// file does not mention included.
func upsertDepartments(ctx context.Context, client *ent.Client, rows []DepartmentRow, fds []FieldDepartmentRow) (map[string]*ent.Department, error) {
	fields := make(map[string][]enum.ServiceField)
	known := make(map[string]bool, len(rows))
	for _, r := range rows {
		known[r.ShortName] = true
	}
	for _, fd := range fds {
		if !known[fd.Department] {
			return nil, fmt.Errorf("load departments: field %s names unknown department %q", fd.Field, fd.Department)
		}
		fields[fd.Department] = append(fields[fd.Department], fd.Field)
	}
	all, err := client.Department.Query().All(ctx)
	if err != nil {
		return nil, fmt.Errorf("load departments: query existing: %w", err)
	}
	byName := make(map[string]*ent.Department, len(all)+len(rows))
	for _, d := range all {
		byName[d.ShortName] = d
	}
	for _, r := range rows {
		kind := department.Kind(r.Kind)
		want := fields[r.ShortName]
		if cur := byName[r.ShortName]; cur != nil {
			if cur.Name == r.Name && cur.Kind == kind && slices.Equal(cur.Fields, want) {
				continue
			}
			upd := cur.Update().SetName(r.Name).SetKind(kind)
			if len(want) == 0 {
				upd.ClearFields()
			} else {
				upd.SetFields(want)
			}
			saved, err := upd.Save(ctx)
			if err != nil {
				return nil, fmt.Errorf("load departments: update %s: %w", r.ShortName, err)
			}
			byName[r.ShortName] = saved
			continue
		}
		create := client.Department.Create().SetShortName(r.ShortName).SetName(r.Name).SetKind(kind)
		if len(want) > 0 {
			create.SetFields(want)
		}
		saved, err := create.Save(ctx)
		if err != nil {
			return nil, fmt.Errorf("load departments: create %s: %w", r.ShortName, err)
		}
		byName[r.ShortName] = saved
	}
	return byName, nil
}
