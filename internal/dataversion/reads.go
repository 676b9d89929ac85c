package dataversion

import (
	"context"
	"sync/atomic"

	"entgo.io/ent"

	"swtalent/ent/intercept"
)

// Reads records whether the queries run with a context from TrackReads read an Unbumped
// entity: a result computed from such a read may change while the version stays, so a cache
// keyed by the version must not keep it. Safe for concurrent queries (resolvers run in
// parallel).
type Reads struct{ unbumped atomic.Bool }

type readsKey struct{}

// TrackReads returns ctx whose queries (through a client with Install's interceptor) are noted
// in the returned Reads.
func TrackReads(ctx context.Context) (context.Context, *Reads) {
	r := &Reads{}
	return context.WithValue(ctx, readsKey{}, r), r
}

// Unbumped reports whether a query read an Unbumped entity (or one the interceptor could not
// name, which counts as such).
func (r *Reads) Unbumped() bool { return r.unbumped.Load() }

// Interceptor notes in the context's Reads (see TrackReads) every query of an Unbumped entity,
// whether a list, a count, an existence check, an aggregate or an edge's eager load.
func Interceptor() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			if r, ok := ctx.Value(readsKey{}).(*Reads); ok && !r.unbumped.Load() {
				if iq, err := intercept.NewQuery(q); err != nil || Unbumped(iq.Type()) {
					r.unbumped.Store(true)
				}
			}
			return next.Query(ctx, q)
		})
	})
}
