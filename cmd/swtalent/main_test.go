package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The binary with no command serves: it creates the database, loads the reference data and the
// demo world, answers GraphQL and health checks, and stops cleanly when asked.
func TestServeCreatesDatabaseAndAnswers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "swtalent.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	var stdout, stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--db", db, "--addr", "127.0.0.1:0"}, &stdout, &stderr, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("run ended early: %v\n%s", err, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}

	res, err := http.Get("http://" + addr + "/healthz")
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("healthz: %v %v", res, err)
	}
	res.Body.Close()

	body := `{"query":"{ regions(where: {level: TOWNSHIP}) { totalCount } persons { totalCount } }"}`
	res, err = http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(raw), `"regions":{"totalCount":17}`) || strings.Contains(string(raw), `"persons":{"totalCount":0}`) {
		t.Fatalf("unexpected answer: %s", raw)
	}
	if !strings.Contains(stdout.String(), "/graphql") || !strings.Contains(stdout.String(), "demo") {
		t.Fatalf("start-up output lacks the URLs or the demo note:\n%s", stdout.String())
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("shutdown: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
}

// migrate can run again and again; unknown commands and misplaced commands are refused.
func TestMigrateIsRepeatableAndCommandsAreChecked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "swtalent.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--db", db}, &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"migrate", "--db", db}, &out, io.Discard, nil); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if err := run(context.Background(), []string{"frobnicate", "--db", db}, &out, io.Discard, nil); err == nil {
		t.Fatal("an unknown command should fail")
	}
	if err := run(context.Background(), []string{"--db", db, "migrate"}, &out, io.Discard, nil); err == nil {
		t.Fatal("a command after the flags should be refused, not ignored")
	}
}
