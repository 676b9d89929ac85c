package facts

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
	"sync/atomic"

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

// sweep reads the registers in person-id order, sweepChunk persons at a time (loadRange), and
// calls each with the spans [Compute] gives every person of the chunk. It reads with plain SQL,
// so the data upgrade can run it inside its transaction before any ent client exists.
//
// The rules run beside the SQL: while the connection reads the next chunk and each writes (or
// compares) the previous one, the current chunk's persons are computed on GOMAXPROCS goroutines
// (computeAll); the connection itself, one transaction's, stays with the caller's goroutine. Chunks reach each in order, with the same spans as computed one by one.
func sweep(ctx context.Context, db DB, b *entsql.DialectBuilder, each func(chunk) error) error {
	persons, err := loadRange(ctx, db, b, 0, sweepChunk)
	if err != nil {
		return err
	}
	pending := startChunk(0, persons)
	for {
		c := pending.c
		var next []*factdata.Person
		if c.Last != math.MaxInt64 {
			next, err = loadRange(ctx, db, b, c.Last, sweepChunk) // while c is computed
		}
		<-pending.done
		if err != nil {
			return err
		}
		var following *computing
		if c.Last != math.MaxInt64 {
			following = startChunk(c.Last, next) // computed while each writes c
		}
		err = each(*c)
		if following != nil {
			<-following.done
		}
		if err != nil || following == nil {
			return err
		}
		pending = following
	}
}

// computing is a chunk whose spans are being computed; done is closed once c.Want is filled.
type computing struct {
	c    *chunk
	done chan struct{}
}

// startChunk starts computing the chunk of persons (read after id after, sweepChunk at most).
func startChunk(after int, persons []*factdata.Person) *computing {
	c := &chunk{After: after, Last: math.MaxInt64, Persons: len(persons)}
	if len(persons) == sweepChunk {
		c.Last = persons[len(persons)-1].ID
	}
	x := &computing{c: c, done: make(chan struct{})}
	go func() {
		defer close(x.done)
		kept := computeAll(persons)
		c.Want = make(map[int]Kept, len(persons))
		for i, p := range persons {
			c.Want[p.ID] = kept[i]
		}
	}()
	return x
}

// computeAll applies [Compute] to every person, on GOMAXPROCS goroutines, each taking a
// stretch of persons in turn; the result is in the persons' order.
func computeAll(persons []*factdata.Person) []Kept {
	out := make([]Kept, len(persons))
	const stretch = 256
	var next atomic.Int64
	var wg sync.WaitGroup
	for range max(1, runtime.GOMAXPROCS(0)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				from := int(next.Add(stretch)) - stretch
				if from >= len(persons) {
					return
				}
				for i := from; i < min(from+stretch, len(persons)); i++ {
					out[i] = Compute(*persons[i])
				}
			}
		}()
	}
	wg.Wait()
	return out
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
