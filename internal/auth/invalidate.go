package auth

import (
	"context"
	"fmt"

	entgo "entgo.io/ent"

	"swtalent/ent"
)

// changedRows is what the generated Account and ApiToken mutations offer to find the rows they
// change and the transaction they run in.
type changedRows interface {
	IDs(ctx context.Context) ([]int, error)
	Tx() (*ent.Tx, error)
}

// install drops cached sessions when an account or a token changes through client (and every
// transaction opened from it): the sessions of a changed account (role, scope, password,
// disabled) and of a changed token (revoked). They are dropped when the change commits, or at
// once outside a transaction. Creations change no cached session.
func (s *Service) install(client *ent.Client) {
	client.Account.Use(s.dropping(func(ids []int) { s.cache.drop(ids, nil) }))
	client.ApiToken.Use(s.dropping(func(ids []int) { s.cache.drop(nil, ids) }))
}

// dropping is the hook that calls drop with the changed rows' ids after they are written.
func (s *Service) dropping(drop func(ids []int)) entgo.Hook {
	return func(next entgo.Mutator) entgo.Mutator {
		return entgo.MutateFunc(func(ctx context.Context, m entgo.Mutation) (entgo.Value, error) {
			cm, ok := m.(changedRows)
			if m.Op().Is(entgo.OpCreate) || !ok {
				return next.Mutate(ctx, m)
			}
			ids, err := cm.IDs(system(ctx))
			if err != nil {
				return nil, fmt.Errorf("find the changed %s rows: %w", m.Type(), err)
			}
			v, err := next.Mutate(ctx, m)
			if err != nil || len(ids) == 0 {
				return v, err
			}
			tx, err := cm.Tx()
			if err != nil { // not in a transaction: written already
				drop(ids)
				return v, nil
			}
			tx.OnCommit(func(next ent.Committer) ent.Committer {
				return ent.CommitFunc(func(ctx context.Context, tx *ent.Tx) error {
					err := next.Commit(ctx, tx)
					drop(ids)
					return err
				})
			})
			return v, nil
		})
	}
}
