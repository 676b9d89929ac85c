package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
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
		done <- run(ctx, []string{"--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), &stdout, &stderr, func(a string) { addrc <- a })
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

	body := `{"query":"{ regions(where: {level: TOWNSHIP}) { totalCount } doubling { certifiedSeries(fromYear: 2025, toYear: 2025) { total } } }"}`
	res, err = http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(raw), `"regions":{"totalCount":17}`) || strings.Contains(string(raw), `"total":0`) {
		t.Fatalf("unexpected answer: %s", raw)
	}
	if !strings.Contains(stdout.String(), "/graphql") || !strings.Contains(stdout.String(), "demo admin account: username admin, password ") {
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
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	if err := run(context.Background(), []string{"frobnicate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err == nil {
		t.Fatal("an unknown command should fail")
	}
	if err := run(context.Background(), []string{"--db", db, "migrate"}, strings.NewReader(""), &out, io.Discard, nil); err == nil {
		t.Fatal("a command after the flags should be refused, not ignored")
	}
}

// The first admin is created from the command line with the password on standard input.
func TestAdminCreateReadsPasswordFromStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "swtalent.db")
	var out bytes.Buffer
	ctx := context.Background()
	err := run(ctx, []string{"admin", "create", "--username", "chief", "--db", db}, strings.NewReader("a long enough secret\n"), &out, io.Discard, nil)
	if err != nil || !strings.Contains(out.String(), "created ADMIN account chief") {
		t.Fatalf("admin create: %v, %q", err, out.String())
	}
	if strings.Contains(out.String(), "a long enough secret") {
		t.Fatal("the password was echoed")
	}
	if err := run(ctx, []string{"admin", "create", "--username", "chief", "--db", db}, strings.NewReader("another long secret\n"), &out, io.Discard, nil); err == nil {
		t.Fatal("a second account with the same username was created")
	}
	if err := run(ctx, []string{"admin", "create", "--username", "short", "--db", db}, strings.NewReader("short\n"), &out, io.Discard, nil); err == nil {
		t.Fatal("a too short password was accepted")
	}
	if err := run(ctx, []string{"admin", "create", "--db", db}, strings.NewReader("a long enough secret\n"), &out, io.Discard, nil); err == nil {
		t.Fatal("admin create without --username succeeded")
	}
}

// A SQLite database gets a key file beside it on first start (mode 0600), reused afterwards;
// PostgreSQL refuses to start without a key, so instances sharing a database cannot diverge.
func TestDataKey(t *testing.T) {
	t.Setenv("SWTALENT_DATA_KEY", "")
	dir := t.TempDir()
	db := filepath.Join(dir, "swtalent.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(db + ".key")
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v %v", info, err)
	}
	key, _ := os.ReadFile(db + ".key")
	if strings.Contains(out.String(), strings.TrimSpace(string(key))) {
		t.Fatal("the key was printed")
	}
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatalf("second start with the same key file: %v", err)
	}
	err = run(context.Background(), []string{"migrate", "--db", "postgres://postgres@127.0.0.1:1/none"}, strings.NewReader(""), &out, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "data key") {
		t.Fatalf("PostgreSQL without a key: %v", err)
	}
}

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "swtalent.db")
	var out bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"backup", "--db", db, "--out", filepath.Join(dir, "copy.db")}, strings.NewReader(""), &out, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "integrity check ok") || !strings.Contains(out.String(), "regions") {
		t.Fatalf("backup output: %s", out.String())
	}
	if err := run(context.Background(), []string{"backup", "--db", db}, strings.NewReader(""), &out, io.Discard, nil); err == nil {
		t.Fatal("backup without --out succeeded")
	}
}

// A local setting that cannot be used stops the start, naming it.
func TestBadSettingRefusesToStart(t *testing.T) {
	t.Setenv("SWTALENT_PERSONNEL_COST_SHARE", "80%")
	db := filepath.Join(t.TempDir(), "swtalent.db")
	err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), io.Discard, io.Discard, nil)
	if err == nil || !strings.Contains(err.Error(), "PERSONNEL_COST_SHARE") {
		t.Fatalf("started with a bad setting: %v", err)
	}
	t.Setenv("SWTALENT_PERSONNEL_COST_SHARE", "0.75")
	if err := run(context.Background(), []string{"migrate", "--db", db}, strings.NewReader(""), io.Discard, io.Discard, nil); err != nil {
		t.Fatalf("a good setting: %v", err)
	}
}

// serve --until loads the demo world generated for that day: its activity reaches the end of the
// month before, so the plan's allowance coverage on the day measures that month. A bad or future
// day is refused before any database is created.
func TestServeDemoUntil(t *testing.T) {
	dir := t.TempDir()
	for _, bad := range []string{"2026-02-30", "2999-01-01"} {
		db := filepath.Join(dir, "bad.db")
		err := run(context.Background(), []string{"--db", db, "--addr", "127.0.0.1:0", "--until", bad}, strings.NewReader(""), io.Discard, io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "--until") {
			t.Fatalf("--until %s: %v", bad, err)
		}
		if _, err := os.Stat(db); !os.IsNotExist(err) {
			t.Fatalf("--until %s created the database (%v)", bad, err)
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"--db", filepath.Join(dir, "swtalent.db"), "--addr", "127.0.0.1:0", "--until", "2026-03-15"},
			strings.NewReader(""), io.Discard, &stderr, func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("run ended early: %v\n%s", err, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatal("server did not start")
	}
	body := `{"query":"{ plan(asOf: \"2026-03-15\") { initiatives { indicators { key period { label fallback } } } } }"}`
	res, err := http.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(raw), `{"key":"allowance_coverage","period":{"label":"2026-02","fallback":false}}`) {
		t.Fatalf("allowance coverage on 2026-03-15 does not measure February 2026: %s", raw)
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

// --top-region (SWTALENT_TOP_REGION): auto reads the database's regions, "" is the whole country,
// a code must be a region's; a bad one stops the start, naming the flag.
func TestTopRegionSetting(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "swtalent.db")
	if err := run(ctx, []string{"migrate", "--db", db}, strings.NewReader(""), io.Discard, io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	for setting, want := range map[string]string{"auto": "361126000000", "": "", "360000000000": "360000000000"} {
		d, cfg, err := openDB(ctx, db, "", setting, io.Discard)
		if err != nil {
			t.Fatalf("--top-region %q: %v", setting, err)
		}
		d.Close()
		if cfg.TopRegion != want {
			t.Errorf("--top-region %q: top region %q, want %q", setting, cfg.TopRegion, want)
		}
	}
	for _, bad := range []string{"361127000000", "36"} {
		err := run(ctx, []string{"migrate", "--db", db, "--top-region", bad}, strings.NewReader(""), io.Discard, io.Discard, nil)
		if err == nil || !strings.Contains(err.Error(), "--top-region") {
			t.Errorf("--top-region %s: %v", bad, err)
		}
	}
	t.Setenv("SWTALENT_TOP_REGION", "361127000000")
	if err := run(ctx, []string{"migrate", "--db", db}, strings.NewReader(""), io.Discard, io.Discard, nil); err == nil {
		t.Error("SWTALENT_TOP_REGION naming no region was accepted")
	}
}
