package facts

import (
	"context"
	"maps"
	"slices"
	"sync"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/civil"
)

// pending is the set of persons, and of regions whose service points, a deferred batch has
// changed and not yet refreshed.
type pending struct {
	mu             sync.Mutex
	ids            map[int]struct{}
	regions        map[int]struct{}
	demonstrations map[int]struct{}
}

type pendingKey struct{}

// Defer returns a context in which the hooks only note the persons whose facts a change moves
// (and the regions whose service points it changes),
// and the communities whose demonstration facts it may move, [TouchedDemonstrations]),
// and a flush that refreshes them all at once (RefreshPersons, a few statements per 5,000
// persons instead of a few per change). A bulk write (an import) runs its mutations in the
// returned context and calls flush with its transaction's client before it commits; what check-facts
// compares is then the same as if every change had refreshed at once.
func Defer(ctx context.Context) (context.Context, func(context.Context, *ent.Client) error) {
	p := &pending{ids: map[int]struct{}{}, regions: map[int]struct{}{}, demonstrations: map[int]struct{}{}}
	flush := func(ctx context.Context, client *ent.Client) error {
		p.mu.Lock()
		ids := slices.Collect(maps.Keys(p.ids))
		regions := slices.Collect(maps.Keys(p.regions))
		demonstrations := slices.Collect(maps.Keys(p.demonstrations))
		clear(p.ids)
		clear(p.regions)
		clear(p.demonstrations)
		p.mu.Unlock()
		ctx = context.WithValue(ctx, pendingKey{}, nil)
		if err := RefreshPersons(ctx, client, ids...); err != nil {
			return err
		}
		if err := RefreshRegions(ctx, client, regions...); err != nil {
			return err
		}
		// Last: they read the kept facts the two refreshes above write.
		return RefreshDemonstrations(ctx, client, demonstrations...)
	}
	return context.WithValue(ctx, pendingKey{}, p), flush
}

// Touched is what the hooks call after a change that may move the facts of the persons ids:
// inside a [Defer] context it notes them for the flush, otherwise it refreshes them at once.
func Touched(ctx context.Context, client *ent.Client, ids ...int) error {
	if noted(ctx, func(p *pending) map[int]struct{} { return p.ids }, ids) {
		return nil
	}
	return RefreshPersons(ctx, client, ids...)
}

// noted adds ids to the set of the pending changes that set picks and reports true inside a
// [Defer] context; elsewhere it does nothing and reports false.
func noted(ctx context.Context, set func(*pending) map[int]struct{}, ids []int) bool {
	p, ok := ctx.Value(pendingKey{}).(*pending)
	if !ok || p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	s := set(p)
	for _, id := range ids {
		s[id] = struct{}{}
	}
	return true
}

// TouchedRegions is what the service points' hook calls after a change that may move the kept
// region facts of the regions ids (those a point leaves or joins): inside a [Defer] context it
// notes them for the flush, otherwise it refreshes them at once ([RefreshRegions]).
func TouchedRegions(ctx context.Context, client *ent.Client, ids ...int) error {
	if noted(ctx, func(p *pending) map[int]struct{} { return p.regions }, ids) {
		return nil
	}
	return RefreshRegions(ctx, client, ids...)
}

// Volunteer is a volunteer's registration as VOLUNTEER_ACTIVE counts it: its community (a region
// ID) and its interval [Registered, Left).
type Volunteer struct {
	Community  int
	Registered civil.Date
	Left       *civil.Date
}

// MovedVolunteer is what the volunteers' hook calls after one volunteer's change, creation
// (before nil) or deletion (after nil): inside a [Defer] context it notes the communities for the
// flush; otherwise it moves the one interval in VOLUNTEER_ACTIVE, its span's weight less one in
// the community before and more one in the community after, with the deltas (a few statements
// whatever the community's size, where [RefreshRegions] reads its every volunteer). A kept span
// it finds missing falls back to RefreshRegions. Either way the demonstration facts of the
// communities whose spans moved follow (demonstrations.go).
func MovedVolunteer(ctx context.Context, client *ent.Client, before, after *Volunteer) error {
	var ids []int
	for _, v := range []*Volunteer{before, after} {
		if v != nil {
			ids = append(ids, v.Community)
		}
	}
	if p, ok := ctx.Value(pendingKey{}).(*pending); ok && p != nil {
		return TouchedRegions(ctx, client, ids...)
	}
	codes, moved, err := moveVolunteer(ctx, client, before, after)
	if err != nil {
		return err
	}
	if !moved {
		return RefreshRegions(ctx, client, ids...)
	}
	return refreshDemonstrations(privacy.DecisionContext(ctx, privacy.Allow), client, codes)
}
