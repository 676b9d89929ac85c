package graph_test

import (
	"bytes"
	entsql "entgo.io/ent/dialect/sql"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"swtalent/ent/account"
	"swtalent/ent/apitoken"
	"swtalent/ent/auditevent"
	"swtalent/graph"
	"swtalent/internal/audit"
	"swtalent/internal/auth"
	"swtalent/internal/throttle"
)

const login = `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token apiToken { kind expiresAt } } }`

func TestLoginLogoutAndTokens(t *testing.T) {
	e := newEnv(t, false)
	staff := e.signIn("clerk", account.RoleSTAFF, nil)
	anon := e.as("")

	// Wrong password and unknown user answer alike.
	a := anon.fails(login, map[string]any{"u": "clerk", "p": "wrong password"}, "UNAUTHENTICATED", "")
	b := anon.fails(login, map[string]any{"u": "nobody", "p": "wrong password"}, "UNAUTHENTICATED", "")
	if a.Message != b.Message {
		t.Fatalf("wrong password %q and unknown user %q answer differently", a.Message, b.Message)
	}

	var v struct {
		Viewer *struct{ Username, Role string }
	}
	e.as(staff).ok(`{ viewer { username role } }`, nil, &v)
	if v.Viewer == nil || v.Viewer.Username != "clerk" || v.Viewer.Role != "STAFF" {
		t.Fatalf("viewer: %+v", v.Viewer)
	}
	anon.ok(`{ viewer { username } }`, nil, &v)
	if v.Viewer != nil {
		t.Fatal("anonymous viewer is not null")
	}

	// An API token works, is listed without its secret, and stops working once revoked.
	var issued struct {
		CreateApiToken struct {
			Token    string
			APIToken struct{ ID, Kind string } `json:"apiToken"`
		}
	}
	e.as(staff).ok(`mutation { createApiToken(name: "nightly export") { token apiToken { id kind } } }`, nil, &issued)
	api := issued.CreateApiToken.Token
	if !strings.HasPrefix(api, auth.TokenPrefix) || issued.CreateApiToken.APIToken.Kind != "API" {
		t.Fatalf("issued: %+v", issued)
	}
	stored := e.client.ApiToken.Query().Where(apitoken.KindEQ(apitoken.KindAPI)).OnlyX(sys())
	if stored.TokenHash == api || stored.TokenHash != auth.HashToken(api) || stored.LastUsedAt != nil {
		t.Fatal("the token is not stored as its hash")
	}
	e.as(api).ok(`{ viewer { username } }`, nil, &v)
	e.as(api).ok(`{ viewer { username } }`, nil, &v)
	if used := e.client.ApiToken.GetX(sys(), stored.ID).LastUsedAt; used == nil {
		t.Fatal("last use not recorded")
	}
	var list struct{ ApiTokens struct{ TotalCount int } }
	e.as(staff).ok(`{ apiTokens { totalCount } }`, nil, &list)
	if list.ApiTokens.TotalCount != 2 { // the session and the API token, not the admin's
		t.Fatalf("STAFF sees %d tokens, want its own 2", list.ApiTokens.TotalCount)
	}
	e.as(staff).ok(`mutation($id: ID!) { revokeApiToken(id: $id) { revokedAt } }`, map[string]any{"id": issued.CreateApiToken.APIToken.ID}, &map[string]any{})
	if code := status(t, e, api); code != http.StatusUnauthorized {
		t.Fatalf("revoked token: HTTP %d", code)
	}

	// Logout ends the session.
	var out struct{ Logout bool }
	e.as(staff).ok(`mutation { logout }`, nil, &out)
	if !out.Logout || status(t, e, staff) != http.StatusUnauthorized {
		t.Fatal("the session still works after logout")
	}
	// A garbage token is refused, never downgraded to anonymous.
	if status(t, e, "swt_nonsense") != http.StatusUnauthorized {
		t.Fatal("an unknown token was accepted")
	}

	// Expired tokens stop working.
	e.client.ApiToken.Update().SetRevokedAt(time.Now()).ExecX(sys()) // clear the slate
	expired := e.signIn("late", account.RoleSTAFF, nil)
	e.client.ApiToken.Update().Where(apitoken.TokenHash(auth.HashToken(expired))).ClearRevokedAt().ExecX(sys())
	q, args := entsql.Dialect(e.db.Dialect).Update(apitoken.Table).
		Set(apitoken.FieldExpiresAt, time.Now().Add(-time.Minute)).
		Where(entsql.EQ(apitoken.FieldTokenHash, auth.HashToken(expired))).Query()
	if _, err := e.db.SQL.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
	if status(t, e, expired) != http.StatusUnauthorized {
		t.Fatal("an expired token was accepted")
	}

	// Disabled accounts cannot sign in.
	e.client.Account.Update().Where(account.Username("late")).SetDisabled(true).ExecX(sys())
	anon.fails(login, map[string]any{"u": "late", "p": testPassword}, "UNAUTHENTICATED", "")
}

