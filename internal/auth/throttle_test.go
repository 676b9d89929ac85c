package auth

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"swtalent/ent"
	"swtalent/ent/account"
	"swtalent/ent/auditevent"
	"swtalent/internal/apperr"
	"swtalent/internal/audit"
	"swtalent/internal/store"
	"swtalent/internal/testdb"
	"swtalent/internal/throttle"
	"swtalent/internal/viewer"
)

const rightPassword = "correct horse battery"

// instance opens another client on db's database, as another process would, closed with the test.
func instance(t *testing.T, db *store.DB) *ent.Client {
	t.Helper()
	other, err := store.Open(context.Background(), db.Addr, db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { other.Close() })
	return other.Client
}

// code is the apperr code of err, "" for none.
func code(err error) apperr.Code {
	if ae, ok := apperr.As(err); ok {
		return ae.Code
	}
	if err != nil {
		return "other: " + apperr.Code(err.Error())
	}
	return ""
}

// clock is a settable time shared by the services of a test.
type clock struct{ now time.Time }

func (c *clock) service(client *ent.Client) *Service {
	s := New(client, Options{})
	s.now = func() time.Time { return c.now }
	return s
}

// Twenty wrong passwords spread over two instances on one database slow the account exactly as
// twenty on one instance; an instance started afterwards (a restart) still slows it; an ADMIN's
// unlock lifts it, and every step is in the audit trail.
func TestFailuresAreSharedByInstancesAndSurviveRestarts(t *testing.T) {
	ctx := sysCtx()
	db := testdb.Open(t)
	for _, name := range []string{"target", "solo"} {
		if _, err := CreateAccount(ctx, db.Client, name, "", account.RoleSTAFF, rightPassword); err != nil {
			t.Fatal(err)
		}
	}
	c := &clock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	two := []*Service{c.service(db.Client), c.service(instance(t, db))}
	// waits records the wait after each of 20 wrong passwords, each tried once the last wait is over.
	waits := func(name string, on func(i int) *Service) []time.Duration {
		var out []time.Duration
		for i := range 20 {
			c.now = c.now.Add(throttle.Account.Rule().MaxDelay)
			if _, _, err := on(i).Login(ctx, db.Client, name, "guess"); code(err) != apperr.CodeUnauthenticated {
				t.Fatalf("%s, attempt %d: %v", name, i+1, err)
			}
			w, err := two[0].limiter.Wait(ctx, c.now, throttle.Subject{Kind: throttle.Account, Name: name})
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, w)
		}
		return out
	}
	spread := waits("target", func(i int) *Service { return two[i%2] })
	one := waits("solo", func(int) *Service { return two[0] })
	for i := range spread {
		want := throttle.Account.Rule().Delay(i + 1)
		if spread[i] != one[i] || one[i] != want {
			t.Fatalf("after %d failures: spread over two instances waits %v, on one %v, want %v", i+1, spread[i], one[i], want)
		}
	}

	// A restart: a new instance on the same database still refuses even the right password.
	c.now = c.now.Add(time.Second)
	restarted := c.service(instance(t, db))
	_, _, err := restarted.Login(ctx, db.Client, "solo", rightPassword)
	if ae, ok := apperr.As(err); !ok || ae.Code != apperr.CodeLimitExceeded || ae.RetryAfter != int((throttle.Account.Rule().MaxDelay-time.Second)/time.Second) {
		t.Fatalf("after a restart: %v", err)
	}

	// Only an ADMIN unlocks; then the right password signs in.
	acc := db.Client.Account.Query().Where(account.Username("solo")).OnlyX(ctx)
	staff := viewer.NewContext(ctx, &viewer.Viewer{AccountID: 999, Username: "clerk", Role: viewer.Staff})
	if _, err := restarted.Unlock(staff, db.Client, acc.ID); code(err) != apperr.CodeForbidden {
		t.Fatalf("STAFF unlocks: %v", err)
	}
	admin := viewer.NewContext(ctx, &viewer.Viewer{AccountID: 1000, Username: "chief", Role: viewer.Admin})
	if _, err := restarted.Unlock(admin, db.Client, acc.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := two[1].Login(ctx, db.Client, "solo", rightPassword); err != nil {
		t.Fatalf("after the unlock: %v", err)
	}

	count := func(op, actor string) int {
		return db.Client.AuditEvent.Query().Where(auditevent.Operation(op), auditevent.Actor(actor)).CountX(ctx)
	}
	if n := count(audit.LoginFailed, "target"); n != 20 {
		t.Errorf("%d failed logins of target audited, want 20", n)
	}
	if n := count(audit.LoginFailed, "solo"); n != 21 { // 20 wrong passwords, 1 refused while slowed
		t.Errorf("%d failed logins of solo audited, want 21", n)
	}
	if count(audit.Unlock, "chief") != 1 || count(audit.Login, "solo") != 1 {
		t.Error("the unlock or the login is not audited")
	}
}

