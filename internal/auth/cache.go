package auth

import (
	"container/list"
	"slices"
	"sync"
	"time"

	"swtalent/internal/viewer"
)

// Defaults of the session cache.
const (
	DefaultCacheSize = 10000
	DefaultCacheTTL  = 5 * time.Second
)

// sessionCache keeps the viewers of recently checked tokens, by token hash, so that a signed-in
// request needs no database read. It holds at most size sessions, forgetting the least recently
// used first, and each for at most ttl after it was read from the database: that bounds how long
// a change made by another instance on the same database goes unseen here. Changes made through
// this instance's client drop the affected sessions when they commit (see invalidate.go).
//
// A read that started before a drop never stores its result (gen), so a session read just before
// a change committed cannot outlive the change.
type sessionCache struct {
	size int
	ttl  time.Duration

	mu      sync.Mutex
	entries map[string]*list.Element // of *session, by token hash
	order   *list.List               // most recently used first
	gen     uint64                   // counts drops
	loads   map[string]*load         // reads of the database in flight, by token hash
}

// load is one read of a token's session from the database, which the requests that miss the
// cache for the same token at the same time share: when a session expires under load, every
// concurrent request of that token misses at once, and each used to read the token, its account
// and scope — and, once a minute, write its last use, one UPDATE after another on the same row,
// each waiting for the previous one's commit (outliers of hundreds of milliseconds in the peer
// harness's node read on PostgreSQL).
type load struct {
	gen  uint64        // the drop count when the read started
	done chan struct{} // closed when v and err are set
	v    *viewer.Viewer
	err  error
}

// session is one cached token check.
type session struct {
	hash      string
	viewer    viewer.Viewer // TokenID set
	expiresAt time.Time     // the token's expiry
	loadedAt  time.Time     // when it was read from the database
	lastUsed  time.Time     // the token's last-used time as last written, or zero
}

// newSessionCache returns a cache of size sessions kept for ttl; size ≤ 0 caches nothing.
func newSessionCache(size int, ttl time.Duration) *sessionCache {
	return &sessionCache{size: size, ttl: ttl, entries: map[string]*list.Element{}, order: list.New(), loads: map[string]*load{}}
}

// join returns the read in flight for the token hash that started after the last drop, or, with
// lead true, a new one that the caller must read and then pass to land. A read that started
// before a drop is never joined: a request that arrives after a logout or a role change must not
// get the session read before it.
func (c *sessionCache) join(hash string) (l *load, lead bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if l := c.loads[hash]; l != nil && l.gen == c.gen {
		return l, false
	}
	l = &load{gen: c.gen, done: make(chan struct{})}
	c.loads[hash] = l
	return l, true
}

// land ends a read begun by join, handing its result to the requests that joined it.
func (c *sessionCache) land(hash string, l *load, v *viewer.Viewer, err error) {
	c.mu.Lock()
	if c.loads[hash] == l {
		delete(c.loads, hash)
	}
	c.mu.Unlock()
	l.v, l.err = v, err
	close(l.done)
}

// get returns the viewer of the token hash if a fresh session is cached, and whether its
// last-used time is due to be written (at most once per touchEvery; the caller writes it).
func (c *sessionCache) get(hash string, now time.Time) (v viewer.Viewer, touch, ok bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	el := c.entries[hash]
	if el == nil {
		return v, false, false
	}
	s := el.Value.(*session)
	if now.Sub(s.loadedAt) >= c.ttl || !now.Before(s.expiresAt) {
		c.remove(el)
		return v, false, false
	}
	c.order.MoveToFront(el)
	if now.Sub(s.lastUsed) >= touchEvery {
		s.lastUsed = now
		touch = true
	}
	return s.viewer, touch, true
}

// generation is the drop count, to pass to put after reading the database.
func (c *sessionCache) generation() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.gen
}

// put stores a session read from the database, unless something was dropped since gen was taken.
func (c *sessionCache) put(gen uint64, s *session) {
	if c.size <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if gen != c.gen {
		return
	}
	if el := c.entries[s.hash]; el != nil {
		c.remove(el)
	}
	c.entries[s.hash] = c.order.PushFront(s)
	for c.order.Len() > c.size {
		c.remove(c.order.Back())
	}
}

// drop forgets the sessions of the accounts or tokens named (either may be nil).
func (c *sessionCache) drop(accounts, tokens []int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gen++
	if len(accounts)+len(tokens) == 0 {
		return
	}
	for el := c.order.Front(); el != nil; {
		next := el.Next()
		if s := el.Value.(*session); slices.Contains(accounts, s.viewer.AccountID) || slices.Contains(tokens, s.viewer.TokenID) {
			c.remove(el)
		}
		el = next
	}
}

// len is the number of cached sessions.
func (c *sessionCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.order.Len()
}

// remove forgets one session; called with the lock held.
func (c *sessionCache) remove(el *list.Element) {
	delete(c.entries, el.Value.(*session).hash)
	c.order.Remove(el)
}
