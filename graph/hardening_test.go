package graph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"swtalent/ent/account"
	"swtalent/graph"
	"swtalent/internal/civil"
	"swtalent/internal/refdata"
	"swtalent/internal/testdb"
	"swtalent/modules"
)

// answerWithin bounds every request of these tests: a hostile request must be refused quickly,
// not time out. It is a client deadline, not a timed assertion.
const answerWithin = 5 * time.Second

// newEnvWith starts the API like newEnv, with opt, acting as an anonymous caller.
func newEnvWith(t *testing.T, withDemo bool, opt graph.Options) *env {
	t.Helper()
	return newEnvOn(t, withDemo, opt, civil.DateFor(2026, 1, 15))
}

// newEnvOn starts the API like newEnvWith on a database created on day today, which is then
// the API's today (the demo world, if loaded, is the one generated that day).
func newEnvOn(t *testing.T, withDemo bool, opt graph.Options, today civil.Date) *env {
	t.Helper()
	db := testdb.Open(t)
	client, count := testdb.Counting(db)
	top, err := refdata.TopRegionCode()
	if err != nil {
		t.Fatal(err)
	}
	cfg := modules.Config{Client: client, TopRegion: top, Today: func() civil.Date { return today }}
	if _, err := graph.Prepare(context.Background(), cfg, graph.Seed{Demo: withDemo}); err != nil {
		t.Fatalf("prepare: %v", err)
	}
	if opt.Logger == nil {
		// Internal errors reach the test's log, so a failure in CI shows its cause.
		tl := &testLog{t: t}
		t.Cleanup(tl.close) // runs after the server below has closed
		opt.Logger = slog.New(slog.NewTextHandler(tl, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	srv := httptest.NewServer(graph.NewHandler(cfg, opt))
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, count: count, client: client, db: db}
}

// reply is an HTTP answer of the API.
type reply struct {
	status int
	header http.Header
	body   []byte
	resp   response
}

// request sends one HTTP request to /graphql (query string appended) with the env's token and
// decodes the answer, failing the test when none arrives within answerWithin.
func (e *env) request(method, pathAndQuery string, header http.Header, body io.Reader) reply {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), answerWithin)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, e.srv.URL+"/graphql"+pathAndQuery, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			e.t.Fatalf("%s %s: no answer within %s", method, pathAndQuery, answerWithin)
		}
		e.t.Fatalf("%s %s: %v", method, pathAndQuery, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatalf("read answer: %v", err)
	}
	r := reply{status: res.StatusCode, header: res.Header, body: raw}
	if method != http.MethodHead && len(raw) > 0 {
		if err := json.Unmarshal(raw, &r.resp); err != nil {
			e.t.Fatalf("answer is not a GraphQL response (HTTP %d): %v\n%.500s", res.StatusCode, err, raw)
		}
	}
	return r
}

// post sends a GraphQL document as JSON, with extra headers as "Name: value" pairs.
func (e *env) post(query string, vars map[string]any, headers ...string) reply {
	e.t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	h := http.Header{"Content-Type": {"application/json"}}
	for _, kv := range headers {
		k, v, _ := strings.Cut(kv, ": ")
		h.Set(k, v)
	}
	return e.request(http.MethodPost, "", h, bytes.NewReader(body))
}

// refused checks that an answer is an error of code (and HTTP status, unless 0), never a 5xx,
// with a bilingual message for the API's own codes.
func refused(t *testing.T, r reply, status int, code string) gqlError {
	t.Helper()
	if r.status >= 500 {
		t.Fatalf("HTTP %d: %.500s", r.status, r.body)
	}
	if status != 0 && r.status != status {
		t.Fatalf("HTTP %d, want %d: %.500s", r.status, status, r.body)
	}
	if len(r.resp.Errors) == 0 {
		t.Fatalf("want a %s error, got HTTP %d %.500s", code, r.status, r.body)
	}
	for _, got := range r.resp.Errors {
		if got.Extensions["code"] != code {
			t.Fatalf("want code %s, got %+v", code, got)
		}
		if !strings.HasPrefix(code, "GRAPHQL_") && !strings.Contains(got.Message, " / ") {
			t.Fatalf("message %q is not bilingual", got.Message)
		}
	}
	return r.resp.Errors[0]
}

// mentions checks that an error's message names the limit it reports.
func mentions(t *testing.T, e gqlError, words string) {
	t.Helper()
	if !strings.Contains(e.Message, words) {
		t.Fatalf("message %q does not mention %q", e.Message, words)
	}
}