func TestRepeatedFailedLoginsAreSlowedDown(t *testing.T) {
	e := newEnv(t, false)
	e.signIn("target", account.RoleSTAFF, nil)
	anon := e.as("")
	for range 5 {
		anon.fails(login, map[string]any{"u": "target", "p": "guess"}, "UNAUTHENTICATED", "")
	}
	// Now even the right password must wait, told how long in extensions. The failures were
	// counted and audited although each login's transaction rolled back.
	slowed := anon.fails(login, map[string]any{"u": "target", "p": testPassword}, "LIMIT_EXCEEDED", "")
	if secs, _ := slowed.Extensions["retryAfter"].(float64); secs < 1 || secs > 1 {
		t.Fatalf("retryAfter %v, want the one second the 5th failure costs", slowed.Extensions["retryAfter"])
	}
	failed := e.client.AuditEvent.Query().Where(auditevent.Operation(audit.LoginFailed), auditevent.Actor("target")).AllX(sys())
	if len(failed) != 6 || failed[0].RequestID == "" || !strings.Contains(failed[0].Reason, "wrong password from 127.0.0.1") {
		t.Fatalf("failed logins in the audit trail: %d, first %+v", len(failed), failed[0])
	}
	// An ADMIN's unlock lets the account in at once, and is audited.
	acc := e.client.Account.Query().Where(account.Username("target")).OnlyX(sys())
	unlock := `mutation($id: ID!) { unlockAccount(id: $id) { username } }`
	staff := e.signIn("clerk", account.RoleSTAFF, nil)
	var list struct {
		Accounts struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.ok(`query($u: String!) { accounts(where: {username: $u}) { edges { node { id } } } }`, map[string]any{"u": "target"}, &list)
	id := list.Accounts.Edges[0].Node.ID
	e.as(staff).fails(unlock, map[string]any{"id": id}, "FORBIDDEN", "")
	e.ok(unlock, map[string]any{"id": id}, &map[string]any{})
	anon.ok(login, map[string]any{"u": "target", "p": testPassword}, &map[string]any{})
	if n := e.client.AuditEvent.Query().Where(auditevent.Operation(audit.Unlock), auditevent.EntityID(acc.ID), auditevent.Actor("admin")).CountX(sys()); n != 1 {
		t.Fatalf("%d unlock events", n)
	}
	if n := e.client.AuditEvent.Query().Where(auditevent.Operation(audit.Login), auditevent.Actor("target")).CountX(sys()); n != 2 { // when created, and now
		t.Fatalf("%d login events of target, want 2", n)
	}
}

// status sends a trivial query with a token and returns the HTTP status.
func status(t *testing.T, e *env, token string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader([]byte(`{"query":"{ viewer { username } }"}`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// Failed logins are counted against the client address: behind a trusted proxy, the one its
// X-Forwarded-For names; otherwise the connection's peer, whatever the header claims.
func TestFailedLoginsCountAgainstTheClientAddress(t *testing.T) {
	trusted, err := auth.ParseTrustedProxies("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	spray := func(e *env, from string, n int) (refused, slowed int) {
		for i := range n {
			r := e.post(login, map[string]any{"u": fmt.Sprintf("user%03d", i), "p": "Winter2026!"}, "X-Forwarded-For: "+from)
			switch code := r.resp.Errors[0].Extensions["code"]; code {
			case "UNAUTHENTICATED":
				refused++
			case "LIMIT_EXCEEDED":
				slowed++
			default:
				t.Fatalf("attempt %d: %s", i, r.body)
			}
		}
		return refused, slowed
	}
	free := throttle.Address.Rule().Free

	proxied := newEnvWith(t, false, graph.Options{Auth: auth.Options{TrustedProxies: trusted}})
	if refused, slowed := spray(proxied, "203.0.113.7", free+3); refused != free || slowed != 3 {
		t.Fatalf("through the proxy: %d refused, %d slowed", refused, slowed)
	}
	if refused, _ := spray(proxied, "198.51.100.1", 1); refused != 1 {
		t.Fatal("another client behind the proxy is slowed too")
	}

	direct := newEnvWith(t, false, graph.Options{})
	spray(direct, "203.0.113.7", free)
	if _, slowed := spray(direct, "198.51.100.1", 1); slowed != 1 {
		t.Fatal("an untrusted peer escaped its count by naming another address in X-Forwarded-For")
	}
}
