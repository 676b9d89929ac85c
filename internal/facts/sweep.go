package facts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/certificate"
	"swtalent/ent/certifiedspan"
	"swtalent/ent/person"
	"swtalent/ent/region"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/workforce"
)

// DB runs SQL: a *sql.DB, *sql.Conn or *sql.Tx.
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// sweepChunk is the number of persons read per round of a sweep: memory stays bounded whatever
// the size of the registers.
const sweepChunk = 20_000

// chunk is one round of a sweep: the persons with ids in (After, Last] and the spans the rule
// gives them. The last chunk's Last is the largest id, so every person id lies in one chunk.
type chunk struct {
	After, Last int
	Persons     int
	Want        map[int]Kept
}

// sweep reads the registers in person-id order, sweepChunk persons at a time, and calls each with
// the spans [workforce.Spans] gives every person of the chunk. It reads with plain SQL, so the
// data upgrade can run it inside its transaction before any ent client exists.
func sweep(ctx context.Context, db DB, b *entsql.DialectBuilder, each func(chunk) error) error {
	after := 0
	for {
		c := chunk{After: after, Want: map[int]Kept{}}
		p, r := b.Table(person.Table).As("p"), b.Table(region.Table).As("r")
		q, args := b.Select(p.C(person.FieldID), p.C(person.FieldLeftOn), r.C(region.FieldCode)).
			From(p).LeftJoin(r).On(p.C(person.FieldRegionID), r.C(region.FieldID)).
			Where(entsql.GT(p.C(person.FieldID), after)).
			OrderBy(p.C(person.FieldID)).Limit(sweepChunk).Query()
		left := map[int]*civil.Date{}
		var order []int
		err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
			var (
				id   int
				l    sql.Null[civil.Date]
				code sql.NullString
			)
			if err := rows.Scan(&id, &l, &code); err != nil {
				return err
			}
			if l.Valid {
				left[id] = &l.V
			}
			c.Want[id] = Kept{Region: code.String}
			order = append(order, id)
			return nil
		})
		if err != nil {
			return fmt.Errorf("read persons: %w", err)
		}
		c.Persons = len(order)
		c.Last = math.MaxInt64
		if len(order) == sweepChunk {
			c.Last = order[len(order)-1]
		}
		held := map[int][]workforce.Held{}
		if len(order) > 0 {
			q, args = b.Select(certificate.FieldHolderID, certificate.FieldLevel, certificate.FieldPassedOn, certificate.FieldRevokedOn).
				From(b.Table(certificate.Table)).
				Where(entsql.And(entsql.GT(certificate.FieldHolderID, after), entsql.LTE(certificate.FieldHolderID, order[len(order)-1]))).Query()
			err = scan(ctx, db, q, args, func(rows *sql.Rows) error {
				var (
					holder  int
					level   string
					passed  civil.Date
					revoked sql.Null[civil.Date]
				)
				if err := rows.Scan(&holder, &level, &passed, &revoked); err != nil {
					return err
				}
				h := workforce.Held{Level: enum.CertificateLevel(level), Passed: passed}
				if revoked.Valid {
					h.Revoked = &revoked.V
				}
				held[holder] = append(held[holder], h)
				return nil
			})
			if err != nil {
				return fmt.Errorf("read certificates: %w", err)
			}
		}
		for _, id := range order {
			k := c.Want[id]
			k.Spans = workforce.Spans(held[id], left[id])
			c.Want[id] = k
		}
		if err := each(c); err != nil {
			return err
		}
		if c.Last == math.MaxInt64 {
			return nil
		}
		after = c.Last
	}
}

// storedIn reads the kept spans of the person ids in (after, last].
func storedIn(ctx context.Context, db DB, b *entsql.DialectBuilder, after, last int) (map[int]Kept, error) {
	q, args := b.Select(certifiedspan.FieldPersonID, certifiedspan.FieldRegionCode, certifiedspan.FieldLevel,
		certifiedspan.FieldFromOn, certifiedspan.FieldUntilOn).
		From(b.Table(certifiedspan.Table)).
		Where(entsql.And(entsql.GT(certifiedspan.FieldPersonID, after), entsql.LTE(certifiedspan.FieldPersonID, last))).
		OrderBy(certifiedspan.FieldPersonID, certifiedspan.FieldFromOn).Query()
	out := map[int]Kept{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			id    int
			code  sql.NullString
			level string
			from  civil.Date
			until sql.Null[civil.Date]
		)
		if err := rows.Scan(&id, &code, &level, &from, &until); err != nil {
			return err
		}
		k := out[id]
		if len(k.Spans) > 0 && k.Region != code.String {
			code.String = mixedRegions
		}
		k.Region = code.String
		s := workforce.Span{Level: enum.CertificateLevel(level), From: from}
		if until.Valid {
			s.Until = &until.V
		}
		k.Spans = append(k.Spans, s)
		out[id] = k
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read certified spans: %w", err)
	}
	return out, nil
}

// mixedRegions stands for the region of a person whose kept spans name different regions, which
// the hooks never write: check-facts reports it as a difference.
const mixedRegions = "(several regions)"

// scan runs a query and calls each for every row, reading all rows before the caller writes
// anything (a PostgreSQL connection runs one statement at a time).
func scan(ctx context.Context, db DB, q string, args []any, each func(*sql.Rows) error) error {
	rows, err := db.QueryContext(ctx, q, args...)
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
