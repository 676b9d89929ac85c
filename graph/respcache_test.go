package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"testing"

	"swtalent/ent/account"
	"swtalent/ent/privacy"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/store"
	"swtalent/modules"
)

// universitiesQuery is an anonymous read of the public university directory, with the number of
// departments beside it so that executing it takes two statements (a connection's page and its
// total are one), where an answer from the cache takes one (the data version's read).
const universitiesQuery = `query Unis($first: Int, $ids: Boolean!) { universities(first: $first, orderBy: {field: NAME}) { totalCount edges { node { name id @include(if: $ids) } } } departments { totalCount } }`

// names reads the universities' names anonymously, counting the statements the request sent.
func names(t *testing.T, e *env, first int) (string, int) {
	t.Helper()
	before := e.count.N()
	r := e.as("").do(universitiesQuery, map[string]any{"first": first, "ids": false})
	if len(r.Errors) > 0 {
		t.Fatalf("anonymous read: %+v", r.Errors)
	}
	return string(r.Data), e.count.N() - before
}

// named posts a document of several operations naming the one to run, and returns its data.
func (e *env) named(query, operation string) string {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "operationName": operation})
	r := e.request(http.MethodPost, "", http.Header{"Content-Type": {"application/json"}}, bytes.NewReader(body))
	if r.status != http.StatusOK || len(r.resp.Errors) > 0 {
		e.t.Fatalf("operation %s: HTTP %d %+v", operation, r.status, r.resp.Errors)
	}
	return string(r.resp.Data)
}

