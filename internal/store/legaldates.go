package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/certificate"
	"swtalent/ent/certificateregistration"
	"swtalent/internal/certrules"
	"swtalent/internal/civil"
)

// recomputeLegalDates brings stored legal dates to the Civil Code's period rules (see
// [certrules.FirstDue] and [certrules.ValidUntil]). Builds before them added years and months
// with Go's overflow (a pass on 2024-02-29 was due by 2025-03-01, not 2025-02-28), and some
// registrations kept a validity end not derived from their registration date. It sets every
// dated registration's valid_until to certrules.ValidUntil(registered_on), then every
// certificate's registration_due_on to the end of its latest counting registration, or
// certrules.FirstDue(passed_on) before one counts — the rule the ent hooks keep for new writes.
// Only rows whose value changes are written. Plain SQL: the hooks would re-run checks meant for
// new input.
func recomputeLegalDates(ctx context.Context, tx *sql.Tx, b *entsql.DialectBuilder) error {
	if err := recomputeValidity(ctx, tx, b); err != nil {
		return err
	}
	return recomputeDue(ctx, tx, b)
}

// dateChange is a date column of one row to rewrite.
type dateChange struct {
	id int
	to civil.Date
}

// recomputeValidity rewrites registrations whose valid_until is not ValidUntil(registered_on).
func recomputeValidity(ctx context.Context, tx *sql.Tx, b *entsql.DialectBuilder) error {
	const (
		on    = certificateregistration.FieldRegisteredOn
		until = certificateregistration.FieldValidUntil
	)
	q, args := b.Select(certificateregistration.FieldID, on, until).
		From(b.Table(certificateregistration.Table)).Where(entsql.NotNull(on)).Query()
	var changes []dateChange
	err := scanRows(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			id     int
			regOn  civil.Date
			stored sql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &regOn, &stored); err != nil {
			return err
		}
		if want := certrules.ValidUntil(regOn); !stored.Valid || stored.V != want {
			changes = append(changes, dateChange{id, want})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("registration validity: %w", err)
	}
	return writeDates(ctx, tx, b, certificateregistration.Table, until, changes)
}

// recomputeDue rewrites certificates whose registration_due_on differs from the rule.
func recomputeDue(ctx context.Context, tx *sql.Tx, b *entsql.DialectBuilder) error {
	c, r := b.Table(certificate.Table).As("c"), b.Table(certificateregistration.Table).As("r")
	q, args := b.Select(c.C(certificate.FieldID), c.C(certificate.FieldPassedOn), c.C(certificate.FieldRegistrationDueOn),
		entsql.Max(r.C(certificateregistration.FieldValidUntil))).
		From(c).
		LeftJoin(r).OnP(entsql.And(
		entsql.ColumnsEQ(r.C(certificateregistration.CertificateColumn), c.C(certificate.FieldID)),
		entsql.In(r.C(certificateregistration.FieldStatus),
			string(certificateregistration.StatusFINAL_REVIEW_PASSED), string(certificateregistration.StatusISSUED)),
	)).
		GroupBy(c.C(certificate.FieldID), c.C(certificate.FieldPassedOn), c.C(certificate.FieldRegistrationDueOn)).
		Query()
	var changes []dateChange
	err := scanRows(ctx, tx, q, args, func(rows *sql.Rows) error {
		var (
			id            int
			passed        civil.Date
			stored, valid sql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &passed, &stored, &valid); err != nil {
			return err
		}
		want := certrules.FirstDue(passed)
		if valid.Valid {
			want = valid.V
		}
		if !stored.Valid || stored.V != want {
			changes = append(changes, dateChange{id, want})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("registration due dates: %w", err)
	}
	return writeDates(ctx, tx, b, certificate.Table, certificate.FieldRegistrationDueOn, changes)
}

// scanRows runs a query and calls each for every row; all rows are read before anything is
// written, since a PostgreSQL connection runs one statement at a time.
func scanRows(ctx context.Context, tx *sql.Tx, q string, args []any, each func(*sql.Rows) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	for rows.Next() {
		if err := each(rows); err != nil {
			rows.Close()
			return err
		}
	}
	return errors.Join(rows.Err(), rows.Close())
}

// writeDates sets column of each changed row of table.
func writeDates(ctx context.Context, tx *sql.Tx, b *entsql.DialectBuilder, table, column string, changes []dateChange) error {
	for _, ch := range changes {
		q, args := b.Update(table).Set(column, ch.to).Where(entsql.EQ("id", ch.id)).Query()
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("rewrite %s.%s: %w", table, column, err)
		}
	}
	return nil
}
