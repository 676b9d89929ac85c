// Command load drives a running swtalent server with concurrent GraphQL clients and reports
// throughput, latency percentiles and (with -pid, on Linux) the server's resident memory.
//
//	go run ./tools/load -user bench -password … -clients 16 -duration 20s -query simple -pid $(pgrep -n swtalent)
//
// Queries: simple (persons(first: 10)), nested (50 persons × certificates × registrations,
// 10 training records each), persons (a page of 50 in -region with certificates), plan (every
// indicator in -region), coverage (network coverage totals in -region).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// queries are the documents the tool can send, with their variables.
var queries = map[string]struct {
	doc  string
	vars map[string]any
}{
	"simple": {`{ persons(first: 10) { edges { node { id name gender } } } }`, nil},
	"nested": {`query($n: Int, $m: Int) { persons(first: $n) { edges { node { name
    certificates { number registrations { kind status validUntil } }
    trainingRecords(first: $m) { edges { node { hours status training { name hours } } } } } } } }`,
		map[string]any{"n": 50, "m": 10}},
	"persons": {`query($region: String!) { persons(first: 50, where: {inRegion: $region}) {
    edges { node { id name gender joinedOn certificates { number level passedOn } } } } }`, nil},
	"plan": {`query($region: String) { plan(asOf: "2025-12-31", regionCode: $region) {
    initiatives { key indicators { key actual target status } } } }`, nil},
	"coverage": {`query($region: String) { network { coverage(asOf: "2025-12-31", regionCode: $region) {
    townships { total covered } villages { total covered } } } }`, nil},
}

// regional are the queries that take -region.
var regional = map[string]bool{"persons": true, "plan": true, "coverage": true}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

func run() error {
	url := flag.String("url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint")
	user := flag.String("user", "", "username to log in with (or -token)")
	password := flag.String("password", "", "password of -user")
	token := flag.String("token", "", "bearer token")
	clients := flag.Int("clients", 16, "concurrent clients")
	duration := flag.Duration("duration", 20*time.Second, "how long to send requests")
	warmup := flag.Duration("warmup", 2*time.Second, "requests before measuring")
	name := flag.String("query", "simple", "simple, nested, persons, plan or coverage")
	pid := flag.Int("pid", 0, "server process id whose resident memory to sample (Linux)")
	region := flag.String("region", "361126000000", "12-digit region code for persons, plan and coverage (\"\" = the top region for plan and coverage)")
	flag.Parse()
	q, ok := queries[*name]
	if !ok {
		return fmt.Errorf("unknown query %q", *name)
	}
	if regional[*name] {
		q.vars = map[string]any{"region": *region}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *clients}, Timeout: time.Minute}
	if *token == "" && *user != "" {
		var err error
		if *token, err = login(client, *url, *user, *password); err != nil {
			return err
		}
	}
	body, err := json.Marshal(map[string]any{"query": q.doc, "variables": q.vars})
	if err != nil {
		return err
	}
	if err := send(client, *url, *token, body); err != nil {
		return fmt.Errorf("first request: %w", err)
	}

	var rssMax atomic.Int64
	stopSampling := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		for {
			if kb := rss(*pid); kb > rssMax.Load() {
				rssMax.Store(kb)
			}
			select {
			case <-stopSampling:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), *warmup+*duration)
	defer cancel()
	start := time.Now()
	measureFrom := start.Add(*warmup)
	var (
		mu      sync.Mutex
		lat     []time.Duration
		errs    atomic.Int64
		lastErr atomic.Value
		wg      sync.WaitGroup
	)
	for c := 0; c < *clients; c++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil {
				t0 := time.Now()
				err := send(client, *url, *token, body)
				if ctx.Err() != nil {
					break
				}
				if err != nil {
					errs.Add(1)
					lastErr.Store(err.Error())
					continue
				}
				if t0.After(measureFrom) {
					mine = append(mine, time.Since(t0))
				}
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	close(stopSampling)
	<-sampled
	if len(lat) == 0 {
		return errors.New("no request completed")
	}
	slices.Sort(lat)
	pct := func(p int) float64 { return float64(lat[min(len(lat)-1, len(lat)*p/100)].Microseconds()) / 1000 }
	fmt.Printf("query %s, %d clients, %s: %d requests, %.0f req/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, %d errors\n",
		*name, *clients, *duration, len(lat), float64(len(lat))/duration.Seconds(), pct(50), pct(90), pct(99), errs.Load())
	if e, ok := lastErr.Load().(string); ok {
		fmt.Println("last error:", e)
	}
	if *pid > 0 {
		fmt.Printf("server resident memory: peak sampled %.0f MB (VmHWM %.0f MB)\n", float64(rssMax.Load())/1024, float64(hwm(*pid))/1024)
	}
	return nil
}

// login returns a session token.
func login(client *http.Client, url, user, password string) (string, error) {
	body, _ := json.Marshal(map[string]any{
		"query":     `mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }`,
		"variables": map[string]any{"u": user, "p": password},
	})
	res, err := client.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	var r struct {
		Data struct {
			Login struct{ Token string }
		}
		Errors []struct{ Message string }
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		return "", fmt.Errorf("login: %w", err)
	}
	if len(r.Errors) > 0 || r.Data.Login.Token == "" {
		return "", fmt.Errorf("login failed: %v", r.Errors)
	}
	return r.Data.Login.Token, nil
}

// send posts one document; an HTTP error or a GraphQL error is an error.
func send(client *http.Client, url, token string, body []byte) error {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := client.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", res.StatusCode, raw)
	}
	if bytes.Contains(raw, []byte(`"errors":`)) {
		return fmt.Errorf("GraphQL error: %.300s", raw)
	}
	return nil
}

// rss is the process's resident set size in KiB (0 when unknown).
func rss(pid int) int64 { return statusField(pid, "VmRSS:") }

// hwm is the process's peak resident set size in KiB.
func hwm(pid int) int64 { return statusField(pid, "VmHWM:") }

func statusField(pid int, field string) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				n, _ := strconv.ParseInt(f[0], 10, 64)
				return n
			}
		}
	}
	return 0
}