// passed checks that an answer has data and no errors.
func passed(t *testing.T, r reply) {
	t.Helper()
	if r.status != http.StatusOK || len(r.resp.Errors) > 0 || len(r.resp.Data) == 0 || string(r.resp.Data) == "null" {
		t.Fatalf("HTTP %d: %.1000s", r.status, r.body)
	}
}

// nested returns open, n times, then inner, then n closing braces.
func nested(open string, n int, inner string) string {
	return strings.Repeat(open+" { ", n) + inner + strings.Repeat(" }", n)
}

// A corpus of hostile requests from anonymous callers, each refused quickly with the right code
// and never a 5xx.
func TestHostileRequests(t *testing.T) {
	admin := newEnv(t, false)
	e := admin.as("")
	post := func(q string) reply { return e.post(q, nil) }

	t.Run("depth 50 through parents", func(t *testing.T) {
		got := refused(t, post(`{ regions { edges { node { `+nested("parent", 47, "code")+` } } } }`), 422, "LIMIT_EXCEEDED")
		mentions(t, got, "nested too deeply (51 levels, at most 15)")
	})
	t.Run("depth through child connections", func(t *testing.T) {
		q := `{ regions { edges { node { ` + strings.Repeat("children { edges { node { ", 6) + "code" + strings.Repeat(" } } }", 6) + ` } } } }`
		mentions(t, refused(t, post(q), 422, "LIMIT_EXCEEDED"), "nested too deeply")
	})
	t.Run("depth through a chain of fragments", func(t *testing.T) {
		var b strings.Builder
		b.WriteString(`{ regions { edges { node { ...F0 } } } }`)
		for i := range 20 {
			fmt.Fprintf(&b, "\nfragment F%d on Region { code parent { ...F%d } }", i, i+1)
		}
		b.WriteString("\nfragment F20 on Region { code }")
		mentions(t, refused(t, post(b.String()), 422, "LIMIT_EXCEEDED"), "nested too deeply")
	})
	t.Run("1000 aliases", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := range 1000 {
			fmt.Fprintf(&b, " a%d: regions { totalCount }", i)
		}
		b.WriteString(" }")
		mentions(t, refused(t, post(b.String()), 422, "LIMIT_EXCEEDED"), "too many aliases (1000, at most 50)")
	})
	t.Run("aliases multiplied by a fragment bomb", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{ ...F30 }\nfragment F0 on Query { a: __typename }")
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&b, "\nfragment F%d on Query { ...F%d ...F%d }", i, i-1, i-1)
		}
		mentions(t, refused(t, post(b.String()), 422, "LIMIT_EXCEEDED"), "too many aliases (1073741824, at most 50)")
	})
	t.Run("page of 100000", func(t *testing.T) {
		admin.fails(`{ persons(first: 100000) { totalCount } }`, nil, "BAD_USER_INPUT", "first")
		e.fails(`{ regions(first: 100000) { totalCount } }`, nil, "BAD_USER_INPUT", "first")
	})
	t.Run("connections multiplied past the complexity budget", func(t *testing.T) {
		q := `{ regions(first: 100) { edges { node { children(first: 100) { edges { node { children(first: 100) { edges { node { code } } } } } } } } } }`
		mentions(t, refused(t, post(q), 422, "COMPLEXITY_LIMIT_EXCEEDED"), "exceeds the limit of 20000")
	})
	t.Run("page sizes from variables count", func(t *testing.T) {
		q := `query($n: Int) { regions(first: $n) { edges { node { children(first: $n) { edges { node { children(first: $n) { edges { node { code } } } } } } } } } }`
		refused(t, e.post(q, map[string]any{"n": 100}), 422, "COMPLEXITY_LIMIT_EXCEEDED")
	})
	t.Run("60 directives", func(t *testing.T) {
		got := refused(t, post(`{ regions `+strings.Repeat("@include(if: true) ", 60)+`{ totalCount } }`), 422, "LIMIT_EXCEEDED")
		mentions(t, got, "too many directives (60, at most 50)")
	})
	t.Run("5000 directives pass the token limit", func(t *testing.T) {
		got := refused(t, post(`{ __typename `+strings.Repeat("@include(if: true) ", 5000)+`}`), 422, "LIMIT_EXCEEDED")
		mentions(t, got, "token limit of 15000")
	})
	t.Run("100000 directives", func(t *testing.T) {
		refused(t, post(`{ __typename `+strings.Repeat("@include(if: true) ", 100000)+`}`), http.StatusRequestEntityTooLarge, "LIMIT_EXCEEDED")
	})
	t.Run("one field repeated 7000 times", func(t *testing.T) {
		mentions(t, refused(t, post(`{ `+strings.Repeat("__typename ", 7000)+`}`), 422, "LIMIT_EXCEEDED"), "selected too often")
	})
	t.Run("one object field repeated 2000 times", func(t *testing.T) {
		mentions(t, refused(t, post(`{ `+strings.Repeat("regions { totalCount } ", 2000)+`}`), 422, "LIMIT_EXCEEDED"), "selected too often")
	})
	t.Run("a field repeated ten times at every level", func(t *testing.T) {
		// Ten parents, each with ten parents, three levels down: 10 s of validation unguarded.
		tree := "code"
		for range 3 {
			tree = strings.Repeat("parent { "+tree+" } ", 10)
		}
		mentions(t, refused(t, post(`{ regions { edges { node { `+tree+` } } } }`), 422, "LIMIT_EXCEEDED"), "selected too often")
	})
	t.Run("one fragment spread 5000 times", func(t *testing.T) {
		q := `{ ` + strings.Repeat("...F ", 5000) + `} fragment F on Query { __typename }`
		mentions(t, refused(t, post(q), 422, "LIMIT_EXCEEDED"), "selected too often")
	})
	t.Run("a thousand fragments", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("{")
		for i := range 1000 {
			fmt.Fprintf(&b, " ...F%d", i)
		}
		b.WriteString(" }")
		for i := range 1000 {
			fmt.Fprintf(&b, "\nfragment F%d on Query { __typename }", i)
		}
		mentions(t, refused(t, post(b.String()), 422, "LIMIT_EXCEEDED"), "too many fragments (1000, at most 100)")
	})
	t.Run("JSON array batch", func(t *testing.T) {
		body := `[{"query":"{ __typename }"},{"query":"{ __typename }"}]`
		refused(t, e.request(http.MethodPost, "", http.Header{"Content-Type": {"application/json"}}, strings.NewReader(body)), 400, "BAD_USER_INPUT")
	})
	t.Run("body that is not JSON", func(t *testing.T) {
		const secret = "361126199001011234"
		r := e.request(http.MethodPost, "", http.Header{"Content-Type": {"application/json"}}, strings.NewReader(`{"query": "{ __typename }", `+secret))
		refused(t, r, 400, "BAD_USER_INPUT")
		if bytes.Contains(r.body, []byte(secret)) {
			t.Fatalf("the answer quotes the body: %s", r.body)
		}
	})
	t.Run("mutation over GET", func(t *testing.T) {
		q := url.Values{"query": {`mutation { createPerson(input: {name: "张三", idNumber: "11010519491231002X"}) { id } }`}}
		refused(t, e.request(http.MethodGet, "?"+q.Encode(), nil, nil), http.StatusMethodNotAllowed, "BAD_USER_INPUT")
	})
	t.Run("GET with variables that are not JSON", func(t *testing.T) {
		q := url.Values{"query": {`{ __typename }`}, "variables": {`{"n": `}}
		refused(t, e.request(http.MethodGet, "?"+q.Encode(), nil, nil), 400, "BAD_USER_INPUT")
	})
	t.Run("cross-site POST", func(t *testing.T) {
		refused(t, e.post(`{ __typename }`, nil, "Origin: https://evil.example"), http.StatusForbidden, "FORBIDDEN")
	})
	t.Run("cross-site POST without Origin", func(t *testing.T) {
		refused(t, e.post(`{ __typename }`, nil, "Sec-Fetch-Site: cross-site"), http.StatusForbidden, "FORBIDDEN")
	})
	t.Run("cross-site form POST", func(t *testing.T) {
		h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}, "Origin": {"https://evil.example"}}
		refused(t, e.request(http.MethodPost, "", h, strings.NewReader("query=%7B__typename%7D")), http.StatusForbidden, "FORBIDDEN")
	})
	t.Run("form POST", func(t *testing.T) {
		h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
		refused(t, e.request(http.MethodPost, "", h, strings.NewReader("query=%7B__typename%7D")), http.StatusUnsupportedMediaType, "BAD_USER_INPUT")
	})
	t.Run("multipart POST", func(t *testing.T) {
		h := http.Header{"Content-Type": {"multipart/form-data; boundary=x"}}
		body := "--x\r\nContent-Disposition: form-data; name=\"operations\"\r\n\r\n{\"query\":\"{ __typename }\"}\r\n--x--\r\n"
		refused(t, e.request(http.MethodPost, "", h, strings.NewReader(body)), http.StatusUnsupportedMediaType, "BAD_USER_INPUT")
	})
	t.Run("5 MiB body", func(t *testing.T) {
		big := `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 5<<20) + `"}}`
		refused(t, e.request(http.MethodPost, "", http.Header{"Content-Type": {"application/json"}}, strings.NewReader(big)), http.StatusRequestEntityTooLarge, "LIMIT_EXCEEDED")
	})
	t.Run("5 MiB body of unknown length", func(t *testing.T) {
		big := `{"query": "{ __typename }", "variables": {"pad": "` + strings.Repeat("x", 5<<20) + `"}}`
		body := io.MultiReader(strings.NewReader(big)) // hides the length: sent chunked
		refused(t, e.request(http.MethodPost, "", http.Header{"Content-Type": {"application/json"}}, body), http.StatusRequestEntityTooLarge, "LIMIT_EXCEEDED")
	})
	t.Run("PUT", func(t *testing.T) {
		refused(t, e.request(http.MethodPut, "", http.Header{"Content-Type": {"application/json"}}, strings.NewReader(`{"query":"{ __typename }"}`)), http.StatusMethodNotAllowed, "BAD_USER_INPUT")
	})
	t.Run("websocket upgrade", func(t *testing.T) {
		h := http.Header{"Connection": {"Upgrade"}, "Upgrade": {"websocket"}, "Sec-Websocket-Version": {"13"}, "Sec-Websocket-Key": {"dGhlIHNhbXBsZSBub25jZQ=="}}
		refused(t, e.request(http.MethodGet, "", h, nil), http.StatusBadRequest, "BAD_USER_INPUT")
	})
	t.Run("unknown-field probe", func(t *testing.T) {
		got := refused(t, post(`{ persns { totalCount } }`), 0, "GRAPHQL_VALIDATION_FAILED")
		if strings.Contains(got.Message, "Did you mean") || strings.Contains(got.Message, "persons") {
			t.Fatalf("the anonymous caller gets a suggestion: %q", got.Message)
		}
	})
	t.Run("unknown-argument probe", func(t *testing.T) {
		got := refused(t, post(`{ regions(frist: 1) { totalCount } }`), 0, "GRAPHQL_VALIDATION_FAILED")
		if strings.Contains(got.Message, "Did you mean") {
			t.Fatalf("the anonymous caller gets a suggestion: %q", got.Message)
		}
	})
	t.Run("introspection", func(t *testing.T) {
		refused(t, post(`{ __schema { types { name } } }`), 0, "FORBIDDEN")
	})
	t.Run("introspection of one type", func(t *testing.T) {
		refused(t, post(`{ __type(name: "Person") { fields { name } } }`), 0, "FORBIDDEN")
	})
	t.Run("introspection in a fragment", func(t *testing.T) {
		refused(t, post(`{ ...F } fragment F on Query { ... on Query { __schema { queryType { name } } } }`), 0, "FORBIDDEN")
	})
	t.Run("introspection over GET", func(t *testing.T) {
		q := url.Values{"query": {`{ __schema { types { name } } }`}}
		refused(t, e.request(http.MethodGet, "?"+q.Encode(), nil, nil), 0, "FORBIDDEN")
	})
}

