package store

import (
	"context"
	"fmt"
	"strings"

	"entgo.io/ent/dialect"

	"swtalent/ent/migrate"
)

// convertDateColumns turns the date columns of a PostgreSQL database made by an earlier build,
// which stored every date as text (character varying, YYYY-MM-DD), into PostgreSQL date columns,
// before the schema migration runs (which cannot cast text to date by itself). Which columns are
// dates is read from the ent schema (a column whose PostgreSQL type is "date"), so a new date field
// needs nothing here. Columns that are already dates, and tables or columns the database does not
// have yet, are left alone: running it again changes nothing. All conversions happen in one
// transaction, so a text value that is not a date (which the old build never stored) leaves the
// database as it was and names the column. SQLite keeps text dates; it has no date type.
func convertDateColumns(ctx context.Context, db *DB) error {
	if db.Dialect != dialect.Postgres {
		return nil
	}
	rows, err := db.SQL.QueryContext(ctx, `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() AND data_type IN ('character varying', 'text')`)
	if err != nil {
		return fmt.Errorf("find text date columns: %w", err)
	}
	text := map[[2]string]bool{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			rows.Close()
			return fmt.Errorf("find text date columns: %w", err)
		}
		text[[2]string{table, column}] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("find text date columns: %w", err)
	}

	var todo [][2]string
	for _, t := range migrate.Tables {
		for _, c := range t.Columns {
			if c.SchemaType[dialect.Postgres] == "date" && text[[2]string{t.Name, c.Name}] {
				todo = append(todo, [2]string{t.Name, c.Name})
			}
		}
	}
	if len(todo) == 0 {
		return nil
	}
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("convert date columns: %w", err)
	}
	defer tx.Rollback()
	for _, tc := range todo {
		table, column := quoteIdent(tc[0]), quoteIdent(tc[1])
		if _, err := tx.ExecContext(ctx, fmt.Sprintf(`ALTER TABLE %s ALTER COLUMN %s TYPE date USING NULLIF(%s, '')::date`,
			table, column, column)); err != nil {
			return fmt.Errorf("convert %s.%s to a date column: %w", tc[0], tc[1], err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("convert date columns: %w", err)
	}
	return nil
}

// quoteIdent quotes a PostgreSQL identifier.
func quoteIdent(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
