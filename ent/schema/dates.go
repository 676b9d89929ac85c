package schema

import "entgo.io/ent/dialect"

// pgDate stores a civil.Date field as PostgreSQL's own date type, so SQL reports, BI tools and
// PostgreSQL's date functions and range indexes work on it. SQLite keeps the text YYYY-MM-DD,
// whose string order is date order. An existing PostgreSQL database whose date columns are still
// text is converted on open by internal/store (dateColumns).
var pgDate = map[string]string{dialect.Postgres: "date"}
