package auth

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/internal/dataversion"
	"swtalent/internal/testdb"
)

func sysCtx() context.Context { return privacy.DecisionContext(context.Background(), privacy.Allow) }

// The last-used time is written at most once a minute per token, in one statement that leaves
// the data version (and so the plan's cached indicators) alone; a cached session is read from the
// database again after the TTL.
func TestLastUseIsThrottledAndBumpsNoDataVersion(t *testing.T) {
	ctx := sysCtx()
	db := testdb.Open(t)
	client, count := testdb.Counting(db)
	if _, err := CreateAccount(ctx, client, "clerk", "", account.RoleSTAFF, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	s := New(client, Options{CacheTTL: 5 * time.Second})
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	now := start
	s.now = func() time.Time { return now }
	token, row, err := s.Login(ctx, client, "clerk", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	version := func() int64 {
		v, err := dataversion.Read(ctx, db.SQL)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	lastUsed := func() time.Time {
		r := client.ApiToken.GetX(ctx, row.ID)
		if r.LastUsedAt == nil {
			return time.Time{}
		}
		return r.LastUsedAt.UTC()
	}
	v0 := version()

	steps := []struct {
		after      time.Duration // since start
		statements int           // sent by the check
		lastUsed   time.Duration // the stored last use, since start
	}{
		{0, 3, 0},                               // read (token, account) and first touch
		{time.Second, 0, 0},                     // from memory
		{4 * time.Second, 0, 0},                 // still within the TTL
		{6 * time.Second, 2, 0},                 // TTL passed: read again, no touch
		{59 * time.Second, 2, 0},                // read again (TTL), no touch
		{61 * time.Second, 1, 61 * time.Second}, // a minute later: touched from memory
		{62 * time.Second, 0, 61 * time.Second}, // from memory
		{3 * time.Minute, 3, 3 * time.Minute},   // read again and touched
	}
	for _, st := range steps {
		now = start.Add(st.after)
		count.Reset()
		v, err := s.Authenticate(ctx, token)
		if err != nil {
			t.Fatalf("at %v: %v", st.after, err)
		}
		if v.Username != "clerk" || v.TokenID != row.ID || v.Role != "STAFF" {
			t.Fatalf("at %v: viewer %+v", st.after, v)
		}
		if count.N() != st.statements {
			t.Errorf("at %v: %d statements, want %d", st.after, count.N(), st.statements)
		}
		if got := lastUsed(); !got.Equal(start.Add(st.lastUsed)) {
			t.Errorf("at %v: last used %v, want %v", st.after, got, start.Add(st.lastUsed))
		}
	}
	if v := version(); v != v0 {
		t.Fatalf("checking the token moved the data version from %d to %d", v0, v)
	}
}

// The cache holds at most its size, forgetting the least recently used session.
func TestSessionCacheIsBounded(t *testing.T) {
	c := newSessionCache(2, time.Minute)
	now := time.Now()
	for i, h := range []string{"a", "b", "a", "c"} {
		if _, _, ok := c.get(h, now); !ok {
			s := &session{hash: h, expiresAt: now.Add(time.Hour), loadedAt: now}
			s.viewer.TokenID = i
			c.put(c.generation(), s)
		}
	}
	if _, _, ok := c.get("b", now); ok || c.len() != 2 {
		t.Fatalf("b, the least recently used, is kept; %d sessions", c.len())
	}
	if _, _, ok := c.get("a", now); !ok {
		t.Fatal("a, used recently, was forgotten")
	}
	// A read that started before a drop does not store its (possibly stale) result.
	gen := c.generation()
	c.drop([]int{42}, nil)
	c.put(gen, &session{hash: "d", expiresAt: now.Add(time.Hour), loadedAt: now})
	if _, _, ok := c.get("d", now); ok {
		t.Fatal("a session read before a drop was stored")
	}
}

// When a token's cached session expires while many of its requests run, they share one read
// of the database: the token and account read once, and the last use written once, instead of
// once per request, each UPDATE of the same row waiting for the previous one's commit.
func TestConcurrentMissesShareOneRead(t *testing.T) {
	ctx := sysCtx()
	db := testdb.Open(t)
	client, count := testdb.Counting(db)
	if _, err := CreateAccount(ctx, client, "clerk", "", account.RoleSTAFF, "correct horse battery"); err != nil {
		t.Fatal(err)
	}
	s := New(client, Options{CacheTTL: 5 * time.Second})
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { return start }
	token, _, err := s.Login(ctx, client, "clerk", "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	s.now = func() time.Time { return start.Add(2 * time.Minute) } // expired, and the last use is due
	count.Reset()
	const requests = 32
	var wg sync.WaitGroup
	errs := make(chan error, requests)
	release := make(chan struct{})
	for range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-release
			v, err := s.Authenticate(ctx, token)
			if err == nil && v.Username != "clerk" {
				err = fmt.Errorf("viewer %+v", v)
			}
			errs <- err
		}()
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	// One read is 2 statements and the touch 1; requests that arrive after the read stored the
	// session are answered from memory. A few reads may start one after another (a request that
	// misses just as a read lands starts the next), but never one per request.
	if n := count.N(); n < 3 || n > 3*4 {
		t.Errorf("%d concurrent requests of an expired session sent %d statements; want one read and one touch (3), a few at most", requests, n)
	}
	t.Logf("%d statements", count.N())
}
