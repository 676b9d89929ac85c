package graph_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"swtalent/ent/university"
)

// send sends a GraphQL document and reports any transport or GraphQL error; safe for goroutines.
func (e *env) send(query string, vars map[string]any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/graphql", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	var r response
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return fmt.Errorf("HTTP %d: %w", res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK || len(r.Errors) > 0 {
		return fmt.Errorf("HTTP %d: %+v", res.StatusCode, r.Errors)
	}
	return nil
}

// 16 writers and 16 readers through the HTTP handler for a bounded time: no request fails (no
// "database is locked"), and every acknowledged write is there afterwards.
func TestConcurrentWritersAndReaders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs for two seconds")
	}
	e := newEnv(t, false)
	stop := time.Now().Add(2 * time.Second)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		acked    []string
		failures atomic.Int64
		reads    atomic.Int64
		firstErr atomic.Value
	)
	fail := func(err error) {
		failures.Add(1)
		firstErr.CompareAndSwap(nil, err.Error())
	}
	for w := range 16 {
		wg.Go(func() {
			for i := 0; time.Now().Before(stop); i++ {
				name := fmt.Sprintf("院校-%d-%d", w, i)
				if err := e.send(`mutation($n: String!) { createUniversity(input: {name: $n}) { id } }`, map[string]any{"n": name}); err != nil {
					fail(err)
					continue
				}
				mu.Lock()
				acked = append(acked, name)
				mu.Unlock()
			}
		})
	}
	for range 16 {
		wg.Go(func() {
			for time.Now().Before(stop) {
				if err := e.send(`{ universities(first: 10) { totalCount edges { node { name } } } plan { initiatives { key } } }`, nil); err != nil {
					fail(err)
					continue
				}
				reads.Add(1)
			}
		})
	}
	wg.Wait()
	if n := failures.Load(); n > 0 {
		t.Fatalf("%d requests failed; first: %v", n, firstErr.Load())
	}
	got := e.client.University.Query().Where(university.NameIn(acked...)).CountX(sys())
	if got != len(acked) || len(acked) == 0 || reads.Load() == 0 {
		t.Fatalf("%d of %d acknowledged writes present; %d reads", got, len(acked), reads.Load())
	}
	t.Logf("%d writes, %d reads in 2 s", len(acked), reads.Load())
}
