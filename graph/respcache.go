package graph

import (
	"container/list"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/vektah/gqlparser/v2/ast"

	"swtalent/ent"
	"swtalent/internal/dataversion"
	"swtalent/internal/viewer"
	"swtalent/modules"
)

// Default bounds of the response cache (Options.ResponseCacheEntries and ResponseCacheBytes).
const (
	DefaultResponseCacheEntries = 1000
	DefaultResponseCacheBytes   = 32 << 20 // 32 MiB of response bodies
)

// responseCache answers queries from memory while the data is unchanged. An answer depends on
// the operation — its text (a persisted query's hash is resolved to that text before this runs),
// its variables (which also decide @include and @skip) and its name —, on the configuration's
// today (what a query without asOf reads), on who asks (the viewer's account, role and scope:
// the privacy rules and the masking of personal data follow them; the anonymous public is one
// viewer) and on the data. The data is named by the database's data version (package
// dataversion), which every write of the registers bumps in its own transaction whichever
// instance or command writes: each query reads it (one indexed one-row SELECT) and is answered
// from memory when an answer was kept under that version for that viewer. Accounts, tokens, the
// audit trail and import jobs change without a bump (dataversion.Unbumped), so an answer that
// read any of them is not kept. Mutations, subscriptions and answers with errors or incremental
// parts are never cached. A role or scope change reaches the session cache at once (see
// internal/auth), and with it the key: the old answers are never served again. Entries are
// evicted least recently used first beyond maxEntries or maxBytes; a write empties the cache.
//
// A lookup costs a statement (the version read), which only a hit repays: where writes come so
// often that answers are rarely asked twice between them, the cache steps aside. Over each window
// of lookups it counts the hits; a window with fewer than one hit in eight lookups makes the next
// seven windows' worth of requests run without it (no version read, nothing kept), after which it
// tries again. So a workload without hits pays the version read on one request in eight at most.
type responseCache struct {
	cfg        modules.Config
	maxEntries int
	maxBytes   int64
	window     int // lookups per window of the hit count
	hits       prometheus.Counter
	misses     prometheus.Counter
	bypassed   prometheus.Counter

	mu            sync.Mutex
	version       int64
	bytes         int64
	order         *list.List // of *cachedResponse, most recently used first
	entries       map[[sha256.Size]byte]*list.Element
	lookups, used int // lookups and hits in the current window
	idle          int // requests left to answer without the cache
}

// cacheWindow is the default number of lookups per window of the hit count.
const cacheWindow = 256

// cachedResponse is one kept answer.
type cachedResponse struct {
	key  [sha256.Size]byte
	data json.RawMessage
}

// newResponseCache returns a cache over cfg's database, bounded by entries and bytes; nil when
// either bound is not positive (the cache is off).
func newResponseCache(cfg modules.Config, entries int, bytes int64) *responseCache {
	if entries <= 0 || bytes <= 0 {
		return nil
	}
	return &responseCache{
		cfg: cfg, maxEntries: entries, maxBytes: bytes, window: cacheWindow,
		hits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "swtalent_response_cache_hits_total", Help: "Queries answered from the response cache.",
		}),
		misses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "swtalent_response_cache_misses_total", Help: "Queries executed because no answer was cached for the viewer and the current data version.",
		}),
		bypassed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "swtalent_response_cache_bypassed_total", Help: "Queries executed without looking in the response cache, because recent lookups rarely hit.",
		}),
		order:   list.New(),
		entries: map[[sha256.Size]byte]*list.Element{},
	}
}

// ExtensionName names the gqlgen extension.
func (*responseCache) ExtensionName() string { return "ResponseCache" }

