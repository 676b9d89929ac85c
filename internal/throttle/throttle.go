// Package throttle slows down repeated failed logins, with the failures kept in the database
// (table login_throttle) so that every instance on one database counts the same failures and a
// restart forgets none. A subject — an account name, or a client address — that failed Free times
// in a row must wait before its next attempt, a wait that doubles with every further failure up
// to MaxDelay. A subject's failures lapse Window after its last failure; a success clears an
// account's failures (Clear), never an address's, so that an attacker cannot reset the count of
// the address by signing in to an account of their own.
//
// Each failure is one statement (an upsert), and a check one read; both run outside any request
// transaction, so a failure stays counted although the request that made it fails. An attempt
// still in progress in this process counts as a failure until its outcome is recorded (Begin),
// so that concurrent guesses are slowed as if made one after another.
package throttle

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Table holds the failures: one row per subject.
const Table = "login_throttle"

// Kind is what a subject names.
type Kind string

// Kinds of subject.
const (
	Account Kind = "account" // a username as typed (lower-cased), whether or not the account exists
	Address Kind = "address" // a client address (an IPv6 address's /64 network)
)

// Rule is how failures of one kind of subject are slowed down.
type Rule struct {
	Free     int           // failures in a row before the first wait
	MaxDelay time.Duration // the longest wait
	Window   time.Duration // failures lapse this long after the last one
}

// Rule of the kind. An account gets 5 free failures in a row (the window is a day); an address,
// shared by everyone behind it (an office's NAT), gets 20 an hour — so 100 usernames tried once
// each from one address are slowed after the 20th.
func (k Kind) Rule() Rule {
	if k == Address {
		return Rule{Free: 20, MaxDelay: 15 * time.Minute, Window: time.Hour}
	}
	return Rule{Free: 5, MaxDelay: 15 * time.Minute, Window: 24 * time.Hour}
}

// kinds lists every kind, for pruning.
func kinds() []Kind { return []Kind{Account, Address} }

// Delay is the wait after failures in a row: none before r.Free, then one second doubling with
// every failure, at most r.MaxDelay.
func (r Rule) Delay(failures int) time.Duration {
	if failures < r.Free {
		return 0
	}
	return min(time.Second<<min(failures-r.Free, 20), r.MaxDelay)
}

// Subject is one counted subject.
type Subject struct {
	Kind Kind
	Name string
}

// maxName bounds a stored subject: a username or an address is far shorter; longer input is cut.
const maxName = 100

// key is the stored name of s.
func (s Subject) key() string {
	n := strings.ToLower(strings.TrimSpace(s.Name))
	if len(n) > maxName {
		n = strings.ToValidUTF8(n[:maxName], "")
	}
	return n
}

// Execer runs a statement: *sql.DB, *sql.Tx, or an ent client with FeatureExecQuery.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// DB is what the limiter reads and writes through: *sql.DB or an ent client, never a request's
// transaction.
type DB interface {
	Execer
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Create makes the table when missing (both dialects). Times are Unix milliseconds.
func Create(ctx context.Context, db Execer) error {
	_, err := db.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS "+Table+
		" (kind VARCHAR(16) NOT NULL, subject VARCHAR(400) NOT NULL, failures INTEGER NOT NULL, last_at BIGINT NOT NULL, PRIMARY KEY (kind, subject))")
	if err != nil {
		return fmt.Errorf("create %s: %w", Table, err)
	}
	return nil
}

// Limiter counts failures in the database. Placeholders are $n, which SQLite and PostgreSQL both read.
type Limiter struct {
	db        DB
	lastPrune atomic.Int64 // Unix ms of the last pruning by this limiter

	mu      sync.Mutex
	running map[string]int // attempts in progress (Begin without end yet), by kind and subject
}

// New returns a limiter on db.
func New(db DB) *Limiter { return &Limiter{db: db} }

// Wait reports how long the subjects must still wait before the next attempt: the longest wait
// of any of them, 0 when they may try now. It counts only the failures recorded in the database;
// an attempt that is about to be made goes through Begin instead.
func (l *Limiter) Wait(ctx context.Context, now time.Time, subjects ...Subject) (time.Duration, error) {
	return l.wait(ctx, now, subjects, nil)
}

