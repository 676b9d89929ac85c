package facts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/factspan"
	"swtalent/ent/schema/enum"
	"swtalent/internal/civil"
	"swtalent/internal/factdata"
)

// DB runs SQL: a *sql.DB, *sql.Conn or *sql.Tx.
type DB interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// sweepChunk is the number of persons read per round of a sweep: memory stays bounded whatever
// the size of the registers.
const sweepChunk = 20_000

// chunk is one round of a sweep: the persons with ids in (After, Last] and the spans every fact's
// rule gives them. The last chunk's Last is the largest id, so every person id lies in one chunk.
type chunk struct {
	After, Last int
	Persons     int
	Want        map[int]Kept
}

// sweep reads the registers in person-id order, sweepChunk persons at a time (loadRange, with
// every region's code read once first), and
// calls each with the spans [Compute] gives every person of the chunk. It reads with plain SQL,
// so the data upgrade can run it inside its transaction before any ent client exists.
func sweep(ctx context.Context, db DB, b *entsql.DialectBuilder, each func(chunk) error) error {
	return sweepBy(ctx, db, b, sweepChunk, each)
}

// sweepBy is sweep with size persons a chunk.
func sweepBy(ctx context.Context, db DB, b *entsql.DialectBuilder, size int, each func(chunk) error) error {
	codes, err := regionCodes(ctx, db, b)
	if err != nil {
		return err
	}
	after := 0
	for {
		persons, err := loadRange(ctx, db, b, codes, after, size)
		if err != nil {
			return err
		}
		c := chunk{After: after, Last: math.MaxInt64, Persons: len(persons), Want: make(map[int]Kept, len(persons))}
		if len(persons) == size {
			c.Last = persons[len(persons)-1].ID
		}
		for _, p := range persons {
			c.Want[p.ID] = Compute(*p)
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

// sweepAhead is sweepBy reading the registers through read, a read-only transaction of its own on
// another connection, and computing the rules one chunk ahead of each: the next chunk's reads
// and rules run on one core while each writes the last on the other (SQLite: a reader beside the
// writer; PostgreSQL: two server processes). Both connections see the same registers as long as
// the writer changes none and no other transaction commits one in between: within a data
// upgrade, whose transaction SQLite's writer lock keeps alone, that holds.
func sweepAhead(ctx context.Context, read DB, b *entsql.DialectBuilder, size int, each func(chunk) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	chunks, done := make(chan chunk, 1), make(chan error, 1)
	go func() {
		defer close(chunks)
		done <- sweepBy(ctx, read, b, size, func(c chunk) error {
			select {
			case chunks <- c:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var err error
	for c := range chunks {
		if err == nil {
			if err = each(c); err != nil {
				cancel() // the reader stops at its next chunk
			}
		}
	}
	if e := <-done; err == nil {
		err = e
	}
	return err
}

// storedIn reads the kept spans of the person ids in (after, last].
func storedIn(ctx context.Context, db DB, b *entsql.DialectBuilder, after, last int) (map[int]Kept, error) {
	q, args := b.Select(spanColumns...).
		From(b.Table(factspan.Table)).
		Where(entsql.And(entsql.GT(factspan.FieldPersonID, after), entsql.LTE(factspan.FieldPersonID, last))).
		OrderBy(factspan.FieldPersonID).Query()
	out := map[int]Kept{}
	err := scan(ctx, db, q, args, func(rows *sql.Rows) error {
		var (
			fact   string
			id     int
			code   sql.NullString
			level  sql.NullString
			from   civil.Date
			until  sql.Null[civil.Date]
			weight int
		)
		if err := rows.Scan(&fact, &id, &code, &level, &from, &until, &weight); err != nil {
			return err
		}
		s := factdata.Span{Level: enum.CertificateLevel(level.String), From: from, Weight: weight}
		if until.Valid {
			s.Until = &until.V
		}
		out[id] = withSpan(out[id], enum.Fact(fact), code.String, s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read fact spans: %w", err)
	}
	for id, k := range out {
		for f := range k.Spans {
			k.Spans[f] = canonical(k.Spans[f])
		}
		out[id] = k
	}
	return out, nil
}

// withSpan adds a stored span filed under region code to k.
func withSpan(k Kept, fact enum.Fact, code string, s factdata.Span) Kept {
	if !k.empty() && k.Region != code {
		code = mixedRegions
	}
	k.Region = code
	k.add(fact, s)
	return k
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