// Validate accepts any schema.
func (*responseCache) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptResponse answers a cacheable operation from the cache or runs it and keeps its answer.
func (c *responseCache) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Query || ent.FromContext(ctx) != nil {
		return next(ctx)
	}
	if !c.consult() {
		c.bypassed.Inc()
		return next(ctx)
	}
	key, err := c.key(oc, viewer.FromContext(ctx))
	if err != nil {
		return next(ctx)
	}
	// The version is read before executing: a write committed meanwhile moves it, so an answer
	// kept under the old version is never served again.
	v, err := dataversion.Read(ctx, c.cfg.Client)
	if err != nil {
		return next(ctx)
	}
	if data, ok := c.get(key, v); ok {
		c.hits.Inc()
		return &graphql.Response{Data: data}
	}
	c.misses.Inc()
	ctx, reads := dataversion.TrackReads(ctx)
	rsp := next(ctx)
	if rsp != nil && len(rsp.Errors) == 0 && rsp.HasNext == nil && len(rsp.Extensions) == 0 && rsp.Label == "" && rsp.Path == nil && !reads.Unbumped() {
		c.put(key, v, rsp.Data)
	}
	return rsp
}

// key hashes what an answer depends on besides the data.
func (c *responseCache) key(oc *graphql.OperationContext, who *viewer.Viewer) ([sha256.Size]byte, error) {
	vars, err := json.Marshal(oc.Variables) // maps marshal with sorted keys: canonical
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	h := sha256.New()
	scope := fmt.Appendf(nil, "%d %s %d %s %d", who.AccountID, who.Role, who.AgencyID, who.RegionCode, who.UniversityID)
	for _, part := range [][]byte{scope, []byte(c.cfg.Today().String()), []byte(oc.OperationName), []byte(oc.RawQuery), vars} {
		var n [8]byte
		for i, l := 0, len(part); i < 8; i, l = i+1, l>>8 {
			n[i] = byte(l)
		}
		h.Write(n[:])
		h.Write(part)
	}
	var k [sha256.Size]byte
	h.Sum(k[:0])
	return k, nil
}

// get returns the answer kept under key for data version v. A newer version empties the cache;
// a request that read an older version than the cache's (it raced a write) is neither served
// nor kept.
func (c *responseCache) get(key [sha256.Size]byte, v int64) (data json.RawMessage, hit bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	defer func() { c.count(hit) }()
	if v > c.version {
		c.version, c.bytes = v, 0
		c.order.Init()
		clear(c.entries)
	}
	if v != c.version {
		return nil, false
	}
	el, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(el)
	return el.Value.(*cachedResponse).data, true
}

// consult reports whether a request looks in the cache, or is answered without it while the
// cache steps aside (see responseCache).
func (c *responseCache) consult() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idle > 0 {
		c.idle--
		return false
	}
	return true
}

// count records a lookup's outcome (c.mu held); at the end of a window with fewer than one hit
// in eight lookups the cache steps aside for seven windows' worth of requests.
func (c *responseCache) count(hit bool) {
	c.lookups++
	if hit {
		c.used++
	}
	if c.lookups >= c.window {
		if c.used*8 < c.lookups {
			c.idle = 7 * c.window
		}
		c.lookups, c.used = 0, 0
	}
}

// put keeps data under key for version v, evicting the least recently used answers beyond the
// bounds; an answer larger than the byte bound is not kept.
func (c *responseCache) put(key [sha256.Size]byte, v int64, data json.RawMessage) {
	size := int64(len(data) + len(key))
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version || size > c.maxBytes {
		return
	}
	if el, ok := c.entries[key]; ok {
		c.bytes -= int64(len(el.Value.(*cachedResponse).data) + len(key))
		c.order.Remove(el)
		delete(c.entries, key)
	}
	for c.order.Len() > 0 && (c.order.Len() >= c.maxEntries || c.bytes+size > c.maxBytes) {
		old := c.order.Remove(c.order.Back()).(*cachedResponse)
		c.bytes -= int64(len(old.data) + len(old.key))
		delete(c.entries, old.key)
	}
	c.entries[key] = c.order.PushFront(&cachedResponse{key: key, data: data})
	c.bytes += size
}
