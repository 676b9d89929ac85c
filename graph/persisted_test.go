package graph_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// persisted posts an automatic-persisted-query request: the hash always, the text when given.
func (e *env) persisted(query, hash string) response {
	e.t.Helper()
	body := map[string]any{"extensions": map[string]any{
		"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash},
	}}
	if query != "" {
		body["query"] = query
	}
	raw, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(raw))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if e.token != "" {
		req.Header.Set("Authorization", "Bearer "+e.token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	var r response
	if err := json.Unmarshal(out, &r); err != nil {
		e.t.Fatalf("decode response (HTTP %d): %v\n%s", res.StatusCode, err, out)
	}
	return r
}

// An Apollo client sends only a query's hash; the first time the server answers
// PersistedQueryNotFound, the client sends hash and text, and from then on the hash alone is
// enough. A text that does not match its hash is refused.
func TestAutomaticPersistedQueries(t *testing.T) {
	e := newEnv(t, false)
	query := `{ regions(first: 1) { totalCount } }`
	sum := sha256.Sum256([]byte(query))
	hash := hex.EncodeToString(sum[:])

	r := e.persisted("", hash)
	if len(r.Errors) != 1 || r.Errors[0].Message != "PersistedQueryNotFound" {
		t.Fatalf("unknown hash: %+v", r.Errors)
	}
	r = e.persisted(query, hash)
	if len(r.Errors) != 0 {
		t.Fatalf("hash and text: %+v", r.Errors)
	}
	first := string(r.Data)
	r = e.persisted("", hash)
	if len(r.Errors) != 0 || string(r.Data) != first {
		t.Fatalf("hash alone after registering: %s %+v, want %s", r.Data, r.Errors, first)
	}
	if r := e.persisted(`{ regions(first: 2) { totalCount } }`, hash); len(r.Errors) == 0 {
		t.Fatalf("a text that does not match its hash was accepted: %s", r.Data)
	}
}
