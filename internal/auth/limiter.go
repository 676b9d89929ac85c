package auth

import (
	"sync"
	"time"
)

// limiter slows down repeated failed logins per username: after freeFailures failures in a row,
// each further attempt must wait a delay that doubles with every failure, up to maxDelay. A
// success clears the record. It remembers at most maxEntries usernames, forgetting the stalest.
// The state is per process: each instance slows down the attempts it sees.
type limiter struct {
	mu      sync.Mutex
	entries map[string]*failures
}

type failures struct {
	count int
	until time.Time // no attempt before this time
	last  time.Time
}

const (
	freeFailures = 5
	maxDelay     = 15 * time.Minute
	maxEntries   = 10000
)

func newLimiter() *limiter { return &limiter{entries: map[string]*failures{}} }

// wait reports how long the username must still wait before its next attempt (0 = may try now).
func (l *limiter) wait(username string, now time.Time) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	if f := l.entries[username]; f != nil && now.Before(f.until) {
		return f.until.Sub(now)
	}
	return 0
}

// fail records a failed attempt.
func (l *limiter) fail(username string, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	f := l.entries[username]
	if f == nil {
		if len(l.entries) >= maxEntries {
			l.evict()
		}
		f = &failures{}
		l.entries[username] = f
	}
	f.count++
	f.last = now
	if f.count >= freeFailures {
		d := time.Second << min(f.count-freeFailures, 20)
		f.until = now.Add(min(d, maxDelay))
	}
}

// succeed clears the username's failures.
func (l *limiter) succeed(username string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.entries, username)
}

// evict forgets the stalest entry; called with the lock held.
func (l *limiter) evict() {
	var oldest string
	var at time.Time
	for name, f := range l.entries {
		if oldest == "" || f.last.Before(at) {
			oldest, at = name, f.last
		}
	}
	delete(l.entries, oldest)
}
