package graph_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"swtalent/ent/account"
	"swtalent/ent/auditevent"
	"swtalent/graph"
)

// lockedBuffer collects log output from concurrent handlers.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

// Health, readiness and metrics answer; requests carry an id into the audit trail; logs hold no
// personal data.
func TestHealthMetricsRequestIDsAndLogs(t *testing.T) {
	var logs lockedBuffer
	e := newEnvWith(t, false, graph.Options{Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	e.token = e.signIn("admin", account.RoleADMIN, nil)

	for _, path := range []string{"/healthz", "/readyz"} {
		if code, body := get(t, e.srv.URL+path); code != http.StatusOK || body != "ok\n" {
			t.Fatalf("%s: %d %q", path, code, body)
		}
	}

	var d map[string]any
	e.ok(`query Townships { regions(where: {level: TOWNSHIP}) { totalCount } }`, nil, &d)
	e.fails(`query Broken { persons(first: 101) { totalCount } }`, nil, "BAD_USER_INPUT", "first")

	// A mutation with the client's request id: echoed, and kept in the audit trail.
	body := `{"query":"mutation { createPerson(input: {name: \"李四\", idNumber: \"11010519491231002X\", phone: \"13812345678\"}) { id } }"}`
	req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("X-Request-Id", "trace-0001-abc")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("X-Request-Id") != "trace-0001-abc" {
		t.Fatalf("request id not echoed: %q", res.Header.Get("X-Request-Id"))
	}
	ev := e.client.AuditEvent.Query().Where(auditevent.Entity("Person")).OnlyX(sys())
	if ev.RequestID != "trace-0001-abc" {
		t.Fatalf("audit event request id %q", ev.RequestID)
	}

	code, metrics := get(t, e.srv.URL+"/metrics")
	if code != http.StatusOK {
		t.Fatalf("/metrics: %d", code)
	}
	for _, want := range []string{
		`swtalent_graphql_operations_total{operation="Townships",type="query"} 1`,
		`swtalent_graphql_operation_seconds_count{operation="Townships"} 1`,
		`swtalent_graphql_errors_total{code="BAD_USER_INPUT"} 1`,
		`swtalent_graphql_operations_total{operation="anonymous",type="mutation"}`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}

	out := logs.String()
	if !strings.Contains(out, "request_id=trace-0001-abc") || !strings.Contains(out, "path=/graphql") {
		t.Fatalf("no request log line:\n%s", out)
	}
	for _, secret := range []string{"11010519491231002X", "13812345678"} {
		if strings.Contains(out, secret) {
			t.Fatalf("the log holds personal data %q", secret)
		}
	}
}
