package plan

import (
	"context"
	"sync"

	"swtalent/ent"
	"swtalent/internal/civil"
	"swtalent/internal/dataversion"
)

// maxCached bounds the cached plans; when full, the cache starts over.
const maxCached = 512

// cacheKey is what a plan's indicators depend on besides the data: the day and the region.
type cacheKey struct {
	asOf   civil.Date
	region string
}

// cache keeps measured initiatives per (asOf, region) for one data version. The version lives in
// the database and every write bumps it in its own transaction (package dataversion), so a write
// through any instance or the command line invalidates the cache: each read first reads the
// version (one indexed one-row query) and drops everything when it moved. Results are the same
// for every viewer (public aggregates; targets are public), so one cache serves all.
type cache struct {
	mu      sync.Mutex
	version int64
	entries map[cacheKey][]*Initiative
}

func newCache() *cache { return &cache{entries: map[cacheKey][]*Initiative{}} }

// initiatives returns the cached initiatives of p, or measures them with measure and keeps them.
// Inside a mutation's transaction the cache is bypassed: the transaction may hold uncommitted
// writes.
func (c *cache) initiatives(ctx context.Context, client *ent.Client, p *Plan, measure func(context.Context) ([]*Initiative, error)) ([]*Initiative, error) {
	if ent.FromContext(ctx) != nil {
		return measure(ctx)
	}
	// The version is read before measuring: a write committed meanwhile moves it, and the
	// result stored under the old version is never served again.
	v, err := dataversion.Read(ctx, client)
	if err != nil {
		return nil, err
	}
	key := cacheKey{asOf: p.AsOf}
	if p.Region != nil {
		key.region = p.Region.Code
	}
	c.mu.Lock()
	if v != c.version {
		c.version, c.entries = v, map[cacheKey][]*Initiative{}
	}
	if got, ok := c.entries[key]; ok {
		c.mu.Unlock()
		return got, nil
	}
	c.mu.Unlock()
	out, err := measure(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v == c.version {
		if len(c.entries) >= maxCached {
			c.entries = map[cacheKey][]*Initiative{}
		}
		c.entries[key] = out
	}
	return out, nil
}
