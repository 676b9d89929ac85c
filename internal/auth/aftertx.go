package auth

import (
	"context"
	"errors"
	"sync"

	"swtalent/ent"
)

// afterTx runs f once the request's transaction in ctx has ended, committed or rolled back, or
// at once when ctx carries none. What f writes through the service's own client then neither
// waits for that transaction's write lock (SQLite) nor disappears with its rollback. An error of
// f is returned when it runs at once, and otherwise joined to the commit's or rollback's.
func afterTx(ctx context.Context, f func(context.Context) error) error {
	tx := ent.TxFromContext(ctx)
	if tx == nil {
		return f(ctx)
	}
	ctx = context.WithoutCancel(ctx)
	var once sync.Once
	var ferr error
	run := func() error {
		once.Do(func() { ferr = f(ctx) })
		return ferr
	}
	tx.OnCommit(func(next ent.Committer) ent.Committer {
		return ent.CommitFunc(func(c context.Context, t *ent.Tx) error {
			return errors.Join(next.Commit(c, t), run())
		})
	})
	tx.OnRollback(func(next ent.Rollbacker) ent.Rollbacker {
		return ent.RollbackFunc(func(c context.Context, t *ent.Tx) error {
			return errors.Join(next.Rollback(c, t), run())
		})
	})
	return nil
}
