package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startServe runs serve with args on a fresh database until the test ends and returns the API's
// address and what the command printed on start.
func startServe(t *testing.T, args ...string) (addr, stdout string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out, errs bytes.Buffer
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	args = append([]string{"--db", filepath.Join(t.TempDir(), "swtalent.db"), "--addr", "127.0.0.1:0", "--demo=false"}, args...)
	go func() {
		done <- run(ctx, args, strings.NewReader(""), &out, &errs, func(a string) { addrc <- a })
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("run ended early: %v\n%s", err, errs.String())
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	return addr, out.String()
}

// get answers a GET with its status and body.
func get(t *testing.T, url string) (int, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// Runtime profiles are off unless asked for, never on the API's address, and served on the
// profiling address when one is given.
func TestProfilingIsOffByDefaultAndOnItsOwnListener(t *testing.T) {
	addr, out := startServe(t)
	if code, _ := get(t, "http://"+addr+"/debug/pprof/"); code != http.StatusNotFound {
		t.Fatalf("the API answers /debug/pprof/ with HTTP %d", code)
	}
	if strings.Contains(out, "profiling") {
		t.Fatalf("profiling announced though not asked for:\n%s", out)
	}

	addr, out = startServe(t, "--pprof-addr", "127.0.0.1:0")
	m := regexp.MustCompile(`profiling on (http://\S+/debug/pprof/)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the profiling address is not announced:\n%s", out)
	}
	if code, body := get(t, m[1]); code != http.StatusOK || !strings.Contains(body, "goroutine") {
		t.Fatalf("profiling index: HTTP %d\n%s", code, body)
	}
	if code, body := get(t, m[1]+"heap?debug=1"); code != http.StatusOK || !strings.Contains(body, "heap profile") {
		t.Fatalf("heap profile: HTTP %d", code)
	}
	if code, _ := get(t, "http://"+addr+"/debug/pprof/"); code != http.StatusNotFound {
		t.Fatalf("with profiling on, the API's own address answers /debug/pprof/ with HTTP %d", code)
	}
}

// The sign-in settings of serve are checked before anything starts: an unreadable variable or
// flag is refused, naming it.
func TestBadSignInSettingsRefuseToServe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "swtalent.db")
	serve := func(args ...string) error {
		return run(context.Background(), append([]string{"--db", db, "--addr", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, io.Discard, nil)
	}
	t.Setenv("SWTALENT_SESSION_CACHE_TTL", "five seconds")
	if err := serve(); err == nil || !strings.Contains(err.Error(), "SWTALENT_SESSION_CACHE_TTL") {
		t.Fatalf("served with a bad cache TTL: %v", err)
	}
	t.Setenv("SWTALENT_SESSION_CACHE_TTL", "5s")
	if err := serve("--session-cache-size", "-1"); err == nil || !strings.Contains(err.Error(), "--session-cache-size") {
		t.Fatalf("served with a negative cache size: %v", err)
	}
	t.Setenv("SWTALENT_TRUSTED_PROXIES", "proxy.example")
	if err := serve(); err == nil || !strings.Contains(err.Error(), "--trusted-proxies") {
		t.Fatalf("served with a host name as trusted proxy: %v", err)
	}
}
