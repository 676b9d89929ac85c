// Package refdata holds the real reference data every swtalent database carries: the regions of
// the deployment, the county departments, the plan's tasks and targets, the five criteria of a
// demonstration community and which department is competent for which service field.
//
// The data is kept as CSV files copied byte for byte from the shared data folder and embedded in
// the binary. The typed readers (Regions, Departments, PlanTargets …) parse the embedded copies;
// Load upserts them into a database by natural key, so it runs on every start and brings an
// existing database up to date when the embedded files change.
package refdata