// One address trying 100 usernames once each is slowed after throttle.Address's free failures,
// whatever the usernames; other addresses are not, and the address may try again once its
// failures lapse.
func TestPasswordSprayingFromOneAddressIsSlowed(t *testing.T) {
	ctx := sysCtx()
	db := testdb.Open(t)
	if _, err := CreateAccount(ctx, db.Client, "target", "", account.RoleSTAFF, rightPassword); err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s := c.service(db.Client)
	spray := withClientAddr(ctx, "203.0.113.7")
	refused, limited := 0, 0
	for i := range 100 {
		_, _, err := s.Login(spray, db.Client, "user"+string(rune('a'+i/26))+string(rune('a'+i%26)), "Winter2026!")
		switch code(err) {
		case apperr.CodeUnauthenticated:
			refused++
		case apperr.CodeLimitExceeded:
			limited++
		default:
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if free := throttle.Address.Rule().Free; refused != free || limited != 100-free {
		t.Fatalf("%d refused, %d slowed; want %d and %d", refused, limited, free, 100-free)
	}
	// Even the right password waits from that address (everyone behind it shares its count) …
	if _, _, err := s.Login(spray, db.Client, "target", rightPassword); code(err) != apperr.CodeLimitExceeded {
		t.Fatalf("from the spraying address: %v", err)
	}
	// … but not from another one, nor from the same one once its failures lapse.
	if _, _, err := s.Login(withClientAddr(ctx, "198.51.100.1"), db.Client, "target", rightPassword); err != nil {
		t.Fatalf("from another address: %v", err)
	}
	c.now = c.now.Add(throttle.Address.Rule().Window)
	if _, _, err := s.Login(spray, db.Client, "target", rightPassword); err != nil {
		t.Fatalf("after the window: %v", err)
	}
}

// A burst of concurrent wrong passwords for one username, all sent before any has been refused,
// gets no more guesses checked than the same guesses one after another would: the account's
// free failures, the rest answered LIMIT_EXCEEDED without their password being tried.
func TestConcurrentGuessesAreSlowedAsSequentialOnes(t *testing.T) {
	ctx := sysCtx()
	db := testdb.Open(t)
	if _, err := CreateAccount(ctx, db.Client, "target", "", account.RoleSTAFF, rightPassword); err != nil {
		t.Fatal(err)
	}
	c := &clock{now: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
	s := c.service(db.Client)
	const burst = 30
	start := make(chan struct{})
	codes := make(chan apperr.Code, burst)
	var wg sync.WaitGroup
	for i := range burst {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			_, _, err := s.Login(ctx, db.Client, "target", fmt.Sprintf("guess %d", i))
			codes <- code(err)
		}()
	}
	close(start)
	wg.Wait()
	close(codes)
	checked, slowed := 0, 0
	for c := range codes {
		switch c {
		case apperr.CodeUnauthenticated:
			checked++
		case apperr.CodeLimitExceeded:
			slowed++
		default:
			t.Fatalf("a guess answered %q", c)
		}
	}
	if free := throttle.Account.Rule().Free; checked < 1 || checked > free || checked+slowed != burst {
		t.Fatalf("%d of %d concurrent guesses had their password checked, %d slowed; want 1 to %d checked", checked, burst, slowed, free)
	}
	// Each checked guess is recorded, so the next attempt waits as after that many failures.
	w, err := s.limiter.Wait(ctx, c.now, throttle.Subject{Kind: throttle.Account, Name: "target"})
	if err != nil {
		t.Fatal(err)
	}
	if want := throttle.Account.Rule().Delay(checked); w != want {
		t.Fatalf("after %d checked guesses the account waits %v, want %v", checked, w, want)
	}
}
