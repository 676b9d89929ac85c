package throttle_test

import (
	"context"
	"testing"
	"time"

	"swtalent/internal/testdb"
	"swtalent/internal/throttle"
)

// Failures in a row slow a subject down, doubling; they lapse a window after the last one, when
// the count starts again, and pruning deletes the lapsed rows.
func TestFailuresLapseAfterTheWindow(t *testing.T) {
	ctx := context.Background()
	db := testdb.Open(t)
	l := throttle.New(db.SQL)
	who := throttle.Subject{Kind: throttle.Account, Name: " Clerk "}
	same := throttle.Subject{Kind: throttle.Account, Name: "clerk"}
	r := throttle.Account.Rule()
	start := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	wait := func(at time.Time) time.Duration {
		t.Helper()
		w, err := l.Wait(ctx, at, same)
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	fail := func(at time.Time) {
		t.Helper()
		if err := l.Fail(ctx, at, who); err != nil {
			t.Fatal(err)
		}
	}
	for i := range r.Free + 1 {
		fail(start.Add(time.Duration(i) * time.Minute))
	}
	last := start.Add(time.Duration(r.Free) * time.Minute)
	if w := wait(last); w != 2*time.Second {
		t.Fatalf("after %d failures: wait %v, want 2s", r.Free+1, w)
	}
	if w := wait(last.Add(1500 * time.Millisecond)); w != 500*time.Millisecond {
		t.Fatalf("1.5 s later: wait %v, want 0.5s", w)
	}
	// Just inside the window the count goes on …
	inside := last.Add(r.Window - time.Millisecond)
	fail(inside)
	if w := wait(inside); w != 4*time.Second {
		t.Fatalf("a failure just inside the window: wait %v, want 4s", w)
	}
	// … past it, it starts again.
	after := inside.Add(r.Window)
	if w := wait(after); w != 0 {
		t.Fatalf("after the window: wait %v", w)
	}
	for i := range r.Free - 1 {
		fail(after.Add(time.Duration(i) * time.Second))
	}
	if w := wait(after.Add(time.Minute)); w != 0 {
		t.Fatalf("%d failures after the window: wait %v, want none", r.Free-1, w)
	}

	rows := func() int {
		var n int
		if err := db.SQL.QueryRow("SELECT COUNT(*) FROM " + throttle.Table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := l.Fail(ctx, after, throttle.Subject{Kind: throttle.Address, Name: "203.0.113.7"}); err != nil {
		t.Fatal(err)
	}
	if n := rows(); n != 2 {
		t.Fatalf("%d rows, want one per subject", n)
	}
	// An hour later the address's failures have lapsed, the account's (a day) not yet.
	if err := l.Prune(ctx, after.Add(throttle.Address.Rule().Window)); err != nil {
		t.Fatal(err)
	}
	if n := rows(); n != 1 {
		t.Fatalf("after pruning an hour later: %d rows, want the account's", n)
	}
	if err := l.Prune(ctx, after.Add(time.Minute+r.Window)); err != nil {
		t.Fatal(err)
	}
	if n := rows(); n != 0 {
		t.Fatalf("after pruning a day later: %d rows", n)
	}
}