// Ordinary and big-but-legal requests still pass the limits.
func TestLegalRequestsPass(t *testing.T) {
	admin := newEnv(t, true)
	e := admin.as("")

	t.Run("a normal query", func(t *testing.T) {
		passed(t, e.post(`{ regions { totalCount edges { node { code name } } } }`, nil))
	})
	t.Run("a query over GET", func(t *testing.T) {
		q := url.Values{"query": {`query($n: Int) { regions(first: $n) { totalCount } }`}, "variables": {`{"n": 5}`}}
		passed(t, e.request(http.MethodGet, "?"+q.Encode(), nil, nil))
	})
	t.Run("a page of 100 persons with their certificates", func(t *testing.T) {
		var d struct {
			Persons struct{ Edges []json.RawMessage }
		}
		r := admin.post(`{ persons(first: 100) { totalCount pageInfo { hasNextPage endCursor }
		  edges { cursor node { id name gender birthYear roles certificates { id level number passedOn revokedOn } } } } }`, nil)
		passed(t, r)
		if err := json.Unmarshal(r.resp.Data, &d); err != nil || len(d.Persons.Edges) != 100 {
			t.Fatalf("want 100 persons: %v %.300s", err, r.resp.Data)
		}
	})
	t.Run("nested connections within the budget", func(t *testing.T) {
		passed(t, e.post(`{ regions(first: 20) { edges { node { code children(first: 20) { totalCount edges { node { code name } } } } } } }`, nil))
		q := `query($n: Int) { regions(first: $n) { edges { node { children(first: $n) { edges { node { children(first: $n) { edges { node { code } } } } } } } } } }`
		passed(t, e.post(q, map[string]any{"n": 5}))
	})
	t.Run("a fragment reused, aliases and directives in moderation", func(t *testing.T) {
		passed(t, e.post(`query($skip: Boolean!) {
		  townships: regions(where: {level: TOWNSHIP}) { ...Page }
		  counties: regions(where: {level: COUNTY}) @skip(if: $skip) { ...Page }
		}
		fragment Page on RegionConnection { totalCount edges { node { code name } } }`, map[string]any{"skip": false}))
	})
	t.Run("a same-origin browser POST", func(t *testing.T) {
		passed(t, e.post(`{ __typename }`, nil, "Origin: "+e.srv.URL, "Sec-Fetch-Site: same-origin"))
	})
	t.Run("introspection when signed in", func(t *testing.T) {
		passed(t, admin.post(introspectionQuery, nil))
	})
	t.Run("suggestions when signed in", func(t *testing.T) {
		got := refused(t, admin.post(`{ persns { totalCount } }`, nil), 0, "GRAPHQL_VALIDATION_FAILED")
		if !strings.Contains(got.Message, `Did you mean "persons"?`) {
			t.Fatalf("a signed-in caller should get the suggestion: %q", got.Message)
		}
	})
}

