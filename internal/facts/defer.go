package facts

import (
	"context"
	"sync"

	"swtalent/ent"
)

// pending is the set of persons whose facts a deferred batch has moved and not yet refreshed.
type pending struct {
	mu  sync.Mutex
	ids map[int]struct{}
}

type pendingKey struct{}

// Defer returns a context in which the hooks only note the persons whose facts a change moves,
// and a flush that refreshes them all at once (RefreshPersons, a few statements per 5,000
// persons instead of a few per change). A bulk write (an import) runs its mutations in the
// returned context and calls flush with its transaction's client before it commits; what check-facts
// compares is then the same as if every change had refreshed at once.
func Defer(ctx context.Context) (context.Context, func(context.Context, *ent.Client) error) {
	p := &pending{ids: map[int]struct{}{}}
	flush := func(ctx context.Context, client *ent.Client) error {
		p.mu.Lock()
		ids := make([]int, 0, len(p.ids))
		for id := range p.ids {
			ids = append(ids, id)
		}
		clear(p.ids)
		p.mu.Unlock()
		return RefreshPersons(context.WithValue(ctx, pendingKey{}, nil), client, ids...)
	}
	return context.WithValue(ctx, pendingKey{}, p), flush
}

// Touched is what the hooks call after a change that may move the facts of the persons ids:
// inside a [Defer] context it notes them for the flush, otherwise it refreshes them at once.
func Touched(ctx context.Context, client *ent.Client, ids ...int) error {
	if p, ok := ctx.Value(pendingKey{}).(*pending); ok && p != nil {
		p.mu.Lock()
		for _, id := range ids {
			p.ids[id] = struct{}{}
		}
		p.mu.Unlock()
		return nil
	}
	return RefreshPersons(ctx, client, ids...)
}
