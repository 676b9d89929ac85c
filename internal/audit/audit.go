// Package audit writes the audit trail: one AuditEvent per change or reveal, in the same
// transaction as the change, naming the actor, the record and the changed fields (never their
// values), and the request it came from.
package audit

import (
	"context"
	"crypto/rand"
	"fmt"

	"swtalent/ent"
	"swtalent/ent/privacy"
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
func Record(ctx context.Context, client *ent.Client, e Event) error {
	v := viewer.FromContext(ctx)
	actor := v.Username
	switch {
	case e.Actor != "":
		actor = e.Actor
	case !v.SignedIn():
		actor = "system"
	}
	err := client.AuditEvent.Create().
		SetActorID(v.AccountID).
		SetActor(actor).
		SetRole(string(v.Role)).
		SetOperation(e.Operation).
		SetEntity(e.Entity).
		SetEntityID(e.EntityID).
		SetFields(e.Fields).
		SetReason(e.Reason).
		SetRequestID(RequestID(ctx)).
		Exec(privacy.DecisionContext(ctx, privacy.Allow))
	if err != nil {
		return fmt.Errorf("write audit event: %w", err)
	}
	return nil
}
