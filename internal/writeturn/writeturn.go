// Package writeturn gives the writers of one process their turns at a database, first come first
// served. SQLite lets one transaction write at a time and makes the others poll for the lock
// (busy timeout): a writer that commits and begins again at once — an import's next batch —
// wins every time, and clerks' saves starve until they time out. Writers that take a turn first
// queue in order instead, so an import's batches and clerks' saves alternate. Every API mutation
// takes one (graph), and so do an import's batches and its job's bookkeeping (transfer).
//
// A turn is held from before a write transaction begins until it has committed or rolled back;
// code holding a turn must not take another one for the same database. PostgreSQL queues
// writers on its own row locks, fairly: there, turns cost nothing and order nothing.
package writeturn

import (
	"context"
	"database/sql"
	"sync"
)

// Querier reads: an ent client with FeatureExecQuery, *sql.DB.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Turn is the queue of one database's writers.
type Turn struct {
	ch     chan struct{}
	client any
	once   sync.Once
	on     bool // the database is SQLite
}

// turns holds each database's queue, keyed by its root client: the one registry of this package.
var turns sync.Map

// For returns the queue of the database a root client (the *ent.Client the server was built
// with, not a transaction's) writes to.
func For(client any) *Turn {
	t, _ := turns.LoadOrStore(client, &Turn{ch: make(chan struct{}, 1), client: client})
	return t.(*Turn)
}

// sqlite reports, once, whether the database is SQLite (a client that cannot say is queued).
func (t *Turn) sqlite(ctx context.Context) bool {
	t.once.Do(func() {
		q, ok := t.client.(Querier)
		if !ok {
			t.on = true
			return
		}
		rows, err := q.QueryContext(context.WithoutCancel(ctx), "SELECT sqlite_version()")
		if err == nil {
			_ = rows.Close()
		}
		t.on = err == nil
	})
	return t.on
}

// Take waits for the turn (writers waiting longer are served first) or for ctx to end.
func (t *Turn) Take(ctx context.Context) error {
	if !t.sqlite(ctx) {
		return nil
	}
	select {
	case t.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Done gives the turn to the next writer.
func (t *Turn) Done() {
	if t.on {
		<-t.ch
	}
}

// Run runs fn during a turn.
func (t *Turn) Run(ctx context.Context, fn func() error) error {
	if err := t.Take(ctx); err != nil {
		return err
	}
	defer t.Done()
	return fn()
}
