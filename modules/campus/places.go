package campus

import (
	"context"
	"fmt"
	"sync"

	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"swtalent/ent"
	"swtalent/ent/base"
	"swtalent/ent/partnership"
	"swtalent/ent/placement"
	"swtalent/ent/predicate"
	"swtalent/ent/schema/enum"
	"swtalent/internal/batch"
	"swtalent/internal/civil"
	"swtalent/modules"
)

// places is a request's batch loaders of the places of bases, one per term and field asked; every
// base the request loads is noted in all of them.
type places struct {
	mu      sync.Mutex
	bases   []int
	loaders map[placesKey]*batch.Loader[int]
}

// placesKey names one loader: places offered or taken in one term.
type placesKey struct {
	term  civil.Term
	taken bool
}

type placesCtxKey struct{}

// WithRequest gives a request its own loaders (the modules.RequestScoped capability).
func (m *Module) WithRequest(ctx context.Context) context.Context {
	return context.WithValue(ctx, placesCtxKey{}, &places{loaders: map[placesKey]*batch.Loader[int]{}})
}

// noteBases is the query interceptor that records the bases a request loads.
func noteBases() ent.Interceptor {
	return ent.InterceptFunc(func(next ent.Querier) ent.Querier {
		return ent.QuerierFunc(func(ctx context.Context, q ent.Query) (ent.Value, error) {
			v, err := next.Query(ctx, q)
			p, ok := ctx.Value(placesCtxKey{}).(*places)
			if bases, isBases := v.([]*ent.Base); ok && isBases && err == nil {
				ids := make([]int, len(bases))
				for i, b := range bases {
					ids[i] = b.ID
				}
				p.mu.Lock()
				p.bases = append(p.bases, ids...)
				for _, l := range p.loaders {
					l.Note(ids...)
				}
				p.mu.Unlock()
			}
			return v, err
		})
	})
}

// loader returns the request's loader of key, created with every base noted so far.
func (m *Module) loader(ctx context.Context, key placesKey) *batch.Loader[int] {
	fetch := func(ctx context.Context, ids []int) (map[int]int, error) {
		if key.taken {
			return m.placesTaken(ctx, key.term, ids)
		}
		return m.placesOffered(ctx, key.term, ids)
	}
	p, ok := ctx.Value(placesCtxKey{}).(*places)
	if !ok {
		return batch.New(fetch)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l, ok := p.loaders[key]
	if !ok {
		l = batch.New(fetch)
		l.Note(p.bases...)
		p.loaders[key] = l
	}
	return l
}

// PlacesOffered is the number of student places the base's agreements offer in a term: the sum
// over agreements in force on any day of the term that cover placements.
func (m *Module) PlacesOffered(ctx context.Context, b *ent.Base, term civil.Term) (int, error) {
	return m.loader(ctx, placesKey{term: term}).Get(ctx, b.ID)
}

// PlacesTaken is the number of placements at the base in a term, cancelled ones excepted.
func (m *Module) PlacesTaken(ctx context.Context, b *ent.Base, term civil.Term) (int, error) {
	return m.loader(ctx, placesKey{term: term, taken: true}).Get(ctx, b.ID)
}

// inForceDuring holds for agreements covering placements in force on some day of the term.
func inForceDuring(term civil.Term) []predicate.Partnership {
	return []predicate.Partnership{
		partnership.StartsOnLTE(term.End()),
		partnership.Or(partnership.EndsOnIsNil(), partnership.EndsOnGTE(term.Start())),
		coversPlacements(),
	}
}

// placesOffered sums the places of several bases' agreements in one aggregate.
func (m *Module) placesOffered(ctx context.Context, term civil.Term, ids []int) (map[int]int, error) {
	var rows []struct {
		Base   int `json:"partnership_base"`
		Places int `json:"places"`
	}
	preds := append(inForceDuring(term), partnership.HasBaseWith(base.IDIn(ids...)))
	err := m.cfg.Ent(ctx).Partnership.Query().Where(preds...).
		GroupBy(partnership.BaseColumn).
		Aggregate(ent.As(ent.Sum(partnership.FieldPlacesPerTerm), "places")).
		Scan(modules.Aggregate(ctx), &rows)
	if err != nil {
		return nil, fmt.Errorf("sum places offered: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.Base] = r.Places
	}
	return out, nil
}

// placesTaken counts several bases' placements in a term in one aggregate.
func (m *Module) placesTaken(ctx context.Context, term civil.Term, ids []int) (map[int]int, error) {
	var rows []struct {
		Base  int `json:"placement_base"`
		Count int `json:"count"`
	}
	err := m.cfg.Ent(ctx).Placement.Query().
		Where(placement.TermEQ(term), placement.StatusNEQ(placement.StatusCANCELLED), placement.HasBaseWith(base.IDIn(ids...))).
		GroupBy(placement.BaseColumn).
		Aggregate(ent.Count()).
		Scan(modules.Aggregate(ctx), &rows)
	if err != nil {
		return nil, fmt.Errorf("count places taken: %w", err)
	}
	out := make(map[int]int, len(rows))
	for _, r := range rows {
		out[r.Base] = r.Count
	}
	return out, nil
}

// coversPlacements holds for agreements whose scopes include student placements.
func coversPlacements() predicate.Partnership {
	return func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(partnership.FieldScopes), string(enum.ScopePlacements)))
	}
}
