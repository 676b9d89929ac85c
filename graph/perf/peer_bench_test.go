package perf_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// The side-by-side harness's requests that gqlgen's execution weighs on (bench/peer/queries.go,
// issue #19), as swtalent receives them.
const (
	peerNested = `{ persons(first: 50) { edges { node { name
  certificates { number level passedOn registrations { kind status validUntil } } } } } }`
	peerFiltered = `{ certificates(first: 20, where: {level: SENIOR, passedOnGTE: "2020-01-01"}) {
  totalCount edges { node { number passedOn } } } }`
)

// BenchmarkPeerQueries sends the harness's nested and filtered requests with an ADMIN token
// straight to the HTTP handler (no sockets), from 16 concurrent clients as wrk does, and reports
// the process's CPU time per request (user + system, collector included): with no network and
// no client decoding, that is nearly all the server's. Over the province demo:
//
//	swtalent demo --scale province --db /tmp/prov.db
//	SWTALENT_BENCH_DB=/tmp/prov.db go test ./graph/perf -run '^$' -bench PeerQueries -benchtime 2000x
func BenchmarkPeerQueries(b *testing.B) {
	e := env(b)
	h := e.srv.Config.Handler
	for _, q := range []struct{ name, doc string }{
		{"nested", peerNested},
		{"filtered", peerFiltered},
	} {
		body, _ := json.Marshal(map[string]any{"query": q.doc})
		serve := func() int {
			req := httptest.NewRequest(http.MethodPost, "/graphql", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+e.token)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK || bytes.Contains(rec.Body.Bytes(), []byte(`"errors"`)) {
				b.Errorf("HTTP %d: %.300s", rec.Code, rec.Body.Bytes())
			}
			return rec.Body.Len()
		}
		b.Run(q.name, func(b *testing.B) {
			serve()
			b.ReportAllocs()
			b.SetParallelism(max(1, 16/runtime.GOMAXPROCS(0)))
			cpu0 := cpuTime()
			b.ResetTimer()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					serve()
				}
			})
			b.StopTimer()
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
}

// cpuTime is the CPU time the process has used so far, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
