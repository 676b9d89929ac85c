package refdata

import (
	"embed"
	"fmt"
)

// files holds the embedded copies of the shared reference CSVs.
//
//go:embed data/*.csv
var files embed.FS

// Names of the embedded files, relative to the data folder.
const (
	regionsFile          = "yiyang_townships.csv"
	departmentsFile      = "departments.csv"
	fieldDepartmentsFile = "field_departments.csv"
	planTargetsFile      = "plan_targets.csv"
	planTasksFile        = "plan_tasks.csv"
	linkageCriteriaFile  = "linkage_criteria.csv"
)

// File returns the bytes of one embedded CSV file by its base name (e.g. "departments.csv").
func File(name string) ([]byte, error) {
	b, err := files.ReadFile("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("read embedded %s: %w", name, err)
	}
	return b, nil
}

// FileNames lists the base names of the embedded CSV files in lexical order.
func FileNames() ([]string, error) {
	entries, err := files.ReadDir("data")
	if err != nil {
		return nil, fmt.Errorf("list embedded data: %w", err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}