// Begin starts an attempt of the subjects. It reports how long they must still wait, counting the
// attempts of this limiter still in progress as failures on top of those in the database, so
// that a burst of concurrent guesses is let through no further than the same guesses one after
// another. When the wait is 0 the new attempt counts as in progress until end is called: call it
// after the attempt's failure has been recorded with Fail, or once the attempt has succeeded, so
// that a failing attempt is never counted neither here nor in the database. When the wait is
// above 0, or on an error, the attempt is not started and end does nothing.
//
// The count in progress is this process's: instances sharing a database each let through at most
// one burst of a rule's free failures before their recorded failures slow all of them.
func (l *Limiter) Begin(ctx context.Context, now time.Time, subjects ...Subject) (wait time.Duration, end func(), err error) {
	keys := make([]string, len(subjects))
	ahead := make([]int, len(subjects))
	l.mu.Lock()
	if l.running == nil {
		l.running = map[string]int{}
	}
	for i, s := range subjects {
		keys[i] = string(s.Kind) + "\x00" + s.key()
		ahead[i] = l.running[keys[i]]
		l.running[keys[i]]++
	}
	l.mu.Unlock()
	var once sync.Once
	end = func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			for _, k := range keys {
				if l.running[k]--; l.running[k] <= 0 {
					delete(l.running, k)
				}
			}
		})
	}
	wait, err = l.wait(ctx, now, subjects, ahead)
	if err != nil || wait > 0 {
		end()
		return wait, func() {}, err
	}
	return 0, end, nil
}

// wait is the longest wait of the subjects, each with ahead[i] failures in progress (nil: none)
// on top of its recorded ones; failures in progress count as made now.
func (l *Limiter) wait(ctx context.Context, now time.Time, subjects []Subject, ahead []int) (time.Duration, error) {
	var wait time.Duration
	for i, s := range subjects {
		rows, err := l.db.QueryContext(ctx, "SELECT failures, last_at FROM "+Table+" WHERE kind = $1 AND subject = $2", string(s.Kind), s.key())
		if err != nil {
			return 0, fmt.Errorf("read login failures: %w", err)
		}
		var failures int
		var last int64
		found := rows.Next()
		if found {
			err = rows.Scan(&failures, &last)
		}
		if cerr := rows.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, fmt.Errorf("read login failures: %w", err)
		}
		r := s.Kind.Rule()
		at := time.UnixMilli(last)
		if !found || now.Sub(at) >= r.Window {
			failures = 0
		}
		if ahead != nil && ahead[i] > 0 {
			failures += ahead[i]
			at = now
		}
		if failures == 0 {
			continue
		}
		wait = max(wait, at.Add(r.Delay(failures)).Sub(now))
	}
	return wait, nil
}

// upsert counts one failure of a subject ($1, $2) at $3, starting again when the last one was at
// or before $4 (the window has passed).
const upsert = "INSERT INTO " + Table + " (kind, subject, failures, last_at) VALUES ($1, $2, 1, $3) " +
	"ON CONFLICT (kind, subject) DO UPDATE SET " +
	"failures = CASE WHEN " + Table + ".last_at <= $4 THEN 1 ELSE " + Table + ".failures + 1 END, last_at = $3"

// Fail counts a failed attempt against each subject, now, in one statement each; failures older
// than the kind's window start the count again. At most once a minute per limiter it also prunes
// the rows whose failures have lapsed.
func (l *Limiter) Fail(ctx context.Context, now time.Time, subjects ...Subject) error {
	for _, s := range subjects {
		lapsed := now.Add(-s.Kind.Rule().Window).UnixMilli()
		if _, err := l.db.ExecContext(ctx, upsert, string(s.Kind), s.key(), now.UnixMilli(), lapsed); err != nil {
			return fmt.Errorf("record a login failure: %w", err)
		}
	}
	if last := l.lastPrune.Load(); now.UnixMilli()-last >= time.Minute.Milliseconds() && l.lastPrune.CompareAndSwap(last, now.UnixMilli()) {
		return l.Prune(ctx, now)
	}
	return nil
}

// Prune deletes the rows whose failures have lapsed.
func (l *Limiter) Prune(ctx context.Context, now time.Time) error {
	for _, kind := range kinds() {
		if _, err := l.db.ExecContext(ctx, "DELETE FROM "+Table+" WHERE kind = $1 AND last_at <= $2", string(kind), now.Add(-kind.Rule().Window).UnixMilli()); err != nil {
			return fmt.Errorf("prune login failures: %w", err)
		}
	}
	return nil
}

// Clear forgets a subject's failures, through db (which may be a transaction).
func Clear(ctx context.Context, db Execer, s Subject) error {
	if _, err := db.ExecContext(ctx, "DELETE FROM "+Table+" WHERE kind = $1 AND subject = $2", string(s.Kind), s.key()); err != nil {
		return fmt.Errorf("clear login failures: %w", err)
	}
	return nil
}