// cacheCounter reads one of the response cache's counters from /metrics.
func cacheCounter(t *testing.T, e *env, name string) int {
	t.Helper()
	res, err := http.Get(e.srv.URL + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	m := regexp.MustCompile(`(?m)^swtalent_response_cache_` + name + `_total (\d+)`).FindSubmatch(body)
	if m == nil {
		t.Fatalf("/metrics has no swtalent_response_cache_%s_total", name)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// A second anonymous (or signed-in) read is answered from memory with only the data version
// read; a write through the API, or by another instance sharing the database, makes the next
// read fresh; other variables or operation names, and answers with errors are never served
// from it.
func TestAnonymousQueriesAreAnsweredFromTheCacheUntilAWrite(t *testing.T) {
	e := newEnv(t, false)
	var created struct{ CreateUniversity struct{ ID string } }
	e.ok(`mutation { createUniversity(input: {name: "甲学院"}) { id } }`, nil, &created)
	e.ok(`mutation { createUniversity(input: {name: "丁学院"}) { id } }`, nil, &map[string]any{})

	first, executed := names(t, e, 10)
	again, cached := names(t, e, 10)
	if again != first {
		t.Fatalf("the cached answer differs:\n%s\n%s", first, again)
	}
	if cached != 1 || executed <= cached {
		t.Fatalf("statements: %d executing, %d from the cache (want 1: the data version)", executed, cached)
	}
	if h, m := cacheCounter(t, e, "hits"), cacheCounter(t, e, "misses"); h != 1 || m != 1 {
		t.Fatalf("metrics: %d hits, %d misses; want 1 and 1", h, m)
	}

	// Another page size, the ids included through a variable, another operation name: other answers.
	if other, n := names(t, e, 1); other == first || n <= 1 {
		t.Fatalf("first: 1 answered %s with %d statements", other, n)
	}
	r := e.as("").do(universitiesQuery, map[string]any{"first": 10, "ids": true})
	if len(r.Errors) > 0 || string(r.Data) == first || !regexp.MustCompile(`"id":`).Match(r.Data) {
		t.Fatalf("@include through a variable: %s %+v", r.Data, r.Errors)
	}
	named := `query A { universities(first: 10) { totalCount } } query B { universities(first: 10) { totalCount edges { node { name } } } }`
	anon := e.as("")
	a, b := anon.named(named, "A"), anon.named(named, "B")
	if a == b || !regexp.MustCompile(`"edges"`).MatchString(b) {
		t.Fatalf("operations A and B: %s and %s", a, b)
	}

	// A write through the API.
	e.ok(`mutation($id: ID!) { updateUniversity(id: $id, input: {name: "乙学院"}) { id } }`, map[string]any{"id": created.CreateUniversity.ID}, &map[string]any{})
	if fresh, n := names(t, e, 10); fresh == first || n <= 1 || !regexp.MustCompile("乙学院").MatchString(fresh) {
		t.Fatalf("after a write through the API: %s (%d statements)", fresh, n)
	}
	second, _ := names(t, e, 10)

	// A write by another instance: a client of its own on the same database (its own hooks).
	other := store.NewClient(e.db.Driver, e.db.Keyring)
	if _, err := other.University.Create().SetName("丙学院").Save(privacy.DecisionContext(context.Background(), privacy.Allow)); err != nil {
		t.Fatal(err)
	}
	if fresh, _ := names(t, e, 10); fresh == second || !regexp.MustCompile("丙学院").MatchString(fresh) {
		t.Fatalf("after another instance's write: %s", fresh)
	}

	// Signed in: kept for the viewer, as anonymous answers are.
	admin := func() (string, int) {
		before := e.count.N()
		r := e.do(universitiesQuery, map[string]any{"first": 10, "ids": false})
		if len(r.Errors) > 0 {
			t.Fatalf("signed-in read: %+v", r.Errors)
		}
		return string(r.Data), e.count.N() - before
	}
	signedIn, _ := admin()
	if again, n := admin(); n != 1 || again != signedIn {
		t.Fatalf("a signed-in read again took %d statements (want 1: the data version): %s", n, again)
	}

	// Errors are not kept: the same failing read executes again.
	hits := cacheCounter(t, e, "hits")
	for range 2 {
		e.as("").fails(`{ universities(first: 100000) { totalCount } }`, nil, "BAD_USER_INPUT", "")
	}
	if cacheCounter(t, e, "hits") != hits {
		t.Fatal("an answer with errors was served from the cache")
	}
}

// The cache holds at most its bound of entries, least recently used evicted first, and none when
// an answer is larger than its byte bound.
func TestResponseCacheBounds(t *testing.T) {
	e := newEnvWith(t, false, graph.Options{ResponseCacheEntries: 2})
	anon := e.as("")
	read := func(first int) int {
		before := e.count.N()
		anon.ok(universitiesQuery, map[string]any{"first": first, "ids": false}, &map[string]any{})
		return e.count.N() - before
	}
	read(1)
	read(2)
	read(1) // 1 is now the most recently used
	read(3) // evicts 2
	if n := read(1); n != 1 {
		t.Fatalf("the most recently used answer was evicted (%d statements)", n)
	}
	if n := read(2); n <= 1 {
		t.Fatal("three answers were kept under a bound of two")
	}

	tiny := newEnvWith(t, false, graph.Options{ResponseCacheBytes: 8})
	tiny.as("").ok(universitiesQuery, map[string]any{"first": 1, "ids": false}, &map[string]any{})
	before := tiny.count.N()
	tiny.as("").ok(universitiesQuery, map[string]any{"first": 1, "ids": false}, &map[string]any{})
	if tiny.count.N()-before <= 1 {
		t.Fatal("an answer larger than the byte bound was kept")
	}

	off := newEnvWith(t, false, graph.Options{ResponseCacheEntries: -1})
	off.as("").ok(universitiesQuery, map[string]any{"first": 1, "ids": false}, &map[string]any{})
	before = off.count.N()
	off.as("").ok(universitiesQuery, map[string]any{"first": 1, "ids": false}, &map[string]any{})
	if off.count.N()-before <= 1 {
		t.Fatal("the cache that was turned off answered")
	}
}

// uncached is a second server on e's database and day without the response cache, whose
// answers are the reference for the cached ones; its requests are counted with e's.
func uncached(t *testing.T, e *env) *env {
	t.Helper()
	top, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	cfg := modules.Config{Client: e.client, TopRegion: top, Today: func() civil.Date { return civil.DateFor(2026, 1, 15) }}
	plain := httptest.NewServer(graph.NewHandler(cfg, graph.Options{ResponseCacheEntries: -1, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	t.Cleanup(plain.Close)
	return &env{t: t, srv: plain, count: e.count, client: e.client, db: e.db}
}

// After random writes through the API and through another client, the cached anonymous answers
// equal the answers of a server on the same database without the cache.
func TestCachedAnswersEqualUncachedAfterRandomWrites(t *testing.T) {
	e := newEnv(t, false)
	reference := uncached(t, e)

	other := store.NewClient(e.db.Driver, e.db.Keyring)
	ctx := privacy.DecisionContext(context.Background(), privacy.Allow)
	rnd := rand.New(rand.NewPCG(19, 19))
	var ids []string
	for i := range 30 {
		switch op := rnd.IntN(3); {
		case op == 0 || len(ids) == 0:
			var d struct{ CreateUniversity struct{ ID string } }
			e.ok(`mutation($n: String!) { createUniversity(input: {name: $n}) { id } }`, map[string]any{"n": fmt.Sprintf("学院%d", i)}, &d)
			ids = append(ids, d.CreateUniversity.ID)
		case op == 1:
			e.ok(`mutation($id: ID!, $n: String!) { updateUniversity(id: $id, input: {name: $n}) { id } }`,
				map[string]any{"id": ids[rnd.IntN(len(ids))], "n": fmt.Sprintf("改名%d", i)}, &map[string]any{})
		default:
			if _, err := other.University.Create().SetName(fmt.Sprintf("另一实例%d", i)).Save(ctx); err != nil {
				t.Fatal(err)
			}
		}
		for range 2 { // the second read is the cached one
			for _, first := range []int{3, 50} {
				vars := map[string]any{"first": first, "ids": true}
				got, want := e.as("").do(universitiesQuery, vars), reference.as("").do(universitiesQuery, vars)
				if len(got.Errors)+len(want.Errors) > 0 || string(got.Data) != string(want.Data) {
					t.Fatalf("after write %d: cached %s %+v, uncached %s %+v", i, got.Data, got.Errors, want.Data, want.Errors)
				}
			}
		}
	}
	if cacheCounter(t, e, "hits") < 60 {
		t.Fatalf("only %d answers came from the cache", cacheCounter(t, e, "hits"))
	}
}

// personsQuery counts the persons the viewer may read: the whole register for ADMIN and STAFF,
// the scope's for AGENCY and TOWNSHIP.
const personsQuery = `{ persons { totalCount } }`

// Signed-in answers are kept per viewer: each role and scope gets its own answer from the cache,
// the one a server without the cache gives, never another viewer's; a change of an account's
// scope takes effect on its next read; answers that read accounts, tokens or the audit trail
// (which change without a data version bump) are never kept.
func TestSignedInAnswersAreKeptPerViewer(t *testing.T) {
	w := newWorld(t)
	reference := uncached(t, w.env)
	read := func(e *env, token, query string) (string, int) {
		t.Helper()
		before := e.count.N()
		r := e.as(token).do(query, nil)
		if len(r.Errors) > 0 {
			t.Fatalf("%s: %+v", query, r.Errors)
		}
		return string(r.Data), e.count.N() - before
	}
	scoped := []string{"ADMIN", "AGENCY", "TOWNSHIP", "UNIVERSITY", "STAFF"}
	seen := map[string]string{}
	for round := range 2 { // the second round is answered from the cache
		for _, role := range scoped {
			got, n := read(w.env, w.tokens[role], personsQuery)
			if want, _ := read(reference, w.tokens[role], personsQuery); got != want {
				t.Fatalf("%s read %s, a server without the cache answers %s", role, got, want)
			}
			if round == 1 && n != 1 {
				t.Fatalf("%s's repeated read took %d statements, want 1 (the data version)", role, n)
			}
			seen[role] = got
		}
	}
	if seen["ADMIN"] == seen["AGENCY"] || seen["ADMIN"] == seen["TOWNSHIP"] || seen["AGENCY"] == seen["TOWNSHIP"] {
		t.Fatalf("the world's scopes do not tell viewers apart: %v", seen)
	}

	// The TOWNSHIP account moved to another township: its next read counts the new scope.
	var acc struct{ Viewer struct{ ID string } }
	w.as(w.tokens["TOWNSHIP"]).ok(`{ viewer { id } }`, nil, &acc)
	w.ok(`mutation($id: ID!, $r: ID!) { updateAccount(id: $id, input: {regionID: $r}) { id } }`,
		map[string]any{"id": acc.Viewer.ID, "r": w.otherTownship.ID}, &map[string]any{})
	got, _ := read(w.env, w.tokens["TOWNSHIP"], personsQuery)
	if want, _ := read(reference, w.tokens["TOWNSHIP"], personsQuery); got != want || got == seen["TOWNSHIP"] {
		t.Fatalf("after the move the township reads %s, want %s (before: %s)", got, want, seen["TOWNSHIP"])
	}

	// Accounts and the audit trail change without a bump: read again every time.
	for _, q := range []string{`{ accounts { totalCount } }`, `{ auditEvents(first: 5) { totalCount } }`, `{ viewer { username } }`} {
		read(w.env, w.tokens["ADMIN"], q)
		if _, n := read(w.env, w.tokens["ADMIN"], q); n <= 1 {
			t.Fatalf("%s was answered from the cache", q)
		}
	}
	var before, after struct{ Accounts struct{ TotalCount int } }
	w.ok(`{ accounts { totalCount } }`, nil, &before)
	w.signIn("newcomer", account.RoleSTAFF, nil)
	w.ok(`{ accounts { totalCount } }`, nil, &after)
	if after.Accounts.TotalCount != before.Accounts.TotalCount+1 {
		t.Fatalf("accounts: %d, then %d after one more", before.Accounts.TotalCount, after.Accounts.TotalCount)
	}
}

// Where lookups rarely hit (writes between the reads), the cache steps aside: after a window of
// lookups with fewer than one hit in eight, the next seven windows' worth of requests run without
// it — one statement fewer each, the version read — and then it is consulted again, its kept
// answers still served while the data is unchanged.
func TestResponseCacheStepsAsideWhileItMisses(t *testing.T) {
	e := newEnvWith(t, false, graph.WithCacheWindow(graph.Options{}, 4))
	anon := e.as("")
	read := func(first int) int {
		t.Helper()
		before := e.count.N()
		anon.ok(universitiesQuery, map[string]any{"first": first, "ids": false}, &map[string]any{})
		return e.count.N() - before
	}
	executing := 0
	for first := 1; first <= 4; first++ { // a window of four misses
		executing = read(first)
	}
	if n := read(1); n != executing-1 {
		t.Fatalf("after a window without hits a request took %d statements, want %d: executed without the version read", n, executing-1)
	}
	for range 7*4 - 2 {
		read(1)
	}
	if n := read(1); n != executing-1 {
		t.Fatalf("the last request of the pause took %d statements, want %d", n, executing-1)
	}
	if n := read(1); n != 1 {
		t.Fatalf("after the pause a kept answer took %d statements, want 1 (the data version)", n)
	}
	if got := cacheCounter(t, e, "bypassed"); got != 7*4 {
		t.Fatalf("%d requests bypassed the cache, want %d", got, 7*4)
	}
	if h := cacheCounter(t, e, "hits"); h != 1 {
		t.Fatalf("%d hits, want 1", h)
	}
}
