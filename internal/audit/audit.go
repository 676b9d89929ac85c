// Package audit writes the audit trail: one AuditEvent per change or reveal, in the same
// transaction as the change, naming the actor, the record and the changed fields (never their
// values), and the request it came from.
package audit

import (
	"context"
	"crypto/rand"
	"fmt"
	"sync"

	"swtalent/ent"
	"swtalent/ent/privacy"
	"swtalent/internal/dataversion"
	"swtalent/internal/viewer"
)

// Operations recorded.
const (
	Create = "CREATE"
	Update = "UPDATE"
	Delete = "DELETE"
	Reveal = "REVEAL"
	// Login is a successful sign-in, LoginFailed a refused one (wrong username or password, a
	// disabled account, or too many failures), Unlock an ADMIN clearing an account's failures.
	Login       = "LOGIN"
	LoginFailed = "LOGIN_FAILED"
	Unlock      = "UNLOCK"
)

type requestKey struct{}

// WithRequestID returns ctx carrying a request id (a fresh one when id is empty).
func WithRequestID(ctx context.Context, id string) context.Context {
	if id == "" {
		id = rand.Text()[:16]
	}
	return context.WithValue(ctx, requestKey{}, id)
}

// RequestID is the request id of ctx, or "".
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestKey{}).(string)
	return id
}

// Event is one entry of the trail.
type Event struct {
	Operation string
	Entity    string
	EntityID  int // 0 for changes of several records
	Fields    []string
	Reason    string
	// Actor names who acted when nobody is signed in: the username a failed login named.
	Actor string
}

// Record writes one event with client (inside a mutation: the transaction's client), on behalf
// of the viewer of ctx. Nobody may write events through the API; the trail writes them itself.
// Inside Collect's context the event is kept for the batch's Flush instead.
func Record(ctx context.Context, client *ent.Client, e Event) error {
	if b, ok := ctx.Value(batchKey{}).(*Batch); ok {
		b.mu.Lock()
		b.events = append(b.events, pending{ctx: ctx, e: e})
		b.mu.Unlock()
		return nil
	}
	err := create(ctx, client, e).Exec(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return fmt.Errorf("write audit event: %w", err)
	}
	return nil
}

// create builds the row of one event on behalf of the viewer of ctx.
func create(ctx context.Context, client *ent.Client, e Event) *ent.AuditEventCreate {
	v := viewer.FromContext(ctx)
	actor := v.Username
	switch {
	case e.Actor != "":
		actor = e.Actor
	case !v.SignedIn():
		actor = "system"
	}
	return client.AuditEvent.Create().
		SetActorID(v.AccountID).
		SetActor(actor).
		SetRole(string(v.Role)).
		SetOperation(e.Operation).
		SetEntity(e.Entity).
		SetEntityID(e.EntityID).
		SetFields(e.Fields).
		SetReason(e.Reason).
		SetRequestID(RequestID(ctx))
}

// Batch keeps the events of many changes (an import's chunk) to write them in a few
// statements; Flush them before the changes' transaction commits.
type Batch struct {
	mu     sync.Mutex
	events []pending
}

// pending is an event kept with the context it was recorded in (viewer, request).
type pending struct {
	ctx context.Context
	e   Event
}

type batchKey struct{}

// Collect returns ctx whose events are kept in a new batch instead of written one by one.
func Collect(ctx context.Context) (context.Context, *Batch) {
	b := &Batch{}
	return context.WithValue(ctx, batchKey{}, b), b
}

// flushSize bounds the rows of one insert: 11 columns stay under SQLite's 32766 parameters.
const flushSize = 1000

// Flush writes the kept events with client (the changes' transaction), a thousand rows per
// statement, and empties the batch.
func (b *Batch) Flush(ctx context.Context, client *ent.Client) error {
	b.mu.Lock()
	events := b.events
	b.events = nil
	b.mu.Unlock()
	for len(events) > 0 {
		n := min(flushSize, len(events))
		creates := make([]*ent.AuditEventCreate, n)
		for i, p := range events[:n] {
			creates[i] = create(p.ctx, client, p.e)
		}
		// The trail feeds no derived result: writing it needs no data-version bump per row.
		if err := client.AuditEvent.CreateBulk(creates...).Exec(privacy.DecisionContext(dataversion.Deferred(ctx), privacy.Allow)); err != nil {
			return fmt.Errorf("write audit events: %w", err)
		}
		events = events[n:]
	}
	return nil
}

// Discard forgets the kept events (their changes rolled back).
func (b *Batch) Discard() {
	b.mu.Lock()
	b.events = nil
	b.mu.Unlock()
}
