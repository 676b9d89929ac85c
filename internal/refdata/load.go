package refdata

import (
	"context"
	"errors"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/privacy"
)

// dataset is every reference table Load writes, parsed before the transaction starts.
type dataset struct {
	regions          []RegionRow
	departments      []DepartmentRow
	fieldDepartments []FieldDepartmentRow
	tasks            []PlanTaskRow
	targets          []PlanTargetRow
}

// readDataset parses the embedded files Load needs.
func readDataset() (*dataset, error) {
	var (
		d   dataset
		err error
	)
	if d.regions, err = Regions(); err != nil {
		return nil, err
	}
	if d.departments, err = Departments(); err != nil {
		return nil, err
	}
	if d.fieldDepartments, err = FieldDepartments(); err != nil {
		return nil, err
	}
	if d.tasks, err = PlanTasks(); err != nil {
		return nil, err
	}
	if d.targets, err = PlanTargets(); err != nil {
		return nil, err
	}
	return &d, nil
}

// Load brings the reference data of client's database up to date with the embedded files, in
// one transaction: regions by code, departments by short name (with the service fields they are
// competent for), plan tasks by code (with their responsible departments) and plan targets by
// (module, indicator, year) for the top region. Rows are created when missing and updated only
// when they differ, so a second Load changes nothing; rows the files do not mention are left
// alone, and a target an admin revised (revised_at set) is never overwritten.
//
// Load is meant to run on every start, before serving. client must not be a transaction's
// client: Load opens its own transaction. It runs with privacy decisions allowed: loading the
// reference data is a system task, not a viewer's.
func Load(ctx context.Context, client *ent.Client) error {
	ctx = privacy.DecisionContext(ctx, privacy.Allow)
	d, err := readDataset()
	if err != nil {
		return fmt.Errorf("load reference data: %w", err)
	}
	tx, err := client.Tx(ctx)
	if err != nil {
		return fmt.Errorf("load reference data: begin transaction: %w", err)
	}
	if err := d.write(ctx, tx.Client()); err != nil {
		if rerr := tx.Rollback(); rerr != nil {
			err = errors.Join(err, fmt.Errorf("rollback: %w", rerr))
		}
		return fmt.Errorf("load reference data: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("load reference data: commit: %w", err)
	}
	return nil
}

// write upserts the dataset through client (a transaction's client).
func (d *dataset) write(ctx context.Context, client *ent.Client) error {
	if err := upsertRegions(ctx, client, d.regions); err != nil {
		return err
	}
	depts, err := upsertDepartments(ctx, client, d.departments, d.fieldDepartments)
	if err != nil {
		return err
	}
	if err := upsertPlanTasks(ctx, client, d.tasks, depts); err != nil {
		return err
	}
	return upsertPlanTargets(ctx, client, d.targets)
}
