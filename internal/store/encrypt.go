package store

import (
	"context"
	"errors"
	"fmt"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/person"
	"swtalent/internal/dataversion"
	"swtalent/internal/pii"
)

// encryptPlaintext encrypts, in place and in one transaction, the ID numbers and phones that a
// build before encryption stored in clear, and fills their keyed hashes. It writes plain SQL
// updates: the person hooks would take the stored values for new input.
func encryptPlaintext(ctx context.Context, db *DB) error {
	b := entsql.Dialect(db.Dialect)
	clear := entsql.Or(
		entsql.Not(entsql.HasPrefix(person.FieldIDNumber, "v1:")),
		entsql.And(entsql.NotNull(person.FieldPhone), entsql.NEQ(person.FieldPhone, ""), entsql.Not(entsql.HasPrefix(person.FieldPhone, "v1:"))),
	)
	query, args := b.Select(person.FieldID, person.FieldIDNumber, person.FieldPhone).From(b.Table(person.Table)).Where(clear).Query()
	tx, err := db.SQL.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("encrypt personal data: %w", err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("encrypt personal data: find clear values: %w", err)
	}
	type row struct {
		id       int
		idNumber string
		phone    *string
	}
	var pending []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.idNumber, &r.phone); err != nil {
			rows.Close()
			return fmt.Errorf("encrypt personal data: %w", err)
		}
		pending = append(pending, r)
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return fmt.Errorf("encrypt personal data: %w", err)
	}
	if len(pending) == 0 {
		return nil
	}
	k := db.Keyring
	if k == nil {
		return errors.New("the database holds personal data in clear, and no data key is configured to encrypt it")
	}
	for _, r := range pending {
		u := b.Update(person.Table).Where(entsql.EQ(person.FieldID, r.id))
		if !pii.IsEncrypted(r.idNumber) {
			sealed, err := k.Encrypt(r.idNumber)
			if err != nil {
				return err
			}
			u.Set(person.FieldIDNumber, sealed).Set(person.FieldIDNumberHash, k.Hash("id_number", r.idNumber))
		}
		if r.phone != nil && *r.phone != "" && !pii.IsEncrypted(*r.phone) {
			sealed, err := k.Encrypt(*r.phone)
			if err != nil {
				return err
			}
			u.Set(person.FieldPhone, sealed).Set(person.FieldPhoneHash, k.Hash("phone", *r.phone))
		}
		q, a := u.Query()
		if _, err := tx.ExecContext(ctx, q, a...); err != nil {
			return fmt.Errorf("encrypt personal data of a person: %w", err)
		}
	}
	if err := dataversion.Bump(ctx, tx); err != nil {
		return fmt.Errorf("encrypt personal data: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("encrypt personal data: %w", err)
	}
	return nil
}
