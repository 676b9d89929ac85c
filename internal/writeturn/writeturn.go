// Package writeturn gives the writers of one process their turns at a database, first come first
// served. SQLite lets one transaction write at a time and makes the others poll for the lock
// (busy timeout): a writer that commits and begins again at once — an import's next batch —
// wins every time, and clerks' saves starve until they time out. Writers that take a turn first
// queue in order instead, so an import's batches and clerks' saves alternate. Every API mutation
// takes one (graph), and so do an import's batches and its job's bookkeeping (transfer).
//
// A turn is held from before a write transaction begins until it has committed or rolled back;
// code holding a turn must not take another one for the same database.
package writeturn

import (
	"context"
	"sync"
)

// Turn is the queue of one database's writers.
type Turn struct{ ch chan struct{} }

// turns holds each database's queue, keyed by its root client: the one registry of this package.
var turns sync.Map

// For returns the queue of the database a root client (the *ent.Client the server was built
// with, not a transaction's) writes to.
func For(client any) *Turn {
	t, _ := turns.LoadOrStore(client, &Turn{ch: make(chan struct{}, 1)})
	return t.(*Turn)
}

// Take waits for the turn (writers waiting longer are served first) or for ctx to end.
func (t *Turn) Take(ctx context.Context) error {
	select {
	case t.ch <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Done gives the turn to the next writer.
func (t *Turn) Done() { <-t.ch }

// Run runs fn during a turn.
func (t *Turn) Run(ctx context.Context, fn func() error) error {
	if err := t.Take(ctx); err != nil {
		return err
	}
	defer t.Done()
	return fn()
}
