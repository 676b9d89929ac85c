package refdata

// The loaders the external tests (package refdata_test, which open databases through
// internal/testdb and so cannot be in this package) call directly.
var (
	UpsertPlanTasks   = upsertPlanTasks
	UpsertDepartments = upsertDepartments
)