// CORS origins are an explicit list: "*" is dropped with a warning; listed origins pass.
func TestCORSOriginsAreExplicit(t *testing.T) {
	var logs bytes.Buffer
	e := newEnvWith(t, false, graph.Options{
		CORSOrigins: []string{"*", "https://app.example.org", "https://*.county.example"},
		Logger:      slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "origin=*") {
		t.Fatalf("no warning about \"*\": %s", logs.String())
	}
	r := e.post(`{ __typename }`, nil, "Origin: https://evil.example")
	refused(t, r, http.StatusForbidden, "FORBIDDEN")
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Fatalf("evil.example is allowed by CORS: %q", got)
	}
	for _, origin := range []string{"https://app.example.org", "https://stats.county.example"} {
		r = e.post(`{ __typename }`, nil, "Origin: "+origin)
		passed(t, r)
		if got := r.header.Get("Access-Control-Allow-Origin"); got != origin {
			t.Fatalf("Access-Control-Allow-Origin = %q, want %q", got, origin)
		}
	}
}

// A request that runs out of time is answered LIMIT_EXCEEDED, not with a 5xx or an empty body.
func TestRequestTimeout(t *testing.T) {
	e := newEnvWith(t, false, graph.Options{Timeout: time.Nanosecond})
	q := url.Values{"query": {`{ regions { totalCount } }`}}
	refused(t, e.request(http.MethodGet, "?"+q.Encode(), nil, nil), 0, "LIMIT_EXCEEDED")
	refused(t, e.post(`{ regions { totalCount } }`, nil), 0, "LIMIT_EXCEEDED")
}

