package graph_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	entsql "entgo.io/ent/dialect/sql"

	"swtalent/ent/account"
	"swtalent/ent/apitoken"
	"swtalent/graph"
	"swtalent/internal/auth"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/modules"
)

// accountsSeen is how many accounts the token's viewer sees: all for an ADMIN, its own for others.
func accountsSeen(e *env, token string) int {
	e.t.Helper()
	var out struct{ Accounts struct{ TotalCount int } }
	e.as(token).ok(`{ accounts { totalCount } }`, nil, &out)
	return out.Accounts.TotalCount
}

// accountID is the GraphQL ID of the token's account.
func accountID(e *env, token string) string {
	e.t.Helper()
	var out struct{ Viewer struct{ ID string } }
	e.as(token).ok(`{ viewer { id } }`, nil, &out)
	return out.Viewer.ID
}

// revokeBehindTheCache revokes a token with a statement of its own, as another instance's write
// looks to this one: no hook of this instance sees it.
func revokeBehindTheCache(t *testing.T, e *env, token string) {
	t.Helper()
	q, args := entsql.Dialect(e.db.Dialect).Update(apitoken.Table).
		Set(apitoken.FieldRevokedAt, time.Now()).
		Where(entsql.EQ(apitoken.FieldTokenHash, auth.HashToken(token))).Query()
	if _, err := e.db.SQL.Exec(q, args...); err != nil {
		t.Fatal(err)
	}
}

// The session cache serves signed-in requests from memory, yet logout, a role change, a new
// password and disabling an account take effect on the very next request of this instance.
func TestSessionChangesTakeEffectAtOnceDespiteTheCache(t *testing.T) {
	e := newEnvWith(t, false, graph.Options{Auth: auth.Options{CacheTTL: time.Hour}})
	e.token = e.signIn("admin", account.RoleADMIN, nil)

	// The cache is in play: a revocation this instance does not hear of goes unseen for the TTL.
	hidden := e.signIn("hidden", account.RoleSTAFF, nil)
	if status(t, e, hidden) != http.StatusOK {
		t.Fatal("a fresh session does not sign in")
	}
	revokeBehindTheCache(t, e, hidden)
	if status(t, e, hidden) != http.StatusOK {
		t.Fatal("the session was read from the database again: no cache in play")
	}

	// Logout.
	out := e.signIn("leaver", account.RoleSTAFF, nil)
	if status(t, e, out) != http.StatusOK {
		t.Fatal("session does not sign in")
	}
	e.as(out).ok(`mutation { logout }`, nil, &map[string]any{})
	if code := status(t, e, out); code != http.StatusUnauthorized {
		t.Fatalf("after logout: HTTP %d", code)
	}

	// Role change: an ADMIN demoted to STAFF loses the accounts list on its next request.
	boss := e.signIn("boss", account.RoleADMIN, nil)
	if n := accountsSeen(e, boss); n < 4 {
		t.Fatalf("an ADMIN sees %d accounts", n)
	}
	e.ok(`mutation($id: ID!) { updateAccount(id: $id, input: {role: STAFF}) { role } }`, map[string]any{"id": accountID(e, boss)}, &map[string]any{})
	if n := accountsSeen(e, boss); n != 1 {
		t.Fatalf("after the demotion the account sees %d accounts, want its own", n)
	}

	// A new password revokes the account's other sessions and API tokens, keeping the one that
	// changed it.
	own := e.signIn("mover", account.RoleSTAFF, nil)
	var second struct{ Login struct{ Token string } }
	e.as("").ok(login, map[string]any{"u": "mover", "p": testPassword}, &second)
	var api struct{ CreateApiToken struct{ Token string } }
	e.as(own).ok(`mutation { createApiToken(name: "script") { token } }`, nil, &api)
	for _, tok := range []string{own, second.Login.Token, api.CreateApiToken.Token} {
		if status(t, e, tok) != http.StatusOK {
			t.Fatal("a token of the account does not sign in")
		}
	}
	e.as(own).ok(`mutation($id: ID!) { setPassword(id: $id, password: "a new password, long") { id } }`, map[string]any{"id": accountID(e, own)}, &map[string]any{})
	if status(t, e, own) != http.StatusOK {
		t.Fatal("changing one's own password signed out the session that changed it")
	}
	for _, tok := range []string{second.Login.Token, api.CreateApiToken.Token} {
		if code := status(t, e, tok); code != http.StatusUnauthorized {
			t.Fatalf("another token of the account still works after the new password: HTTP %d", code)
		}
	}
	// An ADMIN's reset revokes every token of the account.
	e.ok(`mutation($id: ID!) { setPassword(id: $id, password: "reset by the admin") { id } }`, map[string]any{"id": accountID(e, own)}, &map[string]any{})
	if code := status(t, e, own); code != http.StatusUnauthorized {
		t.Fatalf("after an ADMIN's reset the session still works: HTTP %d", code)
	}

	// Disabling an account stops its tokens.
	off := e.signIn("disabled", account.RoleSTAFF, nil)
	if status(t, e, off) != http.StatusOK {
		t.Fatal("session does not sign in")
	}
	e.ok(`mutation($id: ID!) { updateAccount(id: $id, input: {disabled: true}) { disabled } }`, map[string]any{"id": accountID(e, off)}, &map[string]any{})
	if code := status(t, e, off); code != http.StatusUnauthorized {
		t.Fatalf("after disabling: HTTP %d", code)
	}
}

// A second instance on the same database (its own cache) sees a logout made through the first
// within its cache's TTL.
func TestSecondInstanceSeesLogoutWithinTheTTL(t *testing.T) {
	const ttl = 2 * time.Second
	first := newEnvWith(t, false, graph.Options{Auth: auth.Options{CacheTTL: ttl}})
	first.token = first.signIn("admin", account.RoleADMIN, nil)
	db2, err := store.Open(context.Background(), first.db.Addr, first.db.Keyring)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db2.Close() })
	top, _ := refdata.TopRegionCode()
	cfg := modules.Config{Client: db2.Client, TopRegion: top, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }}
	srv2 := httptest.NewServer(graph.NewHandler(cfg, graph.Options{Auth: auth.Options{CacheTTL: ttl}, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(srv2.Close)
	second := first.as("")
	second.srv = srv2

	tok := first.signIn("clerk", account.RoleSTAFF, nil)
	cachedAt := time.Now()
	if status(t, second, tok) != http.StatusOK { // now cached by the second instance
		t.Fatal("the session does not sign in on the second instance")
	}
	first.as(tok).ok(`mutation { logout }`, nil, &map[string]any{})
	if status(t, first, tok) != http.StatusUnauthorized {
		t.Fatal("the first instance still accepts the session after logout")
	}
	if time.Since(cachedAt) < ttl/2 && status(t, second, tok) != http.StatusOK {
		t.Fatal("the second instance read the session again within its TTL: no cache in play")
	}
	deadline := cachedAt.Add(ttl + ttl/2)
	for status(t, second, tok) != http.StatusUnauthorized {
		if time.Now().After(deadline) {
			t.Fatalf("the second instance still accepts the session %v after the logout, TTL %v", time.Since(cachedAt), ttl)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