// introspectionQuery is the query GraphiQL sends to learn the schema.
const introspectionQuery = `query IntrospectionQuery {
  __schema {
    queryType { name } mutationType { name } subscriptionType { name }
    types { ...FullType }
    directives { name description locations args { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description
  fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
  inputFields { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
}`

// testLog writes server log lines to the test's log until the test ends.
type testLog struct {
	t    *testing.T
	mu   sync.Mutex
	done bool
}

func (l *testLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done {
		l.t.Log(strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

func (l *testLog) close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.done = true
}

// An id that names no record is NOT_FOUND with a message a clerk can read, for node and nodes,
// whether the id lies in no entity's range or in one without such a record.
func TestUnknownNodeIDIsNotFoundInChinese(t *testing.T) {
	e := newEnv(t, false)
	admin := e.as(e.signIn("node-admin", account.RoleADMIN, nil))
	for _, id := range []string{"999999999999", "4294967290", "-5"} {
		for _, q := range []string{`query($id: ID!) { node(id: $id) { id } }`, `query($id: ID!) { nodes(ids: [$id]) { id } }`} {
			r := admin.do(q, map[string]any{"id": id})
			if len(r.Errors) != 1 || r.Errors[0].Extensions["code"] != "NOT_FOUND" || !strings.HasPrefix(r.Errors[0].Message, "没有这个编号的记录 / ") {
				t.Errorf("%s with id %s: %+v", q, id, r.Errors)
			}
		}
	}
}
